package annotatetest

import (
	"context"
	"sort"

	"byline/annotate"
)

// RejectSuggestion remembers the rejected key and drops the stored
// suggestion, as one undoable event; rejecting a key already rejected
// changes nothing. ENOTFOUND.
func (m *MemStore) RejectSuggestion(_ context.Context, docID int64, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.doc(docID)
	if err != nil {
		return err
	}
	var stored *annotate.Suggestion
	for _, s := range m.sugg.stored[docID] {
		if s.Key() == key {
			s := s
			stored = &s
		}
	}
	if m.sugg.rejected[docID][key] && stored == nil {
		return nil
	}
	reject := func() {
		if m.sugg.rejected == nil {
			m.sugg.rejected = map[int64]map[string]bool{}
		}
		if m.sugg.rejected[docID] == nil {
			m.sugg.rejected[docID] = map[string]bool{}
		}
		m.sugg.rejected[docID][key] = true
		m.dropSuggestion(docID, key)
	}
	takeBack := func() {
		delete(m.sugg.rejected[docID], key)
		if stored != nil {
			m.restoreSuggestion(docID, *stored)
		}
	}
	reject()
	st := d.state()
	m.record(docID, annotate.ActionRejectSuggestion, annotate.RejectionSummary(annotate.NewTextIndex(d.doc.Text), key, stored),
		nil, map[string]any{"rejection": key}, st, st)
	ev := m.events[len(m.events)-1]
	ev.undo, ev.redo = takeBack, reject
	return nil
}

// restoreSuggestion puts a stored suggestion back in text order.
func (m *MemStore) restoreSuggestion(docID int64, s annotate.Suggestion) {
	list := append(m.sugg.stored[docID], s)
	sort.SliceStable(list, func(i, j int) bool { return suggestionLess(&list[i], &list[j]) })
	m.sugg.stored[docID] = list
}

// CreateEntities stores the entities in one undoable action; a span already
// marked with its label is left out. EINVALID, ENOTFOUND.
func (m *MemStore) CreateEntities(_ context.Context, docID int64, list []annotate.Entity) ([]annotate.Entity, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, x, err := m.docText(docID)
	if err != nil {
		return nil, err
	}
	for i := range list {
		e := list[i]
		e.DocumentID = docID
		if err := annotate.ValidateEntity(x, m.schema, &e); err != nil {
			return nil, err
		}
	}
	now := m.stamp()
	var out []annotate.Entity
	for _, e := range list {
		if entityMarked(d.ann.Entities, &e) || entityMarked(out, &e) {
			continue
		}
		m.ids.entity++
		e.ID, e.DocumentID = m.ids.entity, docID
		e.Text, e.Annotator, e.Created, e.Updated = x.Slice(e.Start, e.End), m.annotatorOr(e.Annotator), now, now
		out = append(out, e)
	}
	if len(out) == 0 {
		return nil, nil
	}
	err = m.change(d, annotate.ActionCreateEntities, annotate.EntitiesSummary(out), func(st *docState) (any, any, error) {
		st.ann.Entities = append(st.ann.Entities, out...)
		return nil, map[string]any{"entities": out}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// entityMarked reports whether ents has e's span with e's label.
func entityMarked(ents []annotate.Entity, e *annotate.Entity) bool {
	for _, o := range ents {
		if o.Start == e.Start && o.End == e.End && o.Label == e.Label {
			return true
		}
	}
	return false
}

// docText returns a document with its text index; the caller holds m.mu.
func (m *MemStore) docText(docID int64) (*memDoc, *annotate.TextIndex, error) {
	d, err := m.doc(docID)
	if err != nil {
		return nil, nil, err
	}
	return d, annotate.NewTextIndex(d.doc.Text), nil
}
