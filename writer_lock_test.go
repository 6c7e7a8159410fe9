package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"byline/annotate"
	"byline/storage"
)

// While another connection holds the database's write lock, labelling
// returns at once (the view changes, the status says saving) and the
// writes wait in order; when the lock goes, both are stored in the order
// they were made.
func TestEditsQueueWhileAnotherProcessWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock.db")
	db, err := storage.Open(path, storage.Options{Create: true, DefaultSchema: defaultSchema()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	outs, err := db.ImportRecords(ctx, []*annotate.Record{{ID: "a", Text: "Sergei Lavrov met Hakan Fidan in Geneva.",
		Entities: []annotate.RecordEntity{}, Quotes: []annotate.RecordQuote{}, Relations: []annotate.RecordRelation{}}}, annotate.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc := outs[0].DocumentID
	ed := benchEditor(t, db, doc)

	release, err := storage.HoldWriteLock(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for _, word := range [][2]int{{7, 13}, {33, 39}} { // Lavrov, Geneva
		ed.SelectWords(word[0], word[1])
		if err := ed.ApplyLabel("GPE"); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("two labels took %v while the database was locked: the window waited for the lock", d)
	}
	if n := len(ed.Annotations().Entities); n != 2 || !ed.Saving() {
		t.Fatalf("while locked: %d spans shown, saving %v", n, ed.Saving())
	}
	time.Sleep(300 * time.Millisecond)
	if err := release(); err != nil {
		t.Fatal(err)
	}
	ed.Flush()
	if ed.Saving() {
		t.Fatal("still saving after the lock went")
	}
	hist, err := db.History(ctx, doc, 10)
	if err != nil {
		t.Fatal(err)
	}
	// Newest first: Geneva was labelled after Lavrov.
	if len(hist) < 2 || hist[0].Summary != `GPE "Geneva"` || hist[1].Summary != `GPE "Lavrov"` {
		var got []string
		for _, e := range hist {
			got = append(got, e.Summary)
		}
		t.Fatalf("history %q, want Lavrov then Geneva", got)
	}
}
