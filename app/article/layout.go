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
)

// metrics are the sizes that depend on the theme and the annotation levels.
type metrics struct {
	textSize, tagSize float32
	textH, tagH       float32
	spaceW            float32
	tagRows, levels   int
	lineH             float32
}

// textTop is the offset of the text within a line.
func (m metrics) textTop() float32 { return arcBand + float32(m.tagRows)*m.tagH }

// underTop is the offset of the first underline within a line.
func (m metrics) underTop() float32 { return m.textTop() + m.textH + 1 }

// quoteTop is the offset of the quote bar within a line.
func (m metrics) quoteTop() float32 { return m.underTop() + float32(m.levels)*underStep + 1 }

// lineBox is one laid-out line: tokens [first, end) and its vertical place.
type lineBox struct {
	first, end int
	y, h       float32
	rtl        bool
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
	widths map[string]float32
}

func newLayout() *layout { return &layout{widths: map[string]float32{}} }

func (l *layout) measure(s string) float32 {
	if w, ok := l.widths[s]; ok {
		return w
	}
	w := fyne.MeasureText(s, l.met.textSize, fyne.TextStyle{}).Width
	l.widths[s] = w
	return w
}

// setMetrics derives line sizes from the theme and the model's nesting depth.
// It reports whether anything changed.
func (l *layout) setMetrics(m *model) bool {
	size := theme.TextSize()
	met := metrics{textSize: size, tagSize: float32(math.Round(float64(size) * 0.72))}
	if l.met.textSize == size {
		met.textH, met.tagH, met.spaceW = l.met.textH, l.met.tagH, l.met.spaceW
	} else {
		met.textH = fyne.MeasureText("Ág", size, fyne.TextStyle{}).Height
		met.tagH = fyne.MeasureText("ÁG", met.tagSize, fyne.TextStyle{Bold: true}).Height + 1
		met.spaceW = fyne.MeasureText("a a", size, fyne.TextStyle{}).Width - fyne.MeasureText("aa", size, fyne.TextStyle{}).Width
		clear(l.widths)
	}
	met.levels = min(m.levels, maxLevels)
	met.tagRows = min(m.levels, maxTagRows)
	met.lineH = float32(math.Ceil(float64(met.textTop() + met.textH + 1 + float32(met.levels)*underStep + quoteBand + 2)))
	changed := met != l.met
	l.met = met
	return changed
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
	lineH := l.met.lineH
	y := float32(padTop)
	cur := lineBox{y: y, h: lineH}
	x := float32(0)
	group := 0 // first token of the current unbreakable group
	newLine := func(next int) {
		cur.end = next
		l.lines = append(l.lines, cur)
		y += cur.h
		cur = lineBox{first: next, y: y, h: lineH}
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
				cur.h = blankLineH
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
	l.height = y + cur.h + padTop
	for i := range l.lines {
		l.orderLine(m, &l.lines[i], avail)
	}
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
		// Mirroring within the full width also aligns the line to the right.
		for i := ln.first; i < ln.end; i++ {
			l.tokX[i] = avail - l.tokX[i] - l.tokW[i]
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
	ln := l.lines[l.tokLn[i]]
	return fyne.NewPos(padX+l.tokX[i], ln.y+l.met.textTop()), fyne.NewSize(l.tokW[i], l.met.textH)
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
