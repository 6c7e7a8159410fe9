// Package storage keeps a Byline project in one SQLite file: documents,
// annotations, the schema and the event log used for undo and the audit
// history. *DB implements annotate.Store.
//
// Every pooled connection is opened with WAL, foreign keys, a busy timeout
// and synchronous=FULL (see dsn), so a change the UI has confirmed survives a
// crash or a power cut, and two processes may write the same file.
package storage

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"byline/annotate"

	"github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

// applicationID marks a SQLite file as Byline's (PRAGMA application_id):
// the ASCII bytes "BYLN".
const applicationID = 0x42594C4E

// busyTimeout is how long a write waits for another process's transaction
// before giving up with ELOCKED.
const busyTimeout = 10 * time.Second

var _ annotate.Store = (*DB)(nil)

// writerDriver opens the connections that write. Their temporary data
// stays in memory: a statement that changes many rows inside a transaction
// (an import's multi-row INSERTs) journals every page it touches first,
// and in a temporary file that was more writes than the database's own.
// PRAGMA temp_store has no effect once a transaction is open, so it is set
// on each new connection.
const writerDriver = "sqlite3-byline-writer"

func init() {
	sql.Register(writerDriver, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_, err := c.Exec("PRAGMA temp_store = MEMORY", nil)
		return err
	}})
}

// Options steer Open.
type Options struct {
	Create        bool             // create the file when missing or empty (atomically); else either is refused
	ReadOnly      bool             // open only for reading: no create, no upgrade, works in a read-only folder
	QuickCheck    bool             // run SQLite's quick_check first and refuse a damaged file (EDAMAGED)
	DefaultSchema *annotate.Schema // schema stored in a newly created database
	Annotator     string           // initial annotator name ("" = OS user name)
	Now           func() time.Time // clock, for tests; nil = time.Now
}

// DB is an open Byline database.
type DB struct {
	path string
	now  func() time.Time

	// wdb runs every write: one connection, transactions begun IMMEDIATE so
	// the write lock is taken (and waited for) at BEGIN.
	wdb *sql.DB
	// rdb serves reads on several connections with deferred (snapshot)
	// transactions, so a long export never holds the write lock.
	rdb *sql.DB

	mu        sync.Mutex
	annotator string
	texts     textCache
}

// Open opens the Byline database at path, creating it when opt.Create is set
// and the file is missing (or empty), and upgrading it when it was written by
// an older Byline (after a backup copy beside it). A file that is not a
// Byline database, or comes from a newer Byline, is refused and left
// untouched.
func Open(path string, opt Options) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, annotate.Errorf(annotate.EINVALID, "%s is not a usable path", path)
	}
	db := &DB{path: abs, now: opt.Now, annotator: opt.Annotator}
	if db.now == nil {
		db.now = time.Now
	}
	if db.annotator == "" {
		db.annotator = osUserName()
	}
	st, err := inspect(abs)
	if err != nil {
		return nil, err
	}
	mayCreate := opt.Create && !opt.ReadOnly
	switch {
	case st.missing && !mayCreate:
		return nil, annotate.Errorf(annotate.ENOTFOUND, "%s does not exist", abs)
	case st.blank && !mayCreate:
		return nil, annotate.Errorf(annotate.EFORMAT,
			"%s is empty, not a Byline database (only import and the window's New database make one)", abs)
	case st.missing || st.blank:
		if err := create(abs, st.blank, opt.DefaultSchema, db.now()); err != nil {
			return nil, err
		}
	case st.version > latestVersion():
		return nil, annotate.Errorf(annotate.EVERSION,
			"%s was written by a newer Byline (schema version %d; this Byline knows %d). Update Byline to open it.",
			abs, st.version, latestVersion())
	}
	upgrade := !st.missing && !st.blank && st.version < latestVersion()
	if upgrade && opt.ReadOnly {
		return nil, annotate.Errorf(annotate.EVERSION,
			"%s was written by an older Byline (schema version %d); open it once in the window or import into it to upgrade it (a backup is kept)",
			abs, st.version)
	}
	if opt.ReadOnly {
		if err := db.openReadOnly(); err != nil {
			return nil, err
		}
	} else {
		if upgrade {
			if _, err := db.backup(); err != nil {
				return nil, err
			}
		}
		if err := db.openPools(); err != nil {
			return nil, err
		}
	}
	if opt.QuickCheck {
		if err := db.quickCheck(context.Background()); err != nil {
			db.Close()
			return nil, err
		}
	}
	if upgrade {
		if err := migrate(context.Background(), db.wdb, migrations[st.version:]); err != nil {
			db.Close()
			return nil, db.fail("upgrade the database", err)
		}
	}
	return db, nil
}

