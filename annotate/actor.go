package annotate

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Actor is a corpus-wide registry entry: one person or organisation across
// every article. Entity mentions link to it (Entity.ActorID); a quote's
// speaker resolves to the actor of its speaker mention.
type Actor struct {
	ID      int64
	Name    string   // canonical name
	Label   string   // an entity label of the schema (PERSON, ORG, ...)
	Aliases []string // other names, in the order they were added
	KBID    string   // optional external id, e.g. the Wikidata QID "Q193570"; stored, never fetched
	Note    string
	Created time.Time
	Updated time.Time
}

// ActorSummary is an actor with the number of mentions linked to it and of
// quotes whose speaker is one of those mentions.
type ActorSummary struct {
	Actor
	Mentions int
	Quotes   int
}

// ActorUpdate changes an actor; nil fields stay (Aliases nil = unchanged,
// empty = none).
type ActorUpdate struct {
	Name    *string
	Label   *string
	Aliases []string
	KBID    *string
	Note    *string
}

// ActorQuote is one quote attributed to an actor, with the document it
// appears in: a row of "who said what".
type ActorQuote struct {
	ActorID    int64
	ActorName  string
	QuoteID    int64
	DocumentID int64
	ExternalID string
	Title      string
	Source     string
	Published  string
	Kind       QuoteKind
	Content    []Segment
	Cue        *Segment
}

// QuoteSeparator joins the segments of a split quote in "who said what".
const QuoteSeparator = " … "

// Text returns the quote's content, segments joined with QuoteSeparator.
func (q *ActorQuote) Text() string {
	parts := make([]string, len(q.Content))
	for i, s := range q.Content {
		parts[i] = s.Text
	}
	return strings.Join(parts, QuoteSeparator)
}

// Start and End are the code-point range from the first content segment's
// start to the last one's end.
func (q *ActorQuote) Start() int {
	if len(q.Content) == 0 {
		return 0
	}
	return q.Content[0].Start
}

// End: see Start.
func (q *ActorQuote) End() int {
	if len(q.Content) == 0 {
		return 0
	}
	return q.Content[len(q.Content)-1].End
}

// QuoteFilter selects attributed quotes. Since and Until are dates
// (YYYY-MM-DD) compared with the day of the document's published date,
// both inclusive; documents without a date pass only when neither is set.
type QuoteFilter struct {
	ActorID int64 // 0 = every actor
	Since   string
	Until   string
	Limit   int // 0 = no limit
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// Validate checks the dates.
func (f QuoteFilter) Validate() error {
	for _, d := range []struct{ name, v string }{{"since", f.Since}, {"until", f.Until}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", d.v); err != nil || !dateRE.MatchString(d.v) {
			return Errorf(EINVALID, "%s date %q is not a date like 2023-05-26", d.name, d.v)
		}
	}
	return nil
}

// ActorService keeps the actor registry. Registry changes (create, update,
// delete, merge) are database-wide events that UndoActors and RedoActors
// step through; linking a mention is an event of the mention's document, so
// the document's undo reverts it. Errors: EINVALID, ENOTFOUND, ECONFLICT.
type ActorService interface {
	// Actors lists every actor with its counts, by name.
	Actors(ctx context.Context) ([]ActorSummary, error)
	// FindActor returns one actor. ENOTFOUND.
	FindActor(ctx context.Context, id int64) (*Actor, error)
	// CreateActor validates and stores a, filling ID and times.
	CreateActor(ctx context.Context, a *Actor) error
	UpdateActor(ctx context.Context, id int64, upd ActorUpdate) (*Actor, error)
	// DeleteActor removes an actor and unlinks its mentions.
	DeleteActor(ctx context.Context, id int64) error
	// MergeActors moves every mention of drop to keep, adds drop's name
	// and aliases to keep's aliases (and its external id when keep has
	// none) and deletes drop, in one undoable action. It returns keep.
	MergeActors(ctx context.Context, keep, drop int64) (*Actor, error)
	// LinkMention links the entity to an actor; actorID 0 unlinks it
	// (splits the mention off). One event of the entity's document.
	LinkMention(ctx context.Context, entityID, actorID int64) (*Entity, error)
	// ActorQuotes calls fn with every quote whose speaker is linked to an
	// actor (to f.ActorID, when set), newest published first.
	ActorQuotes(ctx context.Context, f QuoteFilter, fn func(*ActorQuote) error) error
	// UndoActors reverts the latest registry change not yet undone; nil
	// when there is none. RedoActors re-applies the latest undone one.
	UndoActors(ctx context.Context) (*Event, error)
	RedoActors(ctx context.Context) (*Event, error)
}

