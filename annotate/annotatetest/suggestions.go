package annotatetest

import (
	"context"
	"errors"
	"slices"
	"sort"
	"time"

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

// NamesRevision grows with every entity and actor id handed out, every
// registry change, every action that can change an entity and every undo
// or redo of either.
func (m *MemStore) NamesRevision(context.Context) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	rev := m.ids.entity + m.reg.lastID + int64(len(m.reg.events)) + m.namesSteps
	for i := len(m.events) - 1; i >= 0; i-- {
		if !annotate.KeepsNames(m.events[i].ev.Action) {
			return rev + m.events[i].ev.ID, nil
		}
	}
	return rev, nil
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
	out, err := m.acceptSuggestions(docID, []annotate.Suggestion{*s}, annotator, "accept_suggestion", false)
	if err != nil {
		return nil, err
	}
	return &out[0], nil
}

// AcceptSuggestions accepts the list in order as one undoable action,
// skipping the ones an earlier one made redundant or that no longer fit.
// ENOTFOUND.
func (m *MemStore) AcceptSuggestions(_ context.Context, docID int64, list []annotate.Suggestion, annotator string) ([]annotate.Accepted, error) {
	return m.acceptSuggestions(docID, list, annotator, "accept_suggestions", true)
}

// acceptSuggestions is both accepts; with skip, a suggestion that fails
// with annotate.SkipsAccept is taken back and passed over, else any error
// ends the whole.
func (m *MemStore) acceptSuggestions(docID int64, list []annotate.Suggestion, annotator, action string, skip bool) ([]annotate.Accepted, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, x, err := m.docText(docID)
	if err != nil {
		return nil, err
	}
	now := m.stamp()
	who := m.annotatorOr(annotator)
	var out []annotate.Accepted
	var accepted []*annotate.Suggestion
	var links, unlinks []map[string]int64
	var made []any
	fn := func(st *docState) (any, any, error) {
		for i := range list {
			s := &list[i]
			ents, quotes := len(st.ann.Entities), len(st.ann.Quotes)
			got, link, err := m.acceptOne(st, d, x, s, who, now)
			if skip && annotate.SkipsAccept(err) {
				st.ann.Entities, st.ann.Quotes = st.ann.Entities[:ents], st.ann.Quotes[:quotes]
				continue
			}
			if err != nil {
				return nil, nil, err
			}
			out = append(out, *got)
			accepted = append(accepted, s)
			if link != nil {
				links = append(links, map[string]int64{"entity": link.EntityID, "actor": link.ActorID})
				unlinks = append(unlinks, map[string]int64{"entity": link.EntityID})
			} else {
				if got.Entity != nil {
					made = append(made, *got.Entity)
				}
				if got.Quote != nil {
					made = append(made, *got.Quote)
				}
			}
		}
		if len(out) == 0 {
			return nil, nil, errNothingAccepted
		}
		return map[string]any{"links": unlinks}, map[string]any{"links": links, "made": made}, nil
	}
	if err := m.change(d, action, "", fn); err != nil {
		if err == errNothingAccepted {
			return nil, nil
		}
		return nil, err
	}
	ev := m.events[len(m.events)-1]
	ev.ev.Summary = annotate.AcceptedSummary(accepted)
	// Each stored suggestion once, however many accepted ones use it up.
	var dropped []annotate.Suggestion
	for _, kept := range m.sugg.stored[docID] {
		if slices.ContainsFunc(accepted, func(s *annotate.Suggestion) bool { return s.UsesUp(&kept) }) {
			dropped = append(dropped, kept)
		}
	}
	drop := func() {
		for _, s := range dropped {
			m.dropSuggestion(docID, s.Key())
		}
	}
	ev.undo = func() {
		for _, s := range dropped {
			m.restoreSuggestion(docID, s)
		}
	}
	ev.redo = drop
	drop()
	return out, nil
}

// errNothingAccepted ends a change that accepted nothing, so it records no
// event.
var errNothingAccepted = errors.New("nothing accepted")

// acceptOne stores one suggestion's annotations in st; it returns the link
// it made for a link suggestion.
func (m *MemStore) acceptOne(st *docState, d *memDoc, x *annotate.TextIndex, s *annotate.Suggestion, who string, now time.Time) (*annotate.Accepted, *annotate.PlannedLink, error) {
	docID := d.doc.ID
	plan, err := annotate.PlanAccept(x, m.schema, docID, s, m.actor)
	if err != nil {
		return nil, nil, err
	}
	out := &annotate.Accepted{}
	if l := plan.Link; l != nil {
		i := slices.IndexFunc(st.ann.Entities, func(e annotate.Entity) bool { return e.ID == l.EntityID })
		if i < 0 {
			// Not in this document: checkPlannedLink says why.
			if err := m.checkPlannedLink(docID, l); err != nil {
				return nil, nil, err
			}
			return nil, nil, annotate.Errorf(annotate.ENOTFOUND, "the mention to link is gone")
		}
		e := &st.ann.Entities[i]
		if _, err := m.actor(l.ActorID); err != nil {
			return nil, nil, err
		}
		if e.ActorID != 0 {
			return nil, nil, annotate.Errorf(annotate.ECONFLICT, "%s is linked to an actor already", annotate.EntitySummary(e))
		}
		e.ActorID = l.ActorID
		linked := *e
		out.Entity = &linked
		return out, l, nil
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
		out.Quote = q
	}
	return out, nil, nil
}
