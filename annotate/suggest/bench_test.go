package suggest

import (
	"fmt"
	"testing"

	"byline/annotate/annotatetest"
)

// BenchmarkSuggest computes every suggestion (quotes, cues, speakers and
// names) for the benchmark article: 100,000 words with 10,000 entities at
// 1x, and 2x and 4x that to show the growth. Timed: one Suggest call over
// the whole text, with the rejections the previous iterations made (each
// iteration rejects one more suggestion, and the count is checked to drop).
// Building the engine (done once per corpus when a database opens) and the
// article are outside the timed region.
func BenchmarkSuggest(b *testing.B) {
	schema := newsSchema(b)
	for _, scale := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("%dx", scale), func(b *testing.B) {
			rec := annotatetest.LongArticle(100_000*scale, 10_000*scale)
			ann := recordAnnotations(rec)
			e := New(schema, namesOf(ann))
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
				prev = len(got)
				rejected[got[len(got)/2].Key()] = true
			}
			b.ReportMetric(float64(prev), "suggestions")
		})
	}
}
