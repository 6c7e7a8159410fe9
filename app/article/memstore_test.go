package article

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"byline/annotate"
)

// memStore is an in-memory annotate.Store for the view's tests. It validates
// with annotate's own functions, cascades deletes and undoes every action by
// restoring a snapshot of the document's annotations, which is what the
// SQLite store's event history amounts to.
type memStore struct {
	annotator string
	schema    *annotate.Schema
	docs      map[int64]*annotate.Document
	order     []int64
	ann       map[int64]*annotate.Annotations
	index     map[int64]*annotate.TextIndex
	events    map[int64][]*memEvent
	nextID    int64
	now       time.Time
}

type memEvent struct {
	ev            annotate.Event
	before, after *annotate.Annotations
}

var _ annotate.Store = (*memStore)(nil)

func newMemStore(schema *annotate.Schema) *memStore {
	return &memStore{
		annotator: "tester", schema: schema,
		docs: map[int64]*annotate.Document{}, ann: map[int64]*annotate.Annotations{},
		events: map[int64][]*memEvent{}, index: map[int64]*annotate.TextIndex{},
		now: time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC),
	}
}

func (s *memStore) id() int64 { s.nextID++; return s.nextID }

func (s *memStore) tick() time.Time { s.now = s.now.Add(time.Second); return s.now }

// addDocument stores a document and returns its id.
func (s *memStore) addDocument(text string, meta annotate.Meta) int64 {
	id := s.id()
	s.docs[id] = &annotate.Document{ID: id, ExternalID: fmt.Sprintf("doc-%d", id), Text: text, Meta: meta,
		Status: annotate.StatusTodo, ImportedAt: s.now, Hash: annotate.ContentHash(text)}
	s.order = append(s.order, id)
	s.ann[id] = &annotate.Annotations{}
	return id
}

func cloneAnnotations(a *annotate.Annotations) *annotate.Annotations {
	c := &annotate.Annotations{
		Entities:  append([]annotate.Entity(nil), a.Entities...),
		Relations: append([]annotate.Relation(nil), a.Relations...),
	}
	for _, q := range a.Quotes {
		q.Content = append([]annotate.Segment(nil), q.Content...)
		if q.Cue != nil {
			cue := *q.Cue
			q.Cue = &cue
		}
		c.Quotes = append(c.Quotes, q)
	}
	return c
}

// maxEvents bounds the undo history the fake keeps per document.
const maxEvents = 200

// change runs fn on a copy of the document's annotations as one recorded
// action. The stored annotations are never changed in place, so an event
// can keep the states before and after it without copying them again.
func (s *memStore) change(docID int64, action, summary string, fn func(a *annotate.Annotations) error) error {
	before, ok := s.ann[docID]
	if !ok {
		return annotate.Errorf(annotate.ENOTFOUND, "document %d not found", docID)
	}
	a := cloneAnnotations(before)
	if err := fn(a); err != nil {
		return err
	}
	a.Sort()
	s.ann[docID] = a
	evs := s.events[docID]
	kept := evs[:0]
	for _, e := range evs {
		if !e.ev.Undone {
			kept = append(kept, e)
		}
	}
	if len(kept) >= maxEvents {
		kept = append(kept[:0], kept[1:]...)
	}
	ev := &memEvent{ev: annotate.Event{ID: s.id(), DocumentID: docID, Action: action, Summary: summary,
		Annotator: s.annotator, At: s.now, Before: json.RawMessage("null"), After: json.RawMessage("null")},
		before: before, after: a}
	s.events[docID] = append(kept, ev)
	return nil
}

func (s *memStore) docIndex(docID int64) (*annotate.TextIndex, error) {
	d, ok := s.docs[docID]
	if !ok {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "document %d not found", docID)
	}
	if x, ok := s.index[docID]; ok {
		return x, nil
	}
	x := annotate.NewTextIndex(d.Text)
	s.index[docID] = x
	return x, nil
}

