package annotatetest

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"byline/annotate"
)

// actorRegistry is MemStore's actor registry and its undo history.
type actorRegistry struct {
	actors map[int64]*annotate.Actor
	lastID int64
	events []*registryEvent
}

// registryEvent is a registry change with the functions that revert and
// re-apply it.
type registryEvent struct {
	ev         annotate.Event
	discarded  bool
	undo, redo func() error
}

func (m *MemStore) registry() *actorRegistry {
	if m.reg.actors == nil {
		m.reg.actors = map[int64]*annotate.Actor{}
	}
	return &m.reg
}

func cloneActor(a *annotate.Actor) *annotate.Actor {
	c := *a
	c.Aliases = append([]string{}, a.Aliases...)
	return &c
}

func (m *MemStore) actor(id int64) (*annotate.Actor, error) {
	a, ok := m.registry().actors[id]
	if !ok {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "actor %d does not exist (it may have been merged or deleted)", id)
	}
	return a, nil
}

// attachActors fills a.Actors with the actors its entities link to.
func (m *MemStore) attachActors(a *annotate.Annotations) {
	a.Actors = nil
	listed := map[int64]bool{}
	for i := range a.Entities {
		id := a.Entities[i].ActorID
		if act, ok := m.registry().actors[id]; ok && !listed[id] {
			listed[id] = true
			a.Actors = append(a.Actors, *cloneActor(act))
		}
	}
	annotate.SortActors(a.Actors)
}

// recordRegistry appends a registry event and discards the registry's redo
// branch.
func (m *MemStore) recordRegistry(action, summary string, undo, redo func() error) {
	r := m.registry()
	for _, e := range r.events {
		if e.ev.Undone {
			e.discarded = true
		}
	}
	m.ids.event++
	r.events = append(r.events, &registryEvent{ev: annotate.Event{ID: m.ids.event, Action: action, Summary: summary,
		Annotator: m.annotator, At: m.stamp()}, undo: undo, redo: redo})
}

