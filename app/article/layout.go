package article

import (
	"math"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Vertical structure of one text line, top to bottom: a band for relation
// arcs, one or more rows of label tags, the text itself, then the entity
// underlines (one per nesting level) and the quote bar.
const (
	padX       = 10
	padTop     = 6
	arcBand    = 16
	arcStep    = 4
	underStep  = 3
	quoteBand  = 6
	maxTagRows = 3
	maxLevels  = 4
	blankLineH = 10 // extra space for an empty line between paragraphs
	tagGap     = 2  // between the lowest tag row and the text
)

// metrics are the sizes that depend on the theme.
type metrics struct {
	textSize, tagSize float32
	textH, tagH       float32
	spaceW            float32
}

// lineBox is one laid-out line: tokens [first, end), its vertical place,
// and how many tag rows and underline levels its spans need.
type lineBox struct {
	first, end int
	y, h       float32
	rows       int
	levels     int
	rtl        bool
	blank      bool // the empty line between two paragraphs
}

// layout places every token of the document for one width.
type layout struct {
	width  float32
	met    metrics
	tokX   []float32
	tokW   []float32
	tokLn  []int32
	lines  []lineBox
	height float32
	// Measurement caches, valid for met.textSize.
	widths   map[string]float32
	advances map[rune]float32
	kerns    map[runePair]float32
}

func newLayout() *layout {
	return &layout{widths: map[string]float32{}, advances: map[rune]float32{}, kerns: map[runePair]float32{}}
}

// measure returns the width of a word. Fyne measures each string by
// shaping it from scratch (about 0.1 ms), too slow for the 15,000 distinct
// words of a long article. For alphabetic scripts, whose shaping only adds
// advances and pair kerning, a word's width is the sum of its letters'
// advances plus the kerning of each adjacent pair, both measured once and
// cached; other scripts (joining, marks, emoji sequences) are measured whole.
func (l *layout) measure(s string) float32 {
	if w, ok := l.widths[s]; ok {
		return w
	}
	var w float32
	if additive(s) {
		prev := rune(-1)
		for _, r := range s {
			w += l.advance(r)
			if prev >= 0 {
				w += l.kerning(prev, r)
			}
			prev = r
		}
	} else {
		w = fyne.MeasureText(s, l.met.textSize, fyne.TextStyle{}).Width
	}
	l.widths[s] = w
	return w
}

// additive reports whether s uses only scripts whose shaped width is the
// sum of letter advances and pair kerning.
func additive(s string) bool {
	for _, r := range s {
		switch {
		case r >= 0x20 && r < 0x7f, r >= 0xa0 && r < 0x250: // Latin
		case r >= 0x370 && r < 0x3ff, r >= 0x400 && r < 0x530: // Greek, Cyrillic
		case r >= 0x1e00 && r < 0x1f00: // Latin Extended Additional
		case r >= 0x2010 && r < 0x2060, r >= 0x20a0 && r < 0x20c0: // punctuation, currency
		default:
			return false
		}
	}
	return true
}

type runePair struct{ a, b rune }

// advance is the width of one letter.
func (l *layout) advance(r rune) float32 {
	if w, ok := l.advances[r]; ok {
		return w
	}
	w := fyne.MeasureText(string(r), l.met.textSize, fyne.TextStyle{}).Width
	l.advances[r] = w
	return w
}

// kerning is how much a pair of letters is narrower (or wider) together.
func (l *layout) kerning(a, b rune) float32 {
	p := runePair{a, b}
	if k, ok := l.kerns[p]; ok {
		return k
	}
	k := fyne.MeasureText(string([]rune{a, b}), l.met.textSize, fyne.TextStyle{}).Width - l.advance(a) - l.advance(b)
	l.kerns[p] = k
	return k
}

// setMetrics reads the text sizes from the theme and reports whether they
// changed (then the text must be laid out again).
func (l *layout) setMetrics() bool {
	size := theme.TextSize()
	if l.met.textSize == size {
		return false
	}
	met := metrics{textSize: size, tagSize: float32(math.Round(float64(size) * 0.72))}
	met.textH = fyne.MeasureText("Ág", size, fyne.TextStyle{}).Height
	met.tagH = fyne.MeasureText("ÁG", met.tagSize, fyne.TextStyle{Bold: true}).Height + 1
	met.spaceW = fyne.MeasureText("a a", size, fyne.TextStyle{}).Width - fyne.MeasureText("aa", size, fyne.TextStyle{}).Width
	clear(l.widths)
	clear(l.advances)
	clear(l.kerns)
	l.met = met
	return true
}

// textTop is the y of line li's text.
func (l *layout) textTop(li int) float32 {
	ln := &l.lines[li]
	return ln.y + arcBand + float32(ln.rows)*l.met.tagH + tagGap
}

// underTop is the y of line li's first underline.
func (l *layout) underTop(li int) float32 { return l.textTop(li) + l.met.textH + 1 }

// quoteTop is the y of line li's quote bar.
func (l *layout) quoteTop(li int) float32 {
	return l.underTop(li) + float32(l.lines[li].levels)*underStep + 1
}

// lineHeight is the height of a line with rows tag rows and levels underlines.
func (l *layout) lineHeight(rows, levels int) float32 {
	return float32(math.Ceil(float64(arcBand + float32(rows)*l.met.tagH + tagGap + l.met.textH + 2 + float32(levels)*underStep + quoteBand + 2)))
}

// restack gives each line the tag rows and underline levels its spans need
// and recomputes the line positions. It runs after every change of the
// annotations; it is linear in lines and spans.
func (l *layout) restack(m *model) {
	for i := range l.lines {
		l.lines[i].rows, l.lines[i].levels = 0, 0
	}
	if len(l.tokLn) == len(m.toks) {
		for i := range m.ents {
			v := &m.ents[i]
			if v.toks.empty() {
				continue
			}
			la, lb := int(l.tokLn[v.toks.first]), int(l.tokLn[v.toks.end-1])
			ln := &l.lines[la]
			ln.rows = max(ln.rows, min(v.level, maxTagRows-1)+1)
			for li := la; li <= lb; li++ {
				l.lines[li].levels = max(l.lines[li].levels, min(v.level, maxLevels-1)+1)
			}
		}
		// A quote's badge sits in the first tag row above its first word.
		for _, sv := range m.segments {
			if !sv.cue && !sv.toks.empty() {
				ln := &l.lines[l.tokLn[sv.toks.first]]
				ln.rows = max(ln.rows, 1)
			}
		}
	}
	y := float32(padTop)
	for i := range l.lines {
		ln := &l.lines[i]
		ln.y = y
		if ln.blank {
			ln.h = blankLineH
		} else {
			ln.h = l.lineHeight(ln.rows, ln.levels)
		}
		y += ln.h
	}
	l.height = y + padTop
}

// relayout wraps the model's tokens to width. Tokens not separated by
// whitespace (a word and its comma, an opening quotation mark and its word)
// stay together on one line.
func (l *layout) relayout(m *model, width float32) {
	l.width = width
	n := len(m.toks)
	if cap(l.tokX) < n {
		l.tokX, l.tokW, l.tokLn = make([]float32, n), make([]float32, n), make([]int32, n)
	}
	l.tokX, l.tokW, l.tokLn = l.tokX[:n], l.tokW[:n], l.tokLn[:n]
	l.lines = l.lines[:0]
	avail := max(width-2*padX, 40)
	cur := lineBox{}
	x := float32(0)
	group := 0 // first token of the current unbreakable group
	newLine := func(next int) {
		cur.end = next
		l.lines = append(l.lines, cur)
		cur = lineBox{first: next}
		x = 0
	}
	text := m.doc.Text
	prevEnd := 0
	for i, t := range m.toks {
		breaks := strings.Count(text[prevEnd:t.ByteStart], "\n")
		prevEnd = t.ByteEnd
		if i > 0 && breaks > 0 {
			newLine(i)
			if breaks > 1 {
				cur.blank = true
				newLine(i)
			}
		}
		w := l.measure(text[t.ByteStart:t.ByteEnd])
		l.tokW[i] = w
		if i > cur.first && (breaks > 0 || m.toks[i-1].SpaceAfter) {
			x += l.met.spaceW
			group = i
		} else if i == cur.first {
			group = i
		}
		if x > 0 && x+w > avail {
			if group > cur.first && group < i {
				// Carry the group (e.g. "“We") over to the next line whole.
				shift := l.tokX[group]
				newLine(group)
				for j := group; j < i; j++ {
					l.tokX[j] -= shift
					l.tokLn[j] = int32(len(l.lines))
				}
				x = l.tokX[i-1] + l.tokW[i-1]
				if m.toks[i-1].SpaceAfter {
					x += l.met.spaceW
				}
			} else {
				newLine(i)
				group = i
			}
		}
		l.tokX[i] = x
		l.tokLn[i] = int32(len(l.lines))
		x += w
	}
	cur.end = n
	l.lines = append(l.lines, cur)
	for i := range l.lines {
		l.orderLine(m, &l.lines[i], avail)
	}
	l.restack(m)
}

// direction of a token: +1 left-to-right, -1 right-to-left, 0 neutral.
func tokenDirection(s string) int {
	for _, r := range s {
		if unicode.In(r, unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko) {
			return -1
		}
		if unicode.IsLetter(r) {
			return 1
		}
	}
	return 0
}

// orderLine reorders a line's words for display when it holds right-to-left
// text: runs of words against the paragraph direction are reversed and a
// right-to-left paragraph is mirrored. Each word is shaped by the font
// renderer; this handles the order of words, which is what the reader sees.
func (l *layout) orderLine(m *model, ln *lineBox, avail float32) {
	if ln.end <= ln.first {
		return
	}
	base, anyRTL := 0, false
	for i := ln.first; i < ln.end; i++ {
		d := tokenDirection(m.tokenText(i))
		if base == 0 && d != 0 {
			base = d
		}
		anyRTL = anyRTL || d < 0
	}
	if !anyRTL {
		return
	}
	if base == 0 {
		base = 1
	}
	ln.rtl = base < 0
	// Reverse maximal runs of tokens against the base direction; neutral
	// tokens between two such tokens join the run.
	for i := ln.first; i < ln.end; {
		if tokenDirection(m.tokenText(i)) != -base {
			i++
			continue
		}
		j, last := i, i
		for j < ln.end {
			d := tokenDirection(m.tokenText(j))
			if d == base {
				break
			}
			if d == -base {
				last = j
			}
			j++
		}
		l.mirrorRange(i, last+1)
		i = last + 1
	}
	if ln.rtl {
		// Mirroring within the full width also aligns the line to the right;
		// a word wider than the view stays at the left edge, like in
		// left-to-right lines, rather than starting off-screen.
		for i := ln.first; i < ln.end; i++ {
			l.tokX[i] = max(0, avail-l.tokX[i]-l.tokW[i])
		}
	}
}

// mirrorRange reverses the visual order of tokens [a, b) within the span
// they occupy.
func (l *layout) mirrorRange(a, b int) {
	left := l.tokX[a]
	right := l.tokX[b-1] + l.tokW[b-1]
	for i := a; i < b; i++ {
		l.tokX[i] = left + right - (l.tokX[i] + l.tokW[i])
	}
}

// lineAt returns the line at y (clamped).
func (l *layout) lineAt(y float32) int {
	lo, hi := 0, len(l.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if l.lines[mid].y <= y {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// tokenAt returns the token nearest to pos, or -1 for an empty document.
func (l *layout) tokenAt(pos fyne.Position) int {
	if len(l.tokX) == 0 {
		return -1
	}
	li := l.lineAt(pos.Y)
	// An empty line between paragraphs belongs to the line before it.
	for li > 0 && l.lines[li].end <= l.lines[li].first {
		li--
	}
	for li < len(l.lines)-1 && l.lines[li].end <= l.lines[li].first {
		li++
	}
	ln := l.lines[li]
	x := pos.X - padX
	best, bestD := ln.first, float32(math.MaxFloat32)
	for i := ln.first; i < ln.end; i++ {
		var d float32
		switch {
		case x < l.tokX[i]:
			d = l.tokX[i] - x
		case x > l.tokX[i]+l.tokW[i]:
			d = x - l.tokX[i] - l.tokW[i]
		}
		if d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

// tokenRect returns token i's text box in widget coordinates.
func (l *layout) tokenRect(i int) (fyne.Position, fyne.Size) {
	return fyne.NewPos(padX+l.tokX[i], l.textTop(int(l.tokLn[i]))), fyne.NewSize(l.tokW[i], l.met.textH)
}

// fragments calls fn for each line piece of the tokens r: the line and the
// horizontal extent of the tokens on it (x from the left edge of the text).
func (l *layout) fragments(r tokRange, firstLine, lastLine int, fn func(line int, x0, x1 float32, first bool)) {
	if r.empty() {
		return
	}
	la, lb := int(l.tokLn[r.first]), int(l.tokLn[r.end-1])
	for li := max(la, firstLine); li <= min(lb, lastLine); li++ {
		ln := l.lines[li]
		a, b := max(r.first, ln.first), min(r.end, ln.end)
		if a >= b {
			continue
		}
		x0, x1 := float32(math.MaxFloat32), float32(-math.MaxFloat32)
		for i := a; i < b; i++ {
			x0 = min(x0, l.tokX[i])
			x1 = max(x1, l.tokX[i]+l.tokW[i])
		}
		fn(li, padX+x0, padX+x1, li == la)
	}
}

// measureTag returns the width of a tag caption.
func (l *layout) measureTag(s string) float32 {
	key := "\x00tag\x00" + s
	if w, ok := l.widths[key]; ok {
		return w
	}
	w := fyne.MeasureText(s, l.met.tagSize, fyne.TextStyle{Bold: true}).Width
	l.widths[key] = w
	return w
}
