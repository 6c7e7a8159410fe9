package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"byline/annotate"
)

// memCorpus is the least an importer needs: it keeps committed records and
// refuses a whole batch when failOn names one of its ids.
type memCorpus struct {
	schema  *annotate.Schema
	recs    []*annotate.Record
	hashes  map[string]bool
	batches int
	failOn  string
}

func (m *memCorpus) Schema(context.Context) (*annotate.Schema, error) { return m.schema.Clone(), nil }

func (m *memCorpus) ImportRecords(ctx context.Context, recs []*annotate.Record, opt annotate.ImportOptions) ([]annotate.ImportOutcome, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.batches++
	for _, r := range recs {
		if r.ID == m.failOn {
			return nil, annotate.Errorf(annotate.EINVALID, "refused %s", r.ID)
		}
	}
	var outs []annotate.ImportOutcome
	for _, r := range recs {
		h := annotate.ContentHash(r.Text)
		if m.hashes[h] {
			outs = append(outs, annotate.ImportOutcome{ExternalID: r.ID, Duplicate: true})
			continue
		}
		m.hashes[h] = true
		m.recs = append(m.recs, r)
		outs = append(outs, annotate.ImportOutcome{ExternalID: r.ID, DocumentID: int64(len(m.recs))})
	}
	if opt.Schema != nil {
		m.schema = opt.Schema.Clone()
	}
	return outs, nil
}

func (m *memCorpus) ExportRecords(context.Context, annotate.ExportFilter, func(*annotate.Record) error) error {
	return nil
}
func (m *memCorpus) Stats(context.Context) (*annotate.Stats, error) { return &annotate.Stats{}, nil }

// newMemCorpus starts with the default schema.
func newMemCorpus(t *testing.T) *memCorpus {
	t.Helper()
	b, err := os.ReadFile("../../assets/schema.json")
	if err != nil {
		t.Fatal(err)
	}
	schema, err := annotate.ParseSchema(b)
	if err != nil {
		t.Fatal(err)
	}
	return &memCorpus{schema: schema, hashes: map[string]bool{}}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	writeFile(t, path, []byte(content))
}

func TestImportFolderWithOneBadFile(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 1000; i++ {
		write(t, filepath.Join(dir, fmt.Sprintf("sub%d", i%7), fmt.Sprintf("a%04d.txt", i)), fmt.Sprintf("Headline %d\n\nBody of article %d.\n", i, i))
	}
	write(t, filepath.Join(dir, "sub3", "broken.txt"), "Title\n\xff\xfe bad bytes")
	write(t, filepath.Join(dir, "photo.png"), "\x89PNG\r\n\x1a\n\x00\x00")
	write(t, filepath.Join(dir, ".hidden", "x.txt"), "ignored")
	write(t, filepath.Join(dir, "sub0", "a0000.ann"), "T1\tPERSON 0 8\tHeadline")
	write(t, filepath.Join(dir, "export.jsonl.manifest.json"), "{}")
	write(t, filepath.Join(dir, "annotation.conf"), "[entities]")
	store := newMemCorpus(t)
	im := &Importer{Store: store, Readers: []annotate.Reader{TextReader{}, JSONLReader{}}}
	sum, err := im.Import(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imported != 1000 || len(sum.Failed) != 1 || sum.OK() {
		t.Fatalf("summary: %s", sum)
	}
	msg := annotate.ErrorMessage(sum.Failed[0].Err)
	if !strings.Contains(msg, "broken.txt") || !strings.Contains(msg, "not valid UTF-8 at byte offset 6") || !strings.Contains(msg, "--encoding") {
		t.Fatalf("failure message %q", msg)
	}
	if sum.Skipped.Len() != 1 || !strings.HasSuffix(sum.Skipped.Items[0], "photo.png") {
		t.Fatalf("skipped = %v", sum.Skipped.Items)
	}
	if store.batches != 1 {
		t.Errorf("1000 small files took %d transactions, want 1 batch", store.batches)
	}
	if r := store.recs[0]; r.Meta.Title != "Headline 0" || r.ID != "sub0/a0000.txt" {
		t.Errorf("first record %q %q", r.ID, r.Meta.Title)
	}
}

func TestImportRefusals(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		"empty.txt":   "",
		"binary.txt":  "abc\x00def",
		"bad.jsonl":   "{\"text\": \"ok\"}\n{\"text\": \"x\", \"entities\": [{\"id\": \"T1\", \"start\": 0, \"end\": 5, \"label\": \"PERSON\"}]}\n",
		"blank.md":    "  \n\n",
		"notes.xyz":   "some text",
		"trunc.jsonl": "{\"text\": \"ok\"}\n{\"text\": ",
	}
	want := map[string]string{
		"empty.txt":   "empty.txt: the file is empty",
		"binary.txt":  "binary.txt: this is a binary file",
		"bad.jsonl":   "bad.jsonl:2: entity T1 [0, 5) is out of range",
		"blank.md":    "blank.md: the file has no text",
		"notes.xyz":   "notes.xyz: not a file type Byline imports",
		"trunc.jsonl": "trunc.jsonl:2: not a JSON object",
	}
	for name, content := range cases {
		write(t, filepath.Join(dir, name), content)
	}
	for name, msg := range want {
		t.Run(name, func(t *testing.T) {
			store := newMemCorpus(t)
			im := &Importer{Store: store, Readers: []annotate.Reader{TextReader{}, JSONLReader{}}}
			sum, err := im.Import(context.Background(), []string{filepath.Join(dir, name)})
			if err != nil {
				t.Fatal(err)
			}
			if len(sum.Failed) != 1 || !strings.Contains(annotate.ErrorMessage(sum.Failed[0].Err), msg) {
				t.Fatalf("summary %s; want failure %q", sum, msg)
			}
			if len(store.recs) != 0 {
				t.Fatalf("a failed file stored %d records", len(store.recs))
			}
		})
	}
}