// Registry event actions.
const (
	ActionCreateActor = "create_actor"
	ActionUpdateActor = "update_actor"
	ActionDeleteActor = "delete_actor"
	ActionMergeActors = "merge_actors"
	ActionLinkMention = "link_actor"
)

// CleanActor trims and checks an actor before it is stored: a name, a label
// of the schema, aliases without blanks or duplicates (nor the name itself).
func CleanActor(a *Actor, schema *Schema) error {
	a.Name = strings.TrimSpace(a.Name)
	a.KBID = strings.TrimSpace(a.KBID)
	if a.Name == "" {
		return Errorf(EINVALID, "an actor needs a name")
	}
	if strings.ContainsAny(a.Name, "\n\r\t") || strings.ContainsAny(a.KBID, "\n\r\t ") {
		return Errorf(EINVALID, "actor %q: the name and external id must be one line", a.Name)
	}
	if schema != nil {
		if _, ok := schema.Label(a.Label); !ok {
			return Errorf(EINVALID, "actor %q: label %q is not in the schema", a.Name, a.Label)
		}
	}
	a.Aliases = CleanAliases(a.Name, a.Aliases)
	return nil
}

// CleanAliases trims aliases and drops blanks, line breaks, repeats and the
// name itself, keeping the first spelling of each.
func CleanAliases(name string, aliases []string) []string {
	seen := map[string]bool{strings.ToLower(name): true}
	out := []string{}
	for _, al := range aliases {
		al = strings.Join(strings.Fields(al), " ")
		k := strings.ToLower(al)
		if al == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, al)
	}
	return out
}

// Apply applies the update to a.
func (u ActorUpdate) Apply(a *Actor, schema *Schema) error {
	if u.Name != nil {
		a.Name = *u.Name
	}
	if u.Label != nil {
		a.Label = *u.Label
	}
	if u.Aliases != nil {
		a.Aliases = append([]string(nil), u.Aliases...)
	}
	if u.KBID != nil {
		a.KBID = *u.KBID
	}
	if u.Note != nil {
		a.Note = *u.Note
	}
	return CleanActor(a, schema)
}

// Merged returns keep with drop's name, aliases (and external id and note,
// when keep has none) added: what MergeActors stores.
func Merged(keep, drop *Actor) Actor {
	m := *keep
	m.Aliases = CleanAliases(keep.Name, append(append(append([]string(nil), keep.Aliases...), drop.Name), drop.Aliases...))
	if m.KBID == "" {
		m.KBID = drop.KBID
	}
	if m.Note == "" {
		m.Note = drop.Note
	}
	return m
}

// ActorSummaryText names an actor in the history: `PERSON "Sergei Lavrov"`.
func ActorSummaryText(a *Actor) string { return fmt.Sprintf("actor %s %q", a.Label, a.Name) }

// Names returns the name followed by the aliases.
func (a *Actor) Names() []string { return append([]string{a.Name}, a.Aliases...) }

// LinkSummary names a link change in the history: `PERSON "Lavrov" → actor
// "Sergei Lavrov"`, or the unlinking when a is nil.
func LinkSummary(e *Entity, a *Actor) string {
	if a == nil {
		return fmt.Sprintf("%s unlinked from its actor", EntitySummary(e))
	}
	return fmt.Sprintf("%s → actor %q", EntitySummary(e), a.Name)
}

// SortActors orders actors by id.
func SortActors(actors []Actor) {
	sort.Slice(actors, func(i, j int) bool { return actors[i].ID < actors[j].ID })
}
