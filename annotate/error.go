package annotate

import (
	"errors"
	"fmt"
)

// Error codes. Each tells the GUI and the command line how to present an error.
const (
	EINVALID  = "invalid"  // input failed validation; the message says why
	ENOTFOUND = "notfound" // the referenced document or annotation does not exist
	ECONFLICT = "conflict" // the change clashes with stored data (duplicate, stale)
	EFORMAT   = "format"   // a file is not what it claims to be (not UTF-8, not Byline, bad JSON)
	EVERSION  = "version"  // the database was written by a newer Byline
	ELOCKED   = "locked"   // another process holds the database too long
	EDAMAGED  = "damaged"  // a database file is damaged; the message names the backup to restore
	EINTERNAL = "internal" // anything else; shown generically and logged
)

// Error is Byline's coded error. Message is written for a person; File and
// Line, when set, say where in an input file the problem is.
type Error struct {
	Code    string
	Message string
	File    string
	Line    int
}

// Error implements the error interface as "file:line: message".
func (e *Error) Error() string {
	switch {
	case e.File != "" && e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Message)
	case e.File != "":
		return fmt.Sprintf("%s: %s", e.File, e.Message)
	case e.Line > 0:
		return fmt.Sprintf("line %d: %s", e.Line, e.Message)
	}
	return e.Message
}

// Errorf returns a coded error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the person-readable message of err: the full text of a
// coded error, or a generic sentence for an internal one.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return "Internal error: " + err.Error()
}

// AtLine returns a copy of err located at file and line. Coded errors keep
// their code; others become EFORMAT errors.
func AtLine(err error, file string, line int) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		c := *e
		if c.File == "" {
			c.File = file
		}
		if c.Line == 0 {
			c.Line = line
		}
		return &c
	}
	return &Error{Code: EFORMAT, Message: err.Error(), File: file, Line: line}
}
