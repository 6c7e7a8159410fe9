package article

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"

	"byline/annotate"
)

// suggestionBindings are the review keys, for the help overlay.
var suggestionBindings = []Binding{
	{"Tab", "Go to the next suggestion and select it"},
	{"Shift+Tab", "Go to the previous suggestion"},
	{"Enter", "Accept the selected suggestion (a quote with its speaker and cue), then go to the next"},
	{"Backspace", "Reject the selected suggestion (Ctrl+Z brings it back), then go to the next"},
	{"Ctrl+Shift+A", "Accept every suggestion in the document (one Ctrl+Z takes them all back)"},
	{"A", "Label every other occurrence of the selected span's text the same way (one undoable action)"},
	{"Click a suggestion", "Select a proposed name (a label key then labels it), or a proposed quote by its dashed bar or \"?\" chip"},
}

// suggestionKey handles the review keys and reports whether it used name.
// Enter, Backspace and Delete act on a suggestion only while one (and no
// annotation) is selected and no command waits.
func (e *Editor) suggestionKey(name fyne.KeyName, shift bool) bool {
	if !e.review.enabled {
		return false
	}
	sel := e.SelectedSuggestion()
	switch name {
	case fyne.KeyTab:
		d := 1
		if shift {
			d = -1
		}
		e.stepSuggestion(d)
		return true
	case fyne.KeyReturn, fyne.KeyEnter:
		if sel >= 0 && e.mode.kind == modeNormal {
			e.acceptSuggestion(sel)
			return true
		}
	case fyne.KeyBackspace, fyne.KeyDelete:
		if sel >= 0 && e.mode.kind == modeNormal {
			e.rejectSuggestion(sel)
			return true
		}
	case fyne.KeyEscape:
		if sel >= 0 && e.mode.kind == modeNormal {
			e.review.sel = 0
			e.status("")
			e.view.text.Refresh()
			return true
		}
	}
	return false
}

// suggestionRune handles A, "annotate all occurrences".
func (e *Editor) suggestionRune(r rune) bool {
	if r != 'a' && r != 'A' {
		return false
	}
	if e.sel.Kind != KindEntity {
		e.status("Select an entity span first, then press A to label all its occurrences")
		return true
	}
	_ = e.AnnotateAll(e.sel.ID)
	return true
}

// suggestionShortcut handles Ctrl+Shift+A, accept all.
func (e *Editor) suggestionShortcut(key fyne.KeyName, mod fyne.KeyModifier) bool {
	if key != fyne.KeyA || mod != fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift {
		return false
	}
	_ = e.AcceptAllSuggestions()
	return true
}

// stepSuggestion selects the next (d = 1) or previous (d = -1) suggestion:
// from the selected one, else from the selection or the top of the view.
func (e *Editor) stepSuggestion(d int) {
	list := e.m.sugg.list
	n := len(list)
	if n == 0 {
		e.status("No suggestions in this document")
		return
	}
	var i int
	if cur := e.SelectedSuggestion(); cur >= 0 {
		i = (cur + d + n) % n
	} else {
		from := e.view.text.firstVisibleToken()
		if e.text.active() {
			from = e.text.tokens().first
		} else if r := e.refTokens(e.sel); !r.empty() {
			from = r.first
		}
		cp := 0
		if from < len(e.m.toks) {
			cp = e.m.toks[from].Start
		}
		i = sort.Search(n, func(k int) bool { return list[k].Start() >= cp })
		if d < 0 {
			i--
		}
		i = (i + n) % n
	}
	e.selectSuggestion(i)
}

// selectSuggestion selects suggestion i, scrolls to it and says what it
// proposes and why.
func (e *Editor) selectSuggestion(i int) {
	if i < 0 || i >= len(e.m.sugg.list) {
		return
	}
	e.cancelMode()
	e.text = noSelection
	e.setSelected(Ref{})
	e.review.sel = i + 1
	e.status(e.describeSuggestion(&e.m.sugg.list[i]) + " · Enter accepts, Backspace rejects, Tab goes on")
	if r := e.m.suggestionTokens(i); !r.empty() && e.view.text.scrollToToken(r.first) {
		return
	}
	e.view.text.Refresh()
}

