package storage

import (
	"bufio"
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"byline/annotate"
)

// child starts this test binary as a writer process (see runChild).
func child(t *testing.T, role, path string, doc int64, base, count int) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+role, "BYLINE_DB="+path,
		"BYLINE_DOC="+strconv.FormatInt(doc, 10), "BYLINE_BASE="+strconv.Itoa(base), "BYLINE_COUNT="+strconv.Itoa(count))
	return cmd
}

// readIDs collects the ids a child printed (and closes the channel at the
// first one, or when the child ends); only complete lines count, since
// a line is printed after its commit returned.
func readIDs(t *testing.T, cmd *exec.Cmd) (func() []int64, <-chan struct{}, error) {
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	var mu sync.Mutex
	var ids []int64
	done := make(chan struct{})
	first := make(chan struct{})
	var firstOnce sync.Once
	go func() {
		defer close(done)
		defer firstOnce.Do(func() { close(first) })
		r := bufio.NewReader(out)
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return // a partial last line was never acknowledged
			}
			id, perr := strconv.ParseInt(strings.TrimSpace(line), 10, 64)
			if perr != nil {
				t.Errorf("child printed %q", line)
				return
			}
			mu.Lock()
			ids = append(ids, id)
			mu.Unlock()
			firstOnce.Do(func() { close(first) })
		}
	}()
	return func() []int64 {
		<-done
		mu.Lock()
		defer mu.Unlock()
		return ids
	}, first, nil
}

func integrityOK(t *testing.T, db *DB) {
	t.Helper()
	var check string
	if err := db.wdb.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q, %v", check, err)
	}
	var fk int
	if err := db.wdb.QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&fk); err != nil || fk != 0 {
		t.Fatalf("foreign_key_check: %d rows, %v", fk, err)
	}
}

// TestCrash kills a writing child with SIGKILL at random moments and checks
// that every entity it reported as saved is in the file and the file is
// sound.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	ctx := context.Background()
	db := mustOpen(t)
	path := db.Path()
	doc := addDoc(t, db, "long", strings.Repeat("word ", 4000), annotate.Meta{})
	db.Close()

	rounds := 24
	seed := time.Now().UnixNano()
	rng := rand.New(rand.NewPCG(uint64(seed), 1))
	t.Logf("seed %d", seed)
	var acked []int64
	for round := range rounds {
		cmd := child(t, "crash", path, doc, round*200, 0)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		ids, firstAck, err := readIDs(t, cmd)
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill only once the child is writing: a fixed delay from start can
		// land before the first commit on a loaded machine, proving nothing.
		<-firstAck
		time.Sleep(time.Duration(rng.IntN(150)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		got := ids()
		cmd.Wait()
		if s := stderr.String(); s != "" {
			t.Fatalf("round %d: child failed: %s", round, s)
		}
		acked = append(acked, got...)
	}
	if len(acked) < rounds {
		t.Fatalf("only %d writes acknowledged in %d rounds", len(acked), rounds)
	}

	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	integrityOK(t, db)
	a, err := db.FindAnnotations(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	have := map[int64]bool{}
	for _, e := range a.Entities {
		have[e.ID] = true
	}
	for _, id := range acked {
		if !have[id] {
			t.Fatalf("entity %d was acknowledged but is missing after the crash", id)
		}
	}
	state(t, db, doc) // the counter matches the rows
	t.Logf("%d rounds, %d acknowledged writes, %d entities stored", rounds, len(acked), len(a.Entities))
}

// TestTwoProcesses runs two writers on one file at once: every write of both
// lands and neither sees an error.
func TestTwoProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	ctx := context.Background()
	db := mustOpen(t)
	path := db.Path()
	doc := addDoc(t, db, "long", strings.Repeat("word ", 4000), annotate.Meta{})
	db.Close()

	const perChild = 150
	var cmds []*exec.Cmd
	var results []func() []int64
	var stderrs []*strings.Builder
	for i, role := range []string{"alice", "bob"} {
		cmd := child(t, role, path, doc, i*1000, perChild)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		ids, _, err := readIDs(t, cmd)
		if err != nil {
			t.Fatal(err)
		}
		cmds, results, stderrs = append(cmds, cmd), append(results, ids), append(stderrs, &stderr)
	}
	for _, c := range cmds {
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[int64]bool{}
	for i, c := range cmds {
		ids := results[i]()
		if err := c.Wait(); err != nil || stderrs[i].String() != "" {
			t.Fatalf("writer %d: %v: %s", i, err, stderrs[i])
		}
		if len(ids) != perChild {
			t.Fatalf("writer %d acknowledged %d writes, want %d", i, len(ids), perChild)
		}
		for _, id := range ids {
			seen[id] = true
		}
	}
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	integrityOK(t, db)
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Entities != 2*perChild || len(seen) != 2*perChild || st.ByAnnotator["alice"] != perChild || st.ByAnnotator["bob"] != perChild {
		t.Fatalf("stats %+v, %d distinct ids", st, len(seen))
	}
}
