package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

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

// corpusArticle builds article i of the annotated-corpus benchmark: 40
// entities, 8 direct quotes (content, cue and speaker) and 1 relation in
// about 4 KB of text; no two articles share a text.
func corpusArticle(i int) *annotate.Record {
	mentions := []struct{ text, label string }{
		{"Sergei Lavrov", "PERSON"}, {"NATO", "ORG"}, {"Київ", "GPE"}, {"Zoë Martínez", "PERSON"},
		{"the European Commission", "ORG"}, {"São Paulo", "GPE"}, {"Friday", "DATE"}, {"Олаф Шольц", "PERSON"},
	}
	var sb strings.Builder
	n := 0
	write := func(s string) { sb.WriteString(s); n += annotate.RuneCount(s) }
	rec := &annotate.Record{ID: "a" + strconv.Itoa(i), Meta: annotate.Meta{Title: "Report " + strconv.Itoa(i)}}
	write("Report " + strconv.Itoa(i) + ".\n\n")
	for j := 0; j < 40; j++ {
		m := mentions[(i+j)%len(mentions)]
		write("Officials in the capital said talks with ")
		id := "T" + strconv.Itoa(j+1)
		rec.Entities = append(rec.Entities, annotate.RecordEntity{ID: id, Start: n, End: n + annotate.RuneCount(m.text), Label: m.label})
		write(m.text)
		write(" would continue next week. ")
		if j%5 == 4 {
			write("The minister ")
			cue := annotate.Segment{Start: n, End: n + 4}
			write("said, ")
			q := "“We will not accept terms set in item " + strconv.Itoa(j) + ".”"
			seg := annotate.Segment{Start: n, End: n + annotate.RuneCount(q)}
			write(q + "\n\n")
			rec.Quotes = append(rec.Quotes, annotate.RecordQuote{ID: "Q" + strconv.Itoa(j/5+1), Kind: annotate.QuoteDirect,
				Content: []annotate.Segment{seg}, Cue: &cue, Speaker: id})
		}
	}
	rec.Text = sb.String()
	rec.Relations = []annotate.RecordRelation{{ID: "R1", Type: "MET_WITH", Head: "T1", Tail: "T4"}}
	return rec
}

// corpusFixture writes (once per machine) the first n articles of the
// annotated corpus as JSONL and the same rows as CSV files for the sqlite3
// shell.
func corpusFixture(b *testing.B, n int) (jsonl, csvDir string) {
	dir := filepath.Join(os.TempDir(), "byline-bench-corpus-"+strconv.Itoa(n))
	jsonl = filepath.Join(dir, "corpus.jsonl")
	csvDir = filepath.Join(dir, "csv")
	if _, err := os.Stat(filepath.Join(csvDir, "done")); err == nil {
		return jsonl, csvDir
	}
	if err := os.MkdirAll(csvDir, 0o755); err != nil {
		b.Fatal(err)
	}
	writeJSONL(b, jsonl, n, corpusArticle)
	tables := map[string]*csv.Writer{}
	var files []*os.File
	for _, name := range []string{"documents", "entities", "quotes", "segments", "relations"} {
		f, err := os.Create(filepath.Join(csvDir, name+".csv"))
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, f)
		tables[name] = csv.NewWriter(f) // buffered
	}
	entityID, quoteID := 0, 0
	for i := 0; i < n; i++ {
		r := corpusArticle(i)
		doc := strconv.Itoa(i + 1)
		tables["documents"].Write([]string{doc, r.ID, r.Meta.Title, r.Text, annotate.ContentHash(r.Text)})
		ids := map[string]string{}
		for _, e := range r.Entities {
			entityID++
			ids[e.ID] = strconv.Itoa(entityID)
			tables["entities"].Write([]string{ids[e.ID], doc, strconv.Itoa(e.Start), strconv.Itoa(e.End), e.Label, e.Text})
		}
		for _, q := range r.Quotes {
			quoteID++
			qid := strconv.Itoa(quoteID)
			tables["quotes"].Write([]string{qid, doc, string(q.Kind), ids[q.Speaker], strconv.Itoa(q.Cue.Start), strconv.Itoa(q.Cue.End)})
			for _, s := range q.Content {
				tables["segments"].Write([]string{qid, strconv.Itoa(s.Start), strconv.Itoa(s.End)})
			}
		}
		for _, rel := range r.Relations {
			tables["relations"].Write([]string{doc, rel.Type, ids[rel.Head], ids[rel.Tail]})
		}
	}
	for _, w := range tables {
		w.Flush()
	}
	for _, f := range files {
		f.Close()
	}
	if err := os.WriteFile(filepath.Join(csvDir, "done"), nil, 0o644); err != nil {
		b.Fatal(err)
	}
	return jsonl, csvDir
}