func TestImportDuplicatesSizeLimitAndSchema(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), "Same text\r\n")
	write(t, filepath.Join(dir, "b.txt"), "\ufeffSame text\n")
	write(t, filepath.Join(dir, "big.txt"), strings.Repeat("x", 2048))
	write(t, filepath.Join(dir, "ann.jsonl"), `{"id": "d1", "text": "Jane Doe met the Mayor", "entities": [{"id": "T1", "start": 0, "end": 8, "label": "PERSON"}, {"id": "T2", "start": 17, "end": 22, "label": "OFFICIAL"}], "relations": [{"id": "R1", "type": "MET_WITH", "head": "T1", "tail": "T2"}]}`+"\n")
	store := newMemCorpus(t)
	im := &Importer{Store: store, Readers: []annotate.Reader{TextReader{}, JSONLReader{}}, MaxRecordSize: 1024}
	sum, err := im.Import(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imported != 2 || sum.Duplicates != 1 || len(sum.Failed) != 1 {
		t.Fatalf("summary: %s", sum)
	}
	if !strings.Contains(annotate.ErrorMessage(sum.Failed[0].Err), "file is 0.0 MB, over the 0.0009765625 MB import limit") {
		t.Fatalf("size message: %v", sum.Failed[0].Err)
	}
	if _, ok := store.schema.Label("OFFICIAL"); !ok {
		t.Fatal("label OFFICIAL was not saved to the schema")
	}
	found := false
	for _, w := range sum.Warnings.Items {
		if strings.Contains(w, "relation MET_WITH is not allowed from PERSON to OFFICIAL (kept)") {
			found = true
		}
	}
	if !found {
		t.Fatalf("warnings %q lack the kept relation", sum.Warnings.Items)
	}
	if sum.Detected["text"] != 2 || sum.Detected["byline-jsonl"] != 1 {
		t.Fatalf("detected %v", sum.Detected)
	}
}

