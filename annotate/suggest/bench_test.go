package suggest

import (
	"fmt"
	"testing"

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
	schema := newsSchema(b)
	for _, scale := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("%dx", scale), func(b *testing.B) {
			rec := annotatetest.LongArticle(100_000*scale, 10_000*scale)
			ann := recordAnnotations(rec)
			e := New(schema, namesOf(ann)).WithActors(benchActors(ann, 20_000))
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