// describeSuggestion says what a suggestion proposes and why.
func (e *Editor) describeSuggestion(s *annotate.Suggestion) string {
	if s.Entity != nil || s.Link != nil {
		return "S" + s.Summary()[1:] + " (" + s.Reason + ")"
	}
	q := s.Quote
	msg := "Suggested quote"
	if q == nil {
		return msg
	}
	if len(q.Content) > 0 {
		msg += " " + annotate.QuotedSnippet(q.Content[0].Text)
	}
	if sp := q.Speaker; sp != nil {
		who := sp.Text
		if sp.Pronoun != nil {
			who = fmt.Sprintf("'%s' = %s", sp.Pronoun.Text, sp.Text)
		}
		if sp.EntityID == 0 {
			who += " (new " + sp.Label + ")"
		}
		msg += " by " + who
	}
	if q.Cue != nil {
		msg += ", cue " + annotate.QuotedSnippet(q.Cue.Text)
	}
	return msg + " (" + s.Reason + ")"
}

// dropSuggestion takes suggestion i out of the view and selects the one
// after it (the review goes on where it was), or none; done says what
// happened to it.
func (e *Editor) dropSuggestion(i int, done string) {
	e.m.dropSuggestion(i)
	next := e.m.sugg.list
	e.review.sel = 0
	e.view.annotationsChanged()
	if len(next) > 0 {
		e.selectSuggestion(min(i, len(next)-1))
		e.status(done + " · next: " + e.describeSuggestion(&next[min(i, len(next)-1)]))
	} else {
		e.view.text.Refresh()
		e.status(done + " · no suggestions left")
	}
	e.suggestionsChanged()
}

// what names a suggestion without "suggested": `PERSON "Lavrov"`.
func what(s *annotate.Suggestion) string { return strings.TrimPrefix(s.Summary(), "suggested ") }

// acceptSuggestion stores suggestion i as annotations through the writer:
// the view shows them at once under provisional ids, and the store records
// one undoable action with the suggestion's reason.
func (e *Editor) acceptSuggestion(i int) { e.acceptSuggestionAs(i, e.m.sugg.list[i]) }

// acceptSuggestionAs accepts suggestion i as s: the suggestion itself, or
// a name the analyst gave another label.
func (e *Editor) acceptSuggestionAs(i int, s annotate.Suggestion) {
	doc := e.m.doc.ID
	var ent *annotate.Entity
	var q *annotate.Quote
	newEntity := func(start, end int, label string) *annotate.Entity {
		return &annotate.Entity{ID: e.provisional(), DocumentID: doc, Start: start, End: end, Label: label,
			Text: e.m.index.Slice(start, end), Annotator: e.annotator}
	}
	switch {
	case s.Entity != nil:
		if e.marked(s.Entity.Start, s.Entity.End, s.Entity.Label) != 0 {
			e.dropSuggestion(i, what(&s)+" is marked already")
			return
		}
		ent = newEntity(s.Entity.Start, s.Entity.End, s.Entity.Label)
	case s.Quote != nil:
		sq := s.Quote
		q = &annotate.Quote{ID: e.provisional(), DocumentID: doc, Kind: sq.Kind,
			Content: append([]annotate.Segment(nil), sq.Content...), Annotator: e.annotator}
		if sq.Cue != nil {
			cue := *sq.Cue
			q.Cue = &cue
		}
		if sp := sq.Speaker; sp != nil {
			_, known := e.m.schema.Label(sp.Label)
			switch {
			case sp.EntityID != 0:
				q.SpeakerID = sp.EntityID
			case !known: // the store keeps such a quote without its speaker
			case e.marked(sp.Start, sp.End, sp.Label) != 0:
				q.SpeakerID = e.marked(sp.Start, sp.End, sp.Label)
			default:
				ent = newEntity(sp.Start, sp.End, sp.Label)
				q.SpeakerID = ent.ID
			}
		}
	case s.Link != nil:
		e.acceptLink(i)
		return
	default:
		return
	}
	if ent != nil {
		e.insertEntity(*ent)
	}
	if q != nil {
		e.replaceQuote(q)
	}
	e.afterChange("")
	e.dropSuggestion(i, "Accepted "+what(&s))
	var acc *annotate.Accepted
	e.save(func(ctx context.Context) error {
		stored := e.storedIDs(s)
		var err error
		if acc, err = e.store.AcceptSuggestion(ctx, doc, &stored, ""); err != nil {
			return err
		}
		if ent != nil && acc.Entity != nil {
			e.writes.stored[ent.ID] = acc.Entity.ID
		}
		if q != nil && acc.Quote != nil {
			e.writes.stored[q.ID] = acc.Quote.ID
		}
		return nil
	}, func(err error) {
		if err != nil || e.m.doc.ID != doc {
			return
		}
		if ent != nil && acc.Entity != nil {
			e.created(ent.ID, acc.Entity.ID, func() { e.replaceEntity(ent.ID, *acc.Entity) })
		}
		if q != nil && acc.Quote != nil {
			e.created(q.ID, acc.Quote.ID, func() {
				if cur := e.m.quote(q.ID); cur != nil {
					cur.ID, cur.Created, cur.Updated = acc.Quote.ID, acc.Quote.Created, acc.Quote.Updated
				}
			})
		}
	})
}