func TestImportBatchFailureIsolatesFile(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 5; i++ {
		write(t, filepath.Join(dir, fmt.Sprintf("%d.txt", i)), fmt.Sprintf("Text %d", i))
	}
	store := newMemCorpus(t)
	store.failOn = "2.txt"
	im := &Importer{Store: store, Readers: []annotate.Reader{TextReader{}}}
	sum, _ := im.Import(context.Background(), []string{dir})
	if sum.Imported != 4 || len(sum.Failed) != 1 || !strings.Contains(annotate.ErrorMessage(sum.Failed[0].Err), "2.txt") {
		t.Fatalf("summary: %s", sum)
	}
}

func TestImportCanceled(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 3; i++ {
		write(t, filepath.Join(dir, fmt.Sprintf("%d.txt", i)), fmt.Sprintf("Text %d", i))
	}
	ctx, cancel := context.WithCancel(context.Background())
	store := newMemCorpus(t)
	im := &Importer{Store: store, Readers: []annotate.Reader{TextReader{}}, Progress: func(p ImportProgress) {
		if p.Files == 1 {
			cancel()
		}
	}}
	sum, _ := im.Import(ctx, []string{dir})
	if !sum.Canceled || len(store.recs) != 0 {
		t.Fatalf("canceled=%v stored=%d", sum.Canceled, len(store.recs))
	}
}

// A label is reported as added only for a file that was stored.
func TestImportWarnsOnlyForStoredFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(`{"id":"kept","text":"Jane Doe spoke.","entities":[{"id":"T1","start":0,"end":8,"label":"SPEAKER"}]}`+"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.jsonl"), []byte(`{"id":"refused","text":"Jim Roe spoke.","entities":[{"id":"T1","start":0,"end":7,"label":"BAD\nLABEL"}]}`+"\n"), 0o644)
	store := newMemCorpus(t)
	store.failOn = "refused"
	im := &Importer{Store: store, Readers: []annotate.Reader{JSONLReader{}}}
	sum, err := im.Import(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imported != 1 || len(sum.Failed) != 1 {
		t.Fatalf("summary: %s", sum)
	}
	if got := strings.Join(sum.Warnings.Items, "\n"); got != `label "SPEAKER" added to the schema` {
		t.Errorf("warnings %q", got)
	}
}

