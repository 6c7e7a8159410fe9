package article

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"byline/annotate"
)

// ApplyLabel turns the selected words into a new entity with label, or, when
// no words are selected, relabels the selected entity.
func (e *Editor) ApplyLabel(label string) error {
	if err := e.requireDocument(); err != nil {
		return e.fail(err)
	}
	if e.text.active() {
		start, end := e.text.codePoints(e.m)
		return e.createEntity(start, end, label)
	}
	if e.sel.Kind == KindEntity {
		return e.SetEntityLabel(e.sel.ID, label)
	}
	if e.labelSuggestion(label) {
		return nil
	}
	e.status("Select some words first, then press a label key")
	return nil
}

func (e *Editor) createEntity(start, end int, label string) error {
	// The same words with the same label again: select the existing span
	// rather than store a duplicate.
	for _, i := range e.m.entitiesAt(e.m.tokensFor(start, end)) {
		if ent := &e.m.ann.Entities[i]; ent.Start == start && ent.End == end && ent.Label == label {
			e.text = noSelection
			e.setSelected(Ref{KindEntity, ent.ID})
			e.view.text.Refresh()
			e.status(fmt.Sprintf("%q is already %s", ent.Text, label))
			return nil
		}
	}
	// The span shows at once under a provisional id; the writer stores it.
	ent := annotate.Entity{ID: e.provisional(), DocumentID: e.m.doc.ID, Start: start, End: end, Label: label,
		Text: e.m.index.Slice(start, end), Annotator: e.annotator}
	e.insertEntity(ent)
	e.text = noSelection
	e.setSelected(Ref{KindEntity, ent.ID})
	e.afterChange(fmt.Sprintf("%s %q", ent.Label, ent.Text))
	stored := ent
	e.save(func(ctx context.Context) error {
		stored.ID = 0
		if err := e.store.CreateEntity(ctx, &stored); err != nil {
			return err
		}
		e.writes.stored[ent.ID] = stored.ID
		return nil
	}, func(err error) {
		if err == nil {
			e.created(ent.ID, stored.ID, func() { e.replaceEntity(ent.ID, stored) })
		}
	})
	return nil
}

// created follows a committed create: the annotation's provisional id
// becomes the stored one everywhere the view holds it; replace puts the
// stored copy in place.
func (e *Editor) created(provisional, id int64, replace func()) {
	if e.m.doc.ID == 0 {
		return
	}
	replace()
	e.renumber(provisional, id)
	e.m.reindex()
	e.view.annotationsChanged()
	e.changed()
}

// renumber gives the annotation with a provisional id its stored id
// wherever the view refers to it; the caller re-indexes.
func (e *Editor) renumber(provisional, id int64) {
	ann := e.m.ann
	for i := range ann.Relations {
		r := &ann.Relations[i]
		if r.HeadID == provisional {
			r.HeadID = id
		}
		if r.TailID == provisional {
			r.TailID = id
		}
	}
	for i := range ann.Quotes {
		if ann.Quotes[i].SpeakerID == provisional {
			ann.Quotes[i].SpeakerID = id
		}
	}
	for _, p := range []*int64{&e.sel.ID, &e.hover.ID, &e.mode.id, &e.mode.tail, &e.mode.candidate, &e.mode.retype, e.chooserEntity()} {
		if *p == provisional {
			*p = id
		}
	}
}

// replaceEntity puts the stored copy of an entity in place of the view's
// entity id; a deleted one stays deleted.
func (e *Editor) replaceEntity(id int64, ent annotate.Entity) {
	if ent.DocumentID != e.m.doc.ID || e.gone[Ref{KindEntity, id}] || e.gone[Ref{KindEntity, ent.ID}] {
		return
	}
	if i, ok := e.m.entByID[id]; ok {
		if cur := &e.m.ann.Entities[i]; cur.Start == ent.Start && cur.End == ent.End && cur.Label == ent.Label && cur.ID == ent.ID {
			*cur = ent // same place in the order
			return
		}
		e.removeEntity(id)
	} else if _, ok := e.m.entByID[ent.ID]; ok {
		return // already read back from the store
	}
	e.insertEntity(ent)
	e.m.reindex()
}