// openReadOnly opens both pools for reading only. In a folder Byline may
// write it opens as usual with writes refused; where SQLite cannot create
// its -shm (a read-only folder or file) it falls back to a read-only
// connection, and then, with no WAL beside the file, to an immutable one.
func (db *DB) openReadOnly() error {
	ms := itoa(int(busyTimeout / time.Millisecond))
	var last error
	for _, q := range []string{
		"_journal_mode=WAL&_foreign_keys=on&_query_only=1&_busy_timeout=" + ms,
		"mode=ro&_foreign_keys=on&_busy_timeout=" + ms,
		"immutable=1&_foreign_keys=on",
	} {
		if strings.HasPrefix(q, "immutable") && hasContent(db.path+"-wal") {
			break
		}
		p, err := sql.Open("sqlite3", fileURI(db.path)+"?"+q)
		if err == nil {
			err = p.QueryRow("SELECT count(*) FROM sqlite_master").Scan(new(int))
		}
		if err == nil {
			p.SetMaxOpenConns(4)
			db.rdb, db.wdb = p, p
			return nil
		}
		if p != nil {
			p.Close()
		}
		last = err
		var se sqlite3.Error
		if !errors.As(err, &se) || (se.Code != sqlite3.ErrReadonly && se.Code != sqlite3.ErrCantOpen && se.Code != sqlite3.ErrPerm) {
			break
		}
	}
	return openFailure(db.path, last)
}

