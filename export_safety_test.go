package main

import (
	"context"
	"crypto/sha256"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"byline/annotate"
	"byline/annotate/annotatetest"
)

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// newDB makes a database holding the sample articles.
func newDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "work.db")
	if code, _, errs := byline(t, "import", "--db", db, "assets/samples"); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	return db
}

// "export --out" never replaces the database, however it is spelled.
func TestCLIExportRefusesTheDatabase(t *testing.T) {
	db := newDB(t)
	dir := filepath.Dir(db)
	t.Chdir(dir)
	if err := os.Symlink(db, filepath.Join(dir, "link.db")); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, db)
	for _, out := range []string{db, "work.db", "./work.db", "link.db", "work.db-wal", "work.db-shm", "work.db.bak-20260101T000000"} {
		for _, force := range []bool{false, true} {
			args := []string{"export", "--db", "work.db", "--format", "byline", "--out", out}
			if force {
				args = append(args, "--force")
			}
			code, _, errs := byline(t, args...)
			if code != 1 || !strings.Contains(errs, "open database") {
				t.Errorf("%v: exit %d, stderr %q", args, code, errs)
			}
		}
	}
	if fileSum(t, db) != before {
		t.Fatal("the database file changed")
	}
	if code, stdout, errs := byline(t, "stats", "--db", db); code != 0 || !strings.Contains(stdout, "total") {
		t.Fatalf("stats after the refusals: %s %s", stdout, errs)
	}
}

func TestCLIExportReplacesForeignFilesOnlyWithForce(t *testing.T) {
	db := newDB(t)
	out := filepath.Join(t.TempDir(), "thesis.jsonl")
	os.WriteFile(out, []byte("chapter one\n"), 0o644)
	code, _, errs := byline(t, "export", "--db", db, "--out", out)
	if code != 1 || !strings.Contains(errs, "not an earlier Byline export") || !strings.Contains(errs, "--force") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if b, _ := os.ReadFile(out); string(b) != "chapter one\n" {
		t.Fatal("the file was replaced without --force")
	}
	if code, _, errs := byline(t, "export", "--db", db, "--out", out, "--force"); code != 0 {
		t.Fatalf("--force: %s", errs)
	}
	// Now it is an earlier export: replaced without --force.
	if code, _, errs := byline(t, "export", "--db", db, "--out", out, "--format", "prodigy"); code != 0 {
		t.Fatalf("over an earlier export: %s", errs)
	}
}

// SIGTERM (as Ctrl+C) stops an export and leaves no temporary file.
func TestCLIExportTerminatedLeavesNoTemporaryFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "big.db")
	store, err := openStore(db, true)
	if err != nil {
		t.Fatal(err)
	}
	var recs []*annotate.Record
	for i := 0; i < 3000; i++ {
		recs = append(recs, annotatetest.NewsRecord(i))
	}
	if _, err := store.ImportRecords(context.Background(), recs, annotate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	store.Close()
	outDir := filepath.Join(dir, "out")
	os.Mkdir(outDir, 0o755)
	out := filepath.Join(outDir, "big.jsonl")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "BYLINE_TEST_CHILD_ARGS="+strings.Join([]string{"export", "--db", db, "--format", "prodigy", "--out", out}, "\x1f"))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	seen := false
	deadline := time.Now().Add(time.Minute)
	for !seen && time.Now().Before(deadline) {
		if m, _ := filepath.Glob(filepath.Join(outDir, ".big.jsonl.tmp-*")); len(m) > 0 {
			seen = true
			break
		}
		select {
		case err := <-done:
			t.Fatalf("the export ended (%v) before a temporary file was seen", err)
		case <-time.After(time.Millisecond):
		}
	}
	if !seen {
		t.Fatal("no temporary file appeared")
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	<-done
	if entries, _ := os.ReadDir(outDir); len(entries) != 0 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("left behind after SIGTERM: %v", names)
	}
}
