package annotate

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// LineReader reads JSON Lines, splitting on "\n" only (so U+2028 inside a
// string never splits a record), counting lines. A leading UTF-8 byte order
// mark is skipped.
type LineReader struct {
	r    *bufio.Reader
	line int
	buf  []byte
	// Max, when positive, is the longest line returned: a longer one is
	// skipped without being held in memory and reported as an error.
	Max int
}

// NewLineReader returns a LineReader on r.
func NewLineReader(r io.Reader) *LineReader {
	br := bufio.NewReaderSize(r, 1<<16)
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		_, _ = br.Discard(3)
	}
	return &LineReader{r: br}
}

// Next returns the next non-blank line (without its line break) and its
// 1-based line number; io.EOF at the end. The line is valid until the next
// call.
func (l *LineReader) Next() ([]byte, int, error) {
	for {
		b, tooLong, err := l.readLine()
		if len(b) == 0 && !tooLong && err != nil {
			return nil, l.line, err
		}
		l.line++
		if tooLong {
			return nil, l.line, &Error{Code: EFORMAT, Line: l.line,
				Message: fmt.Sprintf("the line is over %.0f MB, more than a record may take (raise the limit with --max-size)", float64(l.Max)/(1<<20))}
		}
		b = bytes.TrimRight(b, "\r\n")
		if len(bytes.TrimSpace(b)) == 0 {
			if err != nil {
				return nil, l.line, err
			}
			continue
		}
		return b, l.line, nil
	}
}