func TestJSONLReaderNamesLine(t *testing.T) {
	data := []byte("{\"text\": \"one\"}\n\n{\"text\": \"two\"}\n{\"text\": broken}\n")
	_, err := JSONLReader{}.Read("in.jsonl", data, annotate.ReadOptions{ExternalID: "in.jsonl"})
	if err == nil || !strings.Contains(annotate.AtLine(err, "in.jsonl", 0).Error(), "in.jsonl:4: not a JSON object") {
		t.Fatalf("err = %v", err)
	}
	recs, err := JSONLReader{}.Read("in.jsonl", []byte("{\"text\": \"a\\r\\nb\"}\r\n{\"text\": \"Jose\u0301\"}"), annotate.ReadOptions{ExternalID: "in.jsonl"})
	if err != nil || len(recs) != 2 || recs[0].Text != "a\nb" || recs[1].Text != "Jos\u00e9" || recs[1].ID != "in.jsonl#2" {
		t.Fatalf("recs = %+v, %v", recs, err)
	}
	if _, err := (JSONLReader{}).Read("x.jsonl", []byte("{\"text\": \"ok\"}\n{\"text\": \"\xff\"}"), annotate.ReadOptions{}); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("invalid UTF-8 err = %v", err)
	}
}

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	var out []byte
	if bom {
		s = "\uFEFF" + s
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// UTF-16 files, with or without a byte order mark, are decoded instead of
// being refused as binary; --encoding names the order of one that has
// neither a mark nor ASCII letters to tell it by.
func TestImportUTF16(t *testing.T) {
	dir := t.TempDir()
	text := "Лавров прибыл в Женеву\n\nThe minister told reporters that talks would continue.\n"
	page := "<html><head><meta charset=\"utf-16\"><title>Talks</title></head><body><article><h1>Talks in Geneva</h1><p>The minister told reporters on Monday that the talks would continue next week in Geneva, Switzerland.</p></article></body></html>"
	files := map[string][]byte{
		"le-bom.txt":   utf16Bytes(text, false, true),
		"be-bom.txt":   utf16Bytes(text, true, true),
		"le.txt":       utf16Bytes(text, false, false),
		"be.txt":       utf16Bytes(text, true, false),
		"page-le.html": utf16Bytes(page, false, true),
		"page-be.html": utf16Bytes(page, true, false),
	}
	for name, b := range files {
		writeFile(t, filepath.Join(dir, name), b)
	}
	store := newMemCorpus(t)
	im := &Importer{Store: store, Readers: Readers()}
	sum, err := im.Import(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if !sum.OK() || sum.Imported != 2 || sum.Duplicates != 4 {
		t.Fatalf("summary:\n%s", sum)
	}
	for _, r := range store.recs {
		if strings.HasSuffix(r.ID, ".txt") && r.Text != text {
			t.Errorf("%s: text %q", r.ID, r.Text)
		}
		if strings.HasSuffix(r.ID, ".html") && !strings.Contains(r.Text, "talks would continue next week") {
			t.Errorf("%s: text %q", r.ID, r.Text)
		}
	}

	// Cyrillic alone leaves no NUL bytes to tell the order by: --encoding does.
	cyr := "Министр заявил журналистам, что переговоры продолжатся.\n"
	writeFile(t, filepath.Join(dir, "only", "cyr.txt"), utf16Bytes(cyr, false, false))
	store = newMemCorpus(t)
	im = &Importer{Store: store, Readers: Readers(), Options: annotate.ReadOptions{Encoding: "utf-16le"}}
	sum, _ = im.Import(context.Background(), []string{filepath.Join(dir, "only")})
	if !sum.OK() || len(store.recs) != 1 || store.recs[0].Text != cyr {
		t.Fatalf("--encoding utf-16le:\n%s", sum)
	}
}

// A JSONL corpus larger than one batch is streamed in several transactions;
// a bad line stops the file there, names file and line, and says how many
// records before it were stored. A UTF-8 byte order mark is read.
func TestImportStreamsLargeJSONL(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("\uFEFF")
	n := batchMaxRecords*2 + 500
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "{\"id\": \"d%d\", \"text\": \"Jane Doe met article %d.\", \"entities\": [{\"id\": \"T1\", \"start\": 0, \"end\": 8, \"label\": \"PERSON\"}]}\n", i, i)
	}
	path := filepath.Join(dir, "corpus.jsonl")
	write(t, path, b.String())
	store := newMemCorpus(t)
	var last ImportProgress
	im := &Importer{Store: store, Readers: []annotate.Reader{TextReader{}, JSONLReader{}}, Progress: func(p ImportProgress) { last = p }}
	sum, err := im.Import(context.Background(), []string{path})
	if err != nil {
		t.Fatal(err)
	}
	if !sum.OK() || sum.Imported != n || store.batches != 3 {
		t.Fatalf("summary (batches %d):\n%s", store.batches, sum)
	}
	if last.Records != n || last.Bytes != int64(b.Len()) || last.BytesTotal != last.Bytes || last.Files != 1 {
		t.Errorf("last progress %+v, want %d records and %d bytes", last, n, b.Len())
	}

	bad := b.String() + "{\"text\": \"x\", \"entities\": [{\"id\": \"T1\", \"start\": 0, \"end\": 5, \"label\": \"PERSON\"}]}\n"
	write(t, path, bad)
	store = newMemCorpus(t)
	im = &Importer{Store: store, Readers: []annotate.Reader{JSONLReader{}}}
	sum, _ = im.Import(context.Background(), []string{path})
	msg := annotate.ErrorMessage(sum.Failed[0].Err)
	if len(sum.Failed) != 1 || !strings.Contains(msg, fmt.Sprintf("corpus.jsonl:%d: entity T1 [0, 5) is out of range", n+1)) ||
		!strings.Contains(msg, fmt.Sprintf("the %d record(s) before it were imported", batchMaxRecords*2)) {
		t.Fatalf("failure %q", msg)
	}
	if len(store.recs) != batchMaxRecords*2 {
		t.Errorf("stored %d records, want the %d of the batches sent before the bad line", len(store.recs), batchMaxRecords*2)
	}
}

