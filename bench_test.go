package main

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"byline/annotate"
	"byline/annotate/annotatetest"
	"byline/app/article"
	"byline/storage"
)

// BenchmarkApplyLabelSQLite relabels a selected span of a 100,000-word
// article with 10,000 spans through the real article editor and the real
// SQLite store: the durable commit (synchronous=FULL) plus the redraw, which
// together must stay under one 16 ms frame. Creating a span costs the same
// commit (storage's BenchmarkAddSpan) plus the same redraw.
func BenchmarkApplyLabelSQLite(b *testing.B) {
	test.NewTempApp(b)
	ctx := context.Background()
	db, err := storage.Open(filepath.Join(b.TempDir(), "bench.db"), storage.Options{Create: true, DefaultSchema: defaultSchema()})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	rec := annotatetest.LongArticle(100_000, 10_000)
	schema, _ := db.Schema(ctx)
	if _, err := annotate.PrepareRecord(rec, schema); err != nil {
		b.Fatal(err)
	}
	outs, err := db.ImportRecords(ctx, []*annotate.Record{rec}, annotate.ImportOptions{})
	if err != nil {
		b.Fatal(err)
	}
	ed := article.NewEditor(db)
	ed.DeliverOnFlush() // the benchmark waits for each commit itself
	w := test.NewTempWindow(b, ed.Widget())
	w.Resize(fyne.NewSize(1000, 800))
	if err := ed.Open(outs[0].DocumentID); err != nil {
		b.Fatal(err)
	}
	ents := ed.Annotations().Entities
	labels := []string{"ORG", "PERSON"}
	i := 0
	for b.Loop() {
		e := ents[(i*37)%200] // spans on the first screens, so the redraw is real
		ed.Select(article.Ref{Kind: article.KindEntity, ID: e.ID})
		if err := ed.ApplyLabel(labels[i%2]); err != nil {
			b.Fatal(err)
		}
		ed.Flush() // until the commit is durable
		i++
	}
}
