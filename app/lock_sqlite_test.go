//go:build sqlite

package app

// Built with -tags sqlite (and cgo), this test runs the window on the real
// SQLite store while a second connection holds the write lock, as `byline
// import` on the same file does:
//
//	go test -tags "migrated_fynedo sqlite" ./app/

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"byline/annotate"
	"byline/assets"
	"byline/storage"
)

// While another connection holds the write lock, the window keeps taking
// input: a label, a corpus-wide label rename, scrolling the document list
// to its end and opening the next document all return at once (none of
// them waits out the busy timeout, which would fail the write); the list's
// pages are read meanwhile, and the writes and the open wait in order.
// When the lock goes, the label and the rename are stored, and the
// document opened after them shows them.
func TestWindowTakesInputWhileAnotherProgramWrites(t *testing.T) {
	env := newTestEnv(t)
	path := filepath.Join(t.TempDir(), "lock.db")
	schema, err := annotate.ParseSchema(assets.Schema())
	if err != nil {
		t.Fatal(err)
	}
	env.cfg.DBPath = path
	env.cfg.OpenStore = func(p string, create bool) (annotate.Store, error) {
		return storage.Open(p, storage.Options{Create: create, DefaultSchema: schema, Annotator: "ana"})
	}
	seed, err := env.cfg.OpenStore(path, true)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	recs := make([]*annotate.Record, 250)
	for i := range recs {
		n := strconv.Itoa(i)
		recs[i] = &annotate.Record{ID: "doc-" + n, Text: "Lavrov met Fidan in Geneva, article " + n + ".", Meta: annotate.Meta{Title: "Article " + n}}
	}
	if _, err := seed.ImportRecords(ctx, recs, annotate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	seed.Close()
	w := env.open()
	first := w.currentDoc()
	if first == 0 || w.docs.pages.count != 250 {
		t.Fatalf("opened %d with %d rows", first, w.docs.pages.count)
	}

	release, err := storage.HoldWriteLock(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	locked := true
	defer func() {
		if locked {
			release()
		}
	}()

	w.editor.SelectWords(0, 6) // Lavrov
	if err := w.editor.ApplyLabel("PERSON"); err != nil {
		t.Fatal(err)
	}
	w.renameLabel("GPE", "PLACE")
	w.docs.list.ScrollToBottom()
	w.docs.wait() // reads: a writer's lock does not stop them
	if last, ok := w.docs.pages.row(249); !ok || last.Title != "Article 249" {
		t.Fatalf("the list's last row is %+v (%v) while the database is locked", last, ok)
	}
	w.step(1)
	w.docs.wait()
	if w.currentDoc() != first || !w.editor.Saving() || w.status.save.Text != "Saving…" {
		t.Fatalf("while locked: open %d (want %d until the writes are done), saving %v, %q",
			w.currentDoc(), first, w.editor.Saving(), w.status.save.Text)
	}
	if len(w.editor.Annotations().Entities) != 1 {
		t.Fatal("the label does not show while its write waits")
	}
	if w.lastError != "" {
		t.Fatalf("error while locked: %s", w.lastError)
	}

	locked = false
	if err := release(); err != nil {
		t.Fatal(err)
	}
	w.flush()
	if w.lastError != "" {
		t.Fatalf("error after the lock went: %s", w.lastError)
	}
	if w.currentDoc() == first || w.currentDoc() == 0 {
		t.Fatalf("Alt+Down did not open the next document (open %d)", w.currentDoc())
	}
	ann, err := w.store.FindAnnotations(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	if len(ann.Entities) != 1 || ann.Entities[0].Text != "Lavrov" || ann.Entities[0].Label != "PERSON" {
		t.Fatalf("stored %+v, want Lavrov as PERSON", ann.Entities)
	}
	if _, ok := w.editor.Schema().Label("PLACE"); !ok {
		t.Fatal("the open document does not show the renamed label")
	}
	if w.status.save.Text != "Saved" {
		t.Fatalf("status %q after the writes", w.status.save.Text)
	}
}
