package storage

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"byline/annotate"
)

var dump = flag.Bool("dump", false, "keep test databases and print their paths")

func TestMain(m *testing.M) {
	// The crash and two-process tests re-run this binary as a child.
	if role := os.Getenv(childEnv); role != "" {
		os.Exit(runChild(role))
	}
	code := m.Run()
	benchCleanup()
	os.Exit(code)
}

// testClock returns a clock that advances one second per reading, so times
// in tests are distinct and reproducible.
func testClock() func() time.Time {
	var mu sync.Mutex
	t := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		t = t.Add(time.Second)
		return t
	}
}

func defaultSchema(tb testing.TB) *annotate.Schema {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "assets", "schema.json"))
	if err != nil {
		tb.Fatal(err)
	}
	s, err := annotate.ParseSchema(b)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// mustOpen creates a database in a temporary folder.
func mustOpen(tb testing.TB) *DB {
	tb.Helper()
	dir := tb.TempDir()
	if *dump {
		d, err := os.MkdirTemp("", "byline-test-")
		if err != nil {
			tb.Fatal(err)
		}
		dir = d
		tb.Logf("database: %s", filepath.Join(dir, "test.db"))
	}
	db, err := Open(filepath.Join(dir, "test.db"), Options{
		Create: true, DefaultSchema: defaultSchema(tb), Annotator: "ana", Now: testClock(),
	})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// reopen closes db and opens its file again.
func reopen(tb testing.TB, db *DB) *DB {
	tb.Helper()
	if err := db.Close(); err != nil {
		tb.Fatal(err)
	}
	db2, err := Open(db.Path(), Options{Annotator: "ana", Now: testClock()})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db2.Close() })
	return db2
}

const sampleText = "Sergei Lavrov met Antony Blinken in Geneva on Friday. \"We talked for an hour,\" Lavrov told reporters. " +
	"The Russian Foreign Minister said talks would continue."

// addDoc imports one plain document and returns its id.
func addDoc(tb testing.TB, db *DB, id, text string, meta annotate.Meta) int64 {
	tb.Helper()
	rec := &annotate.Record{ID: id, Text: text, Meta: meta}
	outs, err := db.ImportRecords(context.Background(), []*annotate.Record{rec}, annotate.ImportOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	if outs[0].Duplicate {
		tb.Fatalf("document %s imported as a duplicate", id)
	}
	return outs[0].DocumentID
}

// span finds the first occurrence of s in the text, as code points.
func span(tb testing.TB, text, s string) (int, int) {
	tb.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		tb.Fatalf("%q not in text", s)
	}
	start, _ := annotate.RuneOffset(text, i)
	return start, start + annotate.RuneCount(s)
}

func mustEntity(tb testing.TB, db *DB, docID int64, text, s, label string) *annotate.Entity {
	tb.Helper()
	start, end := span(tb, text, s)
	e := &annotate.Entity{DocumentID: docID, Start: start, End: end, Label: label}
	if err := db.CreateEntity(context.Background(), e); err != nil {
		tb.Fatal(err)
	}
	return e
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := annotate.ErrorCode(err); got != code {
		t.Fatalf("error %v: code %q, want %q", err, got, code)
	}
}

// state renders a document's annotations and status for comparisons.
func state(tb testing.TB, db *DB, docID int64) string {
	tb.Helper()
	ctx := context.Background()
	a, err := db.FindAnnotations(ctx, docID)
	if err != nil {
		tb.Fatal(err)
	}
	d, err := db.FindDocumentByID(ctx, docID)
	if err != nil {
		tb.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "status=%s hash=%s debris=%v\n", d.Status, d.Hash[:8], d.Debris)
	for _, e := range a.Entities {
		fmt.Fprintf(&b, "E%d [%d,%d) %s %q by %s note=%q\n", e.ID, e.Start, e.End, e.Label, e.Text, e.Annotator, e.Note)
	}
	for _, q := range a.Quotes {
		fmt.Fprintf(&b, "Q%d %s %v cue=%v speaker=%d note=%q\n", q.ID, q.Kind, q.Content, q.Cue, q.SpeakerID, q.Note)
	}
	for _, r := range a.Relations {
		fmt.Fprintf(&b, "R%d %s %d->%d note=%q\n", r.ID, r.Type, r.HeadID, r.TailID, r.Note)
	}
	var n int
	if err := db.rdb.QueryRow(`SELECT annotations FROM documents WHERE id = ?`, docID).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	if n != a.Count() {
		tb.Fatalf("annotation counter %d, want %d", n, a.Count())
	}
	return b.String()
}
