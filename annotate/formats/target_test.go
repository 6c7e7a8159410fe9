package formats

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"

	"byline/annotate"
)

// snapshot records every file under dir (name, mode type and content hash),
// so a test can tell that a refused export changed nothing.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		line := rel + " " + d.Type().String()
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			line += fmt.Sprintf(" %x", sha256.Sum256(b))
		}
		lines = append(lines, line)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func exportTo(t *testing.T, opt Options) error {
	_, err := Export(context.Background(), &memSource{recs: runningExample(t), schema: testSchema()}, opt)
	return err
}

// An export never replaces the open database, its companions or backups,
// however the target is spelled, nor a device node, even with Force.
func TestExportRefusesDatabaseTargets(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	db := filepath.Join(dir, "work.db")
	for name, body := range map[string]string{
		"work.db": "SQLite format 3\x00 pages", "work.db-wal": "frames", "work.db-shm": "index",
		"work.db.bak-20260101T000000": "backup", "x.manifest.json": "another database",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	if err := os.Symlink(db, filepath.Join(dir, "link.db")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(db, filepath.Join(dir, "hard.db")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		out     string
		format  string
		protect string
		msg     string
	}{
		{"Database", db, "byline", db, "open database"},
		{"RelativeSpelling", "./work.db", "byline", db, "open database"},
		{"DotDot", "sub/../work.db", "prodigy", db, "open database"},
		{"ProtectRelative", db, "byline", "work.db", "open database"},
		{"Symlink", "link.db", "byline", db, "open database"},
		{"HardLink", "hard.db", "conll", db, "open database"},
		{"WAL", "work.db-wal", "byline", db, "open database"},
		{"SHM", "work.db-shm", "doccano", db, "open database"},
		{"JournalNotThereYet", "work.db-journal", "byline", db, "open database"},
		{"Backup", "work.db.bak-20260101T000000", "byline", db, "open database"},
		{"FutureBackup", "work.db.bak-20990101T000000", "byline", db, "open database"},
		{"ManifestIsTheDatabase", "x", "byline", "x.manifest.json", "open database"},
		{"FolderHoldsDatabase", dir, "brat", db, "holds the open database"},
		{"SplitFolderHoldsDatabase", ".", "byline", db, "holds the open database"},
		{"Device", os.DevNull, "byline", db, "not a regular file or folder"},
		{"DeviceFolderExport", os.DevNull, "brat", db, "not a regular file or folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := snapshot(t, dir)
			split := ""
			if tt.name == "SplitFolderHoldsDatabase" {
				split = "80/20"
			}
			err := exportTo(t, Options{Format: tt.format, Out: tt.out, Protect: []string{tt.protect}, Force: true, Split: split})
			if err == nil || !strings.Contains(annotate.ErrorMessage(err), tt.msg) {
				t.Fatalf("export to %s: %v, want a refusal saying %q", tt.out, err, tt.msg)
			}
			if annotate.ErrorCode(err) != annotate.EINVALID {
				t.Errorf("code %s", annotate.ErrorCode(err))
			}
			if after := snapshot(t, dir); after != before {
				t.Errorf("the folder changed:\n%s\nwas\n%s", after, before)
			}
			if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode()&fs.ModeDevice == 0 {
				t.Fatalf("%s is no longer a device: %v", os.DevNull, err)
			}
		})
	}
	// The same folder takes an export under another name.
	if err := exportTo(t, Options{Format: "byline", Out: "fine.jsonl", Protect: []string{db}}); err != nil {
		t.Fatal(err)
	}
}

// An existing file is replaced only when it is plainly an earlier Byline
// export, or with Force; a folder only when its manifest is Byline's.
func TestExportReplacesOnlyEarlierExports(t *testing.T) {
	const foreign = "the analyst's own notes\n"
	tests := []struct {
		name    string
		format  string
		prepare func(t *testing.T, out string)
		force   bool
		replace bool // else refused, nothing changed
	}{
		{"ForeignFile", "byline", func(t *testing.T, out string) { os.WriteFile(out, []byte(foreign), 0o644) }, false, false},
		{"ForeignFileForced", "byline", func(t *testing.T, out string) { os.WriteFile(out, []byte(foreign), 0o644) }, true, true},
		{"ForeignManifestBeside", "byline", func(t *testing.T, out string) {
			os.WriteFile(out+".manifest.json", []byte(`{"name":"my config"}`), 0o644)
		}, false, false},
		{"OtherToolsManifest", "prodigy", func(t *testing.T, out string) {
			os.WriteFile(out, []byte(foreign), 0o644)
			os.WriteFile(out+".manifest.json", []byte(`{"tool":"other","format":"x"}`), 0o644)
		}, false, false},
		{"EarlierExport", "byline", func(t *testing.T, out string) {
			if err := exportTo(t, Options{Format: "prodigy", Out: out}); err != nil {
				t.Fatal(err)
			}
		}, false, true},
		{"BratForeignFolder", "brat", func(t *testing.T, out string) {
			os.MkdirAll(out, 0o755)
			os.WriteFile(filepath.Join(out, "manifest.json"), []byte(`{"tool":"other","format":"brat"}`), 0o644)
		}, true, false},
		{"BratEarlierExport", "brat", func(t *testing.T, out string) {
			if err := exportTo(t, Options{Format: "brat", Out: out}); err != nil {
				t.Fatal(err)
			}
		}, false, true},
		{"BratEmptyFolder", "brat", func(t *testing.T, out string) { os.MkdirAll(out, 0o755) }, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out")
			tt.prepare(t, out)
			before := snapshot(t, dir)
			err := exportTo(t, Options{Format: tt.format, Out: out, Force: tt.force})
			if tt.replace {
				if err != nil {
					t.Fatal(err)
				}
				if !isBylineManifest(manifestPath(out, tt.format)) {
					t.Fatal("no Byline manifest after the export")
				}
				return
			}
			if err == nil {
				t.Fatal("replaced")
			}
			if after := snapshot(t, dir); after != before {
				t.Errorf("the folder changed:\n%s\nwas\n%s", after, before)
			}
			if tt.format != "brat" && !errors.Is(err, ErrNotAnExport) {
				t.Errorf("%v does not say the target is not an export", err)
			}
			if msg := annotate.ErrorMessage(err); !strings.Contains(msg, out) || (tt.format != "brat" && !strings.Contains(msg, "--force")) {
				t.Errorf("message %q", msg)
			}
		})
	}
}

