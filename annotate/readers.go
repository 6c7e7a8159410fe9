package annotate

import (
	"bytes"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// TextReader reads plain-text and Markdown files: one document each, its
// canonical text the whole file (CanonicalText), its title the first line
// when that looks like a headline, else the file name.
type TextReader struct {
	// Decode, when set, turns non-UTF-8 bytes into UTF-8 for a named
	// encoding (ReadOptions.Encoding). Provided by the ingest package.
	Decode func(data []byte, encoding string) ([]byte, error)
	// Debris, when set, flags (and with StripDebris removes) page-debris
	// lines. Provided by the ingest package.
	Debris func(text string, schema *Schema, strip bool) (string, []Range)
}

// Name implements Reader.
func (TextReader) Name() string { return "text" }

// Detect implements Reader: .txt, .text and .md files.
func (TextReader) Detect(path string, head []byte) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".text", ".md", ".markdown":
		return true
	}
	return false
}

// Read implements Reader.
func (t TextReader) Read(path string, data []byte, opt ReadOptions) ([]*Record, error) {
	if opt.Encoding != "" && t.Decode != nil {
		d, err := t.Decode(data, opt.Encoding)
		if err != nil {
			return nil, err
		}
		data = d
	}
	text, err := CanonicalText(data)
	if err != nil {
		msg := err.Error()
		if _, ok := err.(*InvalidUTF8Error); ok {
			msg += "; if the file is in a legacy encoding, import it with --encoding (e.g. --encoding windows-1251)"
		}
		return nil, &Error{Code: EFORMAT, Message: msg}
	}
	if strings.TrimSpace(text) == "" {
		return nil, &Error{Code: EFORMAT, Message: "the file has no text"}
	}
	rec := &Record{ID: opt.ExternalID, Text: text, Entities: []RecordEntity{}, Quotes: []RecordQuote{}, Relations: []RecordRelation{}}
	if t.Debris != nil {
		rec.Text, rec.Debris = t.Debris(rec.Text, opt.Schema, opt.StripDebris)
	}
	rec.Meta.Title = GuessTitle(rec.Text)
	if rec.Meta.Title == "" {
		base := filepath.Base(path)
		rec.Meta.Title = strings.TrimSuffix(base, filepath.Ext(base))
	}
	return []*Record{rec}, nil
}

// JSONLReader reads JSON Lines files of native Byline records or plain
// {"text": ...} lines.
type JSONLReader struct{}

// Name implements Reader.
func (JSONLReader) Name() string { return "byline-jsonl" }

// Detect implements Reader: .jsonl/.ndjson files whose first line is an
// object with a "text" key.
func (JSONLReader) Detect(path string, head []byte) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson":
	default:
		return false
	}
	first := bytes.TrimSpace(head)
	return len(first) == 0 || first[0] == '{'
}

// Read implements Reader. A record without an id gets "<file>#<line>".
func (JSONLReader) Read(path string, data []byte, opt ReadOptions) ([]*Record, error) {
	if err := CheckUTF8(data); err != nil {
		line := 1 + bytes.Count(data[:err.(*InvalidUTF8Error).Offset], []byte("\n"))
		return nil, &Error{Code: EFORMAT, Line: line, Message: err.Error()}
	}
	lr := NewLineReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	var out []*Record
	for {
		b, line, err := lr.Next()
		if err != nil {
			break
		}
		rec, err := DecodeRecord(b)
		if err != nil {
			return nil, AtLine(err, "", line)
		}
		rec.Line = line
		if rec.ID == "" {
			rec.ID = opt.ExternalID + "#" + strconv.Itoa(line)
		}
		if !rec.Annotated() && len(rec.Debris) == 0 {
			// A plain text line: the text is not yet annotated, so it can
			// still be made canonical.
			rec.Text = norm.NFC.String(NormalizeNewlines(strings.TrimPrefix(rec.Text, "\uFEFF")))
		}
		out = append(out, rec)
	}
	return out, nil
}
