package annotate

import (
	"bytes"
	"encoding/json"
	"sort"
	"time"
)

// Status is where a document stands in the analyst's work.
type Status string

// Document statuses.
const (
	StatusTodo       Status = "todo"
	StatusInProgress Status = "in_progress"
	StatusDone       Status = "done"
	StatusSkipped    Status = "skipped"
)

// Statuses lists every status in display order.
var Statuses = []Status{StatusTodo, StatusInProgress, StatusDone, StatusSkipped}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, v := range Statuses {
		if s == v {
			return true
		}
	}
	return false
}

// Meta is a document's metadata. The named fields are the ones Byline
// understands; Extra keeps every other key of the import verbatim so it is
// exported again unchanged.
type Meta struct {
	Title     string
	Source    string
	URL       string
	Author    string
	Published string // as given; ISO 8601 date when known
	Extra     map[string]json.RawMessage
}

var metaKnown = []string{"title", "source", "url", "author", "published"}

func (m *Meta) field(k string) *string {
	switch k {
	case "title":
		return &m.Title
	case "source":
		return &m.Source
	case "url":
		return &m.URL
	case "author":
		return &m.Author
	case "published":
		return &m.Published
	}
	return nil
}

// MarshalJSON writes the known keys first (omitting empty ones), then the
// extra keys in sorted order, so output is deterministic.
func (m Meta) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	first := true
	put := func(k string, v []byte) {
		if !first {
			buf.WriteByte(',')
		}
		first = false
		kb, _ := json.Marshal(k)
		buf.Write(kb)
		buf.WriteByte(':')
		buf.Write(v)
	}
	for _, k := range metaKnown {
		if v := *m.field(k); v != "" {
			vb, err := marshalNoHTML(v)
			if err != nil {
				return nil, err
			}
			put(k, vb)
		}
	}
	keys := make([]string, 0, len(m.Extra))
	for k := range m.Extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		var compact bytes.Buffer
		if err := json.Compact(&compact, m.Extra[k]); err != nil {
			return nil, err
		}
		put(k, compact.Bytes())
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// UnmarshalJSON reads known keys that are strings into their fields and keeps
// everything else (including a known key with a non-string value) in Extra.
func (m *Meta) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*m = Meta{}
	for k, v := range raw {
		m.SetKey(k, v)
	}
	return nil
}

// SetKey stores one metadata key: into its field when Byline knows the key
// and the value is a JSON string, else verbatim in Extra.
func (m *Meta) SetKey(k string, v json.RawMessage) {
	if f := m.field(k); f != nil {
		var s string
		if json.Unmarshal(v, &s) == nil {
			*f = s
			return
		}
	}
	if m.Extra == nil {
		m.Extra = map[string]json.RawMessage{}
	}
	m.Extra[k] = append(json.RawMessage(nil), v...)
}

// IsZero reports whether m has no metadata at all.
func (m Meta) IsZero() bool {
	return m.Title == "" && m.Source == "" && m.URL == "" && m.Author == "" && m.Published == "" && len(m.Extra) == 0
}

// Range is a half-open code-point range of a document's text.
type Range struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Document is one article.
type Document struct {
	ID         int64  // store row id
	ExternalID string // stable id from the import: file name, URL or the "id" field
	Text       string // canonical text; never changes after import
	Meta       Meta
	Status     Status
	ImportedAt time.Time
	Hash       string  // ContentHash(Text)
	Debris     []Range // page-debris ranges flagged at import (may be empty)
}

// Title returns the document's title, or its first words when it has none.
func (d *Document) Title() string {
	if d.Meta.Title != "" {
		return d.Meta.Title
	}
	return Snippet(d.Text, 60)
}

// Snippet returns the first words of text, at most max code points, on one line.
func Snippet(text string, max int) string {
	out := make([]rune, 0, max)
	space := false
	for _, r := range text {
		if r == '\n' || r == '\t' || r == ' ' || r == '\r' {
			space = len(out) > 0
			continue
		}
		if space {
			out = append(out, ' ')
			space = false
		}
		out = append(out, r)
		if len(out) >= max {
			out = append(out, '…')
			break
		}
	}
	return string(out)
}

// DocumentSummary is one row of the document list: no text, only what the
// list shows.
type DocumentSummary struct {
	ID          int64
	ExternalID  string
	Title       string // meta title, or the first words of the text
	Status      Status
	Published   string
	Annotations int // entities + quotes + relations
	Ordinal     int // 1-based import order
}

// SortOrder orders the document list.
type SortOrder string

// Sort orders for the document list.
const (
	SortImport SortOrder = "import"
	SortTitle  SortOrder = "title"
	SortDate   SortOrder = "date"
)

// DocumentFilter selects and pages documents. Zero values mean "any".
type DocumentFilter struct {
	Status *Status
	Search string // full-text match on title and text
	Sort   SortOrder
	Offset int
	Limit  int // 0 = no limit
}

// Progress counts documents by status.
type Progress struct {
	Total    int
	ByStatus map[Status]int
}

// Done returns the number of documents marked done.
func (p Progress) Done() int { return p.ByStatus[StatusDone] }

func marshalNoHTML(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
