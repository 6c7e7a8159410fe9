package storage

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"byline/annotate"
	"byline/annotate/annotatetest"
	"byline/annotate/ingest"
)

// Benchmark fixtures are slow to build, so they are built once per run in a
// temporary folder (removed at the end), or kept in $BYLINE_BENCH_DIR when
// set, so that the sqlite3 shell can be timed on the same files:
//
//	BYLINE_BENCH_DIR=/tmp/bb go test ./storage -run '^$' -bench . -benchtime 3x
//	sqlite3 /tmp/bb/corpus.db '.mode csv' '.import /tmp/bb/articles.csv articles'
//	time sqlite3 -json /tmp/bb/export.db 'SELECT * FROM documents; SELECT * FROM entities;' >/dev/null
var (
	benchOnce    sync.Once
	benchDirPath string
	benchTemp    bool
)

func benchDir(b *testing.B) string {
	benchOnce.Do(func() {
		if d := os.Getenv("BYLINE_BENCH_DIR"); d != "" {
			benchDirPath = d
			os.MkdirAll(d, 0o755)
			return
		}
		d, err := os.MkdirTemp("", "byline-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchDirPath, benchTemp = d, true
	})
	return benchDirPath
}

func benchCleanup() {
	if benchTemp {
		os.RemoveAll(benchDirPath)
	}
}

const (
	importArticles = 10_000
	importSize     = 5_000 // code points per article: about 50 MB in all
	exportDocs     = 100_000
	exportEntities = 10 // per document: 1,000,000 in all
	exportSize     = 1_200
)

// longArticle stores a 100,000-word article with 10,000 entity spans.
func longArticle(b *testing.B) (db *DB, doc int64, text string, ents []annotate.RecordEntity) {
	db = mustOpen(b)
	text, ents = benchDocument(1, 100_000, 10_000)
	outs, err := db.ImportRecords(context.Background(), []*annotate.Record{{ID: "long", Text: text, Entities: ents}}, annotate.ImportOptions{})
	if err != nil {
		b.Fatal(err)
	}
	return db, outs[0].DocumentID, text, ents
}

// BenchmarkOpenArticle reads what the article view needs to show a
// 100,000-word article with 10,000 spans: the document and its annotations.
func BenchmarkOpenArticle(b *testing.B) {
	ctx := context.Background()
	db, doc, _, _ := longArticle(b)
	for b.Loop() {
		if _, err := db.FindDocumentByID(ctx, doc); err != nil {
			b.Fatal(err)
		}
		a, err := db.FindAnnotations(ctx, doc)
		if err != nil || len(a.Entities) != 10_000 {
			b.Fatalf("%d entities, %v", len(a.Entities), err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/open")
}

// BenchmarkAddSpan measures one "apply a label" action, durable commit
// included, on a 100,000-word article that already has 10,000 spans.
func BenchmarkAddSpan(b *testing.B) {
	ctx := context.Background()
	db, doc, text, ents := longArticle(b)
	taken := map[[2]int]bool{}
	for _, e := range ents {
		taken[[2]int{e.Start, e.End}] = true
	}
	// Candidate spans: single words no stored entity covers exactly.
	var spans [][2]int
	pos, start := 0, -1
	for _, r := range text + " " {
		if r == ' ' || r == '\n' {
			if start >= 0 && !taken[[2]int{start, pos}] {
				spans = append(spans, [2]int{start, pos})
			}
			start = -1
		} else if start < 0 {
			start = pos
		}
		pos++
	}
	i := 0
	for b.Loop() {
		s := spans[i%len(spans)]
		i++
		e := &annotate.Entity{DocumentID: doc, Start: s[0], End: s[1], Label: benchEntities[i%len(benchEntities)].label}
		if err := db.CreateEntity(ctx, e); err != nil && annotate.ErrorCode(err) != annotate.ECONFLICT {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/span")
}

// importFixture writes the articles as .txt files, and as one CSV file for
// the sqlite3 shell's .import.
func importFixture(b *testing.B) string {
	dir := filepath.Join(benchDir(b), "articles")
	if _, err := os.Stat(dir + ".csv"); err == nil {
		return dir
	}
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	f, err := os.Create(dir + ".csv.tmp")
	if err != nil {
		b.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Write([]string{"title", "text"})
	rng := rand.New(rand.NewPCG(7, 7))
	total := 0
	for i := range importArticles {
		title, text, _ := benchArticle(rng, importSize, 0)
		total += len(text)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%05d.txt", i)), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		w.Write([]string{title, text})
	}
	w.Flush()
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	os.Rename(dir+".csv.tmp", dir+".csv")
	b.Logf("import fixture: %d articles, %.1f MB in %s", importArticles, float64(total)/1e6, dir)
	return dir
}

// BenchmarkImport imports 10,000 articles (about 50 MB) from text files
// through the importer into a new database.
func BenchmarkImport(b *testing.B) {
	ctx := context.Background()
	dir := importFixture(b)
	for b.Loop() {
		b.StopTimer()
		db, err := Open(filepath.Join(b.TempDir(), "import.db"), Options{Create: true, DefaultSchema: defaultSchema(b)})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		im := &ingest.Importer{Store: db, Readers: []annotate.Reader{ingest.TextReader{}}}
		sum, err := im.Import(ctx, []string{dir})
		if err != nil || sum.Imported != importArticles {
			b.Fatalf("import: %v; %s", err, sum)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(importArticles*b.N)/b.Elapsed().Seconds(), "docs/s")
}

// exportFixture builds (once) a database of 100,000 documents with
// 1,000,000 entity spans, in large import batches.
func exportFixture(b *testing.B) string {
	path := filepath.Join(benchDir(b), "export.db")
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := filepath.Join(benchDir(b), "export-building.db")
	for _, s := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + s)
	}
	db, err := Open(tmp, Options{Create: true, DefaultSchema: defaultSchema(b), Annotator: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(11, 11))
	statuses := []annotate.Status{annotate.StatusTodo, annotate.StatusTodo, annotate.StatusInProgress, annotate.StatusDone}
	var batch []*annotate.Record
	for i := range exportDocs {
		title, text, ents := benchArticle(rng, exportSize, exportEntities)
		batch = append(batch, &annotate.Record{ID: fmt.Sprintf("doc-%06d", i), Text: text, Entities: ents,
			Status: statuses[i%len(statuses)], Meta: annotate.Meta{Title: title, URL: fmt.Sprintf("https://news.example/%d", i),
				Published: fmt.Sprintf("2023-%02d-%02d", 1+i%12, 1+i%28)}})
		if len(batch) == 5000 || i == exportDocs-1 {
			if _, err := db.ImportRecords(context.Background(), batch, annotate.ImportOptions{}); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

func openFixture(b *testing.B, path string) *DB {
	db, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkExportNative streams 100,000 documents with 1,000,000 entity
// spans as native JSONL into a file, and into io.Discard (through the same
// buffered writer) to leave the disk out.
func BenchmarkExportNative(b *testing.B) {
	ctx := context.Background()
	db := openFixture(b, exportFixture(b))
	for _, sink := range []string{"File", "Discard"} {
		b.Run(sink, func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "export.jsonl")
			b.ReportAllocs()
			var size int64
			cpu := startCPU()
			for b.Loop() {
				var dst io.Writer = io.Discard
				var f *os.File
				if sink == "File" {
					var err error
					if f, err = os.Create(out); err != nil {
						b.Fatal(err)
					}
					dst = f
				}
				cw := &countingWriter{w: dst}
				w := bufio.NewWriterSize(cw, 1<<20)
				enc := annotate.NewEncoder(w)
				n := 0
				if err := db.ExportRecords(ctx, annotate.ExportFilter{}, func(r *annotate.Record) error {
					n++
					return enc.Encode(r)
				}); err != nil {
					b.Fatal(err)
				}
				if err := w.Flush(); err != nil {
					b.Fatal(err)
				}
				if f != nil {
					f.Close()
				}
				size = cw.n
				if n != exportDocs {
					b.Fatalf("exported %d documents", n)
				}
			}
			b.ReportMetric(float64(exportDocs*b.N)/b.Elapsed().Seconds(), "docs/s")
			b.ReportMetric(float64(size)/1e6, "MB")
			b.ReportMetric(cpu.seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// cpuClock measures the process's CPU time (user + system), which unlike
// wall time does not depend on what else the machine is running.
type cpuClock struct{ start time.Duration }

func startCPU() cpuClock { return cpuClock{annotatetest.ProcessCPU()} }

func (c cpuClock) seconds() float64 { return (annotatetest.ProcessCPU() - c.start).Seconds() }

// BenchmarkDocumentList measures the queries behind one screen of the
// document list at 100,000 documents: a page of 50 rows plus the count.
func BenchmarkDocumentList(b *testing.B) {
	ctx := context.Background()
	db := openFixture(b, exportFixture(b))
	todo := annotate.StatusTodo
	screens := []struct {
		name string
		f    annotate.DocumentFilter
	}{
		{"FirstPage", annotate.DocumentFilter{Limit: 50}},
		{"MiddlePage", annotate.DocumentFilter{Offset: exportDocs / 2, Limit: 50}},
		{"LastPage", annotate.DocumentFilter{Offset: exportDocs - 50, Limit: 50}},
		{"MiddlePageByTitle", annotate.DocumentFilter{Offset: exportDocs / 2, Limit: 50, Sort: annotate.SortTitle}},
		{"MiddlePageByDateTodo", annotate.DocumentFilter{Offset: exportDocs / 4, Limit: 50, Sort: annotate.SortDate, Status: &todo}},
		{"SearchRare", annotate.DocumentFilter{Search: "Erdoğan Zürich", Limit: 50}},
		{"SearchCommon", annotate.DocumentFilter{Search: "minister", Limit: 50}},
		{"SearchPrefixLastPage", annotate.DocumentFilter{Search: "parl", Offset: 40_000, Limit: 50}},
	}
	for _, s := range screens {
		b.Run(s.name, func(b *testing.B) {
			for b.Loop() {
				list, err := db.FindDocuments(ctx, s.f)
				if err != nil {
					b.Fatal(err)
				}
				n, err := db.CountDocuments(ctx, s.f)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := db.Progress(ctx); err != nil {
					b.Fatal(err)
				}
				if n > 0 && len(list) == 0 && s.f.Offset < n {
					b.Fatalf("empty page of %d documents", n)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/screen")
		})
	}
}
