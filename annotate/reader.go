package annotate

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
}
