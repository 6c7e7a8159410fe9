package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// byline runs a command line in-process and returns its exit status and output.
func byline(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCLINativeRoundTripIsLossless(t *testing.T) {
	dir := t.TempDir()
	db1, db2 := filepath.Join(dir, "one.db"), filepath.Join(dir, "two.db")
	out1, out2 := filepath.Join(dir, "one.jsonl"), filepath.Join(dir, "two.jsonl")
	if code, out, errs := byline(t, "import", "--db", db1, "testdata/annotated.jsonl"); code != 0 {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	if code, _, errs := byline(t, "export", "--db", db1, "--format", "byline", "--out", out1); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	if code, _, errs := byline(t, "import", "--db", db2, out1); code != 0 {
		t.Fatalf("re-import: %s", errs)
	}
	if code, _, errs := byline(t, "export", "--db", db2, "--format", "byline", "--out", out2); code != 0 {
		t.Fatalf("re-export: %s", errs)
	}
	a, _ := os.ReadFile(out1)
	b, _ := os.ReadFile(out2)
	if !bytes.Equal(a, b) || len(a) == 0 {
		t.Fatalf("export -> import -> export differs:\n%s\n---\n%s", a, b)
	}
	// A fully specified record (annotator and times given) comes out as it
	// went in; the store fills what a record leaves out.
	orig, _ := os.ReadFile("testdata/annotated.jsonl")
	first := func(b []byte) []byte { return b[:bytes.IndexByte(b, '\n')] }
	if !bytes.Equal(first(orig), first(a)) {
		t.Errorf("export differs from the imported record:\n%s\n---\n%s", first(a), first(orig))
	}
	if !bytes.Contains(a, []byte(`"annotator":"`)) {
		t.Error("the store did not record an annotator for annotations imported without one")
	}
}

func TestCLIBadInputChangesNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	if code, _, errs := byline(t, "import", "--db", db, "assets/samples"); code != 0 {
		t.Fatalf("import samples: %s", errs)
	}
	// The database's content, as its lossless export: the file's own bytes
	// are no measure in WAL mode.
	dump := func() []byte {
		out := filepath.Join(t.TempDir(), "dump.jsonl")
		if code, _, errs := byline(t, "export", "--db", db, "--format", "byline", "--out", out); code != 0 {
			t.Fatalf("export: %s", errs)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	before := dump()
	cases := map[string]struct{ content, want string }{
		"bad.jsonl":    {"{\"text\": \"fine\"}\n{\"text\": \"x\" oops}\n", "bad.jsonl:2: not a JSON object"},
		"latin1.txt":   {"Caf\xe9 society", "latin1.txt: not valid UTF-8 at byte offset 3"},
		"binary.md":    {"\x00\x01\x02", "binary.md: this is a binary file"},
		"empty.txt":    {"", "empty.txt: the file is empty"},
		"spans.jsonl":  {`{"text": "Jane", "entities": [{"id": "T1", "start": 0, "end": 4, "label": "PERSON", "text": "John"}]}`, `spans.jsonl:1: entity T1 [0, 4): text "John" does not match`},
		"nobody.jsonl": {`{"id": 3}`, `nobody.jsonl:1: no "text" field`},
	}
	for name, c := range cases {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(c.content), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, errs := byline(t, "import", "--db", db, p)
		if code != 1 || !strings.Contains(out, c.want) || !strings.Contains(errs, "1 file(s) failed") {
			t.Errorf("%s: exit %d\nstdout: %s\nstderr: %s\nwant %q", name, code, out, errs, c.want)
		}
	}
	if after := dump(); !bytes.Equal(before, after) {
		t.Fatalf("failed imports changed the database:\n%s\n---\n%s", before, after)
	}
}

func TestCLIRefusesForeignFiles(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "notes.db")
	content := []byte("these are my notes, not a database\n")
	if err := os.WriteFile(foreign, content, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"import", "--db", foreign, "assets/samples"},
		{"stats", "--db", foreign},
		{"export", "--db", foreign, "--format", "byline", "--out", filepath.Join(dir, "x.jsonl")},
	} {
		code, _, errs := byline(t, args...)
		if code != 1 || !strings.Contains(errs, "is not a Byline database") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
	after, _ := os.ReadFile(foreign)
	if !bytes.Equal(after, content) {
		t.Fatal("the foreign file was modified")
	}
	if code, _, errs := byline(t, "stats", "--db", filepath.Join(dir, "missing.db")); code != 1 || !strings.Contains(errs, "does not exist") {
		t.Errorf("missing db: %d %q", code, errs)
	}
	if code, _, _ := byline(t, "frobnicate"); code != 2 {
		t.Errorf("unknown command exit %d, want 2", code)
	}
	if code, _, _ := byline(t, "export", "--db", foreign); code != 2 {
		t.Errorf("export without --out exit %d, want 2", code)
	}
}

func TestCLIExportFormatsAndSplit(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	if code, _, errs := byline(t, "import", "--db", db, "testdata/annotated.jsonl", "assets/samples"); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	for _, f := range []string{"prodigy", "doccano", "labelstudio", "brat", "conll", "hf"} {
		out := filepath.Join(dir, f)
		code, stdout, errs := byline(t, "export", "--db", db, "--format", f, "--out", out, "--split", "50/25/25", "--seed", "3")
		if code != 0 || !strings.Contains(stdout, "xported 6 document(s)") {
			t.Errorf("%s: exit %d\n%s\n%s", f, code, stdout, errs)
		}
		if _, err := os.Stat(filepath.Join(out, "manifest.json")); err != nil {
			t.Errorf("%s: no manifest: %v", f, err)
		}
	}
	code, stdout, _ := byline(t, "export", "--db", db, "--format", "byline", "--status", "done", "--out", filepath.Join(dir, "done.jsonl"))
	if code != 0 || !strings.Contains(stdout, "xported 1 document(s)") {
		t.Errorf("status filter: %s", stdout)
	}
	if code, _, errs := byline(t, "export", "--db", db, "--status", "finished", "--out", filepath.Join(dir, "x")); code != 1 || !strings.Contains(errs, `unknown status "finished"`) {
		t.Errorf("bad status: %d %s", code, errs)
	}
}
