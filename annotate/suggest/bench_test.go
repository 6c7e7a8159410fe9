package suggest

import (
	"fmt"
	"testing"
	"time"

	"byline/annotate"
	"byline/annotate/annotatetest"
)

// BenchmarkSuggest computes every suggestion (quotes, cues, speakers, names
// and actor links) for the benchmark article: 100,000 words with 10,000
// entities at 1x, and 2x and 4x that to show the growth, against a registry
// of 20,000 actors in which every marked text is an actor's name (so every
// name, new speaker and marked mention proposes an actor). Timed: one
// Suggest call over the whole text, with the rejections the previous
// iterations made (each iteration rejects one more suggestion, and the count
// is checked to drop). Building the engine (done once per corpus when a
// database opens) and the article are outside the timed region.
func BenchmarkSuggest(b *testing.B) {
	forBenchArticles(b, func(b *testing.B, rec *annotate.Record, ann *annotate.Annotations, e *Engine) {
		rejected := map[string]bool{}
		prev := -1
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			got := e.Suggest(rec.Text, ann, rejected, All)
			if prev >= 0 && len(got) != prev-1 {
				b.Fatalf("rejecting one suggestion left %d of %d", len(got), prev)
			}
			if len(got) == 0 {
				b.Fatal("no suggestions")
			}
			if i == 0 && !proposesActors(got) {
				b.Fatal("no actor proposed")
			}
			prev = len(got)
			rejected[got[len(got)/2].Key()] = true
		}
		b.ReportMetric(float64(prev), "suggestions")
	})
}

// forBenchArticles runs bench on the benchmark article at 1x, 2x and 4x
// (100,000 words with 10,000 entities at 1x) with an engine of its names
// and 20,000 actors (benchActors).
func forBenchArticles(b *testing.B, bench func(*testing.B, *annotate.Record, *annotate.Annotations, *Engine)) {
	schema := newsSchema(b)
	for _, scale := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("%dx", scale), func(b *testing.B) {
			rec := annotatetest.LongArticle(100_000*scale, 10_000*scale)
			ann := recordAnnotations(rec)
			bench(b, rec, ann, New(schema, namesOf(ann)).WithActors(benchActors(ann, 20_000)))
		})
	}
}

// benchActors returns n actors: one named after each marked text (with its
// label), the rest with made-up names.
func benchActors(ann *annotate.Annotations, n int) []annotate.ActorSummary {
	var out []annotate.ActorSummary
	seen := map[[2]string]bool{}
	for _, e := range ann.Entities {
		k := [2]string{e.Text, e.Label}
		if !seen[k] {
			seen[k] = true
			out = append(out, annotate.ActorSummary{Actor: annotate.Actor{ID: int64(len(out) + 1), Name: e.Text, Label: e.Label}})
		}
	}
	for len(out) < n {
		id := int64(len(out) + 1)
		out = append(out, annotate.ActorSummary{Actor: annotate.Actor{ID: id, Name: fmt.Sprintf("Actor Number %d", id),
			Label: "PERSON", Aliases: []string{fmt.Sprintf("Number %d", id)}}})
	}
	return out
}

// proposesActors reports whether the list holds a link suggestion and a
// name with an actor.
func proposesActors(list []annotate.Suggestion) bool {
	var link, name bool
	for _, s := range list {
		link = link || s.Link != nil
		name = name || s.Entity != nil && s.Entity.Actor != nil
	}
	return link && name
}

// BenchmarkSuggestSuperseded measures how soon a run that a newer edit
// superseded ends: SuggestUntil over the benchmark article (as in
// BenchmarkSuggest) whose stop check turns true a varying time into the run
// (10% to 70% of its length, moving on every iteration). Timed: the whole
// call; reported: stop-ms, from the moment the check would say yes until the
// call returned (tokenizing the text at the start and merging the lists at
// the end are not interrupted), and how many of the calls stopped early.
func BenchmarkSuggestSuperseded(b *testing.B) {
	forBenchArticles(b, func(b *testing.B, rec *annotate.Record, ann *annotate.Annotations, e *Engine) {
		whole := time.Hour
		for range 3 { // the fastest of three
			t0 := time.Now()
			e.Suggest(rec.Text, ann, nil, All)
			whole = min(whole, time.Since(t0))
		}
		var late time.Duration
		n, stopped := 0, 0
		b.ResetTimer()
		for b.Loop() {
			after := whole * time.Duration(n%7+1) / 10
			start := time.Now()
			stop := func() bool { return time.Since(start) >= after }
			list, ok := e.SuggestUntil(stop, rec.Text, ann, nil, All)
			switch {
			case !ok && list != nil:
				b.Fatal("a stopped run returned suggestions")
			case !ok:
				stopped++
			}
			late += max(0, time.Since(start)-after)
			n++
		}
		if stopped == 0 {
			b.Fatal("no run stopped early")
		}
		b.ReportMetric(float64(late.Microseconds())/1000/float64(n), "stop-ms/op")
		b.ReportMetric(float64(stopped)/float64(n), "stopped/op")
		b.ReportMetric(float64(whole.Microseconds())/1000, "whole-run-ms")
	})
}