// quickCheck runs SQLite's quick_check (page and b-tree structure, without
// the index cross-check of integrity_check) and refuses a damaged file.
func (db *DB) quickCheck(ctx context.Context) error {
	rows, err := db.rdb.QueryContext(ctx, "PRAGMA quick_check(3)")
	if err != nil {
		return openFailure(db.path, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return openFailure(db.path, err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return openFailure(db.path, err)
	}
	if len(problems) > 0 {
		return damaged(db.path, "it failed SQLite's integrity check ("+strings.Join(problems, "; ")+")")
	}
	return nil
}

func (db *DB) openPools() error {
	var err error
	db.wdb, err = sql.Open(writerDriver, dsn(db.path, "_txlock=immediate"))
	if err != nil {
		return db.fail("open database", err)
	}
	db.wdb.SetMaxOpenConns(1)
	db.wdb.SetConnMaxIdleTime(0)
	db.rdb, err = sql.Open("sqlite3", dsn(db.path, "_txlock=deferred&_query_only=1"))
	if err != nil {
		db.wdb.Close()
		return db.fail("open database", err)
	}
	db.rdb.SetMaxOpenConns(4)
	// Open one connection now so that a file we cannot write fails here.
	if err := db.wdb.Ping(); err != nil {
		db.Close()
		return openFailure(db.path, err)
	}
	return nil
}

// dsn is the connection string every pooled connection is opened with, so
// the settings hold on each of them (a one-off PRAGMA would reach only one).
func dsn(path, extra string) string {
	q := "_journal_mode=WAL&_foreign_keys=on&_synchronous=FULL&_busy_timeout=" +
		itoa(int(busyTimeout/time.Millisecond))
	if extra != "" {
		q += "&" + extra
	}
	return fileURI(path) + "?" + q
}

// fileURI turns a path into a SQLite file: URI, escaping '?', '#' and '%'.
func fileURI(path string) string { return sqliteURI(path, runtime.GOOS == "windows") }

// sqliteURI builds the URI for path as the named system spells paths.
// SQLite accepts no authority but an empty one, so a Windows UNC path
// (\\server\share\x.db) keeps its two leading slashes after "file://" and
// an extended-length prefix (\\?\C:\..., \\?\UNC\server\...) is dropped:
// SQLite's Windows layer adds what it needs itself.
func sqliteURI(path string, windows bool) string {
	if windows {
		path = strings.ReplaceAll(path, `\`, "/")
		for _, prefix := range []string{"//?/", "//./"} {
			if rest, ok := strings.CutPrefix(path, prefix); ok {
				if unc, ok := strings.CutPrefix(rest, "UNC/"); ok {
					rest = "//" + unc
				}
				path = rest
				break
			}
		}
	}
	p := (&url.URL{Path: path}).EscapedPath()
	switch {
	case strings.HasPrefix(p, "//"):
		return "file://" + p // an empty authority, then //server/share/...
	case windows && !strings.HasPrefix(p, "/") && len(p) > 1 && p[1] == ':':
		p = "/" + p // file:/C:/Users/...
	}
	return "file:" + p
}

// Close closes the database. The last connection to close checkpoints the
// WAL into the main file.
func (db *DB) Close() error {
	var first error
	for i, p := range []*sql.DB{db.rdb, db.wdb} {
		if p == nil || i == 1 && p == db.rdb {
			continue // a read-only DB has one pool
		}
		if err := p.Close(); err != nil && first == nil {
			first = db.fail("close database", err)
		}
	}
	return first
}

// Path returns the database file's absolute path.
func (db *DB) Path() string { return db.path }

// Annotator returns the name recorded on every change of this session.
func (db *DB) Annotator() string {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.annotator
}

// SetAnnotator changes the session's annotator name (EINVALID when empty).
func (db *DB) SetAnnotator(name string) error {
	name, err := annotate.CleanAnnotator(name)
	if err != nil {
		return err
	}
	db.mu.Lock()
	db.annotator = name
	db.mu.Unlock()
	return nil
}

func (db *DB) annotatorOr(name string) string {
	if name != "" {
		return name
	}
	return db.Annotator()
}

func osUserName() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		name := u.Username
		if i := strings.LastIndexAny(name, `\`); i >= 0 {
			name = name[i+1:] // DOMAIN\user on Windows
		}
		return name
	}
	for _, k := range []string{"USER", "USERNAME", "LOGNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return "analyst"
}

// Tx is a write transaction with the fixed time of the change.
type Tx struct {
	*sql.Tx
	db  *DB
	now time.Time
}

// nowText is the transaction's time as stored.
func (tx *Tx) nowText() string { return annotate.FormatTime(tx.now) }

// begin starts a write transaction (BEGIN IMMEDIATE: the write lock is
// taken here, where the busy timeout applies).
func (db *DB) begin(ctx context.Context) (*Tx, error) {
	tx, err := db.wdb.BeginTx(ctx, nil)
	if err != nil {
		return nil, db.fail("begin transaction", err)
	}
	return &Tx{Tx: tx, db: db, now: db.now().UTC()}, nil
}

// read starts a read transaction: one consistent snapshot, no lock held
// against writers.
func (db *DB) read(ctx context.Context) (*sql.Tx, error) {
	tx, err := db.rdb.BeginTx(ctx, nil)
	if err != nil {
		return nil, db.fail("begin read", err)
	}
	return tx, nil
}

// commit commits tx and maps its error.
func (tx *Tx) commit(op string) error {
	if err := tx.Commit(); err != nil {
		return tx.db.fail(op, err)
	}
	return nil
}
