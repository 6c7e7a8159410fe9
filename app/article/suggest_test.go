package article

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"byline/annotate"
)

const reviewText = "Sergei Lavrov met Hakan Fidan in Ankara.\n\n\"We agreed on a ceasefire,\" Lavrov said.\n\n" +
	"Fidan told reporters in Ankara that the talks would go on."

// The suggestions of reviewText, with "Lavrov" PERSON and "Ankara" GPE
// marked in another document of the corpus, in text order.
const (
	keyLavrov1 = "e:7:13:PERSON"
	keyAnkara1 = "e:33:39:GPE"
	keyQuote1  = "q:42:69"
	keyLavrov2 = "e:70:76:PERSON"
	keyAnkara2 = "e:108:114:GPE"
	keyQuote2  = "q:120:141"
)

// newReviewHarness opens reviewText with suggestions on, after another
// document of the corpus marked the names.
func newReviewHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t, reviewText)
	seed := "Lavrov flew to Ankara."
	h.importRecord(&annotate.Record{Text: seed, Entities: []annotate.RecordEntity{
		{ID: "T1", Start: 0, End: 6, Label: "PERSON", Text: "Lavrov"},
		{ID: "T2", Start: 15, End: 21, Label: "GPE", Text: "Ankara"},
	}, Quotes: []annotate.RecordQuote{}, Relations: []annotate.RecordRelation{}})
	h.ed.ShowSuggestions(true)
	h.ed.WaitSuggestions()
	return h
}

func (h *harness) suggestionKeys() []string {
	var out []string
	for _, s := range h.ed.Suggestions() {
		out = append(out, s.Key())
	}
	return out
}

// tab presses Tab, or Shift+Tab with the Shift key held as the driver sends it.
func (h *harness) tab(shift bool) {
	tv := h.tv()
	if shift {
		tv.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		defer tv.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	}
	h.key(fyne.KeyTab)
}

func (h *harness) selectedKey() string {
	i := h.ed.SelectedSuggestion()
	if i < 0 {
		return ""
	}
	return h.ed.Suggestions()[i].Key()
}

func (h *harness) rejections() map[string]bool {
	h.ed.Flush()
	r, err := h.store.Rejections(context.Background(), h.doc)
	if err != nil {
		h.t.Fatal(err)
	}
	return r
}

func TestSuggestionsShownNotStored(t *testing.T) {
	h := newReviewHarness(t)
	want := []string{keyLavrov1, keyAnkara1, keyQuote1, keyLavrov2, keyAnkara2, keyQuote2}
	if got := h.suggestionKeys(); !slices.Equal(got, want) {
		t.Fatalf("suggestions %v, want %v", got, want)
	}
	if got := h.ed.SuggestionSummary(); got != "6 suggestions: 2 quotes, 4 names" {
		t.Errorf("summary %q", got)
	}
	if c := h.stored(); len(c.Entities)+len(c.Quotes) != 0 {
		t.Errorf("suggestions were stored as annotations: %+v", c)
	}
	// Drawn in their own style: a "?" chip per suggestion, dashed pieces.
	r := newTextRenderer(h.tv())
	r.draw()
	var captions []string
	dashes := 0
	for _, o := range r.objs {
		switch o := o.(type) {
		case *canvasText:
			if strings.HasSuffix(o.Text, " ?") {
				captions = append(captions, o.Text)
			}
		case *canvasRect:
			if o.Size().Width == dashOn && o.Size().Height == 3 {
				dashes++ // a piece of a proposed quote's dashed bar
			}
		}
	}
	if want := []string{"PERSON ?", "GPE ?", "QUOTE ?", "PERSON ?", "GPE ?", "QUOTE ?"}; !sameItems(captions, want) {
		t.Errorf("chips %v, want %v", captions, want)
	}
	if dashes == 0 {
		t.Error("no dashed quote bar drawn")
	}
	// Turned off, they are gone.
	h.ed.ShowSuggestions(false)
	if len(h.ed.Suggestions()) != 0 || h.ed.SuggestionSummary() != "" {
		t.Errorf("suggestions still shown: %v", h.suggestionKeys())
	}
}

