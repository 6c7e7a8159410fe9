//go:build sqlite

package article

// Built with -tags sqlite (and cgo), the GUI tests run against the real
// SQLite store instead of the in-memory one:
//
//	go test -tags sqlite ./app/article/

import (
	"path/filepath"
	"testing"
	"time"

	"byline/annotate"
	"byline/storage"
)

func init() {
	testStore = func(tb testing.TB, schema *annotate.Schema) annotate.Store {
		now := time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)
		db, err := storage.Open(filepath.Join(tb.TempDir(), "test.byline"), storage.Options{
			Create: true, DefaultSchema: schema, Annotator: "tester",
			Now: func() time.Time { now = now.Add(time.Second); return now },
		})
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { db.Close() })
		return db
	}
}
