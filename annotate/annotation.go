package annotate

import (
	"sort"
	"time"
)

// Segment is a piece of text: a quote's content part or its cue.
type Segment struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Entity is an entity span: a labelled range of a document's text.
type Entity struct {
	ID         int64
	DocumentID int64
	Start, End int    // code points, half-open
	Label      string // an entity label of the schema
	Text       string // the covered text: doc.Text[Start:End] in code points
	Annotator  string
	Note       string
	Created    time.Time
	Updated    time.Time
	ActorID    int64 // the actor this mention refers to; 0 for none
}

// Quote is a quotation: what was said (one or more content segments, in text
// order), who said it (Speaker, an entity of the same document, 0 for none)
// and the cue that introduces it.
type Quote struct {
	ID         int64
	DocumentID int64
	Kind       QuoteKind
	Content    []Segment
	Cue        *Segment
	SpeakerID  int64
	Annotator  string
	Note       string
	Created    time.Time
	Updated    time.Time
}

// Start returns the start of the quote's first content segment.
func (q *Quote) Start() int {
	if len(q.Content) == 0 {
		return 0
	}
	return q.Content[0].Start
}

// SortSegments orders the content segments by position.
func (q *Quote) SortSegments() {
	sort.Slice(q.Content, func(i, j int) bool { return q.Content[i].Start < q.Content[j].Start })
}

// Relation is a typed, directed link from a head entity to a tail entity.
type Relation struct {
	ID         int64
	DocumentID int64
	Type       string
	HeadID     int64
	TailID     int64
	Annotator  string
	Note       string
	Created    time.Time
	Updated    time.Time
}

// Annotations are all the annotations of one document, each list sorted by
// position (entities by Start then End descending; quotes by first segment;
// relations by id).
type Annotations struct {
	Entities  []Entity
	Quotes    []Quote
	Relations []Relation
	// Actors are the actors the entities link to, by id.
	Actors []Actor
}

// Actor returns the linked actor with id.
func (a *Annotations) Actor(id int64) (*Actor, bool) {
	for i := range a.Actors {
		if a.Actors[i].ID == id {
			return &a.Actors[i], true
		}
	}
	return nil, false
}

// Count returns the number of annotations.
func (a *Annotations) Count() int { return len(a.Entities) + len(a.Quotes) + len(a.Relations) }

// Entity returns the entity with id.
func (a *Annotations) Entity(id int64) (*Entity, bool) {
	for i := range a.Entities {
		if a.Entities[i].ID == id {
			return &a.Entities[i], true
		}
	}
	return nil, false
}

// Sort puts every list in its canonical order.
func (a *Annotations) Sort() {
	sort.SliceStable(a.Entities, func(i, j int) bool { return EntityLess(&a.Entities[i], &a.Entities[j]) })
	for i := range a.Quotes {
		a.Quotes[i].SortSegments()
	}
	sort.SliceStable(a.Quotes, func(i, j int) bool {
		x, y := &a.Quotes[i], &a.Quotes[j]
		if x.Start() != y.Start() {
			return x.Start() < y.Start()
		}
		return x.ID < y.ID
	})
	sort.SliceStable(a.Relations, func(i, j int) bool { return a.Relations[i].ID < a.Relations[j].ID })
}

// EntityLess is the canonical entity order: by start, longer first, then by
// label and id, so an enclosing span comes before the spans nested in it.
func EntityLess(x, y *Entity) bool {
	if x.Start != y.Start {
		return x.Start < y.Start
	}
	if x.End != y.End {
		return x.End > y.End
	}
	if x.Label != y.Label {
		return x.Label < y.Label
	}
	return x.ID < y.ID
}

// EntityUpdate changes an entity; nil fields stay.
type EntityUpdate struct {
	Label *string
	Note  *string
}

// QuoteUpdate changes a quote; nil fields stay. ClearSpeaker and ClearCue
// remove the link (a nil pointer cannot say that).
type QuoteUpdate struct {
	Kind         *QuoteKind
	Content      []Segment // nil = unchanged; else the new complete list
	Cue          *Segment
	ClearCue     bool
	SpeakerID    *int64
	ClearSpeaker bool
	Note         *string
}

// RelationUpdate changes a relation; nil fields stay. Reverse swaps head and
// tail.
type RelationUpdate struct {
	Type    *string
	Reverse bool
	Note    *string
}

// DeleteResult says what a delete removed, including links it cascaded to.
type DeleteResult struct {
	Entities  int
	Quotes    int
	Relations int
	Speakers  int // quotes whose speaker link was removed
}
