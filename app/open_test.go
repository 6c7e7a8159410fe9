package app

import "testing"

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
