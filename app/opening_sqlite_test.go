//go:build sqlite

package app

// Built with -tags sqlite (and cgo), switching databases runs on the real
// SQLite store:
//
//	go test -tags "migrated_fynedo sqlite" -run Switch ./app/

import (
	"path/filepath"
	"testing"

	"byline/annotate"
	"byline/assets"
	"byline/storage"
)

// A label made just before switching to another database, which opens
// slowly, is in the old file afterwards: the old editor's queued writes are
// stored before its store closes, off the UI goroutine.
func TestSwitchDatabaseKeepsTheLastEdit(t *testing.T) {
	env := newTestEnv(t)
	schema, err := annotate.ParseSchema(assets.Schema())
	if err != nil {
		t.Fatal(err)
	}
	openSQLite := func(p string, create bool) (annotate.Store, error) {
		return storage.Open(p, storage.Options{Create: create, DefaultSchema: schema, Annotator: "ana"})
	}
	dir := t.TempDir()
	oldPath, newPath := filepath.Join(dir, "old.db"), filepath.Join(dir, "new.db")
	for _, p := range []string{oldPath, newPath} {
		s, err := openSQLite(p, true)
		if err != nil {
			t.Fatal(err)
		}
		if err := seedSamples(t.Context(), s); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	env.cfg.DBPath = oldPath
	env.cfg.OpenStore = openSQLite
	w := env.open()
	doc := w.currentDoc()
	gate := slowOpen(w, newPath)

	w.editor.SelectWords(0, 5)
	if err := w.editor.ApplyLabel("PERSON"); err != nil {
		t.Fatal(err)
	}
	w.openDatabase(newPath)
	gate.release(newPath)
	w.flush()
	if w.store == nil || w.store.Path() != newPath || w.lastError != "" {
		t.Fatalf("store %v, error %q", w.store, w.lastError)
	}
	old, err := openSQLite(oldPath, false)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	ann, err := old.FindAnnotations(t.Context(), doc)
	if err != nil || len(ann.Entities) != 1 || ann.Entities[0].Label != "PERSON" {
		t.Fatalf("the old file holds %+v, %v; want the label made before the switch", ann, err)
	}
}
