package app

import (
	"strings"
	"testing"

	"byline/annotate"
)

// Opening documents does not wait on the UI goroutine: the document shows
// once its reads, queued behind the edits made so far, are done, so it
// shows those edits; of two opens in a row only the later one shows.
func TestOpenShowsQueuedEditsAndLatestWins(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	first := w.currentDoc()
	docs := env.store().documents(t)
	second, third := docs[1].ID, docs[2].ID
	if first != docs[0].ID {
		t.Fatalf("opened %d, want the first sample %d", first, docs[0].ID)
	}
	w.editor.SelectWords(0, 5)
	if err := w.editor.ApplyLabel("PERSON"); err != nil {
		t.Fatal(err)
	}
	w.openDocument(second)
	if w.currentDoc() != first {
		t.Fatal("the document switched before its reads were done")
	}
	w.openDocument(first) // back, before the label is stored
	w.openDocument(third)
	w.openDocument(first)
	w.flush()
	if w.currentDoc() != first || w.docs.current != first {
		t.Fatalf("after four opens: editor %d, list %d, want %d", w.currentDoc(), w.docs.current, first)
	}
	if got := w.editor.Annotations().Entities; len(got) != 1 || got[0].Label != "PERSON" || got[0].ID <= 0 {
		t.Fatalf("the reopened document shows %+v, want the stored label", got)
	}
	if w.lastError != "" {
		t.Fatalf("error: %s", w.lastError)
	}
}

// A message about the open document goes when another one opens.
func TestStaleStatusClearsOnOpen(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	w.editor.Focus()
	w.win.Canvas().Focused().TypedRune('1') // nothing selected
	w.flush()
	if !strings.HasPrefix(w.status.state.Text, "Select some words first") {
		t.Fatalf("status %q", w.status.state.Text)
	}
	w.step(1)
	w.flush()
	if w.status.state.Text != "" {
		t.Fatalf("after opening the next document the status still says %q", w.status.state.Text)
	}
}

// Undoing a status change made before a restart puts the status menu, the
// list row's mark and the progress bar back.
func TestUndoStatusChangeAfterRestart(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	first := w.currentDoc()
	w.doneAndNext()
	w.flush()
	if w.currentDoc() == first || w.docs.progress.Value != 1 {
		t.Fatalf("done and next: open %d, progress %v", w.currentDoc(), w.docs.progress.Value)
	}
	w.waitTasks()
	w.win.Close()

	w2 := New(env.app, env.cfg)
	defer w2.win.Close()
	w2.flush()
	w2.openDocument(first)
	w2.flush()
	if w2.docBar.status.Selected != statusNames[annotate.StatusDone] || w2.docs.progress.Value != 1 {
		t.Fatalf("after restart: status menu %q, progress %v", w2.docBar.status.Selected, w2.docs.progress.Value)
	}
	undoDoneStatus(t, w2)
}
