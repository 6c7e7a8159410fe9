package ingest

import (
	"bytes"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"byline/annotate"
)

// Readers returns the readers this package provides, wired together, in
// detection order: the web page reader, the plain-text reader with legacy
// decoding and debris flagging, and native JSON Lines last (peer formats that
// also use .jsonl go before it).
func Readers() []annotate.Reader {
	return []annotate.Reader{
		HTMLReader{},
		TextReader{Decode: Decode, Debris: Debris},
	}
}

// TextReader reads plain-text and Markdown files: one document each, its
// canonical text the whole file (annotate.CanonicalText), its title the first
// line when that looks like a headline, else the file name.
type TextReader struct {
	// Decode, when set, turns non-UTF-8 bytes into UTF-8 for a named
	// encoding (ReadOptions.Encoding).
	Decode func(data []byte, encoding string) ([]byte, error)
	// Debris, when set, flags (and with StripDebris removes) page-debris
	// lines.
	Debris func(text string, schema *annotate.Schema, strip bool) (string, []annotate.Range)
}

// Name implements annotate.Reader.
func (TextReader) Name() string { return "text" }

// Detect implements annotate.Reader: .txt, .text and .md files.
func (TextReader) Detect(path string, head []byte) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".text", ".md", ".markdown":
		return true
	}
	return false
}

// Read implements annotate.Reader.
func (t TextReader) Read(path string, data []byte, opt annotate.ReadOptions) ([]*annotate.Record, error) {
	if opt.Encoding != "" && t.Decode != nil {
		d, err := t.Decode(data, opt.Encoding)
		if err != nil {
			return nil, err
		}
		data = d
	}
	text, err := annotate.CanonicalText(data)
	if err != nil {
		msg := err.Error()
		if _, ok := err.(*annotate.InvalidUTF8Error); ok {
			msg += "; if the file is in a legacy encoding, import it with --encoding (e.g. --encoding windows-1251)"
		}
		return nil, &annotate.Error{Code: annotate.EFORMAT, Message: msg}
	}
	if strings.TrimSpace(text) == "" {
		return nil, &annotate.Error{Code: annotate.EFORMAT, Message: "the file has no text"}
	}
	rec := &annotate.Record{ID: opt.ExternalID, Text: text, Entities: []annotate.RecordEntity{}, Quotes: []annotate.RecordQuote{}, Relations: []annotate.RecordRelation{}}
	if t.Debris != nil {
		rec.Text, rec.Debris = t.Debris(rec.Text, opt.Schema, opt.StripDebris)
	}
	rec.Meta.Title = annotate.GuessTitle(rec.Text)
	if rec.Meta.Title == "" {
		base := filepath.Base(path)
		rec.Meta.Title = strings.TrimSuffix(base, filepath.Ext(base))
	}
	return []*annotate.Record{rec}, nil
}

// JSONLReader reads JSON Lines files of native Byline records or plain
// {"text": ...} lines.
type JSONLReader struct{}

// Name implements annotate.Reader.
func (JSONLReader) Name() string { return "byline-jsonl" }

// Detect implements annotate.Reader: .jsonl/.ndjson files whose first line is
// an object (a UTF-8 byte order mark before it is allowed).
func (JSONLReader) Detect(path string, head []byte) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson":
	default:
		return false
	}
	first := bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\uFEFF")))
	return len(first) == 0 || first[0] == '{'
}

// Read implements annotate.Reader.
func (j JSONLReader) Read(path string, data []byte, opt annotate.ReadOptions) ([]*annotate.Record, error) {
	return annotate.ReadAll(j, path, data, opt)
}

// ReadStream implements annotate.StreamReader. A record without an id gets
// "<file>#<line>".
func (JSONLReader) ReadStream(path string, r io.Reader, opt annotate.ReadOptions, emit func(*annotate.Record) error) error {
	lr := annotate.NewLineReader(r)
	lr.Max = annotate.MaxLineBytes(opt.MaxRecordBytes)
	for {
		b, line, err := lr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return annotate.AtLine(err, "", line)
		}
		rec, err := annotate.DecodeRecord(b)
		if err != nil {
			return annotate.AtLine(err, "", line)
		}
		rec.Line = line
		if rec.ID == "" {
			rec.ID = opt.ExternalID + "#" + strconv.Itoa(line)
		}
		if !rec.Annotated() && len(rec.Debris) == 0 {
			// A plain text line: the text is not yet annotated, so it can
			// still be made canonical.
			rec.Text = norm.NFC.String(annotate.NormalizeNewlines(strings.TrimPrefix(rec.Text, "\uFEFF")))
		}
		if err := emit(rec); err != nil {
			return err
		}
	}
}
