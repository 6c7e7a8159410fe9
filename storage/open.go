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

	"github.com/mattn/go-sqlite3"
)

// sqliteMagic starts every SQLite 3 database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// fileState is what inspect found at a path.
type fileState struct {
	missing bool // no file
	blank   bool // an empty file, or an empty SQLite database nobody claimed
	version int  // user_version of a Byline database
}

// inspect decides whether path may be opened, without changing it: the
// header is checked by hand before SQLite sees the file, and SQLite then
// reads it without creating -wal or -shm files where none are (see
// probeURI), so a refused file is left exactly as it was.
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
	if !fi.Mode().IsRegular() {
		return fileState{}, annotate.Errorf(annotate.EINVALID, "%s is not a regular file (a device, pipe or socket), not a Byline database", path)
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
	id := binary.BigEndian.Uint32(head[68:72])
	if id != 0 && id != applicationID {
		return fileState{}, notOurs
	}
	ours := id == applicationID
	if ours {
		if err := checkWAL(path); err != nil {
			return fileState{}, err
		}
		if err := checkHeader(path, head, fi.Size()); err != nil {
			return fileState{}, err
		}
	}

	ro, err := sql.Open("sqlite3", probeURI(path))
	if err != nil {
		return fileState{}, notOurs
	}
	defer ro.Close()
	var appID, version, tables int
	err = ro.QueryRow(`SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_master)`).Scan(&appID, &version, &tables)
	switch {
	case err != nil && ours:
		return fileState{}, openFailure(path, err)
	case err != nil:
		return fileState{}, notOurs
	case appID == 0 && tables == 0 && version == 0:
		return fileState{blank: true}, nil
	case appID != applicationID:
		return fileState{}, notOurs
	case version < 0 || version == 0 && tables > 0:
		// A negative version is a flipped header byte; 0 with tables is a
		// database whose migrations never ran: no Byline writes either.
		return fileState{}, damaged(path, fmt.Sprintf("its schema version is %d, which no Byline writes", version))
	}
	return fileState{version: version}, nil
}

// probeURI opens path read-only. Without a WAL beside the file it opens it
// as immutable, so SQLite creates no -wal or -shm (a read-only connection
// would, and could not remove them); with one, the WAL is read as usual.
func probeURI(path string) string {
	if hasContent(path + "-wal") {
		return fileURI(path) + "?mode=ro"
	}
	return fileURI(path) + "?immutable=1"
}

func hasContent(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Size() > 0
}

