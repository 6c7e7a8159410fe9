package annotate

import (
	"context"
	"slices"
	"strconv"
)

// SuggestionKind says what a suggestion proposes.
type SuggestionKind string

// Suggestion kinds.
const (
	SuggestEntity SuggestionKind = "entity"
	SuggestQuote  SuggestionKind = "quote"
	// SuggestLink proposes linking a mention the document already has to
	// an actor whose name or alias it matches.
	SuggestLink SuggestionKind = "link"
)

// SuggestAnnotator is the annotator recorded on suggestions accepted by the
// command line (byline suggest --accept), so they can be filtered or compared.
const SuggestAnnotator = "byline-suggest"

// Suggestion is a proposed entity, quote (with its cue and speaker) or actor
// link, made by rules or string matching. It is never exported or counted as
// an annotation until accepted.
type Suggestion struct {
	Kind SuggestionKind `json:"kind"`
	// Reason says why it was proposed, for the analyst: "quotation marks +
	// 'said'", "according to", "known PERSON".
	Reason string           `json:"reason"`
	Entity *SuggestedEntity `json:"entity,omitempty"`
	Quote  *SuggestedQuote  `json:"quote,omitempty"`
	Link   *SuggestedLink   `json:"link,omitempty"`
}

// ProposedActor is the actor a suggested or existing mention would be
// linked to: its name or an alias matches the mention's text.
type ProposedActor struct {
	ID   int64  `json:"id"`
	Name string `json:"name"` // the actor's canonical name, for display
}

// SuggestedEntity is a proposed entity span.
type SuggestedEntity struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Label string `json:"label"`
	Text  string `json:"text"`
	// Actor, when set, is linked to the new entity on accepting.
	Actor *ProposedActor `json:"actor,omitempty"`
}

// SuggestedLink proposes linking the existing entity EntityID (its span,
// label and text repeated for display) to Actor.
type SuggestedLink struct {
	EntityID int64         `json:"entity_id"`
	Start    int           `json:"start"`
	End      int           `json:"end"`
	Label    string        `json:"label"`
	Text     string        `json:"text"`
	Actor    ProposedActor `json:"actor"`
}

// SuggestedQuote is a proposed quote.
type SuggestedQuote struct {
	Kind    QuoteKind         `json:"kind"`
	Content []Segment         `json:"content"`
	Cue     *Segment          `json:"cue,omitempty"`
	Speaker *SuggestedSpeaker `json:"speaker,omitempty"`
}

