package storage_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"byline/annotate"
	"byline/annotate/annotatetest"
	"byline/annotate/formats"
	"byline/storage"
)

// BenchmarkExportFormats exports a real SQLite database of 100,000
// documents with 1,000,000 entity spans (plus a quote and two relations per
// document) in every format, and times the sqlite3 shell dumping the same
// rows as JSON (sqlite3 -json) in the same run, for comparison. The
// database is built once, before the timed exports. Run with -benchtime=1x.
func BenchmarkExportFormats(b *testing.B) {
	const docs = 100_000
	ctx := context.Background()
	path := formatsFixture(b, docs)
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	// Reading alone (no encoding), to tell the store's share from the format's.
	b.Run("read-only", func(b *testing.B) {
		runs := 0
		for b.Loop() {
			if err := db.ExportRecords(ctx, annotate.ExportFilter{}, func(*annotate.Record) error { return nil }); err != nil {
				b.Fatal(err)
			}
			runs++
		}
		b.ReportMetric(float64(runs*docs)/b.Elapsed().Seconds(), "docs/s")
	})
	for _, format := range formats.Names() {
		b.Run(format, func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "out")
			if format != "brat" {
				out += ".export"
			}
			runs := 0
			for b.Loop() {
				removeOutput(b, out)
				if _, err := formats.Export(ctx, db, formats.Options{Format: format, Out: out}); err != nil {
					b.Fatal(err)
				}
				runs++
			}
			b.ReportMetric(float64(runs*docs)/b.Elapsed().Seconds(), "docs/s")
		})
	}
	b.Run("sqlite3-json", func(b *testing.B) {
		shell, err := exec.LookPath("sqlite3")
		if err != nil {
			b.Skip("the sqlite3 shell is not installed")
		}
		out := filepath.Join(b.TempDir(), "dump.json")
		query := "SELECT * FROM documents ORDER BY ordinal; SELECT * FROM entities ORDER BY document_id, start; " +
			"SELECT * FROM quotes ORDER BY document_id; SELECT * FROM quote_segments; SELECT * FROM relations ORDER BY document_id;"
		runs := 0
		for b.Loop() {
			removeOutput(b, out)
			f, err := os.Create(out)
			if err != nil {
				b.Fatal(err)
			}
			cmd := exec.Command(shell, "-readonly", "-json", path, query)
			var stderr strings.Builder
			cmd.Stdout, cmd.Stderr = f, &stderr
			if err := cmd.Run(); err != nil {
				b.Fatalf("sqlite3: %v %s", err, stderr.String())
			}
			f.Close()
			runs++
		}
		b.ReportMetric(float64(runs*docs)/b.Elapsed().Seconds(), "docs/s")
	})
}

// formatsFixture builds the database of BenchmarkExportFormats. It is kept
// in $BYLINE_BENCH_DIR when that is set (and reused while it exists), so
// repeated runs and profiles time the exports, not the import.
func formatsFixture(b *testing.B, docs int) string {
	dir := os.Getenv("BYLINE_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	path := filepath.Join(dir, "formats-"+strconv.Itoa(docs)+".db")
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".building"
	for _, s := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + s)
	}
	db, err := storage.Open(tmp, storage.Options{Create: true, DefaultSchema: benchSchema(), Annotator: "ana"})
	if err != nil {
		b.Fatal(err)
	}
	batch := make([]*annotate.Record, 0, 2000)
	for i := 0; i < docs; i++ {
		batch = append(batch, annotatetest.NewsRecord(i))
		if len(batch) == cap(batch) || i == docs-1 {
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

// removeOutput deletes the previous run's output, so that every run, the
// exports' and the shell's alike, writes a new file into the same free
// memory: an export writes under a temporary name and renames, which would
// otherwise keep the old output's pages busy while it writes, where the
// shell's truncation frees them first. On a virtual machine pages the
// guest has not touched yet cost several times more to write.
func removeOutput(b *testing.B, out string) {
	if err := os.RemoveAll(out); err != nil {
		b.Fatal(err)
	}
	os.Remove(out + ".manifest.json")
}

func benchSchema() *annotate.Schema {
	s := &annotate.Schema{}
	for i, n := range []string{"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "DATE", "TITLE"} {
		s.Entities = append(s.Entities, annotate.EntityLabel{Name: n, Color: "#4e79a7", Hotkey: strconv.Itoa(i + 1)})
	}
	s.Relations = []annotate.RelationType{
		{Name: "MET_WITH", Heads: []string{"PERSON", "ORG", "GPE"}, Tails: []string{"PERSON", "ORG", "GPE"}, Symmetric: true},
		{Name: "SUPPORTS", Heads: []string{"PERSON", "ORG", "GPE"}, Tails: []string{annotate.AnyLabel}},
	}
	return s
}
