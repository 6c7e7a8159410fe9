package storage

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"byline/annotate"
)

var makeV1 = flag.Bool("make-v1", false, "rebuild testdata/v1.db (a database made by migration 0001 only)")

func fileHash(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(b))
}

func copyTo(t *testing.T, src, dir string) string {
	t.Helper()
	dst := filepath.Join(dir, filepath.Base(src))
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return dst
}

// rawDB opens a file with no Byline settings, for preparing test files.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", fileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	return db
}

func execSQL(t *testing.T, db *sql.DB, queries ...string) {
	t.Helper()
	for _, q := range queries {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// TestWriteV1Fixture rebuilds testdata/v1.db when run with -make-v1: the
// schema of migration 0001 only, with three documents and annotations
// written as that version's Byline would have.
func TestWriteV1Fixture(t *testing.T) {
	if !*makeV1 {
		t.Skip("run with -make-v1 to rebuild testdata/v1.db")
	}
	path := filepath.Join("testdata", "v1.db")
	os.Remove(path)
	db := rawDB(t, path)
	defer db.Close()
	execSQL(t, db, fmt.Sprintf("PRAGMA application_id = %d", applicationID))
	if err := applyStep(context.Background(), db, migrations[0]); err != nil {
		t.Fatal(err)
	}
	schema, _ := json.Marshal(defaultSchema(t))
	ts := "2025-03-01T09:00:00Z"
	text := sampleText
	execSQL(t, db,
		`INSERT INTO schema VALUES (1, '`+string(schema)+`', '`+ts+`')`,
		`INSERT INTO settings VALUES ('created', '`+ts+`')`,
		`INSERT INTO documents(external_id, ordinal, title, list_title, url, meta, text, hash, status, imported_at)
		 VALUES ('talks.txt', 1, 'Talks', 'Talks', 'https://example.org/talks', '{"title":"Talks","url":"https://example.org/talks"}',
		 '`+strings.ReplaceAll(text, "'", "''")+`', '`+annotate.ContentHash(text)+`', 'in_progress', '`+ts+`')`,
		`INSERT INTO documents(external_id, ordinal, title, list_title, meta, text, hash, status, imported_at)
		 VALUES ('scholz.txt', 2, '', 'Олаф Шольц спорит', '{}', 'Олаф Шольц спорит 🙂', '`+annotate.ContentHash("Олаф Шольц спорит 🙂")+`', 'done', '`+ts+`')`,
		`INSERT INTO documents(external_id, ordinal, title, list_title, meta, text, hash, status, imported_at)
		 VALUES ('empty.txt', 3, '', 'Nothing here yet.', '{}', 'Nothing here yet.', '`+annotate.ContentHash("Nothing here yet.")+`', 'todo', '`+ts+`')`,
		`INSERT INTO entities VALUES (1, 1, 0, 13, 'PERSON', 'Sergei Lavrov', 'ana', '', '`+ts+`', '`+ts+`')`,
		`INSERT INTO entities VALUES (2, 1, 18, 32, 'PERSON', 'Antony Blinken', 'ana', '', '`+ts+`', '`+ts+`')`,
		`INSERT INTO entities VALUES (3, 1, 36, 42, 'GPE', 'Geneva', 'boris', 'city', '`+ts+`', '`+ts+`')`,
		`INSERT INTO entities VALUES (4, 2, 0, 10, 'PERSON', 'Олаф Шольц', 'ana', '', '`+ts+`', '`+ts+`')`,
		`INSERT INTO quotes VALUES (1, 1, 'direct', 1, 86, 90, 'told', 'ana', '', '`+ts+`', '`+ts+`')`,
		`INSERT INTO quote_segments VALUES (1, 54, 78, '"We talked for an hour,"')`,
		`INSERT INTO relations VALUES (1, 1, 'MET_WITH', 1, 2, 'ana', '', '`+ts+`', '`+ts+`')`,
		`INSERT INTO relations VALUES (2, 1, 'VISITED', 1, 3, 'ana', '', '`+ts+`', '`+ts+`')`,
		`PRAGMA journal_mode = DELETE`,
		`VACUUM`,
	)
}

func TestOpen_UpgradesV1(t *testing.T) {
	ctx := context.Background()
	path := copyTo(t, filepath.Join("testdata", "v1.db"), t.TempDir())
	original := fileHash(t, path)
	db, err := Open(path, Options{Annotator: "ana"})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	var version, appID int
	if err := db.rdb.QueryRow(`SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id)`).
		Scan(&version, &appID); err != nil || version != latestVersion() || appID != applicationID {
		t.Fatalf("version %d, application_id %x, %v", version, appID, err)
	}
	backups, _ := filepath.Glob(path + ".bak-*")
	if len(backups) != 1 {
		t.Fatalf("backups: %v", backups)
	}
	if fileHash(t, backups[0]) != original {
		t.Fatal("the backup is not a copy of the file before the upgrade")
	}

	// Data intact, and what 0002 added works on it.
	list, err := db.FindDocuments(ctx, annotate.DocumentFilter{})
	if err != nil || len(list) != 3 {
		t.Fatalf("documents %v, %v", list, err)
	}
	if list[0].Title != "Talks" || list[0].Annotations != 6 || list[1].Annotations != 1 || list[1].Status != annotate.StatusDone {
		t.Fatalf("summaries %+v", list)
	}
	a, err := db.FindAnnotations(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Entities) != 3 || len(a.Quotes) != 1 || a.Quotes[0].SpeakerID != 1 || a.Quotes[0].Content[0].Text != `"We talked for an hour,"` ||
		len(a.Relations) != 2 || a.Entities[2].Note != "city" {
		t.Fatalf("annotations %+v", a)
	}
	if found, _ := db.FindDocuments(ctx, annotate.DocumentFilter{Search: "шольц"}); len(found) != 1 || found[0].ID != 2 {
		t.Fatalf("search over upgraded documents: %+v", found)
	}
	if _, err := db.DeleteEntity(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Undo(ctx, 1); err != nil {
		t.Fatal(err)
	}
	state(t, db, 1)
	var check string
	if err := db.rdb.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %s %v", check, err)
	}

	// Opening again neither migrates nor backs up again.
	db = reopen(t, db)
	if backups, _ := filepath.Glob(path + ".bak-*"); len(backups) != 1 {
		t.Fatalf("second open made another backup: %v", backups)
	}
}

func TestMigrate_FailedStepRollsBack(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "partial.db")
	db := rawDB(t, path)
	defer db.Close()
	if err := migrate(ctx, db, migrations[:1]); err != nil {
		t.Fatal(err)
	}
	bad := migration{version: 2, name: "broken", sql: `CREATE TABLE extra(x); INSERT INTO missing VALUES (1);`}
	if err := migrate(ctx, db, []migration{bad}); err == nil {
		t.Fatal("a broken step succeeded")
	}
	var version, extra int
	db.QueryRow(`PRAGMA user_version`).Scan(&version)
	db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'extra'`).Scan(&extra)
	if version != 1 || extra != 0 {
		t.Fatalf("after a failed step: version %d, extra table %d", version, extra)
	}
	// Steps already applied are skipped.
	if err := migrate(ctx, db, migrations); err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, db, migrations); err != nil {
		t.Fatalf("repeat: %v", err)
	}
	db.QueryRow(`PRAGMA user_version`).Scan(&version)
	if version != latestVersion() {
		t.Fatalf("version %d", version)
	}
}

func TestMigrations_Numbered(t *testing.T) {
	if len(migrations) < 2 || migrations[0].name != "core" {
		t.Fatalf("migrations %v", migrations)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("a gap in the numbering was accepted")
		}
	}()
	mustLoadMigrations(fstest.MapFS{
		"migrations/0001_a.sql": {Data: []byte("SELECT 1;")},
		"migrations/0003_c.sql": {Data: []byte("SELECT 1;")},
	})
}
