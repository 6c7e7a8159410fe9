package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"byline/annotate"
)

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, b)
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestImportFolder runs the readers through the importer: pages and text are
// imported, the legacy text file is refused with its reason until
// --encoding is given, and --strip-debris strips.
func TestImportFolder(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, "testdata/pages/news.html", filepath.Join(dir, "web", "news.html"))
	copyFile(t, "testdata/pages/cp1251.html", filepath.Join(dir, "web", "cp1251.htm"))
	copyFile(t, scrapedSample, filepath.Join(dir, "scraped.txt"))
	legacy, err := charmap.Windows1251.NewEncoder().Bytes([]byte("Лавров прибыл в Женеву\n\nРеклама\n\nМинистр заявил журналистам, что переговоры продолжатся.\n"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "legacy.txt"), legacy)
	writeFile(t, filepath.Join(dir, "logo.png"), []byte("\x89PNG\r\n\x1a\n\x00\x00"))

	run := func(opt annotate.ReadOptions) (*ImportSummary, *memCorpus) {
		c := &memCorpus{schema: &annotate.Schema{}, hashes: map[string]bool{}}
		im := &Importer{Store: c, Readers: Readers(), Options: opt}
		sum, err := im.Import(context.Background(), []string{dir})
		if err != nil {
			t.Fatal(err)
		}
		return sum, c
	}

	sum, c := run(annotate.ReadOptions{})
	if sum.Imported != 3 || len(sum.Failed) != 1 || sum.OK() {
		t.Fatalf("summary:\n%s", sum)
	}
	msg := annotate.ErrorMessage(sum.Failed[0].Err)
	if !strings.Contains(msg, "legacy.txt") || !strings.Contains(msg, "byte offset 0") || !strings.Contains(msg, "--encoding") {
		t.Errorf("failure message %q should name the file, the byte offset and --encoding", msg)
	}
	if sum.Detected["html"] != 2 || sum.Detected["text"] != 1 {
		t.Errorf("detected %v", sum.Detected)
	}
	byID := map[string]*annotate.Record{}
	for _, r := range c.recs {
		byID[r.ID] = r
	}
	if r := byID["web/news.html"]; r == nil || r.Meta.Source != "The Daily Ledger" {
		t.Errorf("news page: %+v", r)
	}
	if r := byID["scraped.txt"]; r == nil || len(r.Debris) != 7 {
		t.Errorf("scraped text should keep 7 flagged debris lines: %+v", r)
	}

	sum, c = run(annotate.ReadOptions{Encoding: "windows-1251", StripDebris: true})
	if sum.Imported != 4 || !sum.OK() {
		t.Fatalf("summary with --encoding:\n%s", sum)
	}
	for _, r := range c.recs {
		if len(r.Debris) != 0 {
			t.Errorf("%s: debris %v left after --strip-debris", r.ID, r.Debris)
		}
		if strings.Contains(r.Text, "Реклама") || strings.Contains(r.Text, "Advertisement") {
			t.Errorf("%s: debris text left after --strip-debris:\n%s", r.ID, r.Text)
		}
		if r.ID == "legacy.txt" && !strings.HasPrefix(r.Text, "Лавров прибыл в Женеву\n\nМинистр") {
			t.Errorf("legacy text = %q", r.Text)
		}
		if r.ID == "web/news.html" && !strings.Contains(r.Text, "Ignazio Cassis") {
			t.Errorf("declared UTF-8 page was decoded with --encoding: %q", r.Text)
		}
		if r.ID == "scraped.txt" && !strings.Contains(r.Text, "“Our members have waited long enough,”") {
			t.Errorf("UTF-8 text file was garbled by --encoding: %q", r.Text)
		}
	}
}
