package annotate

import (
	"encoding/json"
	"unicode/utf8"
)

// decodeRecordFast reads a record line of the shape Byline and most tools
// write: known keys spelled exactly, strings, whole numbers, and annotation
// lists of flat objects. encoding/json took most of an annotated import's
// reading time, by reflection, on exactly these lists. ok is false for
// anything else (an unknown key inside an annotation, a null, a fraction, a
// key written with escapes, any syntax error): DecodeRecord then reads the
// line the general way, so this path never decides what is an error, and
// where it says ok the record is the one the general way would give.
// The line has passed CheckUTF8 and CheckSurrogateEscapes.
func decodeRecordFast(line []byte) (rec *Record, ok bool) {
	s := &fastScan{b: line}
	rec = &Record{}
	var raw recordRaw
	ok = s.object(func(key []byte) bool {
		switch string(key) {
		case "text":
			raw.hasText = true
			rec.Text, ok = s.str()
			return ok
		case "status":
			var st string
			st, ok = s.str()
			rec.Status = Status(st)
			return ok
		case "imported":
			rec.Imported, ok = s.str()
			return ok
		case "entities":
			rec.Entities, ok = s.entities()
			return ok
		case "quotes":
			rec.Quotes, ok = s.quotes()
			return ok
		case "relations":
			rec.Relations, ok = s.relations()
			return ok
		case "debris":
			rec.Debris = nil
			return s.decodeStrict(&rec.Debris)
		case "actors":
			rec.Actors = nil
			return s.decodeStrict(&rec.Actors)
		case "id", "meta", "format_version":
			v, ok := s.skip()
			if !ok {
				return false
			}
			switch string(key) {
			case "id":
				raw.id = v
			case "meta":
				raw.meta = v
			default:
				raw.version = v
			}
			return true
		}
		v, ok := s.skip()
		if !ok || !json.Valid(v) {
			return false
		}
		if raw.others == nil {
			raw.others = map[string]json.RawMessage{}
		}
		raw.others[string(key)] = append(json.RawMessage(nil), v...) // the line's buffer is reused
		return true
	})
	if !ok {
		return nil, false
	}
	s.ws()
	if s.i != len(s.b) {
		return nil, false
	}
	if raw.finish(rec) != nil {
		return nil, false
	}
	return rec, true
}

// fastScan reads JSON from b at i, strictly: every method reports false at
// anything it does not take, leaving the line to encoding/json.
type fastScan struct {
	b      []byte
	i      int
	buf    []byte   // unescaped string bytes
	names  []string // labels, kinds and types seen: few, each stored once
	nested int
}

func (s *fastScan) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// next skips white space and takes c.
func (s *fastScan) next(c byte) bool {
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// peek skips white space and reports whether c comes next.
func (s *fastScan) peek(c byte) bool {
	s.ws()
	return s.i < len(s.b) && s.b[s.i] == c
}

// object reads {"key": value, ...}, calling field for each key with the
// scanner before the value; field reads the value. Keys with escapes are
// not taken.
func (s *fastScan) object(field func(key []byte) bool) bool {
	if !s.next('{') {
		return false
	}
	if s.next('}') {
		return true
	}
	for {
		key, escaped, ok := s.strRaw()
		if !ok || escaped || !s.next(':') {
			return false
		}
		s.ws()
		if !field(key) {
			return false
		}
		if s.next(',') {
			continue
		}
		return s.next('}')
	}
}

// array reads [v, ...], calling elem before each value; elem reads it.
func (s *fastScan) array(elem func() bool) bool {
	if !s.next('[') {
		return false
	}
	if s.next(']') {
		return true
	}
	for {
		s.ws()
		if !elem() {
			return false
		}
		if s.next(',') {
			continue
		}
		return s.next(']')
	}
}

// strRaw reads a string and returns its bytes between the quotes, or its
// unescaped bytes (in s.buf, valid until the next string) when it has
// escapes.
func (s *fastScan) strRaw() (b []byte, escaped, ok bool) {
	if !s.next('"') {
		return nil, false, false
	}
	start := s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return s.b[start : s.i-1], false, true
		case c == '\\':
			s.buf = append(s.buf[:0], s.b[start:s.i]...)
			return s.unescape()
		case c < 0x20:
			return nil, false, false
		}
		s.i++
	}
	return nil, false, false
}

