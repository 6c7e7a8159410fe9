package ingest

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"byline/annotate"
)

// checkRanges fails unless ranges are sorted, non-overlapping, within text
// and each one exactly a whole non-empty line.
func checkRanges(t *testing.T, text string, ranges []annotate.Range) {
	t.Helper()
	runes := []rune(text)
	prevEnd := -1
	for _, r := range ranges {
		if r.Start < 0 || r.End > len(runes) || r.Start >= r.End {
			t.Fatalf("range %v out of bounds or empty (text has %d code points)", r, len(runes))
		}
		if r.Start <= prevEnd {
			t.Fatalf("range %v overlaps or precedes the one before (end %d)", r, prevEnd)
		}
		if r.Start > 0 && runes[r.Start-1] != '\n' {
			t.Fatalf("range %v does not start a line", r)
		}
		if r.End < len(runes) && runes[r.End] != '\n' {
			t.Fatalf("range %v does not end a line", r)
		}
		if strings.ContainsRune(string(runes[r.Start:r.End]), '\n') {
			t.Fatalf("range %v spans lines", r)
		}
		prevEnd = r.End
	}
}

func FuzzHTMLRead(f *testing.F) {
	pages, _ := filepath.Glob("testdata/pages/*.html")
	for _, p := range pages {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, false, false)
		}
	}
	if b, err := os.ReadFile("testdata/pages/saved.mhtml"); err == nil {
		f.Add(b, false, true)
	}
	f.Add(mhtmlArchive("Content-Type: text/html; charset=koi8-r\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>=F0=D2=C9=D7=C5=D4 =\r\nworld</p>"), true, true)
	for _, s := range []string{
		"", "<p>x</p>", "<html><body><article><h1>T</h1><p>a<br><br>b</p></article></body></html>",
		"<?xml version='1.0' encoding='koi8-r'?><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>",
		"\xff\xfe<\x00p\x00>\x00h\x00i\x00", "<meta charset=cp1251><p>\xcf\xf0\xe8\xe2\xe5\xf2\r\nAdvertisement</p>",
		"<pre>a\r\n\r\nb\u2028c</pre>", "<table><tr><td>a<td>b<tr><td>c</table>",
		"<p>\u0301\ufeff\ufeffx\u0085y</p>", "<frameset><frame src=x></frameset>",
		`<script type="application/ld+json">[{"@graph":[{"@type":["Article"],"author":[[{"name":{"name":"x"}}]]}]}]</script><p>z</p>`,
	} {
		f.Add([]byte(s), true, false)
	}
	f.Fuzz(func(t *testing.T, page []byte, strip, archive bool) {
		path := "f.html"
		if archive {
			path = "f.mhtml"
		}
		recs, err := HTMLReader{}.Read(path, page, annotate.ReadOptions{ExternalID: "f", StripDebris: strip})
		if err != nil {
			if annotate.ErrorCode(err) == annotate.EINTERNAL {
				t.Fatalf("uncoded error: %v", err)
			}
			return
		}
		if len(recs) != 1 {
			t.Fatalf("%d records", len(recs))
		}
		rec := recs[0]
		if !utf8.ValidString(rec.Text) {
			t.Fatalf("text is not valid UTF-8: %q", rec.Text)
		}
		if canon, err := annotate.CanonicalText([]byte(rec.Text)); err != nil || canon != rec.Text {
			t.Fatalf("text is not canonical: %q", rec.Text)
		}
		if strings.TrimSpace(rec.Text) == "" {
			t.Fatal("empty text accepted")
		}
		if strip && len(rec.Debris) > 0 {
			t.Fatalf("stripped record has debris %v", rec.Debris)
		}
		checkRanges(t, rec.Text, rec.Debris)
		for _, v := range []string{rec.Meta.Title, rec.Meta.Author, rec.Meta.Source, rec.Meta.URL, rec.Meta.Published} {
			if !utf8.ValidString(v) {
				t.Fatalf("metadata is not valid UTF-8: %q", v)
			}
		}
		if _, err := annotate.PrepareRecord(rec, &annotate.Schema{}); err != nil {
			t.Fatalf("record refused: %v", err)
		}
	})
}

func nonBlankLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

func FuzzDebris(f *testing.F) {
	if b, err := os.ReadFile(scrapedSample); err == nil {
		f.Add(string(b))
	}
	for _, s := range []string{
		"", "\n", "Advertisement", "A\n\nAdvertisement\n\nB\n", "Comments (0)\n\n\n\nShare this article\n",
		"Ёж\nРеклама\n🦔 x\nhttps://a.b\n", " \n\t\nRead more\n \n", "ok12\nEXCLUSIVE\r\nx",
	} {
		f.Add(s)
	}
	f.Add(strings.Join(debrisExamples, "\n"))
	f.Add(strings.Join(contentExamples, "\n\n"))
	schema := &annotate.Schema{Debris: []string{`ok\d+`, `(?-i)EXCLUSIVE`}}
	plain := regexp.MustCompile(anchor(builtinDebris))
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		// The length split and prefix filter change no answer.
		for _, l := range strings.Split(text, "\n") {
			if got, want := builtin().match(l, utf8.RuneCountInString(l)), plain.MatchString(l); got != want {
				t.Fatalf("match(%q) = %v, plain regexp says %v", l, got, want)
			}
		}
		same, ranges := Debris(text, schema, false)
		if same != text {
			t.Fatal("Debris changed the text without strip")
		}
		checkRanges(t, text, ranges)

		stripped, none := Debris(text, schema, true)
		if none != nil {
			t.Fatalf("strip returned ranges %v", none)
		}
		if stripped != annotate.StripLines(text, ranges) {
			t.Fatal("strip differs from StripLines of the flagged ranges")
		}
		// Stripping removes exactly the flagged lines: every other non-blank
		// line survives, in order and unchanged.
		starts := map[int]bool{}
		for _, r := range ranges {
			starts[r.Start] = true
		}
		flagged := map[int]bool{}
		cp := 0
		for i, l := range strings.Split(text, "\n") {
			flagged[i] = starts[cp] && l != ""
			cp += utf8.RuneCountInString(l) + 1
		}
		var want []string
		for i, l := range strings.Split(text, "\n") {
			if !flagged[i] && strings.TrimSpace(l) != "" {
				want = append(want, l)
			}
		}
		if got := nonBlankLines(stripped); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("kept lines %q, want %q", got, want)
		}
		if len(ranges) == 0 && stripped != text {
			t.Fatal("strip changed a text without debris")
		}
	})
}

func FuzzNormalizeDate(f *testing.F) {
	for _, s := range []string{"2023-05-26", "2023-05-26T09:15:00.123+02:00", "Fri, 26 May 2023 09:15:00 EST", "26.05.2023", "2023-05", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, ok := normalizeDate(s)
		if !ok {
			return
		}
		// A normalized date is ISO 8601 already: normalizing again keeps it.
		again, ok := normalizeDate(out)
		if !ok || again != out {
			t.Fatalf("normalizeDate(%q) = %q, which normalizes to %q, %v", s, out, again, ok)
		}
	})
}

func FuzzDetectCharset(f *testing.F) {
	f.Add([]byte(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">`), "", "")
	f.Add([]byte(`<?xml version="1.0" encoding="koi8-r"?>`), "", "cp1251")
	f.Add([]byte("\xff\xfe<\x00"), "utf-8", "")
	f.Fuzz(func(t *testing.T, page []byte, transport, option string) {
		name, from := detectCharset(page, transport, option)
		if _, canonical, ok := lookupEncoding(name); !ok || canonical != name {
			t.Fatalf("detectCharset = %q (%s), not a canonical encoding name", name, from)
		}
		out, _, err := decodePage(page, transport, option)
		if err == nil && !utf8.Valid(out) {
			t.Fatalf("decodePage returned invalid UTF-8 without an error")
		}
	})
}
