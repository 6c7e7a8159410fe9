package app

import (
	"context"
	"time"

	"byline/annotate"
)

// change records an undo snapshot of d before a mutation.
func (m *memStore) change(d *memDoc) {
	d.undo = append(d.undo, cloneAnnotations(d.ann))
	d.redo = nil
	m.version++
}

func cloneAnnotations(a annotate.Annotations) annotate.Annotations {
	c := annotate.Annotations{
		Entities:  append([]annotate.Entity(nil), a.Entities...),
		Relations: append([]annotate.Relation(nil), a.Relations...),
	}
	for _, q := range a.Quotes {
		q.Content = append([]annotate.Segment(nil), q.Content...)
		c.Quotes = append(c.Quotes, q)
	}
	return c
}

func (m *memStore) FindAnnotations(_ context.Context, docID int64) (*annotate.Annotations, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.doc(docID)
	if err != nil {
		return nil, err
	}
	c := cloneAnnotations(d.ann)
	c.Sort()
	return &c, nil
}

func (m *memStore) CreateEntity(_ context.Context, e *annotate.Entity) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.doc(e.DocumentID)
	if err != nil {
		return err
	}
	x := annotate.NewTextIndex(d.doc.Text)
	e.Text = ""
	if err := annotate.ValidateEntity(x, m.schema, e); err != nil {
		return err
	}
	m.change(d)
	e.ID, e.Text, e.Annotator = m.id(), x.Slice(e.Start, e.End), m.annotator
	e.Created, e.Updated = time.Now(), time.Now()
	d.ann.Entities = append(d.ann.Entities, *e)
	return nil
}

func (m *memStore) findEntity(id int64) (*memDoc, int, error) {
	for _, d := range m.docs {
		for i := range d.ann.Entities {
			if d.ann.Entities[i].ID == id {
				return d, i, nil
			}
		}
	}
	return nil, 0, annotate.Errorf(annotate.ENOTFOUND, "entity %d does not exist", id)
}

func (m *memStore) UpdateEntity(_ context.Context, id int64, upd annotate.EntityUpdate) (*annotate.Entity, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, i, err := m.findEntity(id)
	if err != nil {
		return nil, err
	}
	if upd.Label != nil {
		if _, ok := m.schema.Label(*upd.Label); !ok {
			return nil, annotate.Errorf(annotate.EINVALID, "entity label %q is not in the schema", *upd.Label)
		}
	}
	m.change(d)
	e := &d.ann.Entities[i]
	if upd.Label != nil {
		e.Label = *upd.Label
	}
	if upd.Note != nil {
		e.Note = *upd.Note
	}
	c := *e
	return &c, nil
}

func (m *memStore) DeleteEntity(_ context.Context, id int64) (annotate.DeleteResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var res annotate.DeleteResult
	d, i, err := m.findEntity(id)
	if err != nil {
		return res, err
	}
	m.change(d)
	d.ann.Entities = append(d.ann.Entities[:i:i], d.ann.Entities[i+1:]...)
	res.Entities = 1
	rels := d.ann.Relations[:0:0]
	for _, r := range d.ann.Relations {
		if r.HeadID == id || r.TailID == id {
			res.Relations++
			continue
		}
		rels = append(rels, r)
	}
	d.ann.Relations = rels
	for j := range d.ann.Quotes {
		if d.ann.Quotes[j].SpeakerID == id {
			d.ann.Quotes[j].SpeakerID = 0
			res.Speakers++
		}
	}
	return res, nil
}

func (m *memStore) CreateQuote(_ context.Context, q *annotate.Quote) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.doc(q.DocumentID)
	if err != nil {
		return err
	}
	x := annotate.NewTextIndex(d.doc.Text)
	for i := range q.Content {
		q.Content[i].Text = x.Slice(q.Content[i].Start, q.Content[i].End)
	}
	if q.Kind == "" {
		q.Kind = annotate.QuoteKindFor(q.Content, x)
	}
	if err := annotate.ValidateQuote(x, q, annotate.EntityMap(d.ann.Entities)); err != nil {
		return err
	}
	m.change(d)
	q.ID, q.Annotator, q.Created, q.Updated = m.id(), m.annotator, time.Now(), time.Now()
	q.SortSegments()
	d.ann.Quotes = append(d.ann.Quotes, *q)
	return nil
}

func (m *memStore) findQuote(id int64) (*memDoc, int, error) {
	for _, d := range m.docs {
		for i := range d.ann.Quotes {
			if d.ann.Quotes[i].ID == id {
				return d, i, nil
			}
		}
	}
	return nil, 0, annotate.Errorf(annotate.ENOTFOUND, "quote %d does not exist", id)
}

func (m *memStore) UpdateQuote(_ context.Context, id int64, upd annotate.QuoteUpdate) (*annotate.Quote, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, i, err := m.findQuote(id)
	if err != nil {
		return nil, err
	}
	q := d.ann.Quotes[i]
	q.Content = append([]annotate.Segment(nil), q.Content...)
	x := annotate.NewTextIndex(d.doc.Text)
	if upd.Kind != nil {
		q.Kind = *upd.Kind
	}
	if upd.Content != nil {
		q.Content = append([]annotate.Segment(nil), upd.Content...)
		for j := range q.Content {
			q.Content[j].Text = x.Slice(q.Content[j].Start, q.Content[j].End)
		}
	}
	if upd.Cue != nil {
		c := *upd.Cue
		c.Text = x.Slice(c.Start, c.End)
		q.Cue = &c
	}
	if upd.ClearCue {
		q.Cue = nil
	}
	if upd.SpeakerID != nil {
		q.SpeakerID = *upd.SpeakerID
	}
	if upd.ClearSpeaker {
		q.SpeakerID = 0
	}
	if upd.Note != nil {
		q.Note = *upd.Note
	}
	if err := annotate.ValidateQuote(x, &q, annotate.EntityMap(d.ann.Entities)); err != nil {
		return nil, err
	}
	m.change(d)
	q.SortSegments()
	d.ann.Quotes[i] = q
	return &q, nil
}

