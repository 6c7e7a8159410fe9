package formats

import "unicode/utf8"

// textIndex converts code-point offsets of one document at a time. Unlike
// annotate.TextIndex it keeps its tables between documents: an export
// streams hundreds of thousands of them, and fresh tables per document were
// most of its allocations.
type textIndex struct {
	text   string
	ascii  bool
	n      int     // length in code points
	byteAt []int32 // byte index of each code point, and len(text) at the end
	utf16  []int32 // UTF-16 index of each code point; built on first use
	u16OK  bool
}

// reset points the index at text.
func (x *textIndex) reset(text string) {
	x.text, x.u16OK = text, false
	x.ascii = true
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			x.ascii = false
			break
		}
	}
	if x.ascii {
		x.n = len(text)
		return
	}
	if cap(x.byteAt) < len(text)+1 {
		x.byteAt = make([]int32, 0, len(text)+1) // at most one entry a byte: no regrowth
	}
	x.byteAt = x.byteAt[:0]
	for i := range text {
		x.byteAt = append(x.byteAt, int32(i))
	}
	x.n = len(x.byteAt)
	x.byteAt = append(x.byteAt, int32(len(text)))
}

// Len returns the text's length in code points.
func (x *textIndex) Len() int { return x.n }

// Byte returns the byte index of code point cp, clamped to the text.
func (x *textIndex) Byte(cp int) int {
	switch {
	case cp <= 0:
		return 0
	case cp >= x.n:
		return len(x.text)
	case x.ascii:
		return cp
	}
	return int(x.byteAt[cp])
}

// Slice returns the text of [start, end) in code points, clamped.
func (x *textIndex) Slice(start, end int) string {
	if end < start {
		return ""
	}
	return x.text[x.Byte(start):x.Byte(end)]
}

// InRange reports whether [start, end) is a non-empty range of the text.
func (x *textIndex) InRange(start, end int) bool { return start >= 0 && start < end && end <= x.n }

// UTF16 returns the UTF-16 offset of code point cp, clamped to the text.
func (x *textIndex) UTF16(cp int) int {
	if cp <= 0 {
		return 0
	}
	if cp > x.n {
		cp = x.n
	}
	if x.ascii {
		return cp
	}
	if !x.u16OK {
		x.utf16 = x.utf16[:0]
		u := int32(0)
		for _, r := range x.text {
			x.utf16 = append(x.utf16, u)
			if r > 0xFFFF {
				u += 2
			} else {
				u++
			}
		}
		x.utf16 = append(x.utf16, u)
		x.u16OK = true
	}
	return int(x.utf16[cp])
}
