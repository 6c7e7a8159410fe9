package annotate

import (
	"bufio"
	"bytes"
	"encoding/json"
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

// recordKeys are the top-level keys of a native record; everything else in an
// import line is metadata.
var recordKeys = map[string]bool{
	"id": true, "text": true, "meta": true, "status": true, "imported": true, "debris": true,
	"entities": true, "quotes": true, "relations": true, "format_version": true, "actors": true,
}

// DecodeRecord reads one JSONL line: a native Byline record or a plain
// {"text": ..., "id": ..., "meta": {...}} line. Top-level "title", "url",
// "source", "author" and "published" and any other unknown keys become
// metadata, kept verbatim. The error says what is wrong, for a person.
func DecodeRecord(line []byte) (*Record, error) {
	if err := CheckUTF8(line); err != nil {
		return nil, Errorf(EFORMAT, "%v", err)
	}
	if err := CheckSurrogateEscapes(line); err != nil {
		return nil, err
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(line, &raw); err != nil {
		return nil, Errorf(EFORMAT, "not a JSON object: %v", jsonErrText(err))
	}
	textRaw, ok := raw["text"]
	if !ok {
		return nil, Errorf(EFORMAT, `no "text" field`)
	}
	var rec Record
	if err := json.Unmarshal(textRaw, &rec.Text); err != nil {
		return nil, Errorf(EFORMAT, `"text" must be a string`)
	}
	if v, ok := raw["id"]; ok {
		var s string
		if json.Unmarshal(v, &s) == nil {
			rec.ID = s
		} else if _, err := strconv.ParseFloat(string(bytes.TrimSpace(v)), 64); err == nil {
			rec.ID = string(bytes.TrimSpace(v))
		} else {
			return nil, Errorf(EFORMAT, `"id" must be a string or a number`)
		}
	}
	if v, ok := raw["meta"]; ok && string(v) != "null" {
		if err := json.Unmarshal(v, &rec.Meta); err != nil {
			return nil, Errorf(EFORMAT, `"meta" must be an object`)
		}
	}
	if v, ok := raw["format_version"]; ok {
		var n int
		if err := json.Unmarshal(v, &n); err != nil || n > FormatVersion {
			return nil, Errorf(EFORMAT, "format_version %s is newer than this Byline understands (%d)", v, FormatVersion)
		}
	}
	for key, dst := range map[string]any{
		"status": &rec.Status, "imported": &rec.Imported, "debris": &rec.Debris,
		"entities": &rec.Entities, "quotes": &rec.Quotes, "relations": &rec.Relations, "actors": &rec.Actors,
	} {
		v, ok := raw[key]
		if !ok || string(v) == "null" {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(v))
		dec.DisallowUnknownFields()
		if err := dec.Decode(dst); err != nil {
			return nil, Errorf(EFORMAT, "%q: %v", key, jsonErrText(err))
		}
	}
	for k, v := range raw {
		if recordKeys[k] {
			continue
		}
		var m Meta
		if f := m.field(k); f != nil {
			var s string
			if json.Unmarshal(v, &s) == nil && *rec.Meta.field(k) == "" {
				*rec.Meta.field(k) = s
				continue
			}
		}
		if rec.Meta.Extra == nil {
			rec.Meta.Extra = map[string]json.RawMessage{}
		}
		if _, taken := rec.Meta.Extra[k]; !taken {
			rec.Meta.Extra[k] = append(json.RawMessage(nil), v...)
		}
	}
	if rec.Entities == nil {
		rec.Entities = []RecordEntity{}
	}
	if rec.Quotes == nil {
		rec.Quotes = []RecordQuote{}
	}
	if rec.Relations == nil {
		rec.Relations = []RecordRelation{}
	}
	return &rec, nil
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
