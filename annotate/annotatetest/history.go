package annotatetest

import (
	"context"
	"encoding/json"
	"strconv"

	"byline/annotate"
)

// docState is everything of a document an action can change. Undo and redo
// put a whole earlier state back, which restores deleted annotations with
// their ids.
type docState struct {
	ann    *annotate.Annotations
	status annotate.Status
	text   string
	debris []annotate.Range
}

type memEvent struct {
	ev            annotate.Event
	discarded     bool // undone, then a new action started another branch
	before, after docState
	// undo and redo, when set, also move what lies outside docState (a
	// suggestion's rejection).
	undo, redo func()
}

func itoa(n int) string { return strconv.Itoa(n) }

func (d *memDoc) state() docState {
	return docState{ann: d.ann, status: d.doc.Status, text: d.doc.Text, debris: d.doc.Debris}
}

func (m *MemStore) apply(d *memDoc, st docState) {
	d.ann, d.doc.Status = st.ann, st.status
	if st.text != d.doc.Text {
		d.doc.Text, d.doc.Hash = st.text, annotate.ContentHash(st.text)
		d.words = nil
		m.rehash()
	}
	d.doc.Debris = st.debris
}

// rehash rebuilds the duplicate index after a text changed: a hash names
// its first document, as the SQLite store's min(id) does.
func (m *MemStore) rehash() {
	m.byHash = make(map[string]int64, len(m.docs))
	for _, d := range m.docs {
		if _, ok := m.byHash[d.doc.Hash]; !ok {
			m.byHash[d.doc.Hash] = d.doc.ID
		}
	}
}

func cloneAnnotations(a *annotate.Annotations) *annotate.Annotations {
	c := &annotate.Annotations{
		Entities:  append([]annotate.Entity{}, a.Entities...),
		Quotes:    make([]annotate.Quote, 0, len(a.Quotes)),
		Relations: append([]annotate.Relation{}, a.Relations...),
	}
	for i := range a.Quotes {
		c.Quotes = append(c.Quotes, *cloneQuote(&a.Quotes[i]))
	}
	return c
}

func cloneQuote(q *annotate.Quote) *annotate.Quote {
	c := *q
	c.Content = append([]annotate.Segment(nil), q.Content...)
	if q.Cue != nil {
		cue := *q.Cue
		c.Cue = &cue
	}
	return &c
}

// change runs fn on a copy of the document's state and, when it succeeds,
// stores the result as one recorded action. fn returns what the event keeps
// as its before and after JSON (nil for none).
func (m *MemStore) change(d *memDoc, action, summary string, fn func(st *docState) (before, after any, err error)) error {
	before := d.state()
	next := before
	next.ann = cloneAnnotations(before.ann)
	b, a, err := fn(&next)
	if err != nil {
		return err
	}
	next.ann.Sort()
	m.apply(d, next)
	m.record(d.doc.ID, action, summary, b, a, before, next)
	return nil
}

// record appends an event and discards the document's redo branch.
func (m *MemStore) record(docID int64, action, summary string, b, a any, before, after docState) {
	if docID != 0 {
		for _, e := range m.events {
			if e.ev.DocumentID == docID && e.ev.Undone {
				e.discarded = true
			}
		}
	}
	m.ids.event++
	m.events = append(m.events, &memEvent{
		ev: annotate.Event{ID: m.ids.event, DocumentID: docID, Action: action, Summary: summary,
			Annotator: m.annotator, At: m.stamp(), Before: rawJSON(b), After: rawJSON(a)},
		before: before, after: after,
	})
}

func rawJSON(v any) json.RawMessage {
	if v == nil {
		return json.RawMessage("null")
	}
	b, err := json.Marshal(v)
	if err != nil {
		return json.RawMessage("null")
	}
	return b
}

// raiseFloor stops undo at the latest event: a schema-wide change leaves
// older states naming labels that may no longer exist.
func (m *MemStore) raiseFloor() { m.floor = m.ids.event }

// Undo reverts the document's latest action not yet undone; nil when none.
func (m *MemStore) Undo(_ context.Context, docID int64) (*annotate.Event, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := len(m.events) - 1; i >= 0; i-- {
		e := m.events[i]
		if e.ev.ID <= m.floor {
			break
		}
		if e.ev.DocumentID == docID && !e.ev.Undone {
			m.apply(m.byID[docID], e.before)
			if e.undo != nil {
				e.undo()
			}
			return m.stepped(&e.ev, true), nil
		}
	}
	return nil, nil
}

// Redo re-applies the document's earliest undone action not discarded; nil
// when none.
func (m *MemStore) Redo(_ context.Context, docID int64) (*annotate.Event, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, e := range m.events {
		if e.ev.ID <= m.floor || e.ev.DocumentID != docID || !e.ev.Undone || e.discarded {
			continue
		}
		m.apply(m.byID[docID], e.after)
		if e.redo != nil {
			e.redo()
		}
		return m.stepped(&e.ev, false), nil
	}
	return nil, nil
}

// stepped is the common end of an undo or redo: it marks ev undone or
// not, counts the step for NamesRevision and returns a copy of ev.
func (m *MemStore) stepped(ev *annotate.Event, undone bool) *annotate.Event {
	ev.Undone = undone
	if !annotate.KeepsNames(ev.Action) {
		m.namesSteps++
	}
	out := *ev
	return &out
}

// History returns the document's latest events, newest first (limit <= 0:
// all of them).
func (m *MemStore) History(_ context.Context, docID int64, limit int) ([]annotate.Event, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []annotate.Event
	for i := len(m.events) - 1; i >= 0 && (limit <= 0 || len(out) < limit); i-- {
		if e := m.events[i]; e.ev.DocumentID == docID {
			out = append(out, e.ev)
		}
	}
	return out, nil
}
