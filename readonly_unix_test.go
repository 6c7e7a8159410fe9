//go:build unix

package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// sharedTempDir is a temporary folder other users may enter (t.TempDir's
// are private to the user running the test).
func sharedTempDir(t *testing.T, mode os.FileMode) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "byline-shared-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				os.Chmod(p, 0o755)
			}
			return nil
		})
		os.RemoveAll(dir)
	})
	if err := os.Chmod(dir, mode); err != nil {
		t.Fatal(err)
	}
	return dir
}

// bylineAsOther runs a command line in a child process that cannot write
// the read-only folder: as user nobody when the test runs as root (root
// writes anywhere), else as the same user.
func bylineAsOther(t *testing.T, bin, home string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, "-test.run=^$")
	cmd.Env = append(os.Environ(), "XDG_DATA_HOME="+home, "BYLINE_TEST_CHILD_ARGS="+strings.Join(args, "\x1f"))
	if os.Getuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), string(out)
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, string(out)
}

// A database in a read-only folder: stats, export, actors, quotes and
// compare work, import says what is wrong, and nothing (no -wal, no -shm)
// appears beside the file.
func TestCLIReadOnlyFolder(t *testing.T) {
	shared := sharedTempDir(t, 0o755)
	bin := filepath.Join(shared, "byline.test")
	copyExecutable(t, os.Args[0], bin)
	writable := filepath.Join(shared, "out")
	os.Mkdir(writable, 0o777)
	os.Chmod(writable, 0o777)
	ro := filepath.Join(shared, "ro")
	os.Mkdir(ro, 0o755)
	db := filepath.Join(ro, "work.db")
	if code, _, errs := byline(t, "import", "--db", db, "assets/samples", "testdata/actors.jsonl"); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	if err := os.Chmod(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, db)
	code, out := bylineAsOther(t, bin, writable, "stats", "--db", db)
	if code != 0 || !strings.Contains(out, "total") {
		t.Errorf("stats in a read-only folder: exit %d\n%s", code, out)
	}
	code, out = bylineAsOther(t, bin, writable, "export", "--db", db, "--out", filepath.Join(writable, "x.jsonl"))
	if code != 0 || !strings.Contains(out, "Exported 6 document(s)") {
		t.Errorf("export from a read-only folder: exit %d\n%s", code, out)
	}
	code, out = bylineAsOther(t, bin, writable, "actors", "--db", db)
	if code != 0 || !strings.Contains(out, "Sergei Lavrov") {
		t.Errorf("actors in a read-only folder: exit %d\n%s", code, out)
	}
	code, out = bylineAsOther(t, bin, writable, "quotes", "--db", db)
	if code != 0 || !strings.Contains(out, `Sergei Lavrov,1,"""No talks,"""`) {
		t.Errorf("quotes in a read-only folder: exit %d\n%s", code, out)
	}
	code, out = bylineAsOther(t, bin, writable, "compare", "--db", db, "--gold", filepath.Join(writable, "x.jsonl"))
	if code != 0 || !strings.Contains(out, "Documents compared: 6") {
		t.Errorf("compare in a read-only folder: exit %d\n%s", code, out)
	}
	code, out = bylineAsOther(t, bin, writable, "import", "--db", db, filepath.Join(writable, "x.jsonl"))
	if code != 1 || !strings.Contains(out, "cannot be opened for writing (the folder "+ro+" is read-only); it can still be opened read-only, as `stats`, `export`, `actors`, `quotes` and `compare` do") {
		t.Errorf("import into a read-only folder: exit %d\n%s", code, out)
	}
	if entries, _ := os.ReadDir(ro); len(entries) != 1 {
		t.Errorf("the folder holds %d files after the read-only commands", len(entries))
	}
	if fileSum(t, db) != before {
		t.Error("the database changed")
	}
}

func copyExecutable(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
