package ingest

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"byline/annotate"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func readPage(t testing.TB, path string, opt annotate.ReadOptions) *annotate.Record {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := HTMLReader{}.Read(path, data, opt)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(recs) != 1 {
		t.Fatalf("%s: %d records, want 1", path, len(recs))
	}
	return recs[0]
}

// TestHTMLGolden reads every saved page in testdata/pages and compares the
// record (text, metadata, debris) with testdata/golden/<page>.json.
func TestHTMLGolden(t *testing.T) {
	pages, err := filepath.Glob("testdata/pages/*")
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages: %v", err)
	}
	for _, page := range pages {
		name := filepath.Base(page)
		t.Run(name, func(t *testing.T) {
			rec := readPage(t, page, annotate.ReadOptions{ExternalID: name})
			got, err := json.MarshalIndent(rec, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(name, filepath.Ext(name))+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("record differs from %s (run with -update after checking):\n--- got\n%s\n--- want\n%s", golden, got, want)
			}
			if canon, err := annotate.CanonicalText([]byte(rec.Text)); err != nil || canon != rec.Text {
				t.Errorf("text is not canonical (err %v)", err)
			}
			if _, err := annotate.PrepareRecord(rec, &annotate.Schema{}); err != nil {
				t.Errorf("record refused by the importer: %v", err)
			}
		})
	}
}

// TestHTMLDropsFurniture checks what the news page must and must not yield
// with page debris stripped, independent of the golden file.
func TestHTMLDropsFurniture(t *testing.T) {
	rec := readPage(t, "testdata/pages/news.html", annotate.ReadOptions{StripDebris: true})
	for _, want := range []string{
		"Ministers meet in Geneva as ceasefire talks resume\n\n",
		"GENEVA — Foreign ministers from both sides met for more than three hours on Tuesday, the first direct talks",
		"\n\nA fragile opening\n\n",
		"A second meeting is planned for June, according to a joint statement.",
	} {
		if !strings.Contains(rec.Text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	for _, junk := range []string{
		"Politics", "Skip to content", "We use cookies", "Facebook", "Advertisement", "Ceasefire collapses",
		"Finally some good news", "Talk is cheap", "Most read", "morning briefing", "All rights reserved",
		"Subscribe now", "Diplomacy", "Delegates arrive at the Palais", "To suggest a correction", "dataLayer", "font-family",
	} {
		if strings.Contains(rec.Text, junk) {
			t.Errorf("text keeps page furniture %q", junk)
		}
	}
	want := annotate.Meta{
		Title: "Ministers meet in Geneva as ceasefire talks resume", Source: "The Daily Ledger",
		URL: "https://ledger.example.com/world/2023/05/26/geneva-talks", Author: "Maria Keller, Tomás Ortega",
		Published: "2023-05-26T09:15:00+02:00",
	}
	got := rec.Meta
	got.Extra = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("meta = %+v\nwant   %+v", got, want)
	}
	if string(rec.Meta.Extra["language"]) != `"en-GB"` {
		t.Errorf("language = %s", rec.Meta.Extra["language"])
	}
}

func TestHTMLScriptTextNeverAppears(t *testing.T) {
	rec := readPage(t, "testdata/pages/script.html", annotate.ReadOptions{})
	if strings.Contains(rec.Text, "MUST NOT APPEAR") || strings.Contains(rec.Text, "enable JavaScript") {
		t.Errorf("hidden or script text leaked:\n%s", rec.Text)
	}
	if !strings.Contains(rec.Text, "The vote was 87 to 76.\nTwo members abstained.") {
		t.Errorf("<br> should be a line break:\n%s", rec.Text)
	}
}

func TestHTMLWindows1251(t *testing.T) {
	rec := readPage(t, "testdata/pages/cp1251.html", annotate.ReadOptions{})
	for _, want := range []string{"Переговоры в Женеве продолжатся в июне\n\nМинистры", "«Мы договорились", "Иньяцио Кассис."} {
		if !strings.Contains(rec.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, rec.Text)
		}
	}
	if strings.Contains(rec.Text, "Главная") || strings.Contains(rec.Text, "Спорт") {
		t.Errorf("menu cell kept:\n%s", rec.Text)
	}
	if rec.Meta.Author != "Ирина Соколова" || rec.Meta.Published != "2023-05-26" {
		t.Errorf("meta = %+v", rec.Meta)
	}
}

