package annotate

import (
	"slices"
	"strconv"
	"time"
)

// RecordBuilder makes records exactly as NewRecord does, for callers that
// convert many documents in a row (exports): it keeps its working memory
// between calls, skips the copy and sort when the annotations already come
// in canonical order (as a store's export query delivers them), and formats
// each distinct time once rather than once per annotation. The records it
// returns share nothing with the builder, so they may outlive the next call.
// A RecordBuilder is not safe for concurrent use; its zero value is ready.
type RecordBuilder struct {
	sorted Annotations // scratch copy, when the input needs sorting
	refs   []entityRef // entity store id -> record id, sorted by store id
	times  [2]timeText // the last times formatted
	next   int         // which entry of times to replace
	// actorIDs numbers actors in order of first use across every record
	// built, so one export file names each actor with one id.
	actorIDs map[int64]string
}

// entityRef maps an entity's store id to its position in the record.
type entityRef struct {
	id  int64
	pos int
}

type timeText struct {
	t    time.Time
	text string
}

// Build converts a stored document and its annotations into a record, like
// NewRecord. ann is not modified unless it is out of canonical order, in
// which case quote segments are sorted in place as NewRecord does.
func (b *RecordBuilder) Build(doc *Document, ann *Annotations) *Record {
	rec := &Record{
		ID:       doc.ExternalID,
		Text:     doc.Text,
		Meta:     doc.Meta,
		Status:   doc.Status,
		Imported: b.format(doc.ImportedAt),
		Debris:   doc.Debris,
	}
	var a *Annotations
	switch {
	case ann == nil:
		a = &Annotations{}
	case inCanonicalOrder(ann):
		a = ann
	default:
		b.sorted.Entities = append(b.sorted.Entities[:0], ann.Entities...)
		b.sorted.Quotes = append(b.sorted.Quotes[:0], ann.Quotes...)
		b.sorted.Relations = append(b.sorted.Relations[:0], ann.Relations...)
		b.sorted.Sort()
		a = &b.sorted
		defer b.release()
	}
	rec.Entities = make([]RecordEntity, len(a.Entities))
	for i := range a.Entities {
		e := &a.Entities[i]
		rec.Entities[i] = RecordEntity{
			ID: numberedID('T', i+1), Start: e.Start, End: e.End, Label: e.Label, Text: e.Text,
			Annotator: e.Annotator, Note: e.Note, Created: b.format(e.Created), Updated: b.format(e.Updated),
		}
	}
	if ann != nil && len(ann.Actors) > 0 {
		b.addActors(rec, a.Entities, ann.Actors)
	}
	b.indexEntities(a.Entities)
	rec.Quotes = make([]RecordQuote, len(a.Quotes))
	for i := range a.Quotes {
		q := &a.Quotes[i]
		rec.Quotes[i] = RecordQuote{
			ID: numberedID('Q', i+1), Kind: q.Kind, Content: q.Content, Cue: q.Cue,
			Speaker: b.entityID(rec, q.SpeakerID), Annotator: q.Annotator, Note: q.Note,
			Created: b.format(q.Created), Updated: b.format(q.Updated),
		}
	}
	rec.Relations = make([]RecordRelation, len(a.Relations))
	for i := range a.Relations {
		r := &a.Relations[i]
		rec.Relations[i] = RecordRelation{
			ID: numberedID('R', i+1), Type: r.Type, Head: b.entityID(rec, r.HeadID), Tail: b.entityID(rec, r.TailID),
			Annotator: r.Annotator, Note: r.Note, Created: b.format(r.Created), Updated: b.format(r.Updated),
		}
	}
	return rec
}

// release drops the scratch copy's references to the caller's strings and
// segments, so the builder does not keep a large document alive.
func (b *RecordBuilder) release() {
	clear(b.sorted.Entities)
	clear(b.sorted.Quotes)
	clear(b.sorted.Relations)
}

// inCanonicalOrder reports whether Annotations.Sort would leave a unchanged.
// Sort is stable, so runs of equal keys count as ordered; segments are
// sorted by an unstable sort, so they must strictly increase.
func inCanonicalOrder(a *Annotations) bool {
	for i := 1; i < len(a.Entities); i++ {
		if EntityLess(&a.Entities[i], &a.Entities[i-1]) {
			return false
		}
	}
	for i := range a.Quotes {
		c := a.Quotes[i].Content
		for j := 1; j < len(c); j++ {
			if c[j].Start <= c[j-1].Start {
				return false
			}
		}
		if i > 0 {
			x, y := &a.Quotes[i-1], &a.Quotes[i]
			if y.Start() < x.Start() || (y.Start() == x.Start() && y.ID < x.ID) {
				return false
			}
		}
	}
	for i := 1; i < len(a.Relations); i++ {
		if a.Relations[i].ID < a.Relations[i-1].ID {
			return false
		}
	}
	return true
}