func manifestPath(out, format string) string {
	if format == "brat" {
		return filepath.Join(out, "manifest.json")
	}
	return out + manifestSuffix
}

func TestExportManifestHasTheExportsMode(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.jsonl")
	if err := exportTo(t, Options{Format: "byline", Out: out}); err != nil {
		t.Fatal(err)
	}
	fe, _ := os.Stat(out)
	fm, _ := os.Stat(out + manifestSuffix)
	if fe.Mode() != fm.Mode() || fe.Mode().Perm()&0o044 == 0 {
		t.Errorf("export %v, manifest %v", fe.Mode(), fm.Mode())
	}
}

// Temporary files of an interrupted export to the same target are removed;
// others are left alone.
func TestExportRemovesLeftovers(t *testing.T) {
	for _, format := range []string{"byline", "brat"} {
		dir := t.TempDir()
		out := filepath.Join(dir, "out")
		for _, f := range []string{".out.tmp-123", ".out.manifest.json.tmp-456", ".other.tmp-1", ".out.tmp-abc", "notes.txt"} {
			os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o600)
		}
		os.MkdirAll(filepath.Join(dir, ".out.tmp-789.old-12", "train"), 0o755)
		if err := exportTo(t, Options{Format: format, Out: out}); err != nil {
			t.Fatal(err)
		}
		var names []string
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			names = append(names, e.Name())
		}
		want := ".other.tmp-1,.out.tmp-abc,notes.txt,out,out.manifest.json"
		if format == "brat" {
			want = ".other.tmp-1,.out.tmp-abc,notes.txt,out"
		}
		if got := strings.Join(names, ","); got != want {
			t.Errorf("%s: folder holds %s, want %s", format, got, want)
		}
	}
}

// When the earlier brat folder cannot be removed after the new export is in
// place, the export has succeeded: it says so and names the leftover.
func TestBratLeftoverIsAWarning(t *testing.T) {
	out := filepath.Join(t.TempDir(), "brat")
	if err := exportTo(t, Options{Format: "brat", Out: out}); err != nil {
		t.Fatal(err)
	}
	removeAll = func(string) error { return &fs.PathError{Op: "unlinkat", Path: "x", Err: syscall.EACCES} }
	defer func() { removeAll = os.RemoveAll }()
	m, err := Export(context.Background(), &memSource{recs: runningExample(t), schema: testSchema()}, Options{Format: "brat", Out: out})
	if err != nil {
		t.Fatalf("the export failed: %v", err)
	}
	if len(m.Warnings) != 1 || !strings.Contains(m.Warnings[0], ".old-") || !strings.Contains(m.Summary(out), "warning: the export is complete") {
		t.Errorf("warnings %q", m.Warnings)
	}
	if !isBylineManifest(filepath.Join(out, "manifest.json")) {
		t.Error("the new export is not in place")
	}
}

func TestExportWarnsAboutUnknownLabels(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.jsonl")
	m, err := Export(context.Background(), &memSource{recs: runningExample(t), schema: testSchema()},
		Options{Format: "byline", Out: out, Labels: []string{"PERSON", "NOPE\x1b[2K"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Warnings) != 1 || !strings.Contains(m.Warnings[0], `"NOPE\x1b[2K"`) || !strings.Contains(m.Warnings[0], "PERSON, ") {
		t.Errorf("warnings %q", m.Warnings)
	}
}

type fullDiskSource struct{ memSource }

func (f *fullDiskSource) ExportRecords(ctx context.Context, flt annotate.ExportFilter, fn func(*annotate.Record) error) error {
	return &fs.PathError{Op: "write", Path: "/tmp/.out.tmp-1", Err: syscall.ENOSPC}
}

func TestExportSaysTheDiskIsFull(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.jsonl")
	_, err := Export(context.Background(), &fullDiskSource{memSource{recs: runningExample(t), schema: testSchema()}}, Options{Format: "byline", Out: out})
	if msg := annotate.ErrorMessage(err); msg != "the disk is full; nothing was written to "+out {
		t.Errorf("message %q", msg)
	}
}
