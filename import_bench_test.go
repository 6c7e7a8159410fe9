package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"byline/annotate"
	"byline/annotate/annotatetest"
	"byline/annotate/ingest"
	"byline/storage"
)

// writeJSONL writes n records from gen as native JSONL to path, one at a
// time, so building a large corpus takes little memory.
func writeJSONL(b *testing.B, path string, n int, gen func(i int) *annotate.Record) int64 {
	b.Helper()
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := annotate.NewEncoder(w)
	for i := 0; i < n; i++ {
		if err := enc.Encode(gen(i)); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	fi, _ := f.Stat()
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return fi.Size()
}

// importInto imports paths into a new SQLite database with the command
// line's readers and checks that want documents were stored.
func importInto(b *testing.B, dbPath string, want int, paths ...string) *ingest.ImportSummary {
	b.Helper()
	db, err := storage.Open(dbPath, storage.Options{Create: true, DefaultSchema: defaultSchema()})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	im := &ingest.Importer{Store: db, Readers: readers()}
	sum, err := im.Import(context.Background(), paths)
	if err != nil || !sum.OK() || sum.Imported != want {
		b.Fatalf("import: %v\n%s", err, sum)
	}
	return sum
}

// BenchmarkImportLargeDocument imports one annotated document of 0.5, 1, 2
// and 5 MB of text (about 2,400 entities per 0.5 MB) from a JSONL file into
// a new SQLite database. Timed: reading, checking and storing the record
// (the database is created outside the timer). Time per MB must stay flat
// across the sizes.
func BenchmarkImportLargeDocument(b *testing.B) {
	for _, tenths := range []int{5, 10, 20, 50} {
		b.Run(fmt.Sprintf("%.1fMB", float64(tenths)/10), func(b *testing.B) {
			words := tenths * 75_000 / 5 // about 7 bytes a word
			rec := annotatetest.LongArticle(words, tenths*2400/5)
			dir := b.TempDir()
			path := filepath.Join(dir, "long.jsonl")
			writeJSONL(b, path, 1, func(int) *annotate.Record { return rec })
			b.SetBytes(int64(len(rec.Text)))
			i := 0
			for b.Loop() {
				b.StopTimer()
				dbPath := filepath.Join(dir, fmt.Sprintf("long%d.db", i))
				i++
				b.StartTimer()
				importInto(b, dbPath, 1, path)
			}
			b.ReportMetric(float64(len(rec.Entities)), "entities")
		})
	}
}
