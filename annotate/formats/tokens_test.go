package formats

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"byline/annotate"
)

// chunkedDocument repeats texts that exercise every tokenizer rule (links,
// clitics, abbreviations, emoji, Cyrillic, Arabic, combining marks, odd
// whitespace) to about 40 KB, with entities on tokens and inside them.
func chunkedDocument(t *testing.T) *annotate.Record {
	para := "Mr. J. Smith of the U.S. said China's and ministers' talks don't end: see https://example.org/a_b?c=1, mail a.b@example.com or @news_desk. " +
		"Russian-Chinese face-to-face 2009-2019 COVID-19 $5 5% 3.5 1,000 12:30 l'Union d'Italia.\n\n" +
		"\U0001f468\u200d\U0001f469\u200d\U0001f467 Мэр Иван Петров сказал: «Мы восстановим мост». \U0001f44d\U0001f3fd \U0001f1fa\U0001f1e6\u00a0" +
		"قال محمد علي\u200f إن Jane Doe وصلت. Jose\u0301 Garci\u0301a said, “It’s done.” Springfielders\tcheered\u2028again  twice\u200b.\n"
	b := newDoc(t, "chunked", strings.Repeat(para, 40<<10/len(para)+1))
	for n := 0; strings.Count(b.rec.Text, "Springfield") > n; n++ {
		b.ent("GPE", "Springfield", n) // inside the token "Springfielders"
		b.ent("PERSON", "Иван Петров", n)
		b.ent("ORG", "U.S", n) // ends inside "U.S."
		b.quote(annotate.QuoteDirect, "", "", "“It’s done.”")
	}
	for i := range b.rec.Quotes {
		b.rec.Quotes[i].Content[0] = b.seg("“It’s done.”", i)
		b.rec.Quotes[i].Cue = nil
	}
	return b.rec
}

// The token exports of a document longer than tokenChunk, tokenized a chunk
// at a time on every pass, are byte for byte those of the same document
// tokenized whole: chunks are cut only where the tokenizer looks no
// further.
func TestTokenStreamChunks(t *testing.T) {
	rec := chunkedDocument(t)
	export := func(format string, chunk int) []byte {
		defer func(old int) { tokenChunk = old }(tokenChunk)
		tokenChunk = chunk
		_, out, m := runExport(t, []*annotate.Record{rec}, Options{Format: format})
		files, _ := filepath.Glob(out + "*")
		all, err := json.Marshal(m.Counts) // the split tokens are counted once
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, ".manifest.json") {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, data...)
		}
		return all
	}
	for _, format := range []string{"prodigy", "conll", "hf"} {
		whole := export(format, 1<<30)
		if len(whole) == 0 {
			t.Fatalf("%s: nothing written", format)
		}
		for _, chunk := range []int{1, 97, 4096} {
			if got := export(format, chunk); !bytes.Equal(got, whole) {
				t.Errorf("%s, chunks of %d bytes: the export differs from the whole document's (%d bytes, want %d)", format, chunk, len(got), len(whole))
			}
		}
	}
}

// textIndex answers as annotate.TextIndex does, with a table entry for
// every code point (short texts) and for every indexStride-th (long ones).
func TestTextIndexStrides(t *testing.T) {
	long := chunkedDocument(t).Text + strings.Repeat("\U0001f600é", denseIndex)
	for _, text := range []string{"", "ascii only", "Мэр \U0001f468\u200d\U0001f469 é", long} {
		want := annotate.NewTextIndex(text)
		var x textIndex
		x.reset(text)
		if x.Len() != want.Len() {
			t.Fatalf("%d code points, want %d", x.Len(), want.Len())
		}
		for cp := -1; cp <= want.Len()+1; cp++ {
			if got, w := x.Byte(cp), want.Byte(max(0, min(cp, want.Len()))); got != w {
				t.Fatalf("Byte(%d) = %d, want %d (text of %d bytes)", cp, got, w, len(text))
			}
			if got, w := x.UTF16(cp), want.UTF16(max(0, min(cp, want.Len()))); got != w {
				t.Fatalf("UTF16(%d) = %d, want %d (text of %d bytes)", cp, got, w, len(text))
			}
		}
	}
}
