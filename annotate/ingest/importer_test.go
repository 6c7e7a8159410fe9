package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
	if len(sum.Skipped) != 1 || !strings.HasSuffix(sum.Skipped[0], "photo.png") {
		t.Fatalf("skipped = %v", sum.Skipped)
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
	im := &Importer{Store: store, Readers: []annotate.Reader{TextReader{}, JSONLReader{}}, MaxFileSize: 1024}
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
	for _, w := range sum.Warnings {
		if strings.Contains(w, "relation MET_WITH is not allowed from PERSON to OFFICIAL (kept)") {
			found = true
		}
	}
	if !found {
		t.Fatalf("warnings %q lack the kept relation", sum.Warnings)
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
	im := &Importer{Store: store, Readers: []annotate.Reader{TextReader{}}, Progress: func(done, total int) {
		if done == 1 {
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
	if got := strings.Join(sum.Warnings, "\n"); got != `label "SPEAKER" added to the schema` {
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
