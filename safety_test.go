package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
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
	targets := []string{db, "work.db", "./work.db", "work.db-wal", "work.db-shm", "work.db.bak-20260101T000000"}
	// Windows lets only administrators make symlinks.
	if err := os.Symlink(db, filepath.Join(dir, "link.db")); err == nil {
		targets = append(targets, "link.db")
	} else if runtime.GOOS != "windows" {
		t.Fatal(err)
	}
	before := fileSum(t, db)
	for _, out := range targets {
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
	if testing.Short() || runtime.GOOS == "windows" {
		t.Skip("slow; and Windows has no SIGTERM to send")
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

// An internal error names the log file that holds its details, and the
// log is rotated when it grows past maxLogSize.
func TestCLIInternalErrorNamesTheLog(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_DATA_HOME", home)
	db := newDB(t)
	raw, err := sql.Open("sqlite3", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("DROP TABLE relations"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	logFile := filepath.Join(home, "byline", "byline.log")
	os.MkdirAll(filepath.Dir(logFile), 0o755)
	old := strings.Repeat("an old entry\n", maxLogSize/13+10)
	os.WriteFile(logFile, []byte(old), 0o644)
	code, _, errs := byline(t, "stats", "--db", db)
	if code != 1 || !strings.Contains(errs, "internal error") || !strings.Contains(errs, "Details are in "+logFile+".") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	b, err := os.ReadFile(logFile)
	if err != nil || !strings.Contains(string(b), "no such table: relations") || len(b) > 1000 {
		t.Errorf("log %q, %v", b, err)
	}
	if rotated, _ := os.ReadFile(logFile + ".1"); string(rotated) != old {
		t.Error("the full log was not rotated to byline.log.1")
	}
}

// Commands that do not create databases refuse a missing or empty file,
// and no command panics on an impossible schema version.
func TestCLIRefusesEmptyAndOddFiles(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o644)
	negative := newDB(t)
	raw, err := sql.Open("sqlite3", "file:"+negative)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("PRAGMA user_version = -3"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	before := fileSum(t, negative)
	out := filepath.Join(dir, "x.jsonl")
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"stats", "--db", empty}, "is empty, not a Byline database"},
		{[]string{"export", "--db", empty, "--out", out}, "is empty, not a Byline database"},
		{[]string{"stats", "--db", filepath.Join(dir, "none.db")}, "does not exist"},
		{[]string{"export", "--db", filepath.Join(dir, "none.db"), "--out", out}, "does not exist"},
		{[]string{"stats", "--db", negative}, "its schema version is -3, which no Byline writes"},
		{[]string{"export", "--db", negative, "--out", out}, "its schema version is -3, which no Byline writes"},
		{[]string{"import", "--db", negative, "assets/samples"}, "its schema version is -3, which no Byline writes"},
	} {
		code, _, errs := byline(t, tt.args...)
		if code != 1 || !strings.Contains(errs, tt.msg) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tt.args, code, errs, tt.msg)
		}
	}
	if fi, _ := os.Stat(empty); fi.Size() != 0 {
		t.Error("the empty file became a database")
	}
	if fileSum(t, negative) != before {
		t.Error("the refused database changed")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the folder, want only the empty one", len(entries))
	}
}
