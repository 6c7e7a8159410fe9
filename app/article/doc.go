// Package article is Byline's article view and editor: a custom Fyne widget
// that shows one document with its entity spans, quotes and relations, and
// turns the analyst's mouse and keyboard actions into store calls.
//
// The widget lays the text out itself and creates canvas objects only for
// the visible lines, so a 100,000-word article stays fast. It never imports
// Fyne's app or storage packages, so its tests run without cgo.
package article

// Kind names what a Ref points at.
type Kind int

// Annotation kinds.
const (
	KindNone Kind = iota
	KindEntity
	KindQuote
	KindRelation
)

// String returns the kind's name, for messages.
func (k Kind) String() string {
	switch k {
	case KindEntity:
		return "entity"
	case KindQuote:
		return "quote"
	case KindRelation:
		return "relation"
	}
	return "none"
}

// Ref points at one annotation of the open document.
type Ref struct {
	Kind Kind
	ID   int64
}

// IsZero reports whether r points at nothing.
func (r Ref) IsZero() bool { return r.Kind == KindNone || r.ID == 0 }

// Binding is one key binding, for the help overlay.
type Binding struct {
	Keys, Description string
}
