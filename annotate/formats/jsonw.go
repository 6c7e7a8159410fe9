package formats

import (
	"strconv"
	"unicode/utf8"
)

// The exports write JSON by appending to byte slices instead of going through
// encoding/json: reflection dominates the cost of a streaming export, and the
// exporters must be at least as fast as the sqlite3 shell. The escaping is the
// one encoding/json uses with HTML escaping off, plus U+0085 (NEL), so that a
// reader splitting lines on any Unicode line break still sees one record per
// line (FORMATS.md 10.9).

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string.
func appendString(b []byte, s string) []byte {
	return append(appendEscaped(append(b, '"'), s), '"')
}

// spillString appends s as a JSON string a piece at a time, handing b to
// p's writer (spill) after each piece: a document's text of many megabytes
// is never held whole, escaped, in memory.
func spillString(p *part, b []byte, s string, err *error) []byte {
	b = append(b, '"')
	for len(s) > 0 {
		n := min(len(s), spillSize)
		for k := 0; k < utf8.UTFMax && n < len(s) && !utf8.RuneStart(s[n]); k++ {
			n--
		}
		b = spill(p, appendEscaped(b, s[:n]), err)
		s = s[n:]
	}
	return append(b, '"')
}

// appendEscaped appends s escaped for a JSON string, without the quotes.
func appendEscaped(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == 0x2028 || r == 0x2029 || r == 0x85:
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', '8')
			switch r {
			case 0x2029:
				b[len(b)-1] = '9'
			case 0x85:
				b = append(b[:len(b)-4], '0', '0', '8', '5')
			}
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(b, s[start:]...)
}

// appendPair appends the JSON array [start,end], the shape a code-point
// range takes where a format has no object for it.
func appendPair(b []byte, start, end int) []byte {
	b = append(b, '[')
	b = appendInt(b, start)
	b = append(b, ',')
	b = appendInt(b, end)
	return append(b, ']')
}

// appendInt appends n in decimal. Offsets and token indices are mostly
// below 10,000: those take a short path, two digits at a time.
func appendInt(b []byte, n int) []byte {
	switch {
	case n < 0 || n >= 10000:
		return strconv.AppendInt(b, int64(n), 10)
	case n < 10:
		return append(b, byte('0'+n))
	case n < 100:
		return append(b, digitPairs[2*n], digitPairs[2*n+1])
	case n < 1000:
		lo := n % 100
		return append(b, byte('0'+n/100), digitPairs[2*lo], digitPairs[2*lo+1])
	}
	hi, lo := n/100, n%100
	return append(b, digitPairs[2*hi], digitPairs[2*hi+1], digitPairs[2*lo], digitPairs[2*lo+1])
}

const digitPairs = "00010203040506070809" + "10111213141516171819" + "20212223242526272829" + "30313233343536373839" +
	"40414243444546474849" + "50515253545556575859" + "60616263646566676869" + "70717273747576777879" +
	"80818283848586878889" + "90919293949596979899"

// appendBool appends true or false.
func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, "true"...)
	}
	return append(b, "false"...)
}

// appendKey appends ,"key": (without the comma for the first key of an
// object, which the caller marks by passing first).
func appendKey(b []byte, key string, first bool) []byte {
	if !first {
		b = append(b, ',')
	}
	b = appendString(b, key)
	return append(b, ':')
}

// appendStrings appends a JSON array of strings.
func appendStrings(b []byte, list []string) []byte {
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}
