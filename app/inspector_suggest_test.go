package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Tab selects a suggestion and the inspector shows what it proposes and
// why; its Accept and Reject buttons act on it; Esc clears the inspector.
func TestInspectorShowsSelectedSuggestion(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	w.flush()
	ed := w.editor
	doc := w.currentDoc()
	press := func(name fyne.KeyName) {
		ed.Focus()
		w.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: name})
		w.flush()
	}
	press(fyne.KeyTab)
	i := ed.SelectedSuggestion()
	if i < 0 {
		t.Fatal("Tab selected no suggestion")
	}
	s := ed.Suggestions()[i]
	shown := texts(w)
	for _, want := range []string{suggestionTitle(&s), "Why", s.Reason, "Accept (Enter)", "Reject (Backspace)"} {
		if !strings.Contains(shown, want) {
			t.Fatalf("the inspector does not show %q:\n%s", want, shown)
		}
	}
	accepted := s.Key()
	test.Tap(w.side.inspector.acceptSugg)
	w.flush()
	hist, err := w.store.History(context.Background(), doc, 1)
	if err != nil || len(hist) != 1 || hist[0].Action != "accept_suggestion" {
		t.Fatalf("last event %+v (%v), want accept_suggestion", hist, err)
	}
	// Accepting selects the next one, which the inspector follows.
	next := ed.SelectedSuggestion()
	if next < 0 {
		t.Fatal("after Accept no suggestion is selected")
	}
	for _, o := range ed.Suggestions() {
		if o.Key() == accepted {
			t.Fatalf("%s is still proposed after Accept", accepted)
		}
	}
	key := ed.Suggestions()[next].Key()
	if want := suggestionTitle(&ed.Suggestions()[next]); w.side.inspector.suggestTitle.Text != want {
		t.Fatalf("the inspector shows %q, want %q", w.side.inspector.suggestTitle.Text, want)
	}
	test.Tap(w.side.inspector.rejectSugg)
	w.flush()
	rej, err := w.store.Rejections(context.Background(), doc)
	if err != nil || !rej[key] {
		t.Fatalf("rejections %v (%v), want %s", rej, err, key)
	}
	press(fyne.KeyEscape)
	if strings.Contains(texts(w), "Why") {
		t.Fatalf("the inspector still shows a suggestion after Esc:\n%s", texts(w))
	}
}
