package storage

import (
	"context"
	"errors"
	"strconv"

	"byline/annotate"

	"github.com/mattn/go-sqlite3"
)

// dbError is a database failure. To annotate.ErrorCode and
// annotate.ErrorMessage it is an *annotate.Error with a message for people;
// Error and Unwrap keep the driver's text for the log.
type dbError struct {
	code string
	msg  string
	op   string
	err  error
}

func (e *dbError) Error() string {
	if e.code == annotate.EINTERNAL {
		return e.msg + " (" + e.op + ": " + e.err.Error() + ")"
	}
	return e.msg
}

func (e *dbError) Unwrap() error { return e.err }

// As lets errors.As find the person-readable *annotate.Error.
func (e *dbError) As(target any) bool {
	if t, ok := target.(**annotate.Error); ok {
		*t = &annotate.Error{Code: e.code, Message: e.msg}
		return true
	}
	return false
}

// fail turns a driver error into one a person can read. Coded errors and
// cancellations pass through unchanged; op names the failed step
// ("save entity").
func (db *DB) fail(op string, err error) error {
	if err == nil {
		return nil
	}
	var coded *annotate.Error
	if errors.As(err, &coded) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	e := &dbError{code: annotate.EINTERNAL, op: op, err: err,
		msg: "Could not " + op + ": the database reported an internal error."}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			e.code = annotate.ELOCKED
			e.msg = "Could not " + op + ": " + db.path + " is busy; another program has been writing to it for more than " +
				strconv.Itoa(int(busyTimeout.Seconds())) + " seconds. Try again in a moment."
		case sqlite3.ErrFull:
			e.msg = "Could not " + op + ": the disk is full."
		case sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrCantOpen, sqlite3.ErrAuth:
			e.msg = "Could not " + op + ": " + db.path + " cannot be written (check the file's permissions)."
		case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
			e.code = annotate.EFORMAT
			e.msg = db.path + " is damaged and cannot be read (" + op + "). Restore it from a backup."
		case sqlite3.ErrIoErr:
			e.msg = "Could not " + op + ": the disk reported an input/output error."
		}
	}
	return e
}

func itoa(n int) string { return strconv.Itoa(n) }