// readLine reads up to and including the next "\n", reusing one buffer;
// past Max bytes it reads on to the line's end and drops what it read.
func (l *LineReader) readLine() (line []byte, tooLong bool, err error) {
	l.buf = l.buf[:0]
	for {
		chunk, err := l.r.ReadSlice('\n')
		if !tooLong {
			if l.Max > 0 && len(l.buf)+len(chunk) > l.Max+2 {
				tooLong = true
				l.buf = l.buf[:0]
			} else {
				l.buf = append(l.buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return l.buf, tooLong, err
	}
}

// DecodeRecord reads one JSONL line: a native Byline record or a plain
// {"text": ..., "id": ..., "meta": {...}} line. Top-level "title", "url",
// "source", "author" and "published" and any other unknown keys become
// metadata, kept verbatim. The error says what is wrong, for a person.
//
// The line is read once, each value decoded straight into its field: first
// splitting it into raw fields and then decoding each one read every byte
// of a record's annotations four times and was most of an import's reading
// time.
func DecodeRecord(line []byte) (*Record, error) {
	if err := CheckUTF8(line); err != nil {
		return nil, Errorf(EFORMAT, "%v", err)
	}
	if err := CheckSurrogateEscapes(line); err != nil {
		return nil, err
	}
	if rec, ok := decodeRecordFast(line); ok {
		return rec, nil
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if tok, err := dec.Token(); err != nil {
		return nil, notAnObject(line)
	} else if tok != json.Delim('{') {
		return nil, Errorf(EFORMAT, "not a JSON object: the line starts with %s, not {", tokenText(tok))
	}
	var rec Record
	var raw recordRaw
	var wrong map[string]error // keys whose value is wrong, in line order
	var wrongKeys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, notAnObject(line)
		}
		key := tok.(string) // Token checks that an object key is a string
		var dst any
		switch key {
		case "text":
			raw.hasText, rec.Text = true, ""
			dst = &rec.Text
		case "id":
			dst = &raw.id
		case "meta":
			dst = &raw.meta
		case "format_version":
			dst = &raw.version
		case "status":
			rec.Status, dst = "", &rec.Status
		case "imported":
			rec.Imported, dst = "", &rec.Imported
		case "debris":
			rec.Debris, dst = nil, &rec.Debris
		case "entities":
			rec.Entities, dst = nil, &rec.Entities
		case "quotes":
			rec.Quotes, dst = nil, &rec.Quotes
		case "relations":
			rec.Relations, dst = nil, &rec.Relations
		case "actors":
			rec.Actors, dst = nil, &rec.Actors
		default:
			var v json.RawMessage
			if err := dec.Decode(&v); err != nil {
				return nil, notAnObject(line)
			}
			if raw.others == nil {
				raw.others = map[string]json.RawMessage{}
			}
			raw.others[key] = v
			continue
		}
		err = dec.Decode(dst)
		switch {
		case err == nil:
			delete(wrong, key)
		case isSyntaxError(err):
			return nil, notAnObject(line)
		default:
			// A key given again replaces its value, so the error counts only
			// if no later value of the key is right.
			if key == "text" {
				err = Errorf(EFORMAT, `"text" must be a string`)
			} else {
				err = Errorf(EFORMAT, "%q: %v", key, jsonErrText(err))
			}
			if wrong == nil {
				wrong = map[string]error{}
			}
			if _, seen := wrong[key]; !seen {
				wrongKeys = append(wrongKeys, key)
			}
			wrong[key] = err
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, notAnObject(line)
	}
	if len(bytes.Trim(line[dec.InputOffset():], " \t\r\n")) > 0 { // JSON white space only
		return nil, notAnObject(line)
	}
	for _, k := range wrongKeys {
		if err := wrong[k]; err != nil {
			return nil, err
		}
	}
	if err := raw.finish(&rec); err != nil {
		return nil, err
	}
	return &rec, nil
}

// recordRaw is what a record line says besides its fields: the values
// read raw, to be checked once the whole line is read.
type recordRaw struct {
	hasText           bool
	id, meta, version json.RawMessage
	// Other keys, the last value of each; they become metadata once "meta"
	// is read, wherever it stands in the line.
	others map[string]json.RawMessage
}

// finish completes rec from what the line said.
func (raw *recordRaw) finish(rec *Record) error {
	if !raw.hasText {
		return Errorf(EFORMAT, `no "text" field`)
	}
	if id := raw.id; id != nil {
		var s string
		if json.Unmarshal(id, &s) == nil {
			rec.ID = s
		} else if n := bytes.TrimSpace(id); isNumber(n) {
			rec.ID = string(n)
		} else {
			return Errorf(EFORMAT, `"id" must be a string or a number`)
		}
	}
	if meta := raw.meta; meta != nil && string(meta) != "null" {
		if err := json.Unmarshal(meta, &rec.Meta); err != nil {
			return Errorf(EFORMAT, `"meta" must be an object`)
		}
	}
	if version := raw.version; version != nil {
		var n int
		if err := json.Unmarshal(version, &n); err != nil || n > FormatVersion {
			return Errorf(EFORMAT, "format_version %s is newer than this Byline understands (%d)", version, FormatVersion)
		}
	}
	for k, v := range raw.others {
		if f := rec.Meta.field(k); f != nil && *f == "" {
			var s string
			if json.Unmarshal(v, &s) == nil {
				*f = s
				continue
			}
		}
		if rec.Meta.Extra == nil {
			rec.Meta.Extra = map[string]json.RawMessage{}
		}
		if _, taken := rec.Meta.Extra[k]; !taken {
			rec.Meta.Extra[k] = v
		}
	}
	rec.emptyNotNil()
	return nil
}

// decodeStrict decodes one JSON value as a record's annotation lists are
// decoded: no field the type lacks.
func decodeStrict(v []byte, dst any) error {
	dec := json.NewDecoder(bytes.NewReader(v))
	dec.DisallowUnknownFields()
	return dec.Decode(dst)
}

// emptyNotNil gives a record without annotations empty lists, not nil
// ones, so it encodes as [] like any other.
func (r *Record) emptyNotNil() {
	if r.Entities == nil {
		r.Entities = []RecordEntity{}
	}
	if r.Quotes == nil {
		r.Quotes = []RecordQuote{}
	}
	if r.Relations == nil {
		r.Relations = []RecordRelation{}
	}
}

// notAnObject reports a line that is not one well-formed JSON object. The
// streaming decoder counts error offsets from the start of the value it was
// reading, so the line is checked whole again for the byte to name.
func notAnObject(line []byte) error {
	var v json.RawMessage
	if err := json.Unmarshal(line, &v); err != nil {
		return Errorf(EFORMAT, "not a JSON object: %v", jsonErrText(err))
	}
	return Errorf(EFORMAT, "not a JSON object")
}

func isNumber(b []byte) bool {
	_, err := strconv.ParseFloat(string(b), 64)
	return err == nil
}

func isSyntaxError(err error) bool {
	var se *json.SyntaxError
	return errors.As(err, &se) || err == io.ErrUnexpectedEOF || err == io.EOF
}

// tokenText names a top-level JSON value that is not an object.
func tokenText(tok json.Token) string {
	switch tok.(type) {
	case json.Delim:
		return "an array"
	case string:
		return "a string"
	case nil:
		return "null"
	case bool:
		return "a boolean"
	}
	return "a number"
}

func jsonErrText(err error) string {
	if se, ok := err.(*json.SyntaxError); ok {
		return fmt.Sprintf("%v (at byte %d of the line)", se, se.Offset)
	}
	return err.Error()
}

// CheckSurrogateEscapes refuses, in raw JSON, \uD800-\uDFFF escapes that are not a proper
// high+low pair: encoding/json would turn them into U+FFFD silently, and the
// text would no longer be what the file says.
func CheckSurrogateEscapes(b []byte) error {
	for i := 0; i+5 < len(b); i++ {
		if b[i] != '\\' {
			continue
		}
		if b[i+1] != 'u' {
			i++ // skip the escaped character (it may be a backslash)
			continue
		}
		v, err := strconv.ParseUint(string(b[i+2:i+6]), 16, 32)
		if err != nil {
			continue
		}
		switch {
		case v >= 0xD800 && v < 0xDC00:
			ok := i+11 < len(b) && b[i+6] == '\\' && b[i+7] == 'u'
			if ok {
				lo, err := strconv.ParseUint(string(b[i+8:i+12]), 16, 32)
				ok = err == nil && lo >= 0xDC00 && lo < 0xE000
			}
			if !ok {
				return Errorf(EFORMAT, "lone surrogate escape %s (half an emoji?) at byte %d of the line", b[i:i+6], i)
			}
			i += 11
		case v >= 0xDC00 && v < 0xE000:
			return Errorf(EFORMAT, "lone surrogate escape %s (half an emoji?) at byte %d of the line", b[i:i+6], i)
		default:
			i += 5
		}
	}
	return nil
}