// checkHeader finds the damage SQLite would report only as "not a
// database" or "malformed": a file cut short, or a header whose page count
// does not match the file. The count is judged only when no WAL or rollback
// journal holds pages the main file does not have yet.
func checkHeader(path string, head []byte, size int64) error {
	pageSize := int64(binary.BigEndian.Uint16(head[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return damaged(path, fmt.Sprintf("its header gives an impossible page size (%d)", pageSize))
	}
	if hasContent(path+"-wal") || hasContent(path+"-journal") {
		return nil
	}
	if size%pageSize != 0 {
		return damaged(path, fmt.Sprintf("it is truncated (%d bytes, not a whole number of %d-byte pages)", size, pageSize))
	}
	pages := int64(binary.BigEndian.Uint32(head[28:32]))
	// The count is valid only when the change counter matches the
	// version-valid-for number (SQLite file format, section 1.3.7).
	if pages == 0 || !bytes.Equal(head[24:28], head[92:96]) {
		return nil
	}
	switch {
	case pages*pageSize > size:
		return damaged(path, fmt.Sprintf("it is truncated (%d bytes of the %d its header promises)", size, pages*pageSize))
	case pages*pageSize < size:
		return damaged(path, fmt.Sprintf("its header's page count (%d) does not match the file (%d pages)", pages, size/pageSize))
	}
	return nil
}

// checkWAL refuses a database whose -wal file is missing or shorter than
// the frames its -shm index records: it was deleted (or cut) while a
// program had the database open, and SQLite would read the file without
// those changes or fail with an I/O error.
func checkWAL(path string) error {
	frames := lostFrames(path)
	if frames > 0 {
		// A program closing the database deletes the -wal a moment before
		// the -shm: look again before calling it lost.
		time.Sleep(200 * time.Millisecond)
		frames = lostFrames(path)
	}
	if frames == 0 {
		return nil
	}
	return annotate.Errorf(annotate.EDAMAGED,
		"%s cannot be opened: its -wal file, which holds the latest %d saved changes, is missing or cut short (it was deleted while a program had the database open). "+
			"Close every program using the database: one that still has it open writes those changes into the file as it closes. "+
			"If none has, the changes are lost: %s, or delete %s-shm to open the file without them",
		path, frames, restoreAdvice(path), filepath.Base(path))
}

// lostFrames is the number of WAL frames the -shm index records beyond the
// end of the -wal file (0 when none are missing).
func lostFrames(path string) int64 {
	shm, err := os.ReadFile(path + "-shm")
	if err != nil || len(shm) < 48 || shm[12] == 0 {
		return 0 // no index, or one never initialised: nothing recorded
	}
	// The WAL-index header is in the machine's byte order (SQLite WAL
	// format, section 4.6): szPage (1 means 65536) at 14, mxFrame at 16.
	pageSize := int64(binary.NativeEndian.Uint16(shm[14:16]))
	if pageSize == 1 {
		pageSize = 65536
	}
	frames := int64(binary.NativeEndian.Uint32(shm[16:20]))
	if frames == 0 {
		return 0
	}
	var size int64
	if fi, err := os.Stat(path + "-wal"); err == nil {
		size = fi.Size()
	}
	if size >= 32+frames*(24+pageSize) {
		return 0
	}
	return frames
}

// damaged is the refusal of a Byline database that cannot be trusted: what
// is wrong, and the newest backup to restore.
func damaged(path, what string) error {
	return annotate.Errorf(annotate.EDAMAGED, "%s is damaged: %s. It was not changed; %s", path, what, restoreAdvice(path))
}

func restoreAdvice(path string) string {
	if b := annotate.NewestBackup(path); b != "" {
		return "restore the backup " + b + " (copy it over the damaged file) or open it instead"
	}
	return "restore it from a backup"
}

// openFailure says what is wrong with a Byline database SQLite could not
// open or read.
func openFailure(path string, err error) error {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return (&DB{path: path}).fail("open database", err)
	}
	switch se.Code {
	case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
		return damaged(path, "SQLite cannot read it ("+se.Error()+")")
	case sqlite3.ErrIoErr:
		return annotate.Errorf(annotate.EINVALID, "%s cannot be read: the disk reported an input/output error (%v)", path, se)
	case sqlite3.ErrReadonly, sqlite3.ErrCantOpen, sqlite3.ErrPerm, sqlite3.ErrAuth:
		return notWritable(path)
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		return annotate.Errorf(annotate.ELOCKED, "%s is busy; another program holds it. Try again in a moment.", path)
	}
	return (&DB{path: path}).fail("open database", err)
}

// ErrNotWritable is in the chain of the error Open returns for a database
// it could open only with Options.ReadOnly, so that a caller can say which
// of its uses still work.
var ErrNotWritable = errors.New("the database cannot be opened for writing")

// notWritableError is the coded refusal of a file that can only be read;
// it is also ErrNotWritable.
type notWritableError struct{ coded *annotate.Error }

func (e notWritableError) Error() string        { return e.coded.Error() }
func (e notWritableError) Unwrap() error        { return e.coded }
func (e notWritableError) Is(target error) bool { return target == ErrNotWritable }

// notWritable explains why a database cannot be opened for writing.
func notWritable(path string) error {
	refuse := func(why string) error {
		return notWritableError{annotate.Errorf(annotate.EINVALID,
			"%s cannot be opened for writing (%s); it can still be opened read-only", path, why)}
	}
	dir := filepath.Dir(path)
	if f, err := os.CreateTemp(dir, ".byline-probe-*"); err != nil {
		return refuse("the folder " + dir + " is read-only")
	} else {
		f.Close()
		os.Remove(f.Name())
	}
	if f, err := os.OpenFile(path, os.O_RDWR, 0); err != nil {
		return refuse("the file is read-only")
	} else {
		f.Close()
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if f, err := os.OpenFile(path+suffix, os.O_RDWR, 0); err == nil {
			f.Close()
		} else if !errors.Is(err, fs.ErrNotExist) {
			return refuse(fmt.Sprintf("%s%s cannot be written: %v", filepath.Base(path), suffix, pathErr(err)))
		}
	}
	return refuse("check the file's permissions")
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

// pageSize is the page size of new databases. A news article's text with
// its row fits one 8 KiB page, where with 4 KiB pages it spilled into most
// of a second one: an annotated import writes half the pages
// (BenchmarkImportAnnotatedCorpus).
const pageSize = 8192

// writeHeader starts the file at path with Byline's application id and
// page size. The page size is fixed by the first write and cannot change
// once the file is in WAL mode, which every other connection sets first.
func writeHeader(path string) error {
	conn, err := sql.Open("sqlite3", fileURI(path))
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.Exec(fmt.Sprintf("PRAGMA page_size = %d; PRAGMA application_id = %d", pageSize, applicationID))
	return err
}

func build(tmp string, schema *annotate.Schema, now time.Time) error {
	named := &DB{path: filepath.Dir(tmp)} // messages name the folder
	fail := func(err error) error { return named.fail("create the database", err) }
	if err := writeHeader(tmp); err != nil {
		return fail(err)
	}
	conn, err := sql.Open("sqlite3", dsn(tmp, "_txlock=immediate"))
	if err != nil {
		return fail(err)
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	ctx := context.Background()
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