func sameItems(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func TestSuggestionTabEnterBackspaceUndo(t *testing.T) {
	h := newReviewHarness(t)
	help := map[string]bool{}
	for _, b := range h.ed.KeyBindings() {
		help[b.Keys] = true
	}
	for _, k := range []string{"Tab", "Shift+Tab", "Backspace", "Ctrl+Shift+A", "A", "Click a suggestion"} {
		if !help[k] {
			t.Errorf("the help does not list %s", k)
		}
	}
	if tb, ok := any(h.tv()).(fyne.Tabbable); !ok || !tb.AcceptsTab() {
		t.Fatal("the text view does not take Tab: the driver would move the focus instead")
	}
	h.tab(false)
	if got := h.selectedKey(); got != keyLavrov1 {
		t.Fatalf("Tab selected %q, want the first suggestion", got)
	}
	if !strings.Contains(h.lastStatus(), "Suggested PERSON \"Lavrov\" (marked PERSON elsewhere)") {
		t.Errorf("status %q does not say what and why", h.lastStatus())
	}
	h.tab(false)
	h.tab(true)
	h.tab(true)
	if got := h.selectedKey(); got != keyQuote2 {
		t.Fatalf("Shift+Tab from the first went to %q, want the last", got)
	}
	h.tab(false) // wraps to the first
	// Enter accepts it: stored as one action, the next one selected.
	h.key(fyne.KeyReturn)
	if e := h.entity("Lavrov"); e.Start != 7 || e.Label != "PERSON" {
		t.Fatalf("accepted %+v", e)
	}
	if got := h.selectedKey(); got != keyAnkara1 {
		t.Errorf("after Enter %q is selected, want the next suggestion", got)
	}
	h.ed.WaitSuggestions()
	if slices.Contains(h.suggestionKeys(), keyLavrov1) {
		t.Error("the accepted suggestion is still proposed")
	}
	if got := h.selectedKey(); got != keyAnkara1 {
		t.Errorf("recomputing lost the selection: %q", got)
	}
	// Backspace rejects the selected suggestion, not an annotation.
	h.key(fyne.KeyBackspace)
	if rej := h.rejections(); !rej[keyAnkara1] || len(rej) != 1 {
		t.Fatalf("rejections %v, want %s", rej, keyAnkara1)
	}
	if n := len(h.stored().Entities); n != 1 {
		t.Fatalf("Backspace on a suggestion deleted an annotation: %d entities", n)
	}
	h.ed.WaitSuggestions()
	if slices.Contains(h.suggestionKeys(), keyAnkara1) {
		t.Error("the rejected suggestion is proposed again")
	}
	if got := h.selectedKey(); got != keyQuote1 {
		t.Errorf("after Backspace %q is selected, want the quote", got)
	}
	// Ctrl+Z takes the rejection back, Ctrl+Shift+Z rejects again.
	h.shortcut(&fyne.ShortcutUndo{})
	h.ed.WaitSuggestions()
	if rej := h.rejections(); len(rej) != 0 {
		t.Errorf("after undo the rejections are %v", rej)
	}
	if !slices.Contains(h.suggestionKeys(), keyAnkara1) {
		t.Errorf("undo did not bring the suggestion back: %v", h.suggestionKeys())
	}
	h.shortcut(ctrlShiftZ)
	h.ed.WaitSuggestions()
	if slices.Contains(h.suggestionKeys(), keyAnkara1) || !h.rejections()[keyAnkara1] {
		t.Errorf("redo did not reject again: %v", h.suggestionKeys())
	}
	// Enter on the quote stores it with its speaker span and cue.
	h.ed.selectSuggestion(slices.Index(h.suggestionKeys(), keyQuote1))
	h.key(fyne.KeyEnter)
	a := h.stored()
	if len(a.Quotes) != 1 {
		t.Fatalf("quotes %+v", a.Quotes)
	}
	q := a.Quotes[0]
	if q.Cue == nil || q.Cue.Text != "said" || q.Content[0].Start != 42 {
		t.Errorf("quote %+v", q)
	}
	var sp *annotate.Entity
	for i := range a.Entities {
		if a.Entities[i].ID == q.SpeakerID {
			sp = &a.Entities[i]
		}
	}
	if sp == nil || sp.Start != 70 || sp.Label != "PERSON" {
		t.Errorf("speaker %+v of %+v", sp, q)
	}
	h.ed.WaitSuggestions()
	if got := h.suggestionKeys(); slices.Contains(got, keyQuote1) || slices.Contains(got, keyLavrov2) {
		t.Errorf("after accepting the quote %v are proposed; its speaker span is marked now", got)
	}
	// Enter with an annotation selected does not accept anything.
	h.ed.Select(Ref{KindQuote, q.ID})
	before := len(h.stored().Entities)
	h.key(fyne.KeyReturn)
	h.key(fyne.KeyBackspace) // deletes the selected quote, as before
	if a := h.stored(); len(a.Entities) != before || len(a.Quotes) != 0 {
		t.Errorf("with the quote selected Enter/Backspace gave %d entities, %d quotes", len(a.Entities), len(a.Quotes))
	}
	h.noErrors()
}

func TestSuggestionClickAndAcceptAll(t *testing.T) {
	h := newReviewHarness(t)
	h.click2(h.suggestionHit(keyQuote2, true)) // the proposed indirect quote's bar
	if got := h.selectedKey(); got != keyQuote2 {
		t.Fatalf("a click on a proposed quote selected %q", got)
	}
	h.click("met", 0) // a plain word
	if got := h.selectedKey(); got != "" {
		t.Fatalf("a click on a plain word left %q selected", got)
	}
	before := h.stored()
	events, _ := h.store.History(context.Background(), h.doc, 0)
	// Ctrl+Shift+A accepts every suggestion as one action.
	acceptAll := func() {
		h.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyA, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
		h.ed.WaitSuggestions()
	}
	acceptAll()
	a := h.stored()
	if len(a.Quotes) != 2 || len(a.Entities) != 5 {
		t.Errorf("after accepting all: %d entities, %d quotes; want 5 (4 names and the speaker Fidan) and 2", len(a.Entities), len(a.Quotes))
	}
	hist, err := h.store.History(context.Background(), h.doc, 0)
	if err != nil || len(hist) != len(events)+1 || hist[0].Action != "accept_suggestions" {
		t.Fatalf("%d events, the latest %q (%v); want one accept_suggestions event more than %d",
			len(hist), hist[0].Action, err, len(events))
	}
	// One Ctrl+Z takes all of them back, Ctrl+Y puts them back.
	h.shortcut(&fyne.ShortcutUndo{})
	h.ed.WaitSuggestions()
	if got := h.stored(); !reflect.DeepEqual(got, before) || len(h.ed.Annotations().Quotes) != len(before.Quotes) {
		t.Errorf("after one undo: %d entities, %d quotes stored (view: %d quotes); want %d and %d",
			len(got.Entities), len(got.Quotes), len(h.ed.Annotations().Quotes), len(before.Entities), len(before.Quotes))
	}
	h.shortcut(&fyne.ShortcutRedo{})
	h.ed.WaitSuggestions()
	if got := h.stored(); !reflect.DeepEqual(got, a) || len(h.ed.Annotations().Entities) != len(a.Entities) {
		t.Errorf("after redo: %d entities, %d quotes; want %d and %d", len(got.Entities), len(got.Quotes), len(a.Entities), len(a.Quotes))
	}
	// The speaker span just marked is a known name now: its other
	// occurrence is proposed at once.
	if got := h.suggestionKeys(); !slices.Equal(got, []string{"e:24:29:PERSON"}) {
		t.Errorf("proposed after accepting all: %v, want only the new name Fidan", got)
	}
	if got := h.ed.SuggestionSummary(); got != "1 suggestion: 0 quotes, 1 name" {
		t.Errorf("summary %q", got)
	}
	h.noErrors()
}

func TestAnnotateAllOccurrences(t *testing.T) {
	h := newHarness(t, "Fidan met Lavrov. Fidanova did not. \"Yes,\" Fidan said, and Fidan left.")
	h.click("Fidan", 0)
	h.typeKeys("1")
	first := h.entity("Fidan")
	h.typeKeys("a")
	a := h.stored()
	var fidans []int
	for _, e := range a.Entities {
		if e.Text == "Fidan" && e.Label == "PERSON" {
			fidans = append(fidans, e.Start)
		}
	}
	if !slices.Equal(fidans, []int{0, 43, 59}) || len(a.Entities) != 3 {
		t.Fatalf("PERSON Fidan at %v (%d entities), want at 0, 43 and 59 (not inside Fidanova)", fidans, len(a.Entities))
	}
	hist, _ := h.store.History(context.Background(), h.doc, 0)
	if len(hist) != 2 || hist[0].Action != "create_entities" {
		t.Fatalf("history %+v, want create_entity then one create_entities", hist)
	}
	// One undo takes all of them back, the first span stays.
	h.shortcut(&fyne.ShortcutUndo{})
	if a := h.stored(); len(a.Entities) != 1 || a.Entities[0].ID != first.ID {
		t.Errorf("after undo: %+v", a.Entities)
	}
	if len(h.ed.Annotations().Entities) != 1 {
		t.Errorf("the view shows %d entities after undo", len(h.ed.Annotations().Entities))
	}
	// Nothing selected: A says what to do.
	h.key(fyne.KeyEscape)
	h.typeKeys("a")
	if !strings.Contains(h.lastStatus(), "Select an entity span first") {
		t.Errorf("status %q", h.lastStatus())
	}
	// Again, then relabel one of the new spans at once: the writer knows its id.
	h.ed.Select(Ref{KindEntity, first.ID})
	h.typeKeys("a")
	h.ed.Flush()
	h.noErrors()
	if n := len(h.stored().Entities); n != 3 {
		t.Errorf("%d entities after the second A", n)
	}
}

// With an actor in the registry, an unlinked mention of its name is
// proposed as a link; Enter links it.
func TestSuggestionActorLink(t *testing.T) {
	h := newHarness(t, "Lavrov met Fidan.")
	ctx := context.Background()
	actor := &annotate.Actor{Name: "Sergei Lavrov", Label: "PERSON", Aliases: []string{"Lavrov"}}
	if err := h.store.CreateActor(ctx, actor); err != nil {
		t.Fatal(err)
	}
	h.click("Lavrov", 0)
	h.typeKeys("1")
	mention := h.entity("Lavrov")
	h.ed.ShowSuggestions(true)
	h.ed.WaitSuggestions()
	var link *annotate.Suggestion
	for _, s := range h.ed.Suggestions() {
		if s.Link != nil {
			s := s
			link = &s
		}
	}
	if link == nil || link.Link.EntityID != mention.ID || link.Link.Actor.ID != actor.ID {
		t.Fatalf("no link of the mention to the actor proposed: %+v", h.ed.Suggestions())
	}
	if got := h.ed.SuggestionSummary(); got != "1 suggestion: 0 quotes, 1 name (1 actor link)" {
		t.Errorf("summary %q", got)
	}
	h.key(fyne.KeyEscape)
	h.tab(false)
	if h.selectedKey() != link.Key() {
		t.Fatalf("Tab selected %q, want the link %q", h.selectedKey(), link.Key())
	}
	h.key(fyne.KeyReturn)
	if want := `Accepted link "Lavrov" → actor "Sergei Lavrov"`; !strings.HasPrefix(h.lastStatus(), want) {
		t.Errorf("status %q, want it to start %q", h.lastStatus(), want)
	}
	h.ed.WaitSuggestions()
	if e := h.entity("Lavrov"); e.ActorID != actor.ID {
		t.Errorf("the mention is linked to %d, want %d", e.ActorID, actor.ID)
	}
	if e, _ := h.ed.m.entity(mention.ID); e == nil || e.ActorID != actor.ID {
		t.Errorf("the view does not show the link: %+v", e)
	}
	h.noErrors()
}

// Suggestions stored by `byline suggest` join the computed ones, unless
// rejected or already marked.
func TestStoredSuggestionsMerged(t *testing.T) {
	h := newHarness(t, reviewText)
	ctx := context.Background()
	stored := func(start, end int, label, text string) annotate.Suggestion {
		return annotate.Suggestion{Kind: annotate.SuggestEntity, Reason: "stored",
			Entity: &annotate.SuggestedEntity{Start: start, End: end, Label: label, Text: text}}
	}
	hakan := stored(18, 29, "PERSON", "Hakan Fidan")
	marked := stored(0, 13, "PERSON", "Sergei Lavrov")
	rejected := stored(33, 39, "GPE", "Ankara")
	if err := h.store.SaveSuggestions(ctx, h.doc, []annotate.Suggestion{hakan, marked, rejected}); err != nil {
		t.Fatal(err)
	}
	if err := h.store.RejectSuggestion(ctx, h.doc, rejected.Key()); err != nil {
		t.Fatal(err)
	}
	h.dragWords("Sergei", "Lavrov")
	h.typeKeys("1")
	h.ed.ShowSuggestions(true)
	h.ed.WaitSuggestions()
	keys := h.suggestionKeys()
	if !slices.Contains(keys, hakan.Key()) || slices.Contains(keys, marked.Key()) || slices.Contains(keys, rejected.Key()) {
		t.Errorf("suggestions %v: want the stored %s, not the marked %s nor the rejected %s", keys, hakan.Key(), marked.Key(), rejected.Key())
	}
	if !slices.IsSortedFunc(h.ed.Suggestions(), func(a, b annotate.Suggestion) int { return a.Start() - b.Start() }) {
		t.Errorf("not in text order: %v", keys)
	}
}

// refusingStore fails every accept-all, as a store that lost its file would.
type refusingStore struct{ annotate.Store }

func (refusingStore) AcceptSuggestions(context.Context, int64, []annotate.Suggestion, string) ([]annotate.Accepted, error) {
	return nil, annotate.Errorf(annotate.EINTERNAL, "disk full")
}

func TestAcceptAllRollsBack(t *testing.T) {
	h := newReviewHarness(t)
	before := h.stored()
	proposed := h.suggestionKeys()
	h.ed.store = refusingStore{h.store}
	h.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyA, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	h.ed.WaitSuggestions()
	if len(h.errs) == 0 || !strings.Contains(h.lastStatus(), "Not saved") {
		t.Errorf("a failed accept-all reported %v, status %q", h.errs, h.lastStatus())
	}
	if got := h.stored(); !reflect.DeepEqual(got, before) || len(h.ed.Annotations().Entities) != len(before.Entities) {
		t.Errorf("after a failed accept-all the view shows %d entities, %d stored; want %d",
			len(h.ed.Annotations().Entities), len(got.Entities), len(before.Entities))
	}
	if got := h.suggestionKeys(); !slices.Equal(got, proposed) {
		t.Errorf("proposed after a failed accept-all: %v, want %v again", got, proposed)
	}
}
