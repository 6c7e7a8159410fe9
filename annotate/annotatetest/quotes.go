package annotatetest

import (
	"context"

	"byline/annotate"
)

// checkQuote validates q against its document and completes the texts of
// its segments and cue, on copies of them.
func checkQuote(d *memDoc, q *annotate.Quote) error {
	return annotate.PrepareQuote(annotate.NewTextIndex(d.doc.Text), q, entitiesOf(d, q.SpeakerID))
}

// CreateQuote validates and stores q (its kind defaults from the quotation
// marks), filling ID, texts, Annotator and times. EINVALID, ENOTFOUND.
func (m *MemStore) CreateQuote(_ context.Context, q *annotate.Quote) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.doc(q.DocumentID)
	if err != nil {
		return err
	}
	saved := *q
	if err := checkQuote(d, &saved); err != nil {
		return err
	}
	saved.Annotator = m.annotatorOr(q.Annotator)
	saved.Created = m.stamp()
	saved.Updated = saved.Created
	m.ids.quote++
	saved.ID = m.ids.quote
	err = m.change(d, annotate.ActionCreateQuote, annotate.QuoteSummary(&saved), func(st *docState) (any, any, error) {
		st.ann.Quotes = append(st.ann.Quotes, *cloneQuote(&saved))
		return nil, map[string]any{"quote": saved}, nil
	})
	if err == nil {
		*q = saved
	}
	return err
}

// UpdateQuote changes a quote's kind, content, cue, speaker or note.
// EINVALID, ENOTFOUND.
func (m *MemStore) UpdateQuote(_ context.Context, id int64, upd annotate.QuoteUpdate) (*annotate.Quote, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, i, err := m.findQuote(id)
	if err != nil {
		return nil, err
	}
	old := cloneQuote(&d.ann.Quotes[i])
	q := cloneQuote(old)
	if err := upd.Apply(q); err != nil {
		return nil, err
	}
	if err := checkQuote(d, q); err != nil {
		return nil, err
	}
	q.Annotator, q.Updated = m.annotator, m.stamp()
	err = m.change(d, annotate.ActionUpdateQuote, annotate.QuoteSummary(q), func(st *docState) (any, any, error) {
		st.ann.Quotes[i] = *cloneQuote(q)
		return map[string]any{"quote": old}, map[string]any{"quote": q}, nil
	})
	if err != nil {
		return nil, err
	}
	return q, nil
}

// DeleteQuote removes a quote. ENOTFOUND.
func (m *MemStore) DeleteQuote(_ context.Context, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, i, err := m.findQuote(id)
	if err != nil {
		return err
	}
	q := cloneQuote(&d.ann.Quotes[i])
	return m.change(d, annotate.ActionDeleteQuote, annotate.QuoteSummary(q), func(st *docState) (any, any, error) {
		st.ann.Quotes = append(st.ann.Quotes[:i], st.ann.Quotes[i+1:]...)
		return map[string]any{"quote": q}, nil, nil
	})
}

// CreateRelation validates and stores r; an empty DocumentID is taken from
// the head. EINVALID, ENOTFOUND, ECONFLICT (the same relation exists).
func (m *MemStore) CreateRelation(_ context.Context, r *annotate.Relation) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	saved := *r
	if saved.DocumentID == 0 {
		d, _, err := m.findEntity(saved.HeadID)
		if err != nil {
			return err
		}
		saved.DocumentID = d.doc.ID
	}
	d, err := m.doc(saved.DocumentID)
	if err != nil {
		// As in SQLite: the ends are then not entities of the document.
		return annotate.ValidateRelation(m.schema, &saved, nil, true)
	}
	ents := entitiesOf(d, saved.HeadID, saved.TailID)
	if err := annotate.ValidateRelation(m.schema, &saved, ents, true); err != nil {
		return err
	}
	for _, o := range d.ann.Relations {
		if o.HeadID == saved.HeadID && o.TailID == saved.TailID && o.Type == saved.Type {
			return annotate.Errorf(annotate.ECONFLICT, "this %s relation already exists", saved.Type)
		}
	}
	saved.Annotator = m.annotatorOr(r.Annotator)
	saved.Created = m.stamp()
	saved.Updated = saved.Created
	m.ids.relation++
	saved.ID = m.ids.relation
	err = m.change(d, annotate.ActionCreateRelation, annotate.RelationSummary(&saved, ents), func(st *docState) (any, any, error) {
		st.ann.Relations = append(st.ann.Relations, saved)
		return nil, map[string]any{"relation": saved}, nil
	})
	if err == nil {
		*r = saved
	}
	return err
}

// UpdateRelation changes a relation's type (checked against the schema),
// direction or note. EINVALID, ENOTFOUND.
func (m *MemStore) UpdateRelation(_ context.Context, id int64, upd annotate.RelationUpdate) (*annotate.Relation, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, i, err := m.findRelation(id)
	if err != nil {
		return nil, err
	}
	old := d.ann.Relations[i]
	r := old
	upd.Apply(&r)
	ents := entitiesOf(d, r.HeadID, r.TailID)
	if err := annotate.ValidateRelation(m.schema, &r, ents, r.Type != old.Type); err != nil {
		return nil, err
	}
	if r == old {
		return &r, nil
	}
	r.Annotator, r.Updated = m.annotator, m.stamp()
	err = m.change(d, annotate.ActionUpdateRelation, annotate.RelationSummary(&r, ents), func(st *docState) (any, any, error) {
		st.ann.Relations[i] = r
		return map[string]any{"relation": old}, map[string]any{"relation": r}, nil
	})
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// DeleteRelation removes a relation. ENOTFOUND.
func (m *MemStore) DeleteRelation(_ context.Context, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, i, err := m.findRelation(id)
	if err != nil {
		return err
	}
	r := d.ann.Relations[i]
	summary := annotate.RelationSummary(&r, entitiesOf(d, r.HeadID, r.TailID))
	return m.change(d, annotate.ActionDeleteRelation, summary, func(st *docState) (any, any, error) {
		st.ann.Relations = append(st.ann.Relations[:i], st.ann.Relations[i+1:]...)
		return map[string]any{"relation": r}, nil, nil
	})
}