// indexEntities prepares entityID for the entities of one record.
func (b *RecordBuilder) indexEntities(ents []Entity) {
	b.refs = b.refs[:0]
	for i := range ents {
		b.refs = append(b.refs, entityRef{id: ents[i].ID, pos: i})
	}
	slices.SortFunc(b.refs, func(x, y entityRef) int {
		if x.id != y.id {
			if x.id < y.id {
				return -1
			}
			return 1
		}
		return x.pos - y.pos
	})
}

// entityID returns the record id of the entity with store id id, "" when
// there is none. Like NewRecord's map, the last entity with that id wins.
func (b *RecordBuilder) entityID(rec *Record, id int64) string {
	refs := b.refs
	// The first ref past id; the one before it is the last with id, if any.
	i, _ := slices.BinarySearchFunc(refs, id+1, func(r entityRef, want int64) int {
		if r.id < want {
			return -1
		}
		if r.id > want {
			return 1
		}
		return 0
	})
	if i == 0 || refs[i-1].id != id {
		return ""
	}
	return rec.Entities[refs[i-1].pos].ID
}

// format is FormatTime with a small cache: an export's annotations mostly
// share a handful of times (rows written in one transaction).
func (b *RecordBuilder) format(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	for i := range b.times {
		// Seconds and nanoseconds, not Equal: Equal compares monotonic
		// readings when both times have one.
		if c := &b.times[i]; c.text != "" && c.t.Unix() == t.Unix() && c.t.Nanosecond() == t.Nanosecond() {
			return c.text
		}
	}
	s := FormatTime(t)
	b.times[b.next] = timeText{t: t, text: s}
	b.next = (b.next + 1) % len(b.times)
	return s
}

// smallIDs holds "T1".."T255" and the like, so most ids cost no allocation.
var smallIDs = func() (ids [3][256]string) {
	for k, p := range "TQR" {
		for n := 1; n < 256; n++ {
			ids[k][n] = string(p) + strconv.Itoa(n)
		}
	}
	return ids
}()

// numberedID returns prefix followed by n (n >= 1), e.g. "T3".
func numberedID(prefix byte, n int) string {
	k := 0
	switch prefix {
	case 'Q':
		k = 1
	case 'R':
		k = 2
	}
	if n < len(smallIDs[k]) {
		return smallIDs[k][n]
	}
	return string(prefix) + strconv.Itoa(n)
}

// addActors sets the entities' actor ids and lists the actors they use,
// in the order of their ids' numbers. Lookups go through maps: a long
// article links thousands of mentions to hundreds of actors.
func (b *RecordBuilder) addActors(rec *Record, ents []Entity, actors []Actor) {
	if b.actorIDs == nil {
		b.actorIDs = map[int64]string{}
	}
	byID := make(map[int64]*Actor, len(actors))
	for i := range actors {
		byID[actors[i].ID] = &actors[i]
	}
	type used struct {
		n int
		a *Actor
	}
	var list []used
	listed := map[int64]bool{}
	for i := range ents {
		id := ents[i].ActorID
		a, ok := byID[id]
		if id == 0 || !ok {
			continue
		}
		ref, ok := b.actorIDs[id]
		if !ok {
			ref = "A" + strconv.Itoa(len(b.actorIDs)+1)
			b.actorIDs[id] = ref
		}
		rec.Entities[i].Actor = ref
		if !listed[id] {
			listed[id] = true
			n, _ := strconv.Atoi(ref[1:])
			list = append(list, used{n, a})
		}
	}
	slices.SortFunc(list, func(x, y used) int { return x.n - y.n })
	for _, u := range list {
		rec.Actors = append(rec.Actors, RecordActor{ID: b.actorIDs[u.a.ID], Name: u.a.Name, Label: u.a.Label,
			Aliases: nonEmpty(u.a.Aliases), KBID: u.a.KBID, Note: u.a.Note})
	}
}

func nonEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}
