package storage_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"byline/annotate"
	"byline/storage"
)

// BenchmarkOpenWithQuickCheck times what import and the window do before
// their first write: open the database with SQLite's quick_check, at 25,000,
// 50,000 and 100,000 documents (ten entity spans each), to show the cost
// grows linearly with the file. Inside the timed region: Open with
// QuickCheck, marking one document done (so every iteration changes the
// file, and the check reads the new page), and Close. The databases are
// built once, before the timer (reused from $BYLINE_BENCH_DIR when set).
// Run with -benchtime=3x.
func BenchmarkOpenWithQuickCheck(b *testing.B) {
	ctx := context.Background()
	for _, docs := range []int{25_000, 50_000, 100_000} {
		b.Run(fmt.Sprintf("docs=%d", docs), func(b *testing.B) {
			path := formatsFixture(b, docs)
			fi, err := os.Stat(path)
			if err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				i++
				db, err := storage.Open(path, storage.Options{QuickCheck: true})
				if err != nil {
					b.Fatal(err)
				}
				if err := db.SetStatus(ctx, int64(i), annotate.StatusSkipped); err != nil {
					b.Fatal(err)
				}
				if err := db.Close(); err != nil {
					b.Fatal(err)
				}
			}
			db, err := storage.Open(path, storage.Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			if p, err := db.Progress(ctx); err != nil || p.ByStatus[annotate.StatusSkipped] < i {
				b.Fatalf("%d documents marked skipped after %d iterations (%v)", p.ByStatus[annotate.StatusSkipped], i, err)
			}
			b.ReportMetric(float64(fi.Size())/(1<<20), "MB")
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(i), "ms/open")
		})
	}
}
