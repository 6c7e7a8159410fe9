package storage

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"byline/annotate"
)

// sqliteMagic starts every SQLite 3 database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// fileState is what inspect found at a path.
type fileState struct {
	missing bool // no file
	blank   bool // an empty file, or an empty SQLite database nobody claimed: made into a new one
	version int  // user_version of a Byline database
}

// inspect decides whether path may be opened, without changing it: the
// header is checked by hand before SQLite sees the file, and SQLite then
// opens it read-only (no journal-mode switch) for the rest.
func inspect(path string) (fileState, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fileState{missing: true}, nil
	}
	if err != nil {
		return fileState{}, annotate.Errorf(annotate.EINVALID, "cannot open %s: %v", path, pathErr(err))
	}
	if fi.IsDir() {
		return fileState{}, annotate.Errorf(annotate.EINVALID, "%s is a folder, not a Byline database", path)
	}
	if fi.Size() == 0 {
		return fileState{blank: true}, nil
	}
	notOurs := annotate.Errorf(annotate.EFORMAT, "%s is not a Byline database", path)
	head := make([]byte, 100)
	f, err := os.Open(path)
	if err != nil {
		return fileState{}, annotate.Errorf(annotate.EINVALID, "cannot open %s: %v", path, pathErr(err))
	}
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || !bytes.HasPrefix(head, sqliteMagic) {
		return fileState{}, notOurs
	}
	if id := binary.BigEndian.Uint32(head[68:72]); id != 0 && id != applicationID {
		return fileState{}, notOurs
	}

	ro, err := sql.Open("sqlite3", fileURI(path)+"?mode=ro")
	if err != nil {
		return fileState{}, notOurs
	}
	defer ro.Close()
	var appID, version, tables int
	err = ro.QueryRow(`SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_master)`).Scan(&appID, &version, &tables)
	if err != nil {
		return fileState{}, notOurs
	}
	switch {
	case appID == 0 && tables == 0 && version == 0:
		return fileState{blank: true}, nil
	case appID != applicationID:
		return fileState{}, notOurs
	}
	return fileState{version: version}, nil
}

func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// create builds a complete new database under a temporary name in the same
// folder and moves it into place, so a crash leaves no file or a whole one.
// replace allows replacing an empty file; otherwise a file that appeared
// meanwhile (another Byline creating it) wins and ours is dropped.
func create(path string, replace bool, schema *annotate.Schema, now time.Time) error {
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".new-"+hex.EncodeToString(rnd[:]))
	defer func() {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			os.Remove(tmp + suffix)
		}
	}()
	if err := build(tmp, schema, now); err != nil {
		return err
	}
	if err := syncFile(tmp); err != nil {
		return annotate.Errorf(annotate.EINVALID, "cannot create %s: %v", path, pathErr(err))
	}
	if replace {
		err := os.Rename(tmp, path)
		if err != nil {
			return annotate.Errorf(annotate.EINVALID, "cannot create %s: %v", path, pathErr(err))
		}
	} else if err := os.Link(tmp, path); err != nil && !errors.Is(err, fs.ErrExist) {
		// Hard links may be unsupported (some network and FAT drives).
		if _, serr := os.Stat(path); serr == nil {
			return nil
		}
		if err := os.Rename(tmp, path); err != nil {
			return annotate.Errorf(annotate.EINVALID, "cannot create %s: %v", path, pathErr(err))
		}
	}
	return syncDir(filepath.Dir(path))
}

func build(tmp string, schema *annotate.Schema, now time.Time) error {
	named := &DB{path: filepath.Dir(tmp)} // messages name the folder
	fail := func(err error) error { return named.fail("create the database", err) }
	conn, err := sql.Open("sqlite3", dsn(tmp, "_txlock=immediate"))
	if err != nil {
		return fail(err)
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	ctx := context.Background()
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
		return fail(err)
	}
	if err := migrate(ctx, conn, migrations); err != nil {
		return fail(err)
	}
	if schema == nil {
		schema = &annotate.Schema{Entities: []annotate.EntityLabel{}, Relations: []annotate.RelationType{}}
	}
	b, err := json.Marshal(schema)
	if err != nil {
		return fail(err)
	}
	ts := annotate.FormatTime(now.UTC())
	if _, err := conn.ExecContext(ctx, `INSERT INTO schema(id, json, updated) VALUES (1, ?, ?)`, string(b), ts); err != nil {
		return fail(err)
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO settings(key, value) VALUES ('created', ?)`, ts); err != nil {
		return fail(err)
	}
	// Fold the WAL into the file so the renamed file is complete on its own.
	if _, err := conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return fail(err)
	}
	return conn.Close()
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil // not every system lets a folder be opened; the rename stands
	}
	defer d.Close()
	_ = d.Sync()
	return nil
}

// backup copies the database file to path.bak-YYYYMMDDTHHMMSS before an
// upgrade and returns the copy's path. A WAL left by a crash is folded into
// the file first, so the copy is complete; the connection used for that sets
// no journal mode, so a file in rollback mode is copied exactly as it was.
func (db *DB) backup() (string, error) {
	conn, err := sql.Open("sqlite3", fileURI(db.path)+"?_busy_timeout="+itoa(int(busyTimeout/time.Millisecond)))
	if err != nil {
		return "", db.fail("back up the database", err)
	}
	defer conn.Close()
	var busy, logFrames, done int
	if err := conn.QueryRow("PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &done); err != nil {
		return "", db.fail("back up the database", err)
	}
	if busy != 0 {
		return "", annotate.Errorf(annotate.ELOCKED, "%s is in use by another program; close it and open the database again to upgrade it", db.path)
	}
	stamp := db.now().UTC().Format("20060102T150405")
	name := db.path + ".bak-" + stamp
	for i := 2; ; i++ {
		if _, err := os.Stat(name); errors.Is(err, fs.ErrNotExist) {
			break
		}
		name = db.path + ".bak-" + stamp + "-" + itoa(i)
	}
	if err := copyFile(db.path, name); err != nil {
		os.Remove(name)
		return "", annotate.Errorf(annotate.EINVALID, "cannot write the backup %s before upgrading: %v", name, pathErr(err))
	}
	return name, nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