// unescape reads the rest of a string from its first backslash on, into
// s.buf.
func (s *fastScan) unescape() ([]byte, bool, bool) {
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return s.buf, true, true
		case c < 0x20:
			return nil, false, false
		case c != '\\':
			s.buf = append(s.buf, c)
			s.i++
			continue
		}
		if s.i+1 >= len(s.b) {
			return nil, false, false
		}
		e := s.b[s.i+1]
		s.i += 2
		switch e {
		case '"', '\\', '/':
			s.buf = append(s.buf, e)
		case 'b':
			s.buf = append(s.buf, '\b')
		case 'f':
			s.buf = append(s.buf, '\f')
		case 'n':
			s.buf = append(s.buf, '\n')
		case 'r':
			s.buf = append(s.buf, '\r')
		case 't':
			s.buf = append(s.buf, '\t')
		case 'u':
			r, ok := s.hex4()
			if !ok {
				return nil, false, false
			}
			if r >= 0xD800 && r < 0xE000 {
				// Only a high+low pair: CheckSurrogateEscapes refused the rest.
				if r >= 0xDC00 || !s.lit(`\u`) {
					return nil, false, false
				}
				lo, ok := s.hex4()
				if !ok || lo < 0xDC00 || lo >= 0xE000 {
					return nil, false, false
				}
				r = 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00)
			}
			s.buf = utf8.AppendRune(s.buf, r)
		default:
			return nil, false, false
		}
	}
	return nil, false, false
}

func (s *fastScan) hex4() (rune, bool) {
	if s.i+4 > len(s.b) {
		return 0, false
	}
	var r rune
	for _, c := range s.b[s.i : s.i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	s.i += 4
	return r, true
}

// lit takes the bytes of t, exactly, with no white space before them.
func (s *fastScan) lit(t string) bool {
	if len(s.b)-s.i >= len(t) && string(s.b[s.i:s.i+len(t)]) == t {
		s.i += len(t)
		return true
	}
	return false
}

func (s *fastScan) str() (string, bool) {
	b, _, ok := s.strRaw()
	return string(b), ok
}

// name reads a string that recurs across a record's annotations (a label,
// a quote kind, a relation type), storing each distinct one once.
func (s *fastScan) name() (string, bool) {
	b, _, ok := s.strRaw()
	if !ok {
		return "", false
	}
	for _, n := range s.names {
		if n == string(b) {
			return n, true
		}
	}
	n := string(b)
	if len(s.names) < 32 {
		s.names = append(s.names, n)
	}
	return n, true
}

// int reads a whole number that fits an int; a fraction or an exponent,
// which encoding/json refuses for an int, is not taken either.
func (s *fastScan) int() (int, bool) {
	s.ws()
	neg := s.lit("-")
	start := s.i
	n := 0
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		n = n*10 + int(s.b[s.i]-'0')
		s.i++
	}
	digits := s.i - start
	if digits == 0 || digits > 18 || (digits > 1 && s.b[start] == '0') {
		return 0, false
	}
	if s.i < len(s.b) {
		switch s.b[s.i] {
		case '.', 'e', 'E':
			return 0, false
		}
	}
	if neg {
		n = -n
	}
	return n, true
}

// skip reads any one JSON value and returns its bytes.
func (s *fastScan) skip() ([]byte, bool) {
	s.ws()
	start := s.i
	if s.i >= len(s.b) {
		return nil, false
	}
	ok := false
	switch c := s.b[s.i]; {
	case c == '"':
		_, _, ok = s.strRaw()
	case c == '{':
		ok = s.deeper(func() bool {
			return s.object(func([]byte) bool { _, ok := s.skip(); return ok })
		})
	case c == '[':
		ok = s.deeper(func() bool {
			return s.array(func() bool { _, ok := s.skip(); return ok })
		})
	case c == 't':
		ok = s.lit("true")
	case c == 'f':
		ok = s.lit("false")
	case c == 'n':
		ok = s.lit("null")
	case c == '-' || (c >= '0' && c <= '9'):
		ok = s.number()
	}
	if !ok {
		return nil, false
	}
	return s.b[start:s.i], true
}

