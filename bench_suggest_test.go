package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"byline/annotate"
	"byline/annotate/annotatetest"
	"byline/storage"
)

// BenchmarkArticleOpenWithSuggestions opens the benchmark article
// (annotatetest.LongArticle: 100,000 words and 10,000 spans at 1x; 2x and 4x
// show the growth) in the article editor with suggestions on, on the SQLite
// store. Timed, per iteration: Open up to its first screen (open-ms), then
// until the suggestions are shown (suggest-ms: the store's NamesRevision,
// which a rejection leaves, so the corpus's names and actors and the engine
// come from the editor's cache; reading the annotations, rejections and
// stored suggestions on the writer, computing them off the UI goroutine,
// indexing and drawing them); then the
// analyst rejects the selected suggestion with Backspace, committed before
// the next iteration, so each open proposes one fewer, which is checked.
func BenchmarkArticleOpenWithSuggestions(b *testing.B) {
	ctx := context.Background()
	for _, scale := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("%dx", scale), func(b *testing.B) {
			db, err := storage.Open(filepath.Join(b.TempDir(), "bench.db"), storage.Options{Create: true, DefaultSchema: defaultSchema()})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { db.Close() })
			rec := annotatetest.LongArticle(100_000*scale, 10_000*scale)
			rec.ID = "long"
			if _, err := annotate.PrepareRecord(rec, defaultSchema()); err != nil {
				b.Fatal(err)
			}
			outs, err := db.ImportRecords(ctx, []*annotate.Record{rec}, annotate.ImportOptions{})
			if err != nil {
				b.Fatal(err)
			}
			doc := outs[0].DocumentID
			ed := benchEditor(b, db, doc)
			ed.ShowSuggestions(true)
			ed.WaitSuggestions()
			prev := len(ed.Suggestions())
			if prev == 0 {
				b.Fatal("no suggestions")
			}
			var open, shown, read, show time.Duration
			n := 0
			for b.Loop() {
				t0 := time.Now()
				if err := ed.Open(doc); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				ed.WaitSuggestions()
				open += t1.Sub(t0)
				shown += time.Since(t1)
				read += ed.LastOpen().Read
				show += ed.LastOpen().Show
				n++
				if got := len(ed.Suggestions()); got != prev-1 && n > 1 || got == 0 {
					b.Fatalf("%d suggestions after %d and one rejection", got, prev)
				}
				prev = len(ed.Suggestions())
				b.StopTimer()
				ed.RejectSuggestion(ed.Suggestions()[prev/2].Key())
				ed.WaitSuggestions() // the recount it starts, so no open competes with it
				b.StartTimer()
			}
			b.ReportMetric(float64(open.Microseconds())/1000/float64(n), "open-ms/op")
			b.ReportMetric(float64(shown.Microseconds())/1000/float64(n), "suggest-ms/op")
			// Open's own split, as BenchmarkArticleOpen reports it.
			b.ReportMetric(float64(read.Microseconds())/1000/float64(n), "store-ms/op")
			b.ReportMetric(float64(show.Microseconds())/1000/float64(n), "draw-ms/op")
			b.ReportMetric(float64(prev), "suggestions")
		})
	}
}