// findDoc returns the document holding annotation id of the given kind.
func (s *memStore) findDoc(id int64, kind Kind) (int64, int, error) {
	for docID, a := range s.ann {
		switch kind {
		case KindEntity:
			for i := range a.Entities {
				if a.Entities[i].ID == id {
					return docID, i, nil
				}
			}
		case KindQuote:
			for i := range a.Quotes {
				if a.Quotes[i].ID == id {
					return docID, i, nil
				}
			}
		case KindRelation:
			for i := range a.Relations {
				if a.Relations[i].ID == id {
					return docID, i, nil
				}
			}
		}
	}
	return 0, 0, annotate.Errorf(annotate.ENOTFOUND, "%s %d not found", kind, id)
}

func (s *memStore) FindDocumentByID(_ context.Context, id int64) (*annotate.Document, error) {
	d, ok := s.docs[id]
	if !ok {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "document %d not found", id)
	}
	c := *d
	return &c, nil
}

func (s *memStore) FindDocuments(_ context.Context, f annotate.DocumentFilter) ([]annotate.DocumentSummary, error) {
	var out []annotate.DocumentSummary
	for i, id := range s.order {
		d := s.docs[id]
		if f.Status != nil && d.Status != *f.Status {
			continue
		}
		if f.Search != "" && !strings.Contains(strings.ToLower(d.Text), strings.ToLower(f.Search)) {
			continue
		}
		out = append(out, annotate.DocumentSummary{ID: id, ExternalID: d.ExternalID, Title: d.Title(),
			Status: d.Status, Published: d.Meta.Published, Annotations: s.ann[id].Count(), Ordinal: i + 1})
	}
	if f.Offset > 0 {
		out = out[min(f.Offset, len(out)):]
	}
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}

func (s *memStore) CountDocuments(ctx context.Context, f annotate.DocumentFilter) (int, error) {
	f.Offset, f.Limit = 0, 0
	l, err := s.FindDocuments(ctx, f)
	return len(l), err
}

func (s *memStore) NextUnfinished(_ context.Context, id int64) (int64, error) {
	for _, d := range s.order {
		if d > id && (s.docs[d].Status == annotate.StatusTodo || s.docs[d].Status == annotate.StatusInProgress) {
			return d, nil
		}
	}
	return 0, nil
}

func (s *memStore) Progress(context.Context) (annotate.Progress, error) {
	p := annotate.Progress{Total: len(s.docs), ByStatus: map[annotate.Status]int{}}
	for _, d := range s.docs {
		p.ByStatus[d.Status]++
	}
	return p, nil
}

func (s *memStore) SetStatus(_ context.Context, id int64, st annotate.Status) error {
	d, ok := s.docs[id]
	if !ok {
		return annotate.Errorf(annotate.ENOTFOUND, "document %d not found", id)
	}
	if !st.Valid() {
		return annotate.Errorf(annotate.EINVALID, "bad status %q", st)
	}
	d.Status = st
	return nil
}

func (s *memStore) StripDebris(context.Context, int64) error {
	return annotate.Errorf(annotate.ECONFLICT, "not supported by the test store")
}

func (s *memStore) FindAnnotations(_ context.Context, docID int64) (*annotate.Annotations, error) {
	a, ok := s.ann[docID]
	if !ok {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "document %d not found", docID)
	}
	c := cloneAnnotations(a)
	c.Sort()
	return c, nil
}

func (s *memStore) Schema(context.Context) (*annotate.Schema, error) { return s.schema.Clone(), nil }

func (s *memStore) SaveSchema(_ context.Context, sc *annotate.Schema) error {
	if err := sc.Validate(); err != nil {
		return err
	}
	s.schema = sc.Clone()
	return nil
}

func (s *memStore) RenameLabel(context.Context, string, string) error {
	return annotate.Errorf(annotate.EINVALID, "not supported by the test store")
}

func (s *memStore) RenameRelationType(context.Context, string, string) error {
	return annotate.Errorf(annotate.EINVALID, "not supported by the test store")
}

func (s *memStore) LabelUsage(_ context.Context, name string) (int, error) {
	n := 0
	for _, a := range s.ann {
		for _, e := range a.Entities {
			if e.Label == name {
				n++
			}
		}
	}
	return n, nil
}

func (s *memStore) DeleteLabel(context.Context, string) (int, error) {
	return 0, annotate.Errorf(annotate.EINVALID, "not supported by the test store")
}

