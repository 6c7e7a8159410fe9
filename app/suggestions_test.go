package app

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"byline/annotate"
)

// The status bar counts the open document's suggestions, and the
// inspector's "Annotate all occurrences" labels every other occurrence of
// the selected span's text in one undoable action.
func TestSuggestionsInTheWindow(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	w.flush()
	ed := w.editor
	q, n := ed.SuggestionCounts()
	if q == 0 {
		t.Fatalf("no quotes proposed in the sample %q", ed.Document().Title())
	}
	// The summit sample's quotes; no name is marked yet to propose again.
	const want = "7 suggestions: 7 quotes, 0 names"
	if got := w.status.suggest.Text; got != want {
		t.Errorf("status bar %q, want %q", got, want)
	}

	// Mark "Fidan" once and label all its other occurrences from the inspector.
	text := ed.Document().Text
	occurrences := strings.Count(text, "Fidan")
	if occurrences < 2 {
		t.Fatalf("the sample names Fidan %d times", occurrences)
	}
	start := annotate.RuneCount(text[:strings.Index(text, "Fidan")])
	ed.SelectWords(start, start+5)
	if err := ed.ApplyLabel("PERSON"); err != nil {
		t.Fatal(err)
	}
	w.flush()
	if !strings.Contains(texts(w), "Annotate all occurrences (A)") {
		t.Fatalf("the inspector offers no Annotate all occurrences:\n%s", texts(w))
	}
	test.Tap(w.side.inspector.annotateAll)
	w.flush()
	doc := w.currentDoc()
	ann, err := w.store.FindAnnotations(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	fidans := 0
	for _, e := range ann.Entities {
		if e.Text == "Fidan" && e.Label == "PERSON" {
			fidans++
		}
	}
	if fidans != occurrences {
		t.Errorf("%d PERSON Fidan stored, want all %d occurrences", fidans, occurrences)
	}
	hist, err := w.store.History(context.Background(), doc, 1)
	if err != nil || len(hist) != 1 || hist[0].Action != "create_entities" {
		t.Errorf("last event %+v (%v), want one create_entities", hist, err)
	}
	// The names just marked are no longer proposed; the count follows.
	for _, s := range ed.Suggestions() {
		if s.Entity != nil && s.Entity.Text == "Fidan" {
			t.Errorf("Fidan still proposed at %d", s.Entity.Start)
		}
	}
	q, n = ed.SuggestionCounts()
	if got := w.status.suggest.Text; !strings.HasPrefix(got, fmt.Sprint(q+n)+" suggestion") {
		t.Errorf("status bar %q after the change, want %d suggestions", got, q+n)
	}
}

// Alt+S hides the suggestions (the status bar stops counting them), the
// choice outlives the window, and Alt+S brings them back.
func TestToggleSuggestions(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	w.flush()
	if q, n := w.editor.SuggestionCounts(); q+n == 0 {
		t.Fatal("the sample has no suggestions to hide")
	}
	w.runShortcut(alt(fyne.KeyS))
	w.flush()
	if q, n := w.editor.SuggestionCounts(); q+n != 0 || len(w.editor.Suggestions()) != 0 {
		t.Fatalf("after Alt+S: %d quotes and %d names still proposed", q, n)
	}
	if got := w.status.suggest.Text; got != "Suggestions hidden (Alt+S)" {
		t.Errorf("status bar %q with suggestions hidden, want it to say they are hidden", got)
	}

	// A new window (the next start) keeps them hidden.
	w.win.Close()
	w = env.open()
	w.flush()
	if q, n := w.editor.SuggestionCounts(); q+n != 0 {
		t.Fatalf("after a restart: %d suggestions shown, want them hidden", q+n)
	}
	w.runShortcut(alt(fyne.KeyS))
	w.flush()
	if q, n := w.editor.SuggestionCounts(); q+n == 0 {
		t.Fatal("Alt+S did not bring the suggestions back")
	}
	if !strings.HasSuffix(w.status.suggest.Text, "names") && !strings.Contains(w.status.suggest.Text, "suggestion") {
		t.Errorf("status bar %q, want the suggestion count", w.status.suggest.Text)
	}
}
