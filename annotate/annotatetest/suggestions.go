package annotatetest

import (
	"context"
	"slices"
	"sort"

	"byline/annotate"
)

// memSuggestions are the stored suggestions and rejections, per document.
type memSuggestions struct {
	stored   map[int64][]annotate.Suggestion
	rejected map[int64]map[string]bool
}

// SaveSuggestions replaces the document's stored suggestions. ENOTFOUND.
func (m *MemStore) SaveSuggestions(_ context.Context, docID int64, list []annotate.Suggestion) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, err := m.doc(docID); err != nil {
		return err
	}
	if m.sugg.stored == nil {
		m.sugg.stored = map[int64][]annotate.Suggestion{}
	}
	byKey := map[string]annotate.Suggestion{}
	for _, s := range list {
		byKey[s.Key()] = s
	}
	kept := make([]annotate.Suggestion, 0, len(byKey))
	for _, s := range byKey {
		kept = append(kept, s)
	}
	sort.Slice(kept, func(i, j int) bool { return suggestionLess(&kept[i], &kept[j]) })
	m.sugg.stored[docID] = kept
	return nil
}

// suggestionLess orders suggestions as the SQLite store lists them.
func suggestionLess(a, b *annotate.Suggestion) bool {
	if a.Start() != b.Start() {
		return a.Start() < b.Start()
	}
	if a.Kind != b.Kind {
		return a.Kind > b.Kind // quotes first
	}
	if a.End() != b.End() {
		return a.End() > b.End()
	}
	return a.Key() < b.Key()
}

// Suggestions returns the document's stored suggestions in text order.
func (m *MemStore) Suggestions(_ context.Context, docID int64) ([]annotate.Suggestion, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]annotate.Suggestion(nil), m.sugg.stored[docID]...), nil
}

func (m *MemStore) dropSuggestion(docID int64, key string) {
	list := m.sugg.stored[docID]
	for i := range list {
		if list[i].Key() == key {
			m.sugg.stored[docID] = append(list[:i:i], list[i+1:]...)
			return
		}
	}
}

// Rejections returns the keys rejected in the document.
func (m *MemStore) Rejections(_ context.Context, docID int64) (map[string]bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string]bool{}
	for k := range m.sugg.rejected[docID] {
		out[k] = true
	}
	return out, nil
}

// EntityNames counts the marked entity texts per label across the corpus.
func (m *MemStore) EntityNames(context.Context) ([]annotate.NameCount, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	counts := map[[2]string]int{}
	for _, d := range m.docs {
		for _, e := range d.ann.Entities {
			counts[[2]string{e.Text, e.Label}]++
		}
	}
	out := make([]annotate.NameCount, 0, len(counts))
	for k, n := range counts {
		out = append(out, annotate.NameCount{Text: k[0], Label: k[1], Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Text != out[j].Text {
			return out[i].Text < out[j].Text
		}
		return out[i].Label < out[j].Label
	})
	return out, nil
}

// checkPlannedLink finds the mention and the actor of a link suggestion:
// ENOTFOUND when either is gone, ECONFLICT when the mention is linked
// already.
func (m *MemStore) checkPlannedLink(docID int64, l *annotate.PlannedLink) error {
	d, i, err := m.findEntity(l.EntityID)
	if err != nil {
		return err
	}
	e := &d.ann.Entities[i]
	if d.doc.ID != docID {
		return annotate.Errorf(annotate.EINVALID, "%s belongs to another document", annotate.EntitySummary(e))
	}
	if _, err := m.actor(l.ActorID); err != nil {
		return err
	}
	if e.ActorID != 0 {
		return annotate.Errorf(annotate.ECONFLICT, "%s is linked to an actor already", annotate.EntitySummary(e))
	}
	return nil
}

// AcceptSuggestion stores the suggestion as annotations in one undoable
// action. EINVALID, ECONFLICT, ENOTFOUND.
func (m *MemStore) AcceptSuggestion(_ context.Context, docID int64, s *annotate.Suggestion, annotator string) (*annotate.Accepted, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, x, err := m.docText(docID)
	if err != nil {
		return nil, err
	}
	plan, err := annotate.PlanAccept(x, m.schema, docID, s)
	if err != nil {
		return nil, err
	}
	if e := plan.Entity; e != nil && e.ActorID != 0 {
		if _, err := m.actor(e.ActorID); err != nil {
			return nil, err
		}
	}
	if l := plan.Link; l != nil {
		if err := m.checkPlannedLink(docID, l); err != nil {
			return nil, err
		}
	}
	now := m.stamp()
	who := m.annotatorOr(annotator)
	out := &annotate.Accepted{}
	err = m.change(d, "accept_suggestion", s.Summary()+" ("+s.Reason+")", func(st *docState) (any, any, error) {
		after := map[string]any{}
		if l := plan.Link; l != nil {
			i := slices.IndexFunc(st.ann.Entities, func(e annotate.Entity) bool { return e.ID == l.EntityID })
			st.ann.Entities[i].ActorID = l.ActorID
			e := st.ann.Entities[i]
			out.Entity = &e
			link := map[string]int64{"entity": l.EntityID, "actor": l.ActorID}
			return map[string]any{"link": map[string]int64{"entity": l.EntityID}}, map[string]any{"link": link}, nil
		}
		if e := plan.Entity; e != nil {
			var existing int64
			for _, o := range st.ann.Entities {
				if o.Start == e.Start && o.End == e.End && o.Label == e.Label {
					existing = o.ID
				}
			}
			switch {
			case existing != 0 && plan.Quote == nil:
				return nil, nil, annotate.Errorf(annotate.ECONFLICT, "%s %q is already marked there", e.Label, e.Text)
			case existing != 0:
				plan.Quote.SpeakerID = existing
			default:
				e.Text, e.Annotator, e.Created, e.Updated = x.Slice(e.Start, e.End), who, now, now
				m.ids.entity++
				e.ID = m.ids.entity
				st.ann.Entities = append(st.ann.Entities, *e)
				after["entity"] = *e
				out.Entity = e
				if plan.Quote != nil {
					plan.Quote.SpeakerID = e.ID
				}
			}
		}
		if q := plan.Quote; q != nil {
			probe := &memDoc{doc: d.doc, ann: st.ann}
			if err := checkQuote(probe, q); err != nil {
				return nil, nil, err
			}
			q.Annotator, q.Created, q.Updated = who, now, now
			m.ids.quote++
			q.ID = m.ids.quote
			st.ann.Quotes = append(st.ann.Quotes, *cloneQuote(q))
			after["quote"] = *q
			out.Quote = q
		}
		return nil, after, nil
	})
	if err != nil {
		return nil, err
	}
	m.dropSuggestion(docID, s.Key())
	return out, nil
}
