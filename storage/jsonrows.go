package storage

import (
	"encoding/json"
	"errors"
	"strings"
)

// jsonRows reads the output of SQLite's json_group_array(json_array(...)):
// an array of arrays of numbers, strings and nulls. The export asks SQLite
// for a document's entities in this form, one string per document, instead
// of a million driver rows. Strings without escapes come back as substrings
// of the input, so reading allocates almost nothing.
type jsonRows struct {
	s    string
	i    int
	rows int // rows read so far
	err  error
}

var errJSONRows = errors.New("malformed json_group_array output")

// jsonValue is one cell: null, an integer or a string.
type jsonValue struct {
	null bool
	num  int64
	str  string
}

func newJSONRows(s string) *jsonRows {
	r := &jsonRows{s: s}
	r.skipSpace()
	if !r.eat('[') {
		r.err = errJSONRows
	}
	return r
}

func (r *jsonRows) skipSpace() {
	for r.i < len(r.s) && (r.s[r.i] == ' ' || r.s[r.i] == '\n' || r.s[r.i] == '\t' || r.s[r.i] == '\r') {
		r.i++
	}
}

func (r *jsonRows) eat(c byte) bool {
	r.skipSpace()
	if r.i < len(r.s) && r.s[r.i] == c {
		r.i++
		return true
	}
	return false
}

// next reads the next row into dst (which must have room for every cell)
// and reports whether there was one. Check err after the last row.
func (r *jsonRows) next(dst []jsonValue) bool {
	if r.err != nil {
		return false
	}
	if r.eat(']') {
		r.skipSpace()
		if r.i != len(r.s) {
			r.err = errJSONRows
		}
		return false
	}
	if r.rows > 0 && !r.eat(',') {
		r.err = errJSONRows
		return false
	}
	if !r.eat('[') {
		r.err = errJSONRows
		return false
	}
	for k := range dst {
		if k > 0 && !r.eat(',') {
			r.err = errJSONRows
			return false
		}
		if !r.value(&dst[k]) {
			r.err = errJSONRows
			return false
		}
	}
	if !r.eat(']') {
		r.err = errJSONRows
		return false
	}
	r.rows++
	return true
}

func (r *jsonRows) value(v *jsonValue) bool {
	r.skipSpace()
	*v = jsonValue{}
	if r.i >= len(r.s) {
		return false
	}
	switch c := r.s[r.i]; {
	case c == '"':
		return r.str(v)
	case c == 'n':
		if !strings.HasPrefix(r.s[r.i:], "null") {
			return false
		}
		r.i += 4
		v.null = true
		return true
	case c == '-' || (c >= '0' && c <= '9'):
		neg := c == '-'
		if neg {
			r.i++
		}
		start := r.i
		for r.i < len(r.s) && r.s[r.i] >= '0' && r.s[r.i] <= '9' {
			if r.i-start >= 18 {
				return false // beyond what a row id or offset needs
			}
			v.num = v.num*10 + int64(r.s[r.i]-'0')
			r.i++
		}
		if r.i == start {
			return false
		}
		if neg {
			v.num = -v.num
		}
		return true
	}
	return false
}

func (r *jsonRows) str(v *jsonValue) bool {
	start := r.i
	escaped := false
	for r.i++; r.i < len(r.s); r.i++ {
		switch r.s[r.i] {
		case '\\':
			escaped = true
			r.i++
		case '"':
			r.i++
			if !escaped {
				v.str = r.s[start+1 : r.i-1]
				return true
			}
			return json.Unmarshal([]byte(r.s[start:r.i]), &v.str) == nil
		}
	}
	return false
}