// insertEntity adds a stored entity to the local copy in canonical order, so
// the view need not re-read 10,000 spans after each label.
func (e *Editor) insertEntity(ent annotate.Entity) {
	list := e.m.ann.Entities
	i := sort.Search(len(list), func(i int) bool { return annotate.EntityLess(&ent, &list[i]) })
	list = append(list, annotate.Entity{})
	copy(list[i+1:], list[i:])
	list[i] = ent
	e.m.ann.Entities = list
}

func (e *Editor) removeEntity(id int64) {
	if i, ok := e.m.entByID[id]; ok {
		e.m.ann.Entities = append(e.m.ann.Entities[:i], e.m.ann.Entities[i+1:]...)
	}
}

// afterChange re-indexes the local copy, redraws and tells the window.
func (e *Editor) afterChange(msg string) {
	e.m.reindex()
	e.view.annotationsChanged()
	e.changed()
	if msg != "" {
		e.status(msg)
	}
}

// SetEntityLabel changes an entity's label.
func (e *Editor) SetEntityLabel(id int64, label string) error {
	old, _ := e.m.entity(id)
	if old == nil || old.Label == label {
		return nil
	}
	ent := *old
	ent.Label = label
	e.removeEntity(id)
	e.insertEntity(ent)
	e.afterChange(fmt.Sprintf("Relabelled %q as %s", ent.Text, ent.Label))
	var stored *annotate.Entity
	e.save(func(ctx context.Context) error {
		var err error
		stored, err = e.store.UpdateEntity(ctx, e.writes.id(id), annotate.EntityUpdate{Label: &label})
		return err
	}, func(err error) {
		if err == nil {
			e.replaceEntity(stored.ID, *stored)
		}
	})
	return nil
}

// replaceQuote puts an updated quote into the local copy.
func (e *Editor) replaceQuote(q *annotate.Quote) {
	if q.DocumentID != e.m.doc.ID || e.gone[Ref{KindQuote, q.ID}] {
		return
	}
	if i, ok := e.m.quoteByID[q.ID]; ok {
		e.m.ann.Quotes[i] = *q
	} else {
		e.m.ann.Quotes = append(e.m.ann.Quotes, *q)
	}
	sort.SliceStable(e.m.ann.Quotes, func(i, j int) bool {
		x, y := &e.m.ann.Quotes[i], &e.m.ann.Quotes[j]
		if x.Start() != y.Start() {
			return x.Start() < y.Start()
		}
		return x.ID < y.ID
	})
	e.m.reindex()
}

