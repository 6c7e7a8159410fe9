package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"byline/annotate"
)

// TestMain lets the test binary act as the byline command for child
// processes the kill test starts.
func TestMain(m *testing.M) {
	if args := os.Getenv("BYLINE_TEST_CHILD_ARGS"); args != "" {
		os.Exit(run(strings.Split(args, "\x1f"), os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestKillDuringImport kills "byline import" at random moments while it
// imports a large folder: afterwards the database opens, passes its
// integrity check, and every document in it is a whole file, never a part.
func TestKillDuringImport(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "articles")
	want := map[string]string{}
	body := strings.Repeat("The ministry said the talks were “frank and useful”. ", 200)
	for i := 0; i < 3000; i++ {
		name := fmt.Sprintf("f%d/a%05d.txt", i%10, i)
		text := fmt.Sprintf("Article %d\n\n%s\nEnd of article %d.\n", i, body, i)
		want[name] = text
		p := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	db := filepath.Join(dir, "kill.db")
	// The kill must land mid-import at least once, or the test proves
	// nothing: the delay grows when a kill came before anything was stored
	// and shrinks (on a fresh database) when the import finished first.
	delay := 400 * time.Millisecond
	partial := 0
	for round := 0; round < 6 || partial == 0 && round < 16; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "BYLINE_TEST_CHILD_ARGS="+strings.Join([]string{"import", "--db", db, src}, "\x1f"))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-time.After(delay/2 + time.Duration(rng.Int63n(int64(delay)))):
			_ = cmd.Process.Kill()
			<-done
		case <-done:
		}
		switch n := checkWholeFiles(t, db, want); {
		case n == 0:
			delay = delay * 3 / 2
		case n == len(want):
			delay = delay / 2
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(db + suffix)
			}
		default:
			partial++
		}
	}
	if partial == 0 {
		t.Fatal("no kill landed in the middle of an import (0 < stored < total); the test proved nothing")
	}
	t.Logf("%d round(s) ended with a partial import", partial)
	// A last, uninterrupted run completes the corpus.
	if code, _, errs := byline(t, "import", "--db", db, src); code != 0 {
		t.Fatalf("final import: %s", errs)
	}
	if n := checkWholeFiles(t, db, want); n != len(want) {
		t.Fatalf("%d documents after the final import, want %d", n, len(want))
	}
}

func checkWholeFiles(t *testing.T, db string, want map[string]string) int {
	t.Helper()
	if _, err := os.Stat(db); err != nil {
		return 0 // killed before the database was created
	}
	store, err := openStore(db, false)
	if err != nil {
		t.Fatalf("database unusable after a kill: %v", err)
	}
	defer store.Close()
	raw, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var check string
	if err := raw.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check after a kill: %q, %v", check, err)
	}
	n := 0
	err = store.ExportRecords(context.Background(), annotate.ExportFilter{}, func(r *annotate.Record) error {
		n++
		if want[r.ID] != r.Text {
			return fmt.Errorf("document %s is not the whole file (%d of %d bytes)", r.ID, len(r.Text), len(want[r.ID]))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
