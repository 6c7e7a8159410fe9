package annotate

import (
	"unicode/utf8"
)

// This file is the one place where code-point offsets (what Byline stores and
// exports) meet Go's byte-indexed strings.

// RuneCount returns the length of s in code points (Python's len).
func RuneCount(s string) int { return utf8.RuneCountInString(s) }

// ByteOffset returns the byte index in s of code point offset cp. cp may equal
// RuneCount(s) (the end). ok is false when cp is out of range.
func ByteOffset(s string, cp int) (b int, ok bool) {
	if cp < 0 {
		return 0, false
	}
	n := 0
	for i := range s {
		if n == cp {
			return i, true
		}
		n++
	}
	if n == cp {
		return len(s), true
	}
	return 0, false
}

// RuneOffset returns the code point offset of byte index b in s. ok is false
// when b is out of range or falls inside a multi-byte sequence.
func RuneOffset(s string, b int) (cp int, ok bool) {
	if b < 0 || b > len(s) {
		return 0, false
	}
	if b < len(s) && !utf8.RuneStart(s[b]) {
		return 0, false
	}
	return utf8.RuneCountInString(s[:b]), true
}

// SliceRunes returns s[start:end] in code points. ok is false when the range
// is not within s or start > end.
func SliceRunes(s string, start, end int) (string, bool) {
	if start < 0 || end < start {
		return "", false
	}
	bs, ok := ByteOffset(s, start)
	if !ok {
		return "", false
	}
	be, ok := ByteOffset(s[bs:], end-start)
	if !ok {
		return "", false
	}
	return s[bs : bs+be], true
}

// TextIndex converts offsets in one text in O(1) or O(log n). Build it once
// per document; it is what the article view and the exporters use on long
// articles, where the linear helpers above would be quadratic.
type TextIndex struct {
	text  string
	ascii bool
	// byteAt[i] is the byte index of code point i; len(byteAt) = runes+1.
	// Nil when the text is pure ASCII (offsets coincide).
	byteAt []int32
	// utf16At[i] is the UTF-16 index of code point i; nil for ASCII text.
	utf16At []int32
}

// NewTextIndex builds the offset tables for text.
func NewTextIndex(text string) *TextIndex {
	x := &TextIndex{text: text, ascii: true}
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			x.ascii = false
			break
		}
	}
	if x.ascii {
		return x
	}
	n := utf8.RuneCountInString(text)
	x.byteAt = make([]int32, 0, n+1)
	x.utf16At = make([]int32, 0, n+1)
	u := int32(0)
	for i, r := range text {
		x.byteAt = append(x.byteAt, int32(i))
		x.utf16At = append(x.utf16At, u)
		if r > 0xFFFF {
			u += 2
		} else {
			u++
		}
	}
	x.byteAt = append(x.byteAt, int32(len(text)))
	x.utf16At = append(x.utf16At, u)
	return x
}

// Text returns the indexed text.
func (x *TextIndex) Text() string { return x.text }

// Len returns the text's length in code points.
func (x *TextIndex) Len() int {
	if x.ascii {
		return len(x.text)
	}
	return len(x.byteAt) - 1
}

// Byte returns the byte index of code point cp, clamped to the text.
func (x *TextIndex) Byte(cp int) int {
	if cp <= 0 {
		return 0
	}
	if cp >= x.Len() {
		return len(x.text)
	}
	if x.ascii {
		return cp
	}
	return int(x.byteAt[cp])
}

// Rune returns the code point offset of byte index b; a b inside a
// multi-byte sequence maps to the code point containing it.
func (x *TextIndex) Rune(b int) int {
	if b <= 0 {
		return 0
	}
	if b >= len(x.text) {
		return x.Len()
	}
	if x.ascii {
		return b
	}
	lo, hi := 0, len(x.byteAt)-1
	for lo < hi { // last i with byteAt[i] <= b
		mid := (lo + hi + 1) / 2
		if int(x.byteAt[mid]) <= b {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// UTF16 returns the UTF-16 code unit offset of code point cp (JavaScript's
// string index), clamped to the text.
func (x *TextIndex) UTF16(cp int) int {
	if cp <= 0 {
		return 0
	}
	if cp >= x.Len() {
		cp = x.Len()
	}
	if x.ascii {
		return cp
	}
	return int(x.utf16At[cp])
}

// Slice returns the text of [start, end) in code points, clamped.
func (x *TextIndex) Slice(start, end int) string {
	if end < start {
		return ""
	}
	return x.text[x.Byte(start):x.Byte(end)]
}

// InRange reports whether [start, end) is a non-empty range inside the text.
func (x *TextIndex) InRange(start, end int) bool {
	return start >= 0 && start < end && end <= x.Len()
}