// The limit is per record: a JSONL file far over it imports, a record over
// it is refused with its line, and a line too long to be a record is not
// read into memory.
func TestImportPerRecordLimit(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&b, "{\"text\": \"Article %d: %s\"}\n", i, strings.Repeat("word ", 40))
	}
	write(t, filepath.Join(dir, "ok.jsonl"), b.String())
	write(t, filepath.Join(dir, "big.jsonl"), "{\"text\": \"short\"}\n{\"text\": \""+strings.Repeat("x", 2000)+"\"}\n")
	write(t, filepath.Join(dir, "huge.jsonl"), "{\"text\": \""+strings.Repeat("y", 3<<20)+"\"}\n")
	store := newMemCorpus(t)
	im := &Importer{Store: store, Readers: []annotate.Reader{JSONLReader{}}, MaxRecordSize: 1024}
	im.Options.MaxRecordBytes = 0
	sum, _ := im.Import(context.Background(), []string{dir})
	if sum.Imported != 100 || len(sum.Failed) != 2 {
		t.Fatalf("summary:\n%s", sum)
	}
	got := annotate.ErrorMessage(sum.Failed[0].Err) + "\n" + annotate.ErrorMessage(sum.Failed[1].Err)
	for _, want := range []string{"big.jsonl:2: record big.jsonl#2 has", "over the 0.0009765625 MB limit for one record", "huge.jsonl:1: the line is over"} {
		if !strings.Contains(got, want) {
			t.Errorf("failures %q lack %q", got, want)
		}
	}
}

// An annotated record whose text is already stored is named with its file
// and line and the annotations that were left out.
func TestImportNamesAnnotatedDuplicates(t *testing.T) {
	dir := t.TempDir()
	line := `{"id": "a1", "text": "Jane Doe met the Mayor", "entities": [{"id": "T1", "start": 0, "end": 8, "label": "PERSON"}]}`
	write(t, filepath.Join(dir, "a.jsonl"), line+"\n")
	write(t, filepath.Join(dir, "b.jsonl"), "{\"text\": \"Other\"}\n"+strings.Replace(line, "a1", "b7", 1)+"\n")
	store := newMemCorpus(t)
	im := &Importer{Store: store, Readers: []annotate.Reader{JSONLReader{}}}
	sum, _ := im.Import(context.Background(), []string{dir})
	if sum.Duplicates != 1 || sum.DuplicatesAnnotated.Len() != 1 {
		t.Fatalf("summary:\n%s", sum)
	}
	want := "b7 (" + filepath.Join(dir, "b.jsonl") + ":2): its text is already stored; 1 annotation(s) not imported"
	if sum.DuplicatesAnnotated.Items[0] != want || !strings.Contains(sum.String(), want) {
		t.Errorf("duplicate note %q, want %q", sum.DuplicatesAnnotated.Items[0], want)
	}
}

// Folders import in the order of their relative paths with "/" separators,
// the same on every system: "a/b.txt" before "aB.txt", which a compare of
// Windows paths ("a\b.txt", '\' after 'B') would reverse.
func TestImportFolderOrder(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"aB.txt", "a-b.txt", "a/b.txt", "a.txt", "B.txt"} {
		write(t, filepath.Join(dir, filepath.FromSlash(name)), "Text of "+name+"\n")
	}
	store := newMemCorpus(t)
	im := &Importer{Store: store, Readers: []annotate.Reader{TextReader{}}}
	if _, err := im.Import(context.Background(), []string{dir}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range store.recs {
		got = append(got, r.ID)
	}
	if want := "B.txt a-b.txt a.txt a/b.txt aB.txt"; strings.Join(got, " ") != want {
		t.Errorf("order %v, want %s", got, want)
	}
}