// deeper runs read one nesting level down, refusing deep nesting.
func (s *fastScan) deeper(read func() bool) bool {
	if s.nested >= 64 {
		return false
	}
	s.nested++
	ok := read()
	s.nested--
	return ok
}

// number reads a JSON number of any form.
func (s *fastScan) number() bool {
	s.lit("-")
	digits := func() int {
		n := 0
		for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
			s.i++
			n++
		}
		return n
	}
	start := s.i
	if n := digits(); n == 0 || (n > 1 && s.b[start] == '0') {
		return false
	}
	if s.lit(".") && digits() == 0 {
		return false
	}
	if s.lit("e") || s.lit("E") {
		if !s.lit("+") {
			s.lit("-")
		}
		if digits() == 0 {
			return false
		}
	}
	return true
}

// decodeStrict reads a value with encoding/json as the general way does.
func (s *fastScan) decodeStrict(dst any) bool {
	v, ok := s.skip()
	return ok && decodeStrict(v, dst) == nil
}

// objects reads a list of objects of type T, field reading each key's
// value into one.
func objects[T any](s *fastScan, field func(t *T, key []byte) bool) ([]T, bool) {
	out := []T{}
	ok := s.array(func() bool {
		out = append(out, *new(T))
		t := &out[len(out)-1]
		return s.object(func(key []byte) bool { return field(t, key) })
	})
	return out, ok
}

func (s *fastScan) entities() ([]RecordEntity, bool) {
	return objects(s, func(e *RecordEntity, key []byte) bool {
		var ok bool
		switch string(key) {
		case "id":
			e.ID, ok = s.str()
		case "start":
			e.Start, ok = s.int()
		case "end":
			e.End, ok = s.int()
		case "label":
			e.Label, ok = s.name()
		case "text":
			e.Text, ok = s.str()
		case "actor":
			e.Actor, ok = s.str()
		default:
			ok = s.provenance(key, &e.Annotator, &e.Note, &e.Created, &e.Updated)
		}
		return ok
	})
}

// provenance reads the fields every annotation has.
func (s *fastScan) provenance(key []byte, annotator, note, created, updated *string) bool {
	var dst *string
	switch string(key) {
	case "annotator":
		dst = annotator
	case "note":
		dst = note
	case "created":
		dst = created
	case "updated":
		dst = updated
	default:
		return false
	}
	var ok bool
	*dst, ok = s.str()
	return ok
}

func (s *fastScan) segmentField(g *Segment, key []byte) bool {
	var ok bool
	switch string(key) {
	case "start":
		g.Start, ok = s.int()
	case "end":
		g.End, ok = s.int()
	case "text":
		g.Text, ok = s.str()
	}
	return ok
}

func (s *fastScan) quotes() ([]RecordQuote, bool) {
	return objects(s, func(q *RecordQuote, key []byte) bool {
		var ok bool
		switch string(key) {
		case "id":
			q.ID, ok = s.str()
		case "kind":
			var k string
			k, ok = s.name()
			q.Kind = QuoteKind(k)
		case "content":
			if q.Content != nil {
				// encoding/json would decode the second list into the
				// first one's elements, merging them.
				return false
			}
			q.Content, ok = objects(s, func(g *Segment, key []byte) bool { return s.segmentField(g, key) })
		case "cue":
			if q.Cue == nil {
				q.Cue = &Segment{}
			}
			ok = s.object(func(key []byte) bool { return s.segmentField(q.Cue, key) })
		case "speaker":
			q.Speaker, ok = s.str()
		default:
			ok = s.provenance(key, &q.Annotator, &q.Note, &q.Created, &q.Updated)
		}
		return ok
	})
}

func (s *fastScan) relations() ([]RecordRelation, bool) {
	return objects(s, func(r *RecordRelation, key []byte) bool {
		var ok bool
		switch string(key) {
		case "id":
			r.ID, ok = s.str()
		case "type":
			r.Type, ok = s.name()
		case "head":
			r.Head, ok = s.str()
		case "tail":
			r.Tail, ok = s.str()
		default:
			ok = s.provenance(key, &r.Annotator, &r.Note, &r.Created, &r.Updated)
		}
		return ok
	})
}