// Actors lists every actor with its counts, by name.
func (m *MemStore) Actors(context.Context) ([]annotate.ActorSummary, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	mentions, quotes := map[int64]int{}, map[int64]int{}
	for _, d := range m.docs {
		for _, e := range d.ann.Entities {
			if e.ActorID != 0 {
				mentions[e.ActorID]++
			}
		}
		for _, q := range d.ann.Quotes {
			if e, ok := d.ann.Entity(q.SpeakerID); ok && e.ActorID != 0 {
				quotes[e.ActorID]++
			}
		}
	}
	out := []annotate.ActorSummary{}
	for _, a := range m.registry().actors {
		out = append(out, annotate.ActorSummary{Actor: *cloneActor(a), Mentions: mentions[a.ID], Quotes: quotes[a.ID]})
	}
	sort.Slice(out, func(i, j int) bool {
		x, y := strings.ToLower(out[i].Name), strings.ToLower(out[j].Name)
		if x != y {
			return x < y
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// FindActor returns one actor. ENOTFOUND.
func (m *MemStore) FindActor(_ context.Context, id int64) (*annotate.Actor, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	a, err := m.actor(id)
	if err != nil {
		return nil, err
	}
	return cloneActor(a), nil
}

// CreateActor validates and stores a, filling ID and times.
func (m *MemStore) CreateActor(_ context.Context, a *annotate.Actor) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	saved := *cloneActor(a)
	if err := annotate.CleanActor(&saved, m.schema); err != nil {
		return err
	}
	r := m.registry()
	r.lastID++
	saved.ID = r.lastID
	saved.Created, saved.Updated = m.stamp(), m.stamp()
	r.actors[saved.ID] = cloneActor(&saved)
	m.recordRegistry(annotate.ActionCreateActor, annotate.ActorSummaryText(&saved),
		func() error {
			if n := m.mentionsOf(saved.ID); len(n) > 0 {
				return annotate.Errorf(annotate.ECONFLICT, "%d mention(s) are linked to it since; unlink them first", len(n))
			}
			delete(r.actors, saved.ID)
			return nil
		},
		func() error { r.actors[saved.ID] = cloneActor(&saved); return nil })
	*a = saved
	return nil
}

// UpdateActor changes an actor.
func (m *MemStore) UpdateActor(_ context.Context, id int64, upd annotate.ActorUpdate) (*annotate.Actor, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	old, err := m.actor(id)
	if err != nil {
		return nil, err
	}
	a := *cloneActor(old)
	if err := upd.Apply(&a, m.schema); err != nil {
		return nil, err
	}
	if a.Name == old.Name && a.Label == old.Label && a.KBID == old.KBID && a.Note == old.Note && slices.Equal(a.Aliases, old.Aliases) {
		return &a, nil
	}
	a.Updated = m.stamp()
	before, after := cloneActor(old), cloneActor(&a)
	r := m.registry()
	r.actors[id] = cloneActor(&a)
	m.recordRegistry(annotate.ActionUpdateActor, annotate.ActorSummaryText(&a),
		func() error { r.actors[id] = cloneActor(before); return nil },
		func() error { r.actors[id] = cloneActor(after); return nil })
	return &a, nil
}

// mentionsOf returns the ids of the entities linked to actor id.
func (m *MemStore) mentionsOf(id int64) []int64 {
	var out []int64
	for _, d := range m.docs {
		for _, e := range d.ann.Entities {
			if e.ActorID == id {
				out = append(out, e.ID)
			}
		}
	}
	return out
}

// relink moves the listed mentions still linked to from over to to,
// storing new annotation values (states recorded by events stay as they
// were).
func (m *MemStore) relink(mentions []int64, from, to int64) {
	want := map[int64]bool{}
	for _, id := range mentions {
		want[id] = true
	}
	for _, d := range m.docs {
		var next *annotate.Annotations
		for i, e := range d.ann.Entities {
			if !want[e.ID] || e.ActorID != from {
				continue
			}
			if next == nil {
				next = cloneAnnotations(d.ann)
			}
			next.Entities[i].ActorID = to
		}
		if next != nil {
			d.ann = next
		}
	}
}

// DeleteActor removes an actor and unlinks its mentions.
func (m *MemStore) DeleteActor(_ context.Context, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	a, err := m.actor(id)
	if err != nil {
		return err
	}
	gone := cloneActor(a)
	mentions := m.mentionsOf(id)
	r := m.registry()
	del := func() error { m.relink(mentions, id, 0); delete(r.actors, id); return nil }
	_ = del()
	m.recordRegistry(annotate.ActionDeleteActor, annotate.ActorSummaryText(gone),
		func() error { r.actors[id] = cloneActor(gone); m.relink(mentions, 0, id); return nil }, del)
	return nil
}

// MergeActors moves drop's mentions to keep and deletes drop, as one
// action.
func (m *MemStore) MergeActors(_ context.Context, keep, drop int64) (*annotate.Actor, error) {
	if keep == drop {
		return nil, annotate.Errorf(annotate.EINVALID, "an actor cannot be merged with itself")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	k, err := m.actor(keep)
	if err != nil {
		return nil, err
	}
	d, err := m.actor(drop)
	if err != nil {
		return nil, err
	}
	oldKeep, dropped := cloneActor(k), cloneActor(d)
	merged := annotate.Merged(k, d)
	merged.Updated = m.stamp()
	mentions := m.mentionsOf(drop)
	r := m.registry()
	apply := func() error {
		m.relink(mentions, drop, keep)
		delete(r.actors, drop)
		r.actors[keep] = cloneActor(&merged)
		return nil
	}
	_ = apply()
	m.recordRegistry(annotate.ActionMergeActors,
		fmt.Sprintf("%s merged into %q (%d mention(s))", annotate.ActorSummaryText(dropped), oldKeep.Name, len(mentions)),
		func() error {
			r.actors[keep] = cloneActor(oldKeep)
			r.actors[drop] = cloneActor(dropped)
			m.relink(mentions, keep, drop)
			return nil
		}, apply)
	return cloneActor(&merged), nil
}

// LinkMention links an entity to an actor (0 unlinks it), as one action of
// its document.
func (m *MemStore) LinkMention(_ context.Context, entityID, actorID int64) (*annotate.Entity, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, i, err := m.findEntity(entityID)
	if err != nil {
		return nil, err
	}
	e := d.ann.Entities[i]
	if e.ActorID == actorID {
		return &e, nil
	}
	var a *annotate.Actor
	if actorID != 0 {
		if a, err = m.actor(actorID); err != nil {
			return nil, err
		}
	}
	old := e.ActorID
	e.ActorID = actorID
	err = m.change(d, annotate.ActionLinkMention, annotate.LinkSummary(&e, a), func(st *docState) (any, any, error) {
		st.ann.Entities[i].ActorID = actorID
		return map[string]any{"link": map[string]int64{"entity": entityID, "actor": old}},
			map[string]any{"link": map[string]int64{"entity": entityID, "actor": actorID}}, nil
	})
	return &e, err
}

// ActorQuotes calls fn with every quote whose speaker is linked to an actor,
// newest published first.
func (m *MemStore) ActorQuotes(ctx context.Context, f annotate.QuoteFilter, fn func(*annotate.ActorQuote) error) error {
	if err := f.Validate(); err != nil {
		return err
	}
	m.mu.Lock()
	var out []annotate.ActorQuote
	for _, d := range m.docs {
		day := d.doc.Meta.Published
		if len(day) > 10 {
			day = day[:10]
		}
		if (f.Since != "" && day < f.Since) || (f.Until != "" && day > f.Until) {
			continue
		}
		for _, q := range d.ann.Quotes {
			e, ok := d.ann.Entity(q.SpeakerID)
			if !ok || e.ActorID == 0 || (f.ActorID != 0 && e.ActorID != f.ActorID) {
				continue
			}
			a, ok := m.registry().actors[e.ActorID]
			if !ok {
				continue
			}
			c := cloneQuote(&q)
			out = append(out, annotate.ActorQuote{ActorID: a.ID, ActorName: a.Name, QuoteID: q.ID, DocumentID: d.doc.ID,
				ExternalID: d.doc.ExternalID, Title: listTitle(&d.doc), Source: d.doc.Meta.Source,
				Published: d.doc.Meta.Published, Kind: q.Kind, Content: c.Content, Cue: c.Cue})
		}
	}
	m.mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool {
		x, y := &out[i], &out[j]
		if x.Published != y.Published {
			return x.Published > y.Published
		}
		if x.DocumentID != y.DocumentID {
			return x.DocumentID > y.DocumentID
		}
		return x.Start() < y.Start()
	})
	for i := range out {
		if f.Limit > 0 && i == f.Limit {
			break
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(&out[i]); err != nil {
			return err
		}
	}
	return nil
}

// UndoActors reverts the latest registry change not yet undone.
func (m *MemStore) UndoActors(context.Context) (*annotate.Event, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r := m.registry()
	for i := len(r.events) - 1; i >= 0; i-- {
		if e := r.events[i]; !e.ev.Undone {
			if err := e.undo(); err != nil {
				return nil, annotate.Errorf(annotate.ErrorCode(err), "cannot undo %q: %s", e.ev.Summary, annotate.ErrorMessage(err))
			}
			return m.stepped(&e.ev, true), nil
		}
	}
	return nil, nil
}

// RedoActors re-applies the earliest undone registry change not discarded.
func (m *MemStore) RedoActors(context.Context) (*annotate.Event, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, e := range m.registry().events {
		if e.ev.Undone && !e.discarded {
			if err := e.redo(); err != nil {
				return nil, err
			}
			return m.stepped(&e.ev, false), nil
		}
	}
	return nil, nil
}

// memActors is the registry as an import sees it.
type memActors struct{ m *MemStore }

func (r memActors) ActorsWithKey(name, label, kbID string) ([]annotate.Actor, error) {
	var out []annotate.Actor
	for _, a := range r.m.registry().actors {
		if (kbID != "" && a.KBID == kbID) || (kbID == "" && a.Name == name && a.Label == label) {
			out = append(out, *cloneActor(a))
		}
	}
	annotate.SortActors(out)
	return out, nil
}

func (r memActors) InsertActor(a *annotate.Actor) error {
	reg := r.m.registry()
	reg.lastID++
	a.ID = reg.lastID
	a.Created, a.Updated = r.m.stamp(), r.m.stamp()
	reg.actors[a.ID] = cloneActor(a)
	return nil
}

func (r memActors) ReplaceActor(a *annotate.Actor) error {
	a.Updated = r.m.stamp()
	r.m.registry().actors[a.ID] = cloneActor(a)
	return nil
}

// saveActors returns a function that puts the registry back as it is now,
// for an import that fails.
func (m *MemStore) saveActors() func() {
	r := m.registry()
	saved, last := make(map[int64]*annotate.Actor, len(r.actors)), r.lastID
	for id, a := range r.actors {
		saved[id] = a
	}
	return func() { r.actors, r.lastID = saved, last }
}

// linkImported sets the actors of a document newDoc built from rec, whose
// entities got the ids first, first+1, ... in record order.
func linkImported(d *memDoc, rec *annotate.Record, first int64, actors map[string]int64) {
	for i := range d.ann.Entities {
		e := &d.ann.Entities[i]
		e.ActorID = actors[rec.Entities[e.ID-first].Actor]
	}
}