// marked returns the id of the entity with exactly that span and label, 0
// when there is none.
func (e *Editor) marked(start, end int, label string) int64 {
	for _, i := range e.m.entitiesAt(e.m.tokensFor(start, end)) {
		if en := &e.m.ann.Entities[i]; en.Start == start && en.End == end && en.Label == label {
			return en.ID
		}
	}
	return 0
}

// rejectSuggestion forgets suggestion i in this document, as an undoable
// action.
func (e *Editor) rejectSuggestion(i int) {
	s := e.m.sugg.list[i]
	doc := e.m.doc.ID
	e.dropSuggestion(i, "Rejected "+what(&s)+" (Ctrl+Z brings it back)")
	key := s.Key()
	e.save(func(ctx context.Context) error { return e.store.RejectSuggestion(ctx, doc, key) }, nil)
	e.suggestionsStale()
}

// RejectSuggestion rejects the suggestion with key in the open document.
func (e *Editor) RejectSuggestion(key string) {
	if i := e.suggestionIndex(key); i >= 0 {
		e.rejectSuggestion(i)
	}
}

// AcceptAllSuggestions accepts every suggestion shown, in text order, as
// one action that one Ctrl+Z takes back; the store skips one that an
// earlier one made redundant (a name the speaker of a quote already marked).
func (e *Editor) AcceptAllSuggestions() error {
	if err := e.requireDocument(); err != nil {
		return e.fail(err)
	}
	list := append([]annotate.Suggestion(nil), e.m.sugg.list...)
	if len(list) == 0 {
		e.status("No suggestions to accept")
		return nil
	}
	doc := e.m.doc.ID
	e.m.setSuggestions(nil)
	e.review.sel = 0
	e.view.manyAnnotationsChanged()
	e.suggestionsChanged()
	e.status(fmt.Sprintf("Accepting %s…", annotate.Plural(len(list), "suggestion")))
	e.suggestionsStale() // a computation under way must not bring them back
	var accepted []annotate.Accepted
	var ann *annotate.Annotations
	e.save(func(ctx context.Context) error {
		for i := range list {
			list[i] = e.storedIDs(list[i])
		}
		var err error
		if accepted, err = e.store.AcceptSuggestions(ctx, doc, list, ""); err != nil {
			return err
		}
		ann, err = e.store.FindAnnotations(ctx, doc)
		return err
	}, func(err error) {
		if err != nil || e.m.doc.ID != doc {
			return
		}
		e.takeAnnotations(ann)
		e.view.manyAnnotationsChanged()
		e.changed()
		msg := fmt.Sprintf("Accepted %s (Ctrl+Z takes them all back)", annotate.Plural(len(accepted), "suggestion"))
		if skipped := len(list) - len(accepted); skipped > 0 {
			msg += fmt.Sprintf("; %d already marked by an earlier one", skipped)
		}
		e.status(msg)
	})
	return nil
}

