package storage

import (
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"byline/annotate"
)

// byline makes a closed Byline database at path holding n documents.
func bylineDB(t *testing.T, path string, n int) {
	t.Helper()
	db, err := Open(path, Options{Create: true, DefaultSchema: defaultSchema(t)})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		addDoc(t, db, fmt.Sprintf("d%d", i), fmt.Sprintf("Document %d. %s", i, strings.Repeat(sampleText, 8)), annotate.Meta{})
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// patch overwrites bytes of the file at off.
func patch(t *testing.T, path string, off int64, b []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(b, off); err != nil {
		t.Fatal(err)
	}
}

func listDir(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return strings.Join(names, ",")
}

// Damaged files and odd versions are refused with what is actually wrong,
// by every kind of open, and nothing beside them changes: no -wal, -shm,
// backup or temporary file is left.
func TestOpen_DamagedFiles(t *testing.T) {
	const backup = "work.db.bak-20260101T000000"
	tests := []struct {
		name   string
		damage func(t *testing.T, path string)
		code   string
		msg    string
	}{
		{"NegativeVersion", func(t *testing.T, path string) {
			raw := rawDB(t, path)
			execSQL(t, raw, "PRAGMA user_version = -5")
			raw.Close()
		}, annotate.EDAMAGED, "its schema version is -5, which no Byline writes"},
		{"FlippedVersionByte", func(t *testing.T, path string) { patch(t, path, 60, []byte{0xff}) }, annotate.EDAMAGED, "which no Byline writes"},
		{"VersionZeroWithTables", func(t *testing.T, path string) {
			raw := rawDB(t, path)
			execSQL(t, raw, "PRAGMA user_version = 0")
			raw.Close()
		}, annotate.EDAMAGED, "its schema version is 0"},
		{"Truncated", func(t *testing.T, path string) {
			fi, _ := os.Stat(path)
			os.Truncate(path, fi.Size()/2)
		}, annotate.EDAMAGED, "it is truncated"},
		{"TruncatedMidPage", func(t *testing.T, path string) {
			fi, _ := os.Stat(path)
			os.Truncate(path, fi.Size()-100)
		}, annotate.EDAMAGED, "not a whole number of"},
		{"PageCountTooHigh", func(t *testing.T, path string) {
			var head [100]byte
			f, _ := os.Open(path)
			f.Read(head[:])
			f.Close()
			pages := binary.BigEndian.Uint32(head[28:32])
			patch(t, path, 28, binary.BigEndian.AppendUint32(nil, pages+7))
		}, annotate.EDAMAGED, "it is truncated"},
		{"PageCountTooLow", func(t *testing.T, path string) {
			patch(t, path, 28, binary.BigEndian.AppendUint32(nil, 2))
		}, annotate.EDAMAGED, "header's page count (2) does not match"},
	}
	for _, tt := range tests {
		for _, opt := range []Options{{Create: true, QuickCheck: true}, {ReadOnly: true}} {
			t.Run(fmt.Sprintf("%s/readonly=%v", tt.name, opt.ReadOnly), func(t *testing.T) {
				dir := t.TempDir()
				path := filepath.Join(dir, "work.db")
				bylineDB(t, path, 20)
				if err := os.WriteFile(filepath.Join(dir, backup), []byte("an earlier copy"), 0o644); err != nil {
					t.Fatal(err)
				}
				tt.damage(t, path)
				before, files := fileHash(t, path), listDir(t, dir)
				opt.DefaultSchema = defaultSchema(t)
				db, err := Open(path, opt)
				if err == nil {
					db.Close()
					t.Fatal("opened")
				}
				wantCode(t, err, tt.code)
				msg := annotate.ErrorMessage(err)
				if !strings.Contains(msg, tt.msg) || !strings.Contains(msg, path) || !strings.Contains(msg, filepath.Join(dir, backup)) {
					t.Errorf("message %q, want %q, the file and the backup named", msg, tt.msg)
				}
				if fileHash(t, path) != before {
					t.Error("the refused file changed")
				}
				if after := listDir(t, dir); after != files {
					t.Errorf("folder holds %s, had %s", after, files)
				}
			})
		}
	}
}

// Pages overwritten inside the file are found by the quick check an
// import or the window runs before writing.
func TestOpen_QuickCheckRefusesOverwrittenPages(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "work.db")
	bylineDB(t, path, 200)
	fi, _ := os.Stat(path)
	junk := []byte(strings.Repeat("\xde\xad\xbe\xef", 1024))
	for off := fi.Size() / 2 / 4096 * 4096; off < fi.Size()-4096; off += 4096 * 5 {
		patch(t, path, off, junk)
	}
	before := fileHash(t, path)
	// Without the check the damage goes unnoticed until something reads it.
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("the damage was found without the check: %v", err)
	}
	db.Close()
	_, err = Open(path, Options{Create: true, QuickCheck: true})
	wantCode(t, err, annotate.EDAMAGED)
	if msg := annotate.ErrorMessage(err); !strings.Contains(msg, "is damaged") || !strings.Contains(msg, "restore it from a backup") {
		t.Errorf("message %q", msg)
	}
	if fileHash(t, path) != before {
		t.Error("the damaged file was written to")
	}
}

// An export reads every document's text against the SHA-256 stored at
// import, and stops naming the document whose text no longer matches.
func TestExport_RefusesAlteredText(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "work.db")
	bylineDB(t, path, 3)
	raw := rawDB(t, path)
	execSQL(t, raw, "UPDATE documents SET text = replace(text, 'Lavrov', 'Lavrav') WHERE external_id = 'd1'")
	raw.Close()
	db, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n := 0
	err = db.ExportRecords(context.Background(), annotate.ExportFilter{}, func(*annotate.Record) error { n++; return nil })
	wantCode(t, err, annotate.EDAMAGED)
	if msg := annotate.ErrorMessage(err); !strings.Contains(msg, `document "d1"`) || !strings.Contains(msg, "SHA-256") {
		t.Errorf("message %q", msg)
	}
}

// stats and export open a database read-only: no writes, no upgrade, and
// a missing or empty file is refused, never created.
func TestOpen_ReadOnly(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "work.db")
	bylineDB(t, path, 2)
	before := fileHash(t, path)
	db, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := db.CountDocuments(context.Background(), annotate.DocumentFilter{}); err != nil || n != 2 {
		t.Fatalf("%d documents, %v", n, err)
	}
	if err := db.SetStatus(context.Background(), 1, annotate.StatusDone); err == nil {
		t.Error("a read-only database took a write")
	}
	db.Close()
	if fileHash(t, path) != before {
		t.Error("the file changed")
	}
	if _, err := Open(filepath.Join(dir, "none.db"), Options{ReadOnly: true, Create: true}); annotate.ErrorCode(err) != annotate.ENOTFOUND {
		t.Errorf("missing file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Error("a read-only open created a file")
	}
}

// A device node is never opened as a database.
func TestOpen_RefusesDevice(t *testing.T) {
	_, err := Open(os.DevNull, Options{Create: true})
	if annotate.ErrorCode(err) != annotate.EINVALID || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("%v", err)
	}
}
