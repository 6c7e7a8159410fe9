package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An annotated record whose text is already stored is skipped and named by
// default; with --duplicates new it is stored as its own document, with its
// own annotations, marked as a copy of the first.
func TestCLIImportDuplicates(t *testing.T) {
	const first = `{"id": "a1", "text": "Jane Doe met the Mayor", "entities": [{"id": "T1", "start": 0, "end": 8, "label": "PERSON"}]}`
	const again = `{"id": "b7", "text": "Jane Doe met the Mayor", "entities": [{"id": "T1", "start": 17, "end": 22, "label": "ROLE"}]}`
	tests := []struct {
		flags      []string
		code       int
		stdout     []string // in the import's summary
		exported   []string // in the export afterwards
		notExport  []string
		exportRows int
	}{
		{nil, 0, []string{"skipped 1 duplicate(s)", "duplicate: b7 (", "b.jsonl:1): its text is already stored; 1 annotation(s) not imported"},
			[]string{`"id":"a1"`, `"label":"PERSON"`}, []string{`"b7"`, `"ROLE"`, "copy_of"}, 1},
		{[]string{"--duplicates", "skip"}, 0, []string{"skipped 1 duplicate(s)", "b.jsonl:1): its text is already stored"},
			[]string{`"id":"a1"`}, []string{`"b7"`, "copy_of"}, 1},
		{[]string{"--duplicates", "new"}, 0, []string{"imported 1 document(s), skipped 0 duplicate(s)", "copy: b7 (", "b.jsonl:1): stored as a copy of a1"},
			[]string{`"id":"a1"`, `"id":"b7"`, `"copy_of":"a1"`, `"label":"PERSON"`, `"label":"ROLE"`}, nil, 2},
		{[]string{"--duplicates", "keep"}, 2, nil, []string{`"id":"a1"`}, []string{`"b7"`}, 1},
	}
	for _, tc := range tests {
		t.Run(strings.Join(append([]string{"default"}, tc.flags...), " "), func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "t.db")
			a, b, out := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl"), filepath.Join(dir, "out.jsonl")
			if err := os.WriteFile(a, []byte(first+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(b, []byte(again+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if code, _, errs := byline(t, "import", "--db", db, a); code != 0 {
				t.Fatalf("first import: %d %s", code, errs)
			}
			code, stdout, errs := byline(t, append(append([]string{"import", "--db", db}, tc.flags...), b)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.code, stdout, errs)
			}
			if tc.code == 2 && !strings.Contains(errs, `"keep" is not one of skip, new`) {
				t.Errorf("usage error does not name the bad value:\n%s", errs)
			}
			for _, w := range tc.stdout {
				if !strings.Contains(stdout, w) {
					t.Errorf("summary lacks %q:\n%s", w, stdout)
				}
			}
			if code, _, errs := byline(t, "export", "--db", db, "--format", "byline", "--out", out); code != 0 {
				t.Fatalf("export: %s", errs)
			}
			data, _ := os.ReadFile(out)
			lines := strings.Split(strings.TrimSpace(string(data)), "\n")
			if len(lines) != tc.exportRows {
				t.Fatalf("%d document(s) stored, want %d:\n%s", len(lines), tc.exportRows, data)
			}
			for _, w := range tc.exported {
				if !strings.Contains(string(data), w) {
					t.Errorf("export lacks %s:\n%s", w, data)
				}
			}
			for _, w := range tc.notExport {
				if strings.Contains(string(data), w) {
					t.Errorf("export has %s:\n%s", w, data)
				}
			}
			// Each document keeps its own annotations: the copy has ROLE only.
			if tc.exportRows == 2 && (strings.Contains(lines[0], "ROLE") || strings.Contains(lines[1], "PERSON")) {
				t.Errorf("annotations crossed between the documents:\n%s", data)
			}
		})
	}
}