// storedIDs returns s with the provisional entity ids it names (a quote's
// known speaker, a link's mention) replaced by the stored ones; on the
// writer, after the writes that created them.
func (e *Editor) storedIDs(s annotate.Suggestion) annotate.Suggestion {
	if s.Quote != nil && s.Quote.Speaker != nil && s.Quote.Speaker.EntityID != 0 {
		sp := *s.Quote.Speaker
		sp.EntityID = e.writes.id(sp.EntityID)
		sq := *s.Quote
		sq.Speaker = &sp
		s.Quote = &sq
	}
	if s.Link != nil {
		link := *s.Link
		link.EntityID = e.writes.id(link.EntityID)
		s.Link = &link
	}
	return s
}

// AnnotateAll labels every other whole-token occurrence of entity id's text
// in the document with its label, as one undoable action.
func (e *Editor) AnnotateAll(id int64) error {
	src, v := e.m.entity(id)
	if src == nil {
		return nil
	}
	doc := e.m.doc.ID
	var list []annotate.Entity
	for _, r := range e.occurrences(src.Text, v.toks) {
		start, end := e.m.codePoints(r)
		if e.marked(start, end, src.Label) != 0 {
			continue
		}
		list = append(list, annotate.Entity{ID: e.provisional(), DocumentID: doc, Start: start, End: end,
			Label: src.Label, Text: src.Text, Annotator: e.annotator})
	}
	if len(list) == 0 {
		e.status(fmt.Sprintf("No other unmarked occurrence of %s", annotate.QuotedSnippet(src.Text)))
		return nil
	}
	for _, en := range list {
		e.insertEntity(en)
	}
	e.afterChange(fmt.Sprintf("Labelled %s more %s as %s (Ctrl+Z takes them all back)",
		annotate.Plural(len(list), "occurrence"), annotate.QuotedSnippet(src.Text), src.Label))
	var stored []annotate.Entity
	e.save(func(ctx context.Context) error {
		var err error
		if stored, err = e.store.CreateEntities(ctx, doc, list); err != nil {
			return err
		}
		for _, s := range stored {
			for _, p := range list {
				if p.Start == s.Start && p.End == s.End {
					e.writes.stored[p.ID] = s.ID
				}
			}
		}
		return nil
	}, func(err error) {
		if err != nil || e.m.doc.ID != doc {
			return
		}
		for _, s := range stored {
			for _, p := range list {
				if p.Start == s.Start && p.End == s.End {
					if i, ok := e.m.entByID[p.ID]; ok && !e.gone[Ref{KindEntity, p.ID}] {
						e.m.ann.Entities[i] = s
					}
					e.renumber(p.ID, s.ID)
				}
			}
		}
		e.m.reindex()
		e.view.annotationsChanged()
		e.changed()
	})
	return nil
}

// occurrences returns the token ranges where text occurs as whole tokens,
// other than skip.
func (e *Editor) occurrences(text string, skip tokRange) []tokRange {
	toks := annotate.Tokenize(text)
	if len(toks) == 0 {
		return nil
	}
	m := e.m
	first := text[toks[0].ByteStart:toks[0].ByteEnd]
	n := len(toks)
	var out []tokRange
	for i := 0; i+n <= len(m.toks); i++ {
		if m.tokenText(i) != first {
			continue
		}
		r := tokRange{i, i + n}
		if r == skip || m.doc.Text[m.toks[i].ByteStart:m.toks[i+n-1].ByteEnd] != text {
			continue
		}
		out = append(out, r)
		i += n - 1
	}
	return out
}

// acceptLink links a mention to the proposed actor; the view shows the
// link once the store made it.
func (e *Editor) acceptLink(i int) {
	s := e.m.sugg.list[i]
	doc := e.m.doc.ID
	e.dropSuggestion(i, "Accepted "+what(&s))
	e.suggestionsStale()
	e.save(e.refreshStored(doc, func(ctx context.Context) error {
		stored := e.storedIDs(s)
		_, err := e.store.AcceptSuggestion(ctx, doc, &stored, "")
		return err
	}, nil))
}
