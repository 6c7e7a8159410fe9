package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"byline/annotate/annotatetest"
)

// pagesFolder writes n saved news pages to a new folder: the pages of
// annotate/ingest/testdata/real in turn, each weighed to about 170 KB and
// its paragraphs and blocks marked with its copy number so every page is a new
// document.
func pagesFolder(b *testing.B, n int) (dir string, bytes int64) {
	b.Helper()
	pages, err := filepath.Glob("annotate/ingest/testdata/real/*.html")
	if err != nil || len(pages) == 0 {
		b.Fatalf("no pages: %v", err)
	}
	dir = b.TempDir()
	for i := 0; i < n; i++ {
		data, err := os.ReadFile(pages[i%len(pages)])
		if err != nil {
			b.Fatal(err)
		}
		mark := fmt.Sprintf(" (copy %d)", i)
		page := strings.NewReplacer("</p>", mark+"</p>", "</div>", mark+"</div>", "</td>", mark+"</td>", "<br", mark+"<br").
			Replace(string(annotatetest.WeighPage(data)))
		name := filepath.Join(dir, fmt.Sprintf("%03d-%s", i, filepath.Base(pages[i%len(pages)])))
		if err := os.WriteFile(name, []byte(page), 0o644); err != nil {
			b.Fatal(err)
		}
		bytes += int64(len(page))
	}
	return dir, bytes
}

// BenchmarkImportHTMLPages imports a folder of 180 saved news pages (about
// 170 KB each, 30 MB) into a new SQLite database per iteration, as
// `byline import` does. Timed: opening the database, reading and extracting
// every page (on GOMAXPROCS workers: compare -cpu 1 with -cpu 2) and storing
// the documents; the 180 stored documents are checked. b.Loop runs the first
// -cpu setting at the process's GOMAXPROCS, so measure one core with the
// GOMAXPROCS=1 environment variable; "workers" reports what was used.
func BenchmarkImportHTMLPages(b *testing.B) {
	const pages = 180
	dir, size := pagesFolder(b, pages)
	b.SetBytes(size)
	dbDir := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		importInto(b, filepath.Join(dbDir, fmt.Sprintf("pages%d.db", i)), pages, dir)
	}
	b.ReportMetric(float64(pages*i)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "workers")
}
