package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"byline/annotate"
)

func TestOpen_Refuses(t *testing.T) {
	tests := []struct {
		name string
		make func(t *testing.T, path string)
		code string
		msg  string
	}{
		{"NotSQLite", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("Sergei Lavrov met Antony Blinken in Geneva on Friday, and this file is long enough to look like something. "+
				strings.Repeat("x", 200)), 0o644)
		}, annotate.EFORMAT, "is not a Byline database"},
		{"PNG", func(t *testing.T, path string) {
			os.WriteFile(path, append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 300)...), 0o644)
		}, annotate.EFORMAT, "is not a Byline database"},
		{"TruncatedHeader", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("SQLite format 3\x00\x10\x00"), 0o644)
		}, annotate.EFORMAT, "is not a Byline database"},
		{"ForeignApplicationID", func(t *testing.T, path string) {
			db := rawDB(t, path)
			execSQL(t, db, "PRAGMA application_id = 305419896", "CREATE TABLE notes(x)", "INSERT INTO notes VALUES ('keep me')")
			db.Close()
		}, annotate.EFORMAT, "is not a Byline database"},
		{"OtherSQLiteWithTables", func(t *testing.T, path string) {
			db := rawDB(t, path)
			execSQL(t, db, "PRAGMA journal_mode = WAL", "CREATE TABLE documents(id INTEGER PRIMARY KEY, text TEXT)", "INSERT INTO documents(text) VALUES ('hi')")
			db.Close()
		}, annotate.EFORMAT, "is not a Byline database"},
		{"NewerVersion", func(t *testing.T, path string) {
			db, err := Open(path, Options{Create: true, DefaultSchema: defaultSchema(t)})
			if err != nil {
				t.Fatal(err)
			}
			db.Close()
			raw := rawDB(t, path)
			execSQL(t, raw, fmt.Sprintf("PRAGMA user_version = %d", latestVersion()+1))
			raw.Close()
		}, annotate.EVERSION, fmt.Sprintf("was written by a newer Byline (schema version %d; this Byline knows %d). Update Byline to open it.",
			latestVersion()+1, latestVersion())},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "project.db")
			tt.make(t, path)
			before := fileHash(t, path)
			entries, _ := os.ReadDir(dir)
			db, err := Open(path, Options{Create: true, DefaultSchema: defaultSchema(t)})
			if err == nil {
				db.Close()
				t.Fatal("opened")
			}
			wantCode(t, err, tt.code)
			if msg := annotate.ErrorMessage(err); !strings.Contains(msg, path) || !strings.Contains(msg, tt.msg) {
				t.Fatalf("message %q", msg)
			}
			if fileHash(t, path) != before {
				t.Fatal("the refused file was changed")
			}
			after, _ := os.ReadDir(dir)
			for _, e := range after {
				if strings.Contains(e.Name(), ".bak-") || strings.Contains(e.Name(), ".new-") ||
					strings.HasSuffix(e.Name(), "-wal") || strings.HasSuffix(e.Name(), "-shm") {
					t.Fatalf("left %s behind (before: %v)", e.Name(), entries)
				}
			}
		})
	}
}