// TestImportParallelReadKeepsOrder imports a folder of web pages, text,
// a JSONL file and one broken page with whole files read on one worker and
// on four: the stored records (encoded as the native export does), their
// order, the summary and the bytes reported are the same, and the broken
// page is named while the others are stored.
func TestImportParallelReadKeepsOrder(t *testing.T) {
	dir := t.TempDir()
	pages, err := filepath.Glob("testdata/real/*.html")
	if err != nil || len(pages) < 20 {
		t.Fatalf("pages: %v %d", err, len(pages))
	}
	for i, p := range pages {
		copyFile(t, p, filepath.Join(dir, fmt.Sprintf("site%d", i%3), filepath.Base(p)))
	}
	copyFile(t, "testdata/pages/saved.mhtml", filepath.Join(dir, "site1", "saved.mhtml"))
	write(t, filepath.Join(dir, "site1", "notes.txt"), "Notes\n\nThe minister arrived on Tuesday.\n")
	write(t, filepath.Join(dir, "site1", "feed.jsonl"), `{"text":"Line one of the feed."}`+"\n"+`{"text":"Line two of the feed."}`+"\n")
	write(t, filepath.Join(dir, "site2", "broken.html"), "<html><body>\x00\x01\x02\x03 not a page</body></html>")

	run := func(workers int) (string, string, []ImportProgress) {
		store := newMemCorpus(t)
		var progress []ImportProgress
		im := &Importer{Store: store, Readers: append(Readers(), JSONLReader{}), workers: workers,
			Progress: func(p ImportProgress) { progress = append(progress, p) }}
		sum, err := im.Import(context.Background(), []string{dir})
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		enc := annotate.NewEncoder(&out)
		for _, r := range store.recs {
			if err := enc.Encode(r); err != nil {
				t.Fatal(err)
			}
		}
		return out.String(), sum.String(), progress
	}
	wantRecs, wantSum, wantProgress := run(1)
	if !strings.Contains(wantSum, "broken.html") || !strings.Contains(wantSum, "1 file(s) failed") {
		t.Fatalf("the broken page should be named:\n%s", wantSum)
	}
	if n := strings.Count(wantRecs, "\n"); n != len(pages)+4 {
		t.Fatalf("stored %d records, want %d:\n%s", n, len(pages)+4, wantSum)
	}
	for range 3 {
		recs, sum, progress := run(4)
		if recs != wantRecs {
			t.Fatal("records read on 4 workers differ from those read on 1 (content or order)")
		}
		if sum != wantSum {
			t.Fatalf("summary on 4 workers:\n%s\nwant:\n%s", sum, wantSum)
		}
		last, want := progress[len(progress)-1], wantProgress[len(wantProgress)-1]
		if last != want || last.Bytes != last.BytesTotal || last.Files != last.FilesTotal {
			t.Fatalf("last progress %+v, want %+v with every byte and file counted", last, want)
		}
	}
}

// TestSummaryCapsLists: each list in the summary names at most maxListed
// items and counts the rest in one line; it keeps at most maxKept items,
// each once, however many are noted (past those, every note counts).
func TestSummaryCapsLists(t *testing.T) {
	var many, two Notes
	for i := 0; i < maxKept+5; i++ {
		many.Add(fmt.Sprintf("item-%d", i))
		if i < maxKept {
			many.Add(fmt.Sprintf("item-%d", i)) // noted twice, kept and counted once
		}
	}
	two.Add("item-0")
	two.Add("item-1")
	if len(many.Items) != maxKept || many.Len() != maxKept+5 {
		t.Fatalf("kept %d of %d noted, want %d of %d", len(many.Items), many.Len(), maxKept, maxKept+5)
	}
	s := (&ImportSummary{Skipped: many, DuplicatesAnnotated: two, Copies: many, Warnings: many}).String()
	rest := maxKept + 5 - maxListed
	for _, want := range []string{
		fmt.Sprintf("skipped (not a known format): item-%d\n", maxListed-1),
		fmt.Sprintf("skipped %d more file(s) that are not a known format\n", rest),
		"duplicate: item-1\n",
		fmt.Sprintf("stored %d more copies of documents with the same text\n", rest),
		fmt.Sprintf("warning: item-%d\n%d more warning(s)\n", maxListed-1, rest),
	} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, fmt.Sprintf("item-%d\n", maxListed)) {
		t.Errorf("summary names more than %d items of a list:\n%s", maxListed, s)
	}
}