// sqliteShellLoad loads the corpus's rows into plain tables (no indexes, no
// triggers) with the sqlite3 shell in one transaction and returns how long
// it took: the floor any importer writing the same rows can reach.
func sqliteShellLoad(b *testing.B, csvDir, dbPath string) time.Duration {
	script := `PRAGMA journal_mode=WAL;
CREATE TABLE documents(id INTEGER PRIMARY KEY, external_id TEXT, title TEXT, text TEXT, hash TEXT);
CREATE TABLE entities(id INTEGER PRIMARY KEY, document_id INTEGER, start INTEGER, end INTEGER, label TEXT, text TEXT);
CREATE TABLE quotes(id INTEGER PRIMARY KEY, document_id INTEGER, kind TEXT, speaker_id INTEGER, cue_start INTEGER, cue_end INTEGER);
CREATE TABLE segments(quote_id INTEGER, start INTEGER, end INTEGER);
CREATE TABLE relations(document_id INTEGER, type TEXT, head_id INTEGER, tail_id INTEGER);
BEGIN;
.mode csv
`
	for _, t := range []string{"documents", "entities", "quotes", "segments", "relations"} {
		script += ".import " + filepath.Join(csvDir, t+".csv") + " " + t + "\n"
	}
	script += "COMMIT;\n"
	cmd := exec.Command("sqlite3", dbPath)
	cmd.Stdin = strings.NewReader(script)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	took := time.Since(start)
	if err != nil || len(bytes.TrimSpace(out)) > 0 && !bytes.Equal(bytes.TrimSpace(out), []byte("wal")) {
		b.Fatalf("sqlite3: %v\n%s", err, out)
	}
	return took
}

// BenchmarkImportAnnotatedCorpus imports 2,500, 5,000 and 10,000 annotated
// articles (per 10,000: 400,000 entities, 80,000 quotes with 80,000
// segments, 10,000 relations; JSONL) into a new SQLite database each
// iteration. Timed: the whole import (reading, checking, storing). In the
// same run, outside the timer, the sqlite3 shell loads the same rows from
// CSV into plain tables; sqlite3-s is its time and x-sqlite3 how many times
// longer Byline's import takes; cpu-s is the process's CPU time per import
// (user and system, all threads), steadier than wall time on a shared
// machine. Time per document must stay flat across the sizes.
func BenchmarkImportAnnotatedCorpus(b *testing.B) {
	if _, err := exec.LookPath("sqlite3"); err != nil {
		b.Skip("no sqlite3 shell")
	}
	for _, n := range []int{2_500, 5_000, 10_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			jsonl, csvDir := corpusFixture(b, n)
			dir := b.TempDir()
			var ours, shell, cpu time.Duration
			i := 0
			for b.Loop() {
				b.StopTimer()
				dbPath := filepath.Join(dir, fmt.Sprintf("corpus%d.db", i))
				i++
				start, startCPU := time.Now(), annotatetest.ProcessCPU()
				b.StartTimer()
				importInto(b, dbPath, n, jsonl)
				b.StopTimer()
				ours += time.Since(start)
				cpu += annotatetest.ProcessCPU() - startCPU
				shell += sqliteShellLoad(b, csvDir, filepath.Join(dir, fmt.Sprintf("shell%d.db", i)))
				b.StartTimer()
			}
			b.ReportMetric(float64(n*b.N)/ours.Seconds(), "docs/s")
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s")
			b.ReportMetric(shell.Seconds()/float64(b.N), "sqlite3-s")
			b.ReportMetric(ours.Seconds()/shell.Seconds(), "x-sqlite3")
		})
	}
}
