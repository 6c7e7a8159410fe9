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
//
// The "+20k-actors" runs have a registry of 20,000 actors besides (imported
// with a second, short document), which reading the corpus's actors on
// every open would cost.
func BenchmarkArticleOpenWithSuggestions(b *testing.B) {
	ctx := context.Background()
	for _, c := range []struct{ scale, actors int }{{1, 0}, {2, 0}, {4, 0}, {1, 20_000}} {
		scale := c.scale
		name := fmt.Sprintf("%dx", scale)
		if c.actors > 0 {
			name += fmt.Sprintf("+%dk-actors", c.actors/1000)
		}
		b.Run(name, func(b *testing.B) {
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
			if c.actors > 0 {
				registry := &annotate.Record{ID: "registry", Text: "A registry of actors."}
				for i := range c.actors {
					registry.Actors = append(registry.Actors, annotate.RecordActor{ID: fmt.Sprint("A", i),
						Name: fmt.Sprintf("Actor Number %d", i), Label: "PERSON", Aliases: []string{fmt.Sprintf("Number %d", i)}})
				}
				if _, err := annotate.PrepareRecord(registry, defaultSchema()); err != nil {
					b.Fatal(err)
				}
				if _, err := db.ImportRecords(ctx, []*annotate.Record{registry}, annotate.ImportOptions{}); err != nil {
					b.Fatal(err)
				}
				if list, err := db.Actors(ctx); err != nil || len(list) != c.actors {
					b.Fatalf("%d actors imported (%v), want %d", len(list), err, c.actors)
				}
			}
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
