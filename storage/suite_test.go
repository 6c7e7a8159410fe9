package storage_test

import (
	"os"
	"path/filepath"
	"testing"

	"byline/annotate"
	"byline/annotate/annotatetest"
	"byline/storage"
)

// TestStoreContract runs the store behaviour suite that the in-memory test
// store passes too, so the two cannot drift apart.
func TestStoreContract(t *testing.T) {
	b, err := os.ReadFile("../assets/schema.json")
	if err != nil {
		t.Fatal(err)
	}
	schema, err := annotate.ParseSchema(b)
	if err != nil {
		t.Fatal(err)
	}
	annotatetest.TestStore(t, func(t *testing.T) annotate.Store {
		db, err := storage.Open(filepath.Join(t.TempDir(), "s.db"), storage.Options{
			Create: true, DefaultSchema: schema, Annotator: "tester",
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}
