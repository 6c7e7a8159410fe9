package annotate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"byline/annotate"
	"byline/annotate/annotatetest"
)

// sampleNews repeats the paragraphs of the sample articles (possessives,
// quotes, Cyrillic, emoji) until the text has at least words words.
func sampleNews(tb testing.TB, words int) string {
	tb.Helper()
	files, err := filepath.Glob("../assets/samples/*.txt")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no samples: %v", err)
	}
	var all strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		all.Write(b)
		all.WriteString("\n\n")
	}
	one := all.String()
	n := len(strings.Fields(one))
	return strings.Repeat(one, (words+n-1)/n)
}

// BenchmarkTokenizeLongArticle tokenizes the 100,000-word article (the
// text of the view and export benchmarks) and 100,000 words of the sample
// news; the timed region is one Tokenize call on the whole text.
func BenchmarkTokenizeLongArticle(b *testing.B) {
	for _, c := range []struct{ name, text string }{
		{"generated", annotatetest.LongArticle(100_000, 0).Text},
		{"samples", sampleNews(b, 100_000)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			n := 0
			for b.Loop() {
				n = len(annotate.Tokenize(c.text))
			}
			if n < 100_000 {
				b.Fatalf("%d tokens for 100,000 words", n)
			}
		})
	}
}