func TestOpen_Creates(t *testing.T) {
	ctx := context.Background()
	t.Run("ErrMissingWithoutCreate", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "none.db")
		_, err := Open(path, Options{})
		wantCode(t, err, annotate.ENOTFOUND)
		if _, err := os.Stat(path); err == nil {
			t.Fatal("a file was created")
		}
	})
	t.Run("ErrNoFolder", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "gone", "p.db")
		_, err := Open(path, Options{Create: true})
		if msg := annotate.ErrorMessage(err); !strings.Contains(msg, filepath.Dir(path)+" cannot be written") {
			t.Fatalf("message %q", msg)
		}
	})
	t.Run("ErrFolder", func(t *testing.T) {
		_, err := Open(t.TempDir(), Options{Create: true})
		wantCode(t, err, annotate.EINVALID)
	})
	t.Run("OKOddPath", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "what? #1 100% ü.db")
		db, err := Open(path, Options{Create: true})
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		if _, err := os.Stat(path); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("OKPageSizeAndWAL", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "p.db")
		db, err := Open(path, Options{Create: true})
		if err != nil {
			t.Fatal(err)
		}
		var size, app int
		var mode string
		if err := db.wdb.QueryRow(`SELECT (SELECT page_size FROM pragma_page_size), (SELECT application_id FROM pragma_application_id),
			(SELECT journal_mode FROM pragma_journal_mode)`).Scan(&size, &app, &mode); err != nil {
			t.Fatal(err)
		}
		db.Close()
		if size != pageSize || app != applicationID || mode != "wal" {
			t.Fatalf("page size %d, application id %x, journal %s; want %d, %x, wal", size, app, mode, pageSize, applicationID)
		}
	})
	for _, blank := range []struct {
		name string
		make func(t *testing.T, path string)
	}{
		{"ZeroBytes", func(t *testing.T, path string) { os.WriteFile(path, nil, 0o644) }},
		{"EmptySQLite", func(t *testing.T, path string) {
			db := rawDB(t, path)
			execSQL(t, db, "PRAGMA user_version = 0", "VACUUM")
			db.Close()
		}},
	} {
		t.Run("OKBlank"+blank.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "blank.db")
			blank.make(t, path)
			before := fileHash(t, path)
			for _, opt := range []Options{{}, {ReadOnly: true}, {ReadOnly: true, Create: true}} {
				if _, err := Open(path, opt); annotate.ErrorCode(err) != annotate.EFORMAT || !strings.Contains(err.Error(), "is empty") {
					t.Fatalf("%+v: %v, want a refusal", opt, err)
				}
			}
			if fileHash(t, path) != before {
				t.Fatal("a command that does not create databases changed the empty file")
			}
			db, err := Open(path, Options{Create: true, DefaultSchema: defaultSchema(t)})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if s, _ := db.Schema(ctx); len(s.Entities) != 9 {
				t.Fatalf("schema %v", s)
			}
			if n, _ := filepath.Glob(filepath.Join(dir, ".*")); len(n) != 0 {
				t.Fatalf("temporary files left: %v", n)
			}
		})
	}
	t.Run("OKExistingKept", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "p.db")
		db, err := Open(path, Options{Create: true, DefaultSchema: defaultSchema(t)})
		if err != nil {
			t.Fatal(err)
		}
		addDoc(t, db, "a", sampleText, annotate.Meta{})
		db.Close()
		db, err = Open(path, Options{Create: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if n, _ := db.CountDocuments(ctx, annotate.DocumentFilter{}); n != 1 {
			t.Fatalf("%d documents after reopening", n)
		}
		var journal string
		var fk, sync, timeout int
		db.rdb.QueryRow(`PRAGMA journal_mode`).Scan(&journal)
		db.rdb.QueryRow(`PRAGMA foreign_keys`).Scan(&fk)
		db.wdb.QueryRow(`PRAGMA synchronous`).Scan(&sync)
		db.wdb.QueryRow(`PRAGMA busy_timeout`).Scan(&timeout)
		if journal != "wal" || fk != 1 || sync != 2 || timeout != 10000 {
			t.Fatalf("connection settings: journal %s, foreign_keys %d, synchronous %d, busy_timeout %d", journal, fk, sync, timeout)
		}
	})
}

func TestDB_ClosedIsAnError(t *testing.T) {
	db := mustOpen(t)
	db.Close()
	err := db.SetStatus(context.Background(), 1, annotate.StatusDone)
	if annotate.ErrorCode(err) == "" {
		t.Fatal("write on a closed database succeeded")
	}
}

// The refusal of a database that can only be read says so in the store's
// own words, naming no command of a caller, and is ErrNotWritable so that
// the caller can add which of its commands still work.
func TestNotWritable_SaysOpenedReadOnly(t *testing.T) {
	gone := filepath.Join(t.TempDir(), "gone") // a folder no probe can be created in
	err := notWritable(filepath.Join(gone, "work.db"))
	if !errors.Is(err, ErrNotWritable) {
		t.Errorf("%v is not ErrNotWritable", err)
	}
	wantCode(t, err, annotate.EINVALID)
	want := "cannot be opened for writing (the folder " + gone + " is read-only); it can still be opened read-only"
	if msg := annotate.ErrorMessage(err); !strings.HasSuffix(msg, want) || strings.Contains(msg, "`") {
		t.Errorf("message %q, want it to end in %q and name no command", msg, want)
	}
}
