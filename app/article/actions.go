package article

import (
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
		return e.createEntity(e.text.tokens(), label)
	}
	if e.sel.Kind == KindEntity {
		return e.SetEntityLabel(e.sel.ID, label)
	}
	e.status("Select some words first, then press a label key")
	return nil
}

func (e *Editor) createEntity(r tokRange, label string) error {
	start, end := e.m.codePoints(r)
	// The same words with the same label again: select the existing span
	// rather than store a duplicate.
	for _, i := range e.m.entitiesAt(r) {
		if ent := &e.m.ann.Entities[i]; ent.Start == start && ent.End == end && ent.Label == label {
			e.text = noSelection
			e.setSelected(Ref{KindEntity, ent.ID})
			e.view.text.Refresh()
			e.status(fmt.Sprintf("%q is already %s", ent.Text, label))
			return nil
		}
	}
	ent := &annotate.Entity{DocumentID: e.m.doc.ID, Start: start, End: end, Label: label}
	if err := e.store.CreateEntity(e.ctx, ent); err != nil {
		return e.fail(err)
	}
	e.insertEntity(*ent)
	e.text = noSelection
	e.setSelected(Ref{KindEntity, ent.ID})
	e.afterChange(fmt.Sprintf("Saved %s %q", ent.Label, ent.Text))
	return nil
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
	if old != nil && old.Label == label {
		return nil
	}
	ent, err := e.store.UpdateEntity(e.ctx, id, annotate.EntityUpdate{Label: &label})
	if err != nil {
		return e.fail(err)
	}
	e.removeEntity(id)
	e.insertEntity(*ent)
	e.afterChange(fmt.Sprintf("Relabelled %q as %s", ent.Text, ent.Label))
	return nil
}

// replaceQuote puts an updated quote into the local copy.
func (e *Editor) replaceQuote(q *annotate.Quote) {
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
}

func (e *Editor) updateQuote(id int64, upd annotate.QuoteUpdate, msg string) error {
	q, err := e.store.UpdateQuote(e.ctx, id, upd)
	if err != nil {
		return e.fail(err)
	}
	e.replaceQuote(q)
	e.afterChange(msg)
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

func (e *Editor) segmentFor(r tokRange) annotate.Segment {
	start, end := e.m.codePoints(r)
	return annotate.Segment{Start: start, End: end, Text: e.m.index.Slice(start, end)}
}

// createQuote makes the selected words a quote and waits for its speaker.
func (e *Editor) createQuote() error {
	if !e.text.active() {
		e.status("Select the quoted words first, then press Q")
		return nil
	}
	seg := e.segmentFor(e.text.tokens())
	content := []annotate.Segment{seg}
	q := &annotate.Quote{DocumentID: e.m.doc.ID, Content: content, Kind: annotate.QuoteKindFor(content, e.m.index)}
	if err := e.store.CreateQuote(e.ctx, q); err != nil {
		return e.fail(err)
	}
	e.replaceQuote(q)
	e.text = noSelection
	e.setSelected(Ref{KindQuote, q.ID})
	e.afterChange("")
	e.startMode(modeSpeaker, q.ID)
	return nil
}

// addQuoteSegment adds the selected words to the selected quote.
func (e *Editor) addQuoteSegment() error {
	q := e.m.quote(e.sel.ID)
	if e.sel.Kind != KindQuote || q == nil || !e.text.active() {
		e.status("Select a quote, then the other part of it, then press Shift+Q")
		return nil
	}
	content := append(append([]annotate.Segment(nil), q.Content...), e.segmentFor(e.text.tokens()))
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
	seg := e.segmentFor(e.text.tokens())
	e.text = noSelection
	return e.updateQuote(quoteID, annotate.QuoteUpdate{Cue: &seg}, fmt.Sprintf("Cue: %s", seg.Text))
}

// createRelation stores a relation of type typ from head to tail.
func (e *Editor) createRelation(head, tail int64, typ string) error {
	r := &annotate.Relation{DocumentID: e.m.doc.ID, Type: typ, HeadID: head, TailID: tail}
	if err := e.store.CreateRelation(e.ctx, r); err != nil {
		return e.fail(err)
	}
	e.m.ann.Relations = append(e.m.ann.Relations, *r)
	e.setSelected(Ref{KindRelation, r.ID})
	e.afterChange("Relation " + typ + " saved")
	return nil
}

func (e *Editor) updateRelation(id int64, upd annotate.RelationUpdate, msg string) error {
	r, err := e.store.UpdateRelation(e.ctx, id, upd)
	if err != nil {
		return e.fail(err)
	}
	if i, ok := e.m.relByID[id]; ok {
		e.m.ann.Relations[i] = *r
	}
	e.afterChange(msg)
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
		ent, err := e.store.UpdateEntity(e.ctx, ref.ID, annotate.EntityUpdate{Note: &note})
		if err != nil {
			return e.fail(err)
		}
		if i, ok := e.m.entByID[ref.ID]; ok {
			e.m.ann.Entities[i] = *ent
		}
		e.afterChange("Note saved")
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
	var msg string
	switch ref.Kind {
	case KindEntity:
		ent, _ := e.m.entity(ref.ID)
		res, err := e.store.DeleteEntity(e.ctx, ref.ID)
		if err != nil {
			return e.fail(err)
		}
		msg = deleteMessage(ent, res)
	case KindQuote:
		if err := e.store.DeleteQuote(e.ctx, ref.ID); err != nil {
			return e.fail(err)
		}
		msg = "Deleted the quote"
	case KindRelation:
		r := e.m.relation(ref.ID)
		if err := e.store.DeleteRelation(e.ctx, ref.ID); err != nil {
			return e.fail(err)
		}
		msg = "Deleted the relation"
		if r != nil {
			msg = "Deleted relation " + r.Type
		}
	default:
		return nil
	}
	if e.sel == ref {
		e.setSelected(Ref{})
	}
	e.mode = mode{}
	// A delete may cascade; re-read what the store now holds.
	if err := e.reloadAnnotations(); err != nil {
		return e.fail(err)
	}
	e.changed()
	e.status(msg)
	return nil
}

func deleteMessage(ent *annotate.Entity, res annotate.DeleteResult) string {
	msg := "Deleted the span"
	if ent != nil {
		msg = fmt.Sprintf("Deleted %s %q", ent.Label, ent.Text)
	}
	var also []string
	if res.Relations > 0 {
		also = append(also, plural(res.Relations, "relation"))
	}
	if res.Speakers > 0 {
		also = append(also, plural(res.Speakers, "speaker link"))
	}
	if len(also) > 0 {
		msg += " and " + strings.Join(also, " and ")
	}
	return msg
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
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
	var ev *annotate.Event
	var err error
	if undo {
		ev, err = e.store.Undo(e.ctx, e.m.doc.ID)
	} else {
		ev, err = e.store.Redo(e.ctx, e.m.doc.ID)
	}
	if err != nil {
		return e.fail(err)
	}
	if ev == nil {
		if undo {
			e.status("Nothing to undo")
		} else {
			e.status("Nothing to redo")
		}
		return nil
	}
	if err := e.reloadAnnotations(); err != nil {
		return e.fail(err)
	}
	e.changed()
	verb := "Undone"
	if !undo {
		verb = "Redone"
	}
	e.status(verb + ": " + ev.Summary)
	return nil
}