func (s *memStore) Undo(_ context.Context, docID int64) (*annotate.Event, error) {
	evs := s.events[docID]
	for i := len(evs) - 1; i >= 0; i-- {
		if !evs[i].ev.Undone {
			evs[i].ev.Undone = true
			s.ann[docID] = evs[i].before
			ev := evs[i].ev
			return &ev, nil
		}
	}
	return nil, nil
}

func (s *memStore) Redo(_ context.Context, docID int64) (*annotate.Event, error) {
	for _, e := range s.events[docID] {
		if e.ev.Undone {
			e.ev.Undone = false
			s.ann[docID] = e.after
			ev := e.ev
			return &ev, nil
		}
	}
	return nil, nil
}

func (s *memStore) History(_ context.Context, docID int64, limit int) ([]annotate.Event, error) {
	var out []annotate.Event
	evs := s.events[docID]
	for i := len(evs) - 1; i >= 0 && (limit <= 0 || len(out) < limit); i-- {
		out = append(out, evs[i].ev)
	}
	return out, nil
}

func (s *memStore) ExportRecords(_ context.Context, _ annotate.ExportFilter, fn func(*annotate.Record) error) error {
	for _, id := range s.order {
		if err := fn(annotate.NewRecord(s.docs[id], s.ann[id])); err != nil {
			return err
		}
	}
	return nil
}

func (s *memStore) Stats(context.Context) (*annotate.Stats, error) {
	return &annotate.Stats{}, nil
}

func (s *memStore) Path() string      { return "memory" }
func (s *memStore) Annotator() string { return s.annotator }

func (s *memStore) SetAnnotator(name string) error {
	if name == "" {
		return annotate.Errorf(annotate.EINVALID, "the annotator name is empty")
	}
	s.annotator = name
	return nil
}

func (s *memStore) Close() error { return nil }

func (s *memStore) ImportRecords(_ context.Context, recs []*annotate.Record, opt annotate.ImportOptions) ([]annotate.ImportOutcome, error) {
	schema := s.schema.Clone()
	if opt.Schema != nil {
		if err := opt.Schema.Validate(); err != nil {
			return nil, err
		}
		schema = opt.Schema.Clone()
	}
	hashes := map[string]bool{}
	for _, d := range s.docs {
		hashes[d.Hash] = true
	}
	var outs []annotate.ImportOutcome
	for _, rec := range recs {
		if _, err := annotate.PrepareRecord(rec, schema); err != nil {
			return nil, err
		}
		out := annotate.ImportOutcome{ExternalID: rec.ID}
		if hashes[annotate.ContentHash(rec.Text)] {
			out.Duplicate = true
			outs = append(outs, out)
			continue
		}
		id := s.addDocument(rec.Text, rec.Meta)
		doc := s.docs[id]
		doc.ExternalID, doc.Status, doc.Debris = rec.ID, rec.Status, rec.Debris
		hashes[doc.Hash] = true
		a := s.ann[id]
		ids := map[string]int64{}
		for _, e := range rec.Entities {
			ent := annotate.Entity{ID: s.id(), DocumentID: id, Start: e.Start, End: e.End, Label: e.Label, Text: e.Text,
				Annotator: e.Annotator, Note: e.Note, Created: s.now, Updated: s.now}
			ids[e.ID] = ent.ID
			a.Entities = append(a.Entities, ent)
		}
		for _, q := range rec.Quotes {
			quote := annotate.Quote{ID: s.id(), DocumentID: id, Kind: q.Kind, Content: append([]annotate.Segment(nil), q.Content...),
				SpeakerID: ids[q.Speaker], Annotator: q.Annotator, Note: q.Note, Created: s.now, Updated: s.now}
			if q.Cue != nil {
				cue := *q.Cue
				quote.Cue = &cue
			}
			a.Quotes = append(a.Quotes, quote)
		}
		for _, r := range rec.Relations {
			a.Relations = append(a.Relations, annotate.Relation{ID: s.id(), DocumentID: id, Type: r.Type,
				HeadID: ids[r.Head], TailID: ids[r.Tail], Annotator: r.Annotator, Note: r.Note, Created: s.now, Updated: s.now})
		}
		a.Sort()
		out.DocumentID = id
		outs = append(outs, out)
	}
	s.schema = schema
	return outs, nil
}