// applyQuoteUpdate changes the view's copy of a quote as the store will.
func applyQuoteUpdate(q *annotate.Quote, upd annotate.QuoteUpdate) {
	if upd.Kind != nil {
		q.Kind = *upd.Kind
	}
	if upd.Content != nil {
		q.Content = upd.Content
	}
	if upd.Cue != nil {
		cue := *upd.Cue
		q.Cue = &cue
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
}

func (e *Editor) updateQuote(id int64, upd annotate.QuoteUpdate, msg string) error {
	cur := e.m.quote(id)
	if cur == nil {
		return nil
	}
	q := *cur
	applyQuoteUpdate(&q, upd)
	e.replaceQuote(&q)
	e.afterChange(msg)
	var stored *annotate.Quote
	e.save(func(ctx context.Context) error {
		u := upd
		if u.SpeakerID != nil {
			speaker := e.writes.id(*u.SpeakerID)
			u.SpeakerID = &speaker
		}
		var err error
		stored, err = e.store.UpdateQuote(ctx, e.writes.id(id), u)
		return err
	}, func(err error) {
		if err == nil && e.m.quote(stored.ID) != nil {
			e.replaceQuote(stored)
			e.afterChange("")
		}
	})
	return nil
}

// SetQuoteKind changes a quote's kind.
func (e *Editor) SetQuoteKind(id int64, k annotate.QuoteKind) error {
	return e.updateQuote(id, annotate.QuoteUpdate{Kind: &k}, "Quote kind: "+string(k))
}

// SetSpeaker makes entity the quote's speaker; entityID 0 clears it.
func (e *Editor) SetSpeaker(quoteID, entityID int64) error {
	if entityID == 0 {
		return e.updateQuote(quoteID, annotate.QuoteUpdate{ClearSpeaker: true}, "Speaker cleared")
	}
	msg := "Speaker set"
	if ent, _ := e.m.entity(entityID); ent != nil {
		msg = fmt.Sprintf("Speaker: %s", ent.Text)
	}
	return e.updateQuote(quoteID, annotate.QuoteUpdate{SpeakerID: &entityID}, msg)
}

// ClearCue removes a quote's cue.
func (e *Editor) ClearCue(quoteID int64) error {
	return e.updateQuote(quoteID, annotate.QuoteUpdate{ClearCue: true}, "Cue cleared")
}

// selectedSegment is the selected text as a quote segment.
func (e *Editor) selectedSegment() annotate.Segment {
	start, end := e.text.codePoints(e.m)
	return annotate.Segment{Start: start, End: end, Text: e.m.index.Slice(start, end)}
}

// createQuote makes the selected words a quote and waits for its speaker.
func (e *Editor) createQuote() error {
	if !e.text.active() {
		e.status("Select the quoted words first, then press Q")
		return nil
	}
	seg := e.selectedSegment()
	content := []annotate.Segment{seg}
	q := annotate.Quote{ID: e.provisional(), DocumentID: e.m.doc.ID, Content: content,
		Kind: annotate.QuoteKindFor(content, e.m.index), Annotator: e.annotator}
	e.replaceQuote(&q)
	e.text = noSelection
	e.setSelected(Ref{KindQuote, q.ID})
	e.afterChange("")
	e.startMode(modeSpeaker, q.ID)
	stored := q
	stored.Content = append([]annotate.Segment(nil), content...)
	e.save(func(ctx context.Context) error {
		stored.ID = 0
		if err := e.store.CreateQuote(ctx, &stored); err != nil {
			return err
		}
		e.writes.stored[q.ID] = stored.ID
		return nil
	}, func(err error) {
		if err == nil {
			e.created(q.ID, stored.ID, func() {
				if i, ok := e.m.quoteByID[q.ID]; ok {
					// Keep changes queued after the create (speaker, cue).
					e.m.ann.Quotes[i].ID = stored.ID
					e.m.ann.Quotes[i].Created, e.m.ann.Quotes[i].Updated = stored.Created, stored.Updated
				} else if e.m.quote(stored.ID) == nil {
					e.replaceQuote(&stored)
				}
			})
		}
	})
	return nil
}

// addQuoteSegment adds the selected words to the selected quote.
func (e *Editor) addQuoteSegment() error {
	q := e.m.quote(e.sel.ID)
	if e.sel.Kind != KindQuote || q == nil || !e.text.active() {
		e.status("Select a quote, then the other part of it, then press Shift+Q")
		return nil
	}
	content := append(append([]annotate.Segment(nil), q.Content...), e.selectedSegment())
	sort.Slice(content, func(i, j int) bool { return content[i].Start < content[j].Start })
	e.text = noSelection
	return e.updateQuote(q.ID, annotate.QuoteUpdate{Content: content}, fmt.Sprintf("Quote has %d parts", len(content)))
}

// RemoveQuoteSegment removes part i of a split quote, as one change; the
// last part stays (delete the quote instead).
func (e *Editor) RemoveQuoteSegment(quoteID int64, i int) error {
	q := e.m.quote(quoteID)
	if q == nil || i < 0 || i >= len(q.Content) || len(q.Content) < 2 {
		return nil
	}
	content := append(append([]annotate.Segment(nil), q.Content[:i]...), q.Content[i+1:]...)
	return e.updateQuote(quoteID, annotate.QuoteUpdate{Content: content}, fmt.Sprintf("Removed part %d of the quote", i+1))
}

// setCue makes the selected words the quote's cue.
func (e *Editor) setCue(quoteID int64) error {
	seg := e.selectedSegment()
	e.text = noSelection
	return e.updateQuote(quoteID, annotate.QuoteUpdate{Cue: &seg}, fmt.Sprintf("Cue: %s", seg.Text))
}

// createRelation stores a relation of type typ from head to tail.
func (e *Editor) createRelation(head, tail int64, typ string) error {
	r := annotate.Relation{ID: e.provisional(), DocumentID: e.m.doc.ID, Type: typ, HeadID: head, TailID: tail, Annotator: e.annotator}
	e.m.ann.Relations = append(e.m.ann.Relations, r)
	e.m.reindex()
	e.setSelected(Ref{KindRelation, r.ID})
	e.afterChange("Relation " + typ)
	stored := r
	e.save(func(ctx context.Context) error {
		stored.ID, stored.HeadID, stored.TailID = 0, e.writes.id(head), e.writes.id(tail)
		if err := e.store.CreateRelation(ctx, &stored); err != nil {
			return err
		}
		e.writes.stored[r.ID] = stored.ID
		return nil
	}, func(err error) {
		if err == nil {
			e.created(r.ID, stored.ID, func() { e.replaceRelation(r.ID, stored) })
		}
	})
	return nil
}

// replaceRelation puts the stored copy of relation id in place.
func (e *Editor) replaceRelation(id int64, r annotate.Relation) {
	if r.DocumentID != e.m.doc.ID || e.gone[Ref{KindRelation, id}] || e.gone[Ref{KindRelation, r.ID}] {
		return
	}
	if i, ok := e.m.relByID[id]; ok {
		cur := &e.m.ann.Relations[i]
		if cur.ID == r.ID && cur.HeadID == r.HeadID && cur.TailID == r.TailID {
			*cur = r // the drawing stays as it is
			return
		}
		*cur = r
	} else if _, ok := e.m.relByID[r.ID]; !ok {
		e.m.ann.Relations = append(e.m.ann.Relations, r)
	}
	e.m.reindex()
}

func (e *Editor) updateRelation(id int64, upd annotate.RelationUpdate, msg string) error {
	cur := e.m.relation(id)
	if cur == nil {
		return nil
	}
	if upd.Type != nil && cur.Type != *upd.Type {
		h, _ := e.m.entity(cur.HeadID)
		t, _ := e.m.entity(cur.TailID)
		if h != nil && t != nil && !allowsType(e.m.schema.RelationTypesFor(h.Label, t.Label), *upd.Type) {
			return e.fail(annotate.Errorf(annotate.EINVALID, "the schema does not allow %s from %s to %s", *upd.Type, h.Label, t.Label))
		}
	}
	r := *cur
	if upd.Type != nil {
		r.Type = *upd.Type
	}
	if upd.Reverse {
		r.HeadID, r.TailID = r.TailID, r.HeadID
	}
	if upd.Note != nil {
		r.Note = *upd.Note
	}
	e.replaceRelation(id, r)
	e.afterChange(msg)
	var stored *annotate.Relation
	e.save(func(ctx context.Context) error {
		var err error
		stored, err = e.store.UpdateRelation(ctx, e.writes.id(id), upd)
		return err
	}, func(err error) {
		if err == nil && e.m.relation(stored.ID) != nil {
			e.replaceRelation(stored.ID, *stored)
			e.view.text.Refresh() // the caption may differ from the view's guess
		}
	})
	return nil
}

// SetRelationType changes a relation's type; the store refuses a type the
// schema does not allow between the two labels.
func (e *Editor) SetRelationType(id int64, typ string) error {
	return e.updateRelation(id, annotate.RelationUpdate{Type: &typ}, "Relation type: "+typ)
}

// ReverseRelation swaps a relation's head and tail.
func (e *Editor) ReverseRelation(id int64) error {
	return e.updateRelation(id, annotate.RelationUpdate{Reverse: true}, "Relation reversed")
}

// SetNote sets the free-text note of an annotation.
func (e *Editor) SetNote(ref Ref, note string) error {
	switch ref.Kind {
	case KindEntity:
		cur, _ := e.m.entity(ref.ID)
		if cur == nil {
			return nil
		}
		cur.Note = note
		e.afterChange("Note saved")
		var stored *annotate.Entity
		e.save(func(ctx context.Context) error {
			var err error
			stored, err = e.store.UpdateEntity(ctx, e.writes.id(ref.ID), annotate.EntityUpdate{Note: &note})
			return err
		}, func(err error) {
			if err == nil {
				e.replaceEntity(stored.ID, *stored)
			}
		})
		return nil
	case KindQuote:
		return e.updateQuote(ref.ID, annotate.QuoteUpdate{Note: &note}, "Note saved")
	case KindRelation:
		return e.updateRelation(ref.ID, annotate.RelationUpdate{Note: &note}, "Note saved")
	}
	return nil
}

// Delete removes an annotation. Deleting an entity also removes the
// relations and speaker links that use it; the status line says so.
func (e *Editor) Delete(ref Ref) error {
	if !e.m.exists(ref) {
		return nil
	}
	var msg string
	var del func(ctx context.Context, id int64) error
	ann := e.m.ann
	switch ref.Kind {
	case KindEntity:
		ent, _ := e.m.entity(ref.ID)
		msg = deleteMessage(ent, e.removeEntityLinks(ref.ID))
		e.removeEntity(ref.ID)
		del = func(ctx context.Context, id int64) error { _, err := e.store.DeleteEntity(ctx, id); return err }
	case KindQuote:
		i := e.m.quoteByID[ref.ID]
		ann.Quotes = append(ann.Quotes[:i], ann.Quotes[i+1:]...)
		msg = "Deleted the quote"
		del = func(ctx context.Context, id int64) error { return e.store.DeleteQuote(ctx, id) }
	case KindRelation:
		i := e.m.relByID[ref.ID]
		msg = "Deleted relation " + ann.Relations[i].Type
		ann.Relations = append(ann.Relations[:i], ann.Relations[i+1:]...)
		del = func(ctx context.Context, id int64) error { return e.store.DeleteRelation(ctx, id) }
	default:
		return nil
	}
	e.gone[ref] = true
	if e.sel == ref {
		e.setSelected(Ref{})
	}
	e.mode = mode{}
	e.afterChange(msg)
	e.save(func(ctx context.Context) error { return del(ctx, e.writes.id(ref.ID)) }, nil)
	return nil
}

// removeEntityLinks takes the relations and speaker links that use entity
// id out of the view, as the store's delete cascades to them.
func (e *Editor) removeEntityLinks(id int64) annotate.DeleteResult {
	res := annotate.DeleteResult{Entities: 1}
	ann := e.m.ann
	kept := ann.Relations[:0]
	for _, r := range ann.Relations {
		if r.HeadID == id || r.TailID == id {
			res.Relations++
			e.gone[Ref{KindRelation, r.ID}] = true
			continue
		}
		kept = append(kept, r)
	}
	ann.Relations = kept
	for i := range ann.Quotes {
		if ann.Quotes[i].SpeakerID == id {
			ann.Quotes[i].SpeakerID = 0
			res.Speakers++
		}
	}
	return res
}

func allowsType(types []annotate.RelationType, name string) bool {
	for _, t := range types {
		if t.Name == name {
			return true
		}
	}
	return false
}

func deleteMessage(ent *annotate.Entity, res annotate.DeleteResult) string {
	msg := "Deleted the span"
	if ent != nil {
		msg = fmt.Sprintf("Deleted %s %q", ent.Label, ent.Text)
	}
	var also []string
	if res.Relations > 0 {
		also = append(also, annotate.Plural(res.Relations, "relation"))
	}
	if res.Speakers > 0 {
		also = append(also, annotate.Plural(res.Speakers, "speaker link"))
	}
	if len(also) > 0 {
		msg += " and " + strings.Join(also, " and ")
	}
	return msg
}

// Undo reverts the latest action on this document.
func (e *Editor) Undo() error { return e.history(true) }

// Redo re-applies the latest undone action.
func (e *Editor) Redo() error { return e.history(false) }

func (e *Editor) history(undo bool) error {
	if err := e.requireDocument(); err != nil {
		return e.fail(err)
	}
	e.mode = mode{}
	doc := e.m.doc.ID
	var ev *annotate.Event
	var ann *annotate.Annotations
	// Undo and redo show what the store did, so they wait for it (off the
	// UI goroutine, in order with the writes before them).
	e.save(func(ctx context.Context) error {
		var err error
		if undo {
			ev, err = e.store.Undo(ctx, doc)
		} else {
			ev, err = e.store.Redo(ctx, doc)
		}
		if err != nil || ev == nil {
			return err
		}
		ann, err = e.store.FindAnnotations(ctx, doc)
		return err
	}, func(err error) {
		if err != nil || e.m.doc.ID != doc {
			return
		}
		if ev == nil {
			if undo {
				e.status("Nothing to undo")
			} else {
				e.status("Nothing to redo")
			}
			return
		}
		e.showStored(ann)
		if e.OnHistory != nil {
			e.OnHistory(ev)
		}
		verb := "Undone"
		if !undo {
			verb = "Redone"
		}
		e.status(verb + ": " + ev.Summary)
	})
	return nil
}
