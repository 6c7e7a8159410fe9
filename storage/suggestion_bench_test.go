package storage

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"byline/annotate"
	"byline/annotate/annotatetest"
	"byline/annotate/suggest"
)

// BenchmarkOpenWithSuggestions opens the benchmark article
// (annotatetest.LongArticle: 100,000 words and 10,000 spans at 1x; 2x and 4x
// show the growth) with its suggestions, on the SQLite store. Timed, per
// iteration: reading the document, its annotations and its rejections,
// computing every suggestion, and the analyst rejecting one of them (a
// committed write, so ms/open includes it), so each iteration proposes one
// fewer, which is checked.
// Building the engine (once per database, with an actor named after each
// marked text, so that names and marked mentions propose actors) and the
// import are outside.
func BenchmarkOpenWithSuggestions(b *testing.B) {
	ctx := context.Background()
	for _, scale := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("%dx", scale), func(b *testing.B) {
			db := mustOpen(b)
			rec := annotatetest.LongArticle(100_000*scale, 10_000*scale)
			outs, err := db.ImportRecords(ctx, []*annotate.Record{rec}, annotate.ImportOptions{})
			if err != nil {
				b.Fatal(err)
			}
			doc := outs[0].DocumentID
			schema, err := db.Schema(ctx)
			if err != nil {
				b.Fatal(err)
			}
			names, err := db.EntityNames(ctx)
			if err != nil {
				b.Fatal(err)
			}
			for _, n := range names {
				if err := db.CreateActor(ctx, &annotate.Actor{Name: n.Text, Label: n.Label}); err != nil {
					b.Fatal(err)
				}
			}
			actors, err := db.Actors(ctx)
			if err != nil {
				b.Fatal(err)
			}
			engine := suggest.New(schema, names).WithActors(actors)
			prev := -1
			cpu := startCPU()
			for b.Loop() {
				d, err := db.FindDocumentByID(ctx, doc)
				if err != nil {
					b.Fatal(err)
				}
				a, err := db.FindAnnotations(ctx, doc)
				if err != nil {
					b.Fatal(err)
				}
				rejected, err := db.Rejections(ctx, doc)
				if err != nil {
					b.Fatal(err)
				}
				list := engine.Suggest(d.Text, a, rejected, suggest.All)
				if prev >= 0 && len(list) != prev-1 || len(list) == 0 {
					b.Fatalf("%d suggestions after %d and one rejection", len(list), prev)
				}
				if prev < 0 && !slices.ContainsFunc(list, func(s annotate.Suggestion) bool { return s.Link != nil }) {
					b.Fatal("no actor link proposed")
				}
				prev = len(list)
				if err := db.RejectSuggestion(ctx, doc, list[len(list)/2].Key()); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/open")
			b.ReportMetric(cpu.seconds()*1000/float64(b.N), "cpu-ms/open")
			b.ReportMetric(float64(prev), "suggestions")
		})
	}
}
