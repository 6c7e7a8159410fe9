package formats

import "unicode/utf8"

// indexStride is how many code points of a long text lie between two
// entries of textIndex's tables: a lookup scans at most that many, and the
// tables take 4 bytes per indexStride code points instead of 4 bytes per
// code point (20 MB for a 5 MB document otherwise). A text of up to
// denseIndex bytes gets an entry for every code point: no scanning.
const (
	indexStride = 32
	denseIndex  = 64 << 10
)

// textIndex converts code-point offsets of one document at a time. Unlike
// annotate.TextIndex it keeps its tables between documents: an export
// streams hundreds of thousands of them, and fresh tables per document were
// most of its allocations.
type textIndex struct {
	text   string
	ascii  bool
	n      int     // length in code points
	stride int     // code points per table entry: 1 or indexStride
	byteAt []int32 // byte index of every stride-th code point
	utf16  []int32 // UTF-16 index of every stride-th code point; built on first use
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
	x.byteAt = x.byteAt[:0]
	x.stride = 1
	if len(text) > denseIndex {
		x.stride = indexStride
	}
	n := 0
	for i := range text {
		if n%x.stride == 0 {
			x.byteAt = append(x.byteAt, int32(i))
		}
		n++
	}
	x.n = n
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
	b, _ := x.seek(cp)
	return b
}

// seek returns the byte index of code point cp (0 <= cp < x.n, text not
// ASCII) and the table entry it started from.
func (x *textIndex) seek(cp int) (b, k int) {
	k = cp / x.stride
	b = int(x.byteAt[k])
	for c := k * x.stride; c < cp; c++ {
		if x.text[b] < utf8.RuneSelf {
			b++
			continue
		}
		_, size := utf8.DecodeRuneInString(x.text[b:])
		b += size
	}
	return b, k
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
		u, n := int32(0), 0
		for _, r := range x.text {
			if n%x.stride == 0 {
				x.utf16 = append(x.utf16, u)
			}
			n++
			if r > 0xFFFF {
				u += 2
			} else {
				u++
			}
		}
		x.u16OK = true
	}
	// The last entry may lie before cp when cp is the end of the text.
	k := min(cp/x.stride, len(x.utf16)-1)
	u, b := int(x.utf16[k]), int(x.byteAt[k])
	for c := k * x.stride; c < cp; c++ {
		r, size := utf8.DecodeRuneInString(x.text[b:])
		b += size
		if r > 0xFFFF {
			u += 2
		} else {
			u++
		}
	}
	return u
}