// SuggestedSpeaker is who a proposed quote is attributed to: an entity the
// document already has (EntityID) or a new span to create.
type SuggestedSpeaker struct {
	EntityID int64  `json:"entity_id,omitempty"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Label    string `json:"label"`
	Text     string `json:"text"`
	// Pronoun is the pronoun in the text ("he") when the speaker was found
	// by going back from it to the nearest earlier fitting entity.
	Pronoun *Segment `json:"pronoun,omitempty"`
	// Actor, when set, is linked to a new speaker span on accepting.
	Actor *ProposedActor `json:"actor,omitempty"`
}

// Start returns where the suggestion begins in the text (code points).
func (s *Suggestion) Start() int {
	if s.Quote != nil && len(s.Quote.Content) > 0 {
		return s.Quote.Content[0].Start
	}
	if s.Entity != nil {
		return s.Entity.Start
	}
	if s.Link != nil {
		return s.Link.Start
	}
	return 0
}

// End returns where the suggestion ends (its last content segment's end).
func (s *Suggestion) End() int {
	if s.Quote != nil && len(s.Quote.Content) > 0 {
		return s.Quote.Content[len(s.Quote.Content)-1].End
	}
	if s.Entity != nil {
		return s.Entity.End
	}
	if s.Link != nil {
		return s.Link.End
	}
	return 0
}

// Summary describes the suggestion in a few words, for event logs and lists.
func (s *Suggestion) Summary() string {
	if s.Entity != nil {
		return "suggested " + s.Entity.Label + " " + QuotedSnippet(s.Entity.Text)
	}
	if s.Link != nil {
		return "suggested link " + QuotedSnippet(s.Link.Text) + " → actor " + QuotedSnippet(s.Link.Actor.Name)
	}
	if s.Quote != nil && len(s.Quote.Content) > 0 {
		return "suggested quote " + QuotedSnippet(s.Quote.Content[0].Text)
	}
	return "suggestion"
}

// NameCount is how often the corpus has a text marked with a label.
type NameCount struct {
	Text  string
	Label string
	Count int
}

// Accepted is what accepting a suggestion stored.
type Accepted struct {
	Entity *Entity // the new entity or the quote's new speaker span (or, for a link, the linked mention); nil when none
	Quote  *Quote  // the new quote; nil for an entity suggestion
}

// SuggestionService keeps suggestions for review and remembers rejections.
type SuggestionService interface {
	// SaveSuggestions replaces the document's stored suggestions (computed
	// headless, reviewed later in the window). ENOTFOUND.
	SaveSuggestions(ctx context.Context, docID int64, s []Suggestion) error
	// Suggestions returns the document's stored suggestions in text order.
	Suggestions(ctx context.Context, docID int64) ([]Suggestion, error)
	// RejectSuggestion remembers that key was rejected in the document and
	// drops it from the stored suggestions.
	RejectSuggestion(ctx context.Context, docID int64, key string) error
	// Rejections returns the keys rejected in the document.
	Rejections(ctx context.Context, docID int64) (map[string]bool, error)
	// AcceptSuggestion stores s as annotations in one transaction and one
	// undoable event (action "accept_suggestion", the suggestion's reason in
	// its summary): the entity, or the quote with its new speaker span when
	// the speaker is not an existing entity; a new entity with a proposed
	// actor is linked to it when it has the actor's label (PlanAccept); a
	// link suggestion links its existing mention.
	// annotator "" means the session's. The stored suggestions it uses up
	// (Suggestion.UsesUp: itself, or a name proposed for its span with
	// another label) are dropped, and undo restores them. EINVALID, ECONFLICT, ENOTFOUND (the mention or the actor
	// is gone).
	AcceptSuggestion(ctx context.Context, docID int64, s *Suggestion, annotator string) (*Accepted, error)
	// AcceptSuggestions accepts the list in order, as AcceptSuggestion does
	// each, in one transaction and one undoable event (action
	// "accept_suggestions"): one that an earlier one made redundant or that
	// no longer fits (ECONFLICT, EINVALID on its own) is skipped and left
	// stored. It returns what was stored per accepted suggestion, in list
	// order; nothing accepted records no event. Undo takes back the
	// annotations and links and restores the stored suggestions dropped.
	// ENOTFOUND, or the first error other than a skip.
	AcceptSuggestions(ctx context.Context, docID int64, list []Suggestion, annotator string) ([]Accepted, error)
	// EntityNames counts every marked entity text per label across the
	// corpus: what string-matching suggestions propose again.
	EntityNames(ctx context.Context) ([]NameCount, error)
	// NamesRevision returns a number that grows with every entity stored
	// (also by import), every actor created, and every recorded action that
	// can change an entity or an actor and every undo or redo of one (not
	// of the NamesKeepingActions), in any process: while it stays the same,
	// EntityNames and Actors read the same as before. Cheap: no table is
	// scanned.
	NamesRevision(ctx context.Context) (int64, error)
}

// NamesKeepingActions are the recorded actions that change no entity and
// no actor (an import that brings entities or actors moves their ids on),
// so NamesRevision passes over them and their undo and redo: reviewing a
// corpus rejects far more often than it changes names.
var NamesKeepingActions = []string{"reject_suggestion", "set_status", "import"}

// KeepsNames reports whether action is one of NamesKeepingActions.
func KeepsNames(action string) bool { return slices.Contains(NamesKeepingActions, action) }

// AcceptPlan is what accepting a suggestion creates: a new entity (the
// suggested entity, or a quote's new speaker span, with ActorID set when an
// actor is proposed) and a quote. When both are set the quote's speaker is
// the new entity, once the store has its id. Link is set for a link
// suggestion alone: the existing mention to link and the actor.
type AcceptPlan struct {
	Entity *Entity
	Quote  *Quote
	Link   *PlannedLink
}

// PlannedLink links an existing mention to an actor.
type PlannedLink struct {
	EntityID, ActorID int64
}

// PlanAccept checks a suggestion against the document text and schema and
// returns what accepting it creates; both stores use it. actor looks a
// proposed actor up in the registry (ENOTFOUND when it is gone): a new
// entity is linked to it only when the entity's label is the actor's, so a
// name proposed as a PERSON actor but accepted as ORG stays unlinked.
// EINVALID, ENOTFOUND.
func PlanAccept(x *TextIndex, s *Schema, docID int64, sg *Suggestion, actor func(id int64) (*Actor, error)) (*AcceptPlan, error) {
	newEntity := func(start, end int, label, text string, proposed *ProposedActor) (*Entity, error) {
		e := &Entity{DocumentID: docID, Start: start, End: end, Label: label, Text: text}
		if err := ValidateEntity(x, s, e); err != nil {
			return nil, err
		}
		if proposed != nil && proposed.ID != 0 {
			a, err := actor(proposed.ID)
			if err != nil {
				return nil, err
			}
			if a.Label == label {
				e.ActorID = a.ID
			}
		}
		return e, nil
	}
	plan := &AcceptPlan{}
	var err error
	switch {
	case sg.Kind == SuggestEntity && sg.Entity != nil:
		plan.Entity, err = newEntity(sg.Entity.Start, sg.Entity.End, sg.Entity.Label, sg.Entity.Text, sg.Entity.Actor)
	case sg.Kind == SuggestQuote && sg.Quote != nil:
		sq := sg.Quote
		q := &Quote{DocumentID: docID, Kind: sq.Kind, Content: append([]Segment(nil), sq.Content...)}
		if sq.Cue != nil {
			cue := *sq.Cue
			q.Cue = &cue
		}
		if sp := sq.Speaker; sp != nil {
			if sp.EntityID != 0 {
				q.SpeakerID = sp.EntityID
			} else if _, ok := s.Label(sp.Label); ok {
				plan.Entity, err = newEntity(sp.Start, sp.End, sp.Label, sp.Text, sp.Actor)
			} // a label the schema lacks: the quote is kept without its speaker
		}
		plan.Quote = q
	case sg.Kind == SuggestLink && sg.Link != nil:
		if sg.Link.EntityID == 0 || sg.Link.Actor.ID == 0 {
			return nil, Errorf(EINVALID, "the link suggestion names no mention or no actor")
		}
		plan.Link = &PlannedLink{EntityID: sg.Link.EntityID, ActorID: sg.Link.Actor.ID}
	default:
		return nil, Errorf(EINVALID, "the suggestion proposes nothing")
	}
	return plan, err
}

// SkipsAccept reports whether accepting every suggestion passes over one
// that failed with err: an earlier one made it redundant (ECONFLICT) or it
// no longer fits the text or schema (EINVALID).
func SkipsAccept(err error) bool {
	c := ErrorCode(err)
	return c == ECONFLICT || c == EINVALID
}

// AcceptedSummary names suggestions accepted together, for the event log.
func AcceptedSummary(list []*Suggestion) string {
	if len(list) == 1 {
		return list[0].Summary() + " (" + list[0].Reason + ")"
	}
	return strconv.Itoa(len(list)) + " suggestions"
}
