package annotate

import (
	"bytes"
	"io"
)

// Reader turns one input file into records. Readers for the peer tools'
// formats and for web pages live in their own packages and are handed to the
// ingest.Importer by main; annotate/ingest holds the plain-text and native
// JSONL readers.
type Reader interface {
	// Name names the format in summaries and for --format.
	Name() string
	// Detect reports whether the file at path, starting with head (up to
	// 64 KiB), is in this reader's format.
	Detect(path string, head []byte) bool
	// Read parses the whole file. Errors should be *Error values with Line
	// set where a line is to blame; the importer adds the file name.
	Read(path string, data []byte, opt ReadOptions) ([]*Record, error)
}

// ReadOptions steer readers.
type ReadOptions struct {
	// ExternalID is the id a single-document file gets: its path relative to
	// the folder being imported, or its base name.
	ExternalID string
	// Encoding names a legacy encoding (e.g. "windows-1251") to decode a
	// plain-text file with; "" means strict UTF-8.
	Encoding string
	// StripDebris removes flagged page-debris lines at import.
	StripDebris bool
	// Schema is the database's schema (for its debris patterns); read only.
	Schema *Schema
	// MaxRecordBytes, when positive, is the most bytes of text one record
	// may have; stream readers also refuse a line or array element longer
	// than MaxLineBytes of it without reading it whole.
	MaxRecordBytes int64
}

// StreamReader is a Reader that reads a file record by record from a stream,
// so a corpus of any size is imported in bounded memory. The importer uses it
// instead of Read when a reader has it.
type StreamReader interface {
	Reader
	// ReadStream reads the records of r in file order and hands each to
	// emit as soon as it is complete; an error from emit stops the reading
	// and is returned. opt.MaxRecordBytes bounds what one record may take.
	ReadStream(path string, r io.Reader, opt ReadOptions, emit func(*Record) error) error
}

// MaxLineBytes is the longest JSON line (or array element) a stream reader
// takes for records of at most maxRecord bytes of text: the annotations of a
// record may be several times its text.
func MaxLineBytes(maxRecord int64) int {
	if maxRecord <= 0 {
		return 0
	}
	return int(8*maxRecord + 1<<20)
}

// ReadAll reads a whole file's bytes through a stream reader: the Read of
// every StreamReader.
func ReadAll(rd StreamReader, path string, data []byte, opt ReadOptions) ([]*Record, error) {
	var out []*Record
	err := rd.ReadStream(path, bytes.NewReader(data), opt, func(r *Record) error {
		out = append(out, r)
		return nil
	})
	return out, err
}