func (m *memStore) DeleteQuote(_ context.Context, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, i, err := m.findQuote(id)
	if err != nil {
		return err
	}
	m.change(d)
	d.ann.Quotes = append(d.ann.Quotes[:i:i], d.ann.Quotes[i+1:]...)
	return nil
}

func (m *memStore) CreateRelation(_ context.Context, r *annotate.Relation) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.doc(r.DocumentID)
	if err != nil {
		return err
	}
	if err := annotate.ValidateRelation(m.schema, r, annotate.EntityMap(d.ann.Entities), true); err != nil {
		return err
	}
	m.change(d)
	r.ID, r.Annotator, r.Created, r.Updated = m.id(), m.annotator, time.Now(), time.Now()
	d.ann.Relations = append(d.ann.Relations, *r)
	return nil
}

func (m *memStore) findRelation(id int64) (*memDoc, int, error) {
	for _, d := range m.docs {
		for i := range d.ann.Relations {
			if d.ann.Relations[i].ID == id {
				return d, i, nil
			}
		}
	}
	return nil, 0, annotate.Errorf(annotate.ENOTFOUND, "relation %d does not exist", id)
}

func (m *memStore) UpdateRelation(_ context.Context, id int64, upd annotate.RelationUpdate) (*annotate.Relation, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, i, err := m.findRelation(id)
	if err != nil {
		return nil, err
	}
	r := d.ann.Relations[i]
	if upd.Type != nil {
		r.Type = *upd.Type
	}
	if upd.Reverse {
		r.HeadID, r.TailID = r.TailID, r.HeadID
	}
	if upd.Note != nil {
		r.Note = *upd.Note
	}
	if err := annotate.ValidateRelation(m.schema, &r, annotate.EntityMap(d.ann.Entities), true); err != nil {
		return nil, err
	}
	m.change(d)
	d.ann.Relations[i] = r
	return &r, nil
}

func (m *memStore) DeleteRelation(_ context.Context, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, i, err := m.findRelation(id)
	if err != nil {
		return err
	}
	m.change(d)
	d.ann.Relations = append(d.ann.Relations[:i:i], d.ann.Relations[i+1:]...)
	return nil
}

func (m *memStore) DeleteLabel(ctx context.Context, name string) (int, error) {
	m.mu.Lock()
	var ids []int64
	for _, d := range m.docs {
		for _, e := range d.ann.Entities {
			if e.Label == name {
				ids = append(ids, e.ID)
			}
		}
	}
	m.mu.Unlock()
	for _, id := range ids {
		if _, err := m.DeleteEntity(ctx, id); err != nil {
			return 0, err
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	next := m.schema.Clone()
	next.Entities = next.Entities[:0]
	for _, l := range m.schema.Entities {
		if l.Name != name {
			next.Entities = append(next.Entities, l)
		}
	}
	for i := range next.Relations {
		next.Relations[i].Heads = without(next.Relations[i].Heads, name)
		next.Relations[i].Tails = without(next.Relations[i].Tails, name)
	}
	m.schema = next
	m.version++
	return len(ids), nil
}

func (m *memStore) Undo(_ context.Context, docID int64) (*annotate.Event, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.doc(docID)
	if err != nil || len(d.undo) == 0 {
		return nil, err
	}
	d.redo = append(d.redo, cloneAnnotations(d.ann))
	d.ann = d.undo[len(d.undo)-1]
	d.undo = d.undo[:len(d.undo)-1]
	m.version++
	return &annotate.Event{DocumentID: docID, Action: "undo", Undone: true}, nil
}

func (m *memStore) Redo(_ context.Context, docID int64) (*annotate.Event, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.doc(docID)
	if err != nil || len(d.redo) == 0 {
		return nil, err
	}
	d.undo = append(d.undo, cloneAnnotations(d.ann))
	d.ann = d.redo[len(d.redo)-1]
	d.redo = d.redo[:len(d.redo)-1]
	m.version++
	return &annotate.Event{DocumentID: docID, Action: "redo"}, nil
}

func (m *memStore) History(context.Context, int64, int) ([]annotate.Event, error) { return nil, nil }

func (m *memStore) ImportRecords(ctx context.Context, recs []*annotate.Record, opt annotate.ImportOptions) ([]annotate.ImportOutcome, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var outs []annotate.ImportOutcome
	for _, r := range recs {
		h := annotate.ContentHash(r.Text)
		if m.hashes[h] {
			outs = append(outs, annotate.ImportOutcome{ExternalID: r.ID, Duplicate: true})
			continue
		}
		m.hashes[h] = true
		d := m.addRecord(r)
		outs = append(outs, annotate.ImportOutcome{ExternalID: r.ID, DocumentID: d.doc.ID})
	}
	if opt.Schema != nil {
		m.schema = opt.Schema.Clone()
	}
	m.version++
	return outs, nil
}
