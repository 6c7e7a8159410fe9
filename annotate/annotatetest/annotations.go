package annotatetest

import (
	"context"

	"byline/annotate"
)

// FindAnnotations returns a copy of a document's annotations in canonical
// order. ENOTFOUND.
func (m *MemStore) FindAnnotations(_ context.Context, docID int64) (*annotate.Annotations, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.doc(docID)
	if err != nil {
		return nil, err
	}
	a := cloneAnnotations(d.ann)
	m.attachActors(a)
	return a, nil
}

func (m *MemStore) annotatorOr(name string) string {
	if name != "" {
		return name
	}
	return m.annotator
}

// findEntity returns the document holding entity id and its index there.
func (m *MemStore) findEntity(id int64) (*memDoc, int, error) {
	for _, d := range m.docs {
		for i := range d.ann.Entities {
			if d.ann.Entities[i].ID == id {
				return d, i, nil
			}
		}
	}
	return nil, 0, annotate.Errorf(annotate.ENOTFOUND, "entity %d does not exist (it may have been deleted)", id)
}

func (m *MemStore) findQuote(id int64) (*memDoc, int, error) {
	for _, d := range m.docs {
		for i := range d.ann.Quotes {
			if d.ann.Quotes[i].ID == id {
				return d, i, nil
			}
		}
	}
	return nil, 0, annotate.Errorf(annotate.ENOTFOUND, "quote %d does not exist (it may have been deleted)", id)
}

func (m *MemStore) findRelation(id int64) (*memDoc, int, error) {
	for _, d := range m.docs {
		for i := range d.ann.Relations {
			if d.ann.Relations[i].ID == id {
				return d, i, nil
			}
		}
	}
	return nil, 0, annotate.Errorf(annotate.ENOTFOUND, "relation %d does not exist (it may have been deleted)", id)
}

// entitiesOf returns the entities among ids that belong to d.
func entitiesOf(d *memDoc, ids ...int64) map[int64]*annotate.Entity {
	out := map[int64]*annotate.Entity{}
	for _, id := range ids {
		if e, ok := d.ann.Entity(id); ok && id != 0 {
			c := *e
			out[id] = &c
		}
	}
	return out
}

// CreateEntity validates and stores e, filling ID, Text, Annotator and
// times. EINVALID, ENOTFOUND, ECONFLICT (same span and label exists).
func (m *MemStore) CreateEntity(_ context.Context, e *annotate.Entity) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.doc(e.DocumentID)
	if err != nil {
		return err
	}
	x := annotate.NewTextIndex(d.doc.Text)
	if err := annotate.ValidateEntity(x, m.schema, e); err != nil {
		return err
	}
	for _, o := range d.ann.Entities {
		if o.Start == e.Start && o.End == e.End && o.Label == e.Label {
			return annotate.Errorf(annotate.ECONFLICT, "%s %q is already marked there", e.Label, x.Slice(e.Start, e.End))
		}
	}
	saved := *e
	saved.Text = x.Slice(e.Start, e.End)
	saved.Annotator = m.annotatorOr(e.Annotator)
	saved.Created = m.stamp()
	saved.Updated = saved.Created
	m.ids.entity++
	saved.ID = m.ids.entity
	err = m.change(d, annotate.ActionCreateEntity, annotate.EntitySummary(&saved), func(st *docState) (any, any, error) {
		st.ann.Entities = append(st.ann.Entities, saved)
		return nil, map[string]any{"entity": saved}, nil
	})
	if err == nil {
		*e = saved
	}
	return err
}

// UpdateEntity changes an entity's label or note. EINVALID, ENOTFOUND.
func (m *MemStore) UpdateEntity(_ context.Context, id int64, upd annotate.EntityUpdate) (*annotate.Entity, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, i, err := m.findEntity(id)
	if err != nil {
		return nil, err
	}
	old := d.ann.Entities[i]
	e := old
	if err := upd.Apply(&e, m.schema); err != nil {
		return nil, err
	}
	if e.Label == old.Label && e.Note == old.Note {
		return &e, nil
	}
	e.Annotator, e.Updated = m.annotator, m.stamp()
	err = m.change(d, annotate.ActionUpdateEntity, annotate.EntityUpdateSummary(&old, &e), func(st *docState) (any, any, error) {
		st.ann.Entities[i] = e
		return map[string]any{"entity": old}, map[string]any{"entity": e}, nil
	})
	return &e, err
}

// DeleteEntity removes the entity with the relations that use it and its
// speaker links, as one action. ENOTFOUND.
func (m *MemStore) DeleteEntity(_ context.Context, id int64) (annotate.DeleteResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, i, err := m.findEntity(id)
	if err != nil {
		return annotate.DeleteResult{}, err
	}
	var res annotate.DeleteResult
	e := d.ann.Entities[i]
	err = m.change(d, annotate.ActionDeleteEntity, "", func(st *docState) (any, any, error) {
		res = removeEntities(st.ann, func(x *annotate.Entity) bool { return x.ID == id })
		return map[string]any{"entity": e}, nil, nil
	})
	if err != nil {
		return annotate.DeleteResult{}, err
	}
	m.events[len(m.events)-1].ev.Summary = annotate.EntityDeleteSummary(&e, res)
	return res, nil
}

// removeEntities deletes the entities gone selects from a, with the
// relations that use them and their speaker links, and counts what went.
func removeEntities(a *annotate.Annotations, gone func(*annotate.Entity) bool) annotate.DeleteResult {
	var res annotate.DeleteResult
	removed := map[int64]bool{}
	kept := a.Entities[:0]
	for i := range a.Entities {
		if gone(&a.Entities[i]) {
			removed[a.Entities[i].ID] = true
			res.Entities++
			continue
		}
		kept = append(kept, a.Entities[i])
	}
	a.Entities = kept
	rels := a.Relations[:0]
	for _, r := range a.Relations {
		if removed[r.HeadID] || removed[r.TailID] {
			res.Relations++
			continue
		}
		rels = append(rels, r)
	}
	a.Relations = rels
	for k := range a.Quotes {
		if removed[a.Quotes[k].SpeakerID] {
			a.Quotes[k].SpeakerID = 0
			res.Speakers++
		}
	}
	return res
}