// TestHTMLUndeclaredLegacyRefused: a page in Windows-1251 that declares
// nothing is refused with the byte offset and a hint, and --encoding reads it.
func TestHTMLUndeclaredLegacyRefused(t *testing.T) {
	page := "<html><body><h1>Новости</h1><p>Министры встретились во вторник в Женеве, впервые после срыва перемирия.</p></body></html>"
	data, err := charmap.Windows1251.NewEncoder().Bytes([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	_, err = HTMLReader{}.Read("p.html", data, annotate.ReadOptions{})
	if annotate.ErrorCode(err) != annotate.EFORMAT || !strings.Contains(err.Error(), "byte offset 16") || !strings.Contains(err.Error(), "--encoding") {
		t.Fatalf("err = %v, want EFORMAT naming byte offset 16 and --encoding", err)
	}
	recs, err := HTMLReader{}.Read("p.html", data, annotate.ReadOptions{Encoding: "windows-1251"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Новости\n\nМинистры встретились во вторник в Женеве, впервые после срыва перемирия."; recs[0].Text != want {
		t.Errorf("text = %q, want %q", recs[0].Text, want)
	}
}

// TestHTMLWrongUTF8Declaration: a page that says UTF-8 but is not is refused
// with the offset, and --encoding overrides the proven-wrong declaration.
func TestHTMLWrongUTF8Declaration(t *testing.T) {
	page := `<html><head><meta charset="utf-8"></head><body><p>Министры встретились во вторник в Женеве.</p></body></html>`
	data, err := charmap.Windows1251.NewEncoder().Bytes([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	_, err = HTMLReader{}.Read("p.html", data, annotate.ReadOptions{})
	if annotate.ErrorCode(err) != annotate.EFORMAT || !strings.Contains(err.Error(), "declares UTF-8") || !strings.Contains(err.Error(), "byte offset 50") {
		t.Fatalf("err = %v, want EFORMAT naming byte offset 50 and the UTF-8 declaration", err)
	}
	recs, err := HTMLReader{}.Read("p.html", data, annotate.ReadOptions{Encoding: "windows-1251"})
	if err != nil {
		t.Fatal(err)
	}
	if recs[0].Text != "Министры встретились во вторник в Женеве." {
		t.Errorf("text = %q", recs[0].Text)
	}
}

func TestHTMLStripDebris(t *testing.T) {
	kept := readPage(t, "testdata/pages/ogonly.html", annotate.ReadOptions{})
	stripped := readPage(t, "testdata/pages/ogonly.html", annotate.ReadOptions{StripDebris: true})
	if len(kept.Debris) != 2 {
		t.Fatalf("debris = %v, want the share line and the read-more line", kept.Debris)
	}
	if len(stripped.Debris) != 0 {
		t.Errorf("stripped record still has debris ranges %v", stripped.Debris)
	}
	if stripped.Text != annotate.StripLines(kept.Text, kept.Debris) {
		t.Errorf("stripped text differs from StripLines of the flagged text")
	}
	if strings.Contains(stripped.Text, "Share this article") || strings.Contains(stripped.Text, "Read more") {
		t.Errorf("debris left after strip:\n%s", stripped.Text)
	}
}

func TestHTMLDetect(t *testing.T) {
	tests := []struct {
		path, head string
		want       bool
	}{
		{"a.html", "", true},
		{"a.HTM", "", true},
		{"a.xhtml", "", true},
		{"page.mhtml", "From: x", true},
		{"page.mht", "", true},
		{"index", "\ufeff  <!DOCTYPE html><html>", true},
		{"index", "<html lang=en>", true},
		{"index", "hello <html>", false},
		{"a.txt", "<!doctype html>", false},
		{"a.jsonl", `{"text": "<html>"}`, false},
	}
	for _, tt := range tests {
		if got := (HTMLReader{}).Detect(tt.path, []byte(tt.head)); got != tt.want {
			t.Errorf("Detect(%q, %q) = %v, want %v", tt.path, tt.head, got, tt.want)
		}
	}
}

func TestHTMLNoArticleText(t *testing.T) {
	for _, page := range []string{
		"",
		"<html><head><title>Empty</title><script>var x = 1;</script></head><body></body></html>",
		"<html><body><nav><a href=/>Home</a></nav><p>Advertisement</p></body></html>",
	} {
		_, err := HTMLReader{}.Read("e.html", []byte(page), annotate.ReadOptions{StripDebris: true})
		if annotate.ErrorCode(err) != annotate.EFORMAT {
			t.Errorf("page %q: err = %v, want EFORMAT", page, err)
		}
	}
}

func TestReadersWired(t *testing.T) {
	rs := Readers()
	if len(rs) != 2 || rs[0].Name() != "html" {
		t.Fatalf("Readers() = %v", rs)
	}
	tr, ok := rs[1].(TextReader)
	if !ok || tr.Decode == nil || tr.Debris == nil {
		t.Fatalf("second reader is not a wired TextReader: %#v", rs[1])
	}
}

// TestHTMLFetchesNothing reads a page whose links, images, frames, scripts,
// stylesheets, canonical URL and next-page link all point at a local server
// and checks the server was never asked for anything.
func TestHTMLFetchesNothing(t *testing.T) {
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Write([]byte("<html><body><p>Second page of the story.</p></body></html>"))
	}))
	defer srv.Close()
	u := srv.URL
	page := `<!DOCTYPE html><html><head><title>Story</title><link rel="canonical" href="` + u + `/story">
<link rel="stylesheet" href="` + u + `/s.css"><script src="` + u + `/a.js"></script>
<meta property="og:image" content="` + u + `/i.jpg"><link rel="next" href="` + u + `/story?page=2"></head>
<body><article><h1>Story</h1><p>` + strings.Repeat("The council approved the budget on Thursday after a long debate, officials said. ", 6) + `</p>
<img src="` + u + `/photo.jpg"><iframe src="` + u + `/embed"></iframe><p>` + strings.Repeat("The vote was close, and two members abstained. ", 6) + `</p>
<a href="` + u + `/story?page=2" rel="next">Next page</a></article></body></html>`
	recs, err := HTMLReader{}.Read("story.html", []byte(page), annotate.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(recs[0].Text, "Second page") {
		t.Errorf("text holds the linked page:\n%s", recs[0].Text)
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("the page's references were fetched %d times", n)
	}
}
