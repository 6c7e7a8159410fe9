package article

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"byline/annotate"
)

// Vertical structure of one text line, top to bottom: a band for relation
// arcs (only on lines where an arc ends), rows of label chips (only on lines
// where a chip sits, as many as crowded chips need), the text itself, the
// entity underlines (one per nesting level) and the quote bar (only on lines
// with quoted words). A line keeps its bands while it has any annotation
// that needs them, so adding a second label does not move the text; plain
// lines get ordinary leading, and paragraph breaks a clearly larger gap.
const (
	padX       = 10
	padTop     = 6
	arcStep    = 5 // between the stacked levels of arcs in one band
	arcLevels  = 3
	underStep  = 3
	quoteBand  = 5
	maxLevels  = 4
	leadTop    = 1  // above the text of a plain line
	leadBottom = 2  // below it
	blankLineH = 10 // the empty line between paragraphs
	tagGap     = 2  // between the lowest chip row and the text
	chipGap    = 3  // between two chips in one row
	chipPad    = 3  // inside a chip, each side of its caption
)

// metrics are the sizes that depend on the theme.
type metrics struct {
	textSize, tagSize float32
	textH, tagH       float32
	spaceW            float32
}

// lineBox is one laid-out line: tokens [first, end), its vertical place,
// the bands its annotations need and its chips [chip0, chip1) in
// layout.chips.
type lineBox struct {
	first, end   int
	y, h         float32
	rows         int // chip rows
	levels       int // underline levels
	arcs         bool
	quote        bool
	rtl          bool
	blank        bool // the empty line between two paragraphs
	chip0, chip1 int32
}

// chip is a placed label chip: the caption of an entity or quote, in a row
// above its first line fragment (row 0 nearest the text), centred on the
// words when it can be. Chips of one row never overlap.
type chip struct {
	ref     Ref
	label   string // the entity label, for the colour; "" for a quote
	caption string
	line    int32
	row     int32
	level   int32 // nesting level of an entity; stacks inner chips lower
	idx     int32 // index of the entity or quote in the model
	x, w    float32
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
	chips  []chip
	// entChip and quoteChip give the chip of each entity and quote (indexes
	// as in the model), -1 when it has none.
	entChip   []int32
	quoteChip []int32
	titleEnd  int // tokens [0, titleEnd) repeat the document title
	sugg      suggestionChips
	// Measurement caches, valid for met.textSize.
	widths    map[string]float32
	advances  map[rune]float32
	kerns     map[runePair]float32
	tagWidths map[string]float32
}

func newLayout() *layout {
	return &layout{widths: map[string]float32{}, advances: map[rune]float32{}, kerns: map[runePair]float32{}, tagWidths: map[string]float32{}}
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
	clear(l.tagWidths)
	l.met = met
	return true
}

// arcH is the height of the arc band: room for the captions of arcLevels
// stacked arcs, centred on their arcs.
func (l *layout) arcH() float32 {
	return float32(math.Ceil(float64(l.met.tagH + (arcLevels-1)*arcStep + 2)))
}

// arcY is the y of an arc at level k (0 = lowest) in line li's band.
func (l *layout) arcY(li, k int) float32 {
	return l.lines[li].y + l.arcH() - l.met.tagH/2 - 1 - float32(k)*arcStep
}

// chipTop is the y of chip row row on line li.
func (l *layout) chipTop(li, row int) float32 {
	return l.textTop(li) - tagGap - float32(row+1)*l.met.tagH
}

// chipsTop is the y of the highest chip row of line li (the text top when
// the line has none): where arcs meet their spans.
func (l *layout) chipsTop(li int) float32 { return l.chipTop(li, l.lines[li].rows-1) }

// textTop is the y of line li's text.
func (l *layout) textTop(li int) float32 {
	ln := &l.lines[li]
	y := ln.y + leadTop
	if ln.arcs {
		y += l.arcH()
	}
	if ln.rows > 0 {
		y += float32(ln.rows)*l.met.tagH + tagGap
	}
	return y
}

// underTop is the y of line li's first underline.
func (l *layout) underTop(li int) float32 { return l.textTop(li) + l.met.textH + 1 }

// quoteTop is the y of line li's quote bar.
func (l *layout) quoteTop(li int) float32 {
	return l.underTop(li) + float32(l.lines[li].levels)*underStep + 1
}

// lineBottom is the y where line li's drawing ends, before its leading.
func (l *layout) lineBottom(li int) float32 {
	ln := &l.lines[li]
	switch {
	case ln.quote:
		return l.quoteTop(li) + quoteBand
	case ln.levels > 0:
		return l.quoteTop(li)
	}
	return l.textTop(li) + l.met.textH
}

// restack gives each line the bands its annotations need, places the chips
// and recomputes the line positions. It runs after every change of the
// annotations; apart from sorting the few chips of each line it is linear in
// lines and annotations.
func (l *layout) restack(m *model) {
	for i := range l.lines {
		ln := &l.lines[i]
		// A line left without chips must not keep a range into the
		// reused chip list, where other lines' chips now are.
		ln.rows, ln.levels, ln.arcs, ln.quote, ln.chip0, ln.chip1 = 0, 0, false, false, 0, 0
	}
	l.chips = l.chips[:0]
	l.entChip = resize(l.entChip, len(m.ents))
	l.quoteChip = resize(l.quoteChip, len(m.ann.Quotes))
	if len(l.tokLn) == len(m.toks) && len(l.lines) > 0 {
		l.collectChips(m)
		l.addSuggestionChips(m)
		l.stackChips()
		for i := range m.ents {
			v := &m.ents[i]
			if v.toks.empty() {
				continue
			}
			la, lb := int(l.tokLn[v.toks.first]), int(l.tokLn[v.toks.end-1])
			for li := la; li <= lb; li++ {
				l.lines[li].levels = max(l.lines[li].levels, min(v.level, maxLevels-1)+1)
			}
		}
		for _, sv := range m.segments {
			if sv.cue || sv.toks.empty() {
				continue
			}
			for li := l.tokLn[sv.toks.first]; li <= l.tokLn[sv.toks.end-1]; li++ {
				l.lines[li].quote = true
			}
		}
		l.markArcLines(m)
	}
	y := float32(padTop)
	for i := range l.lines {
		ln := &l.lines[i]
		ln.y = y
		if ln.blank {
			ln.h = blankLineH
		} else {
			ln.h = float32(math.Ceil(float64(l.lineBottom(i) + leadBottom - y)))
		}
		y += ln.h
	}
	l.height = y + padTop
}

// resize returns s with n elements, all -1.
func resize(s []int32, n int) []int32 {
	if cap(s) < n {
		s = make([]int32, n)
	}
	s = s[:n]
	for i := range s {
		s[i] = -1
	}
	return s
}

// collectChips lists the chips of all entities and quotes, by line: the
// entities come sorted by start and so do the quote segments, so merging
// the two keeps the lines in order.
func (l *layout) collectChips(m *model) {
	add := func(toks tokRange, start, end int, c chip) {
		l.chips = append(l.chips, l.placeChip(m, toks, start, end, c))
	}
	si := 0
	nextQuote := func() (int, bool) {
		for ; si < len(m.segments); si++ {
			sv := m.segments[si]
			if !sv.cue && !sv.toks.empty() && m.ann.Quotes[sv.quote].Content[0].Start == m.toks[sv.toks.first].Start {
				return si, true
			}
		}
		return 0, false
	}
	addQuote := func(i int) {
		sv := m.segments[i]
		q := &m.ann.Quotes[sv.quote]
		add(sv.toks, sv.start, sv.end, chip{ref: Ref{KindQuote, q.ID}, caption: quoteCaption(q.Kind), idx: int32(sv.quote)})
		si = i + 1
	}
	for i := range m.ents {
		v := &m.ents[i]
		if v.toks.empty() {
			continue
		}
		for {
			q, ok := nextQuote()
			if !ok || m.segments[q].toks.first > v.toks.first {
				break
			}
			addQuote(q)
		}
		e := &m.ann.Entities[i]
		add(v.toks, e.Start, e.End, chip{ref: Ref{KindEntity, e.ID}, label: e.Label, caption: e.Label, level: int32(v.level), idx: int32(i)})
	}
	for {
		q, ok := nextQuote()
		if !ok {
			break
		}
		addQuote(q)
	}
}

// placeChip puts c centred over its span's piece on the span's first line.
func (l *layout) placeChip(m *model, toks tokRange, start, end int, c chip) chip {
	li := int(l.tokLn[toks.first])
	var x0, x1 float32
	l.spanFragments(m, toks, start, end, li, li, func(_ int, a, b float32, _ bool) { x0, x1 = a, b })
	c.line = int32(li)
	c.w = l.measureTag(c.caption) + 2*chipPad
	c.x = max(padX, min((x0+x1-c.w)/2, l.width-padX-c.w))
	return c
}

// stackChips puts each line's chips, left to right, into the lowest row
// where they do not touch a chip already there (inner spans of a nest
// first, so outer chips sit above inner ones), and gives the line its rows.
func (l *layout) stackChips() {
	var rowEnd []float32
	for a := 0; a < len(l.chips); {
		li := l.chips[a].line
		b := a
		for b < len(l.chips) && l.chips[b].line == li {
			b++
		}
		line := l.chips[a:b]
		// A stable sort keeps the chips' document order among equals; most
		// lines are in order already.
		if !slices.IsSortedFunc(line, chipOrder) {
			slices.SortStableFunc(line, chipOrder)
		}
		rowEnd = rowEnd[:0]
		for k := range line {
			c := &line[k]
			row := 0
			for row < len(rowEnd) && rowEnd[row] > c.x {
				row++
			}
			if row == len(rowEnd) {
				rowEnd = append(rowEnd, 0)
			}
			rowEnd[row] = c.x + c.w + chipGap
			c.row = int32(row)
		}
		ln := &l.lines[li]
		ln.rows, ln.chip0, ln.chip1 = len(rowEnd), int32(a), int32(b)
		a = b
	}
	for i, c := range l.chips {
		switch c.ref.Kind {
		case KindEntity:
			l.entChip[c.idx] = int32(i)
		case KindQuote:
			l.quoteChip[c.idx] = int32(i)
		}
	}
}

// chipOrder orders the chips of a line left to right, inner spans of a
// nest first.
func chipOrder(a, b chip) int {
	switch {
	case a.x != b.x:
		return cmp.Compare(a.x, b.x)
	case a.level != b.level:
		return cmp.Compare(b.level, a.level)
	}
	return 0
}

// markArcLines gives an arc band to every line where a relation or a quote's
// link to its speaker and cue ends, whether or not it is drawn now, so that
// selecting a quote does not move the text.
func (l *layout) markArcLines(m *model) {
	mark := func(tok int) { l.lines[l.tokLn[tok]].arcs = true }
	for _, ends := range m.relEnds {
		if ends.head < 0 || ends.tail < 0 || m.ents[ends.head].toks.empty() || m.ents[ends.tail].toks.empty() {
			continue
		}
		mark(m.ents[ends.head].toks.first)
		mark(m.ents[ends.tail].toks.first)
	}
	for i := range m.ann.Quotes {
		q := &m.ann.Quotes[i]
		if q.SpeakerID == 0 && q.Cue == nil {
			continue
		}
		if c := l.quoteChip[i]; c >= 0 {
			l.lines[l.chips[c].line].arcs = true
		}
		if k, ok := m.entByID[q.SpeakerID]; ok && !m.ents[k].toks.empty() {
			mark(m.ents[k].toks.first)
		}
		if q.Cue != nil {
			if r := m.tokensFor(q.Cue.Start, q.Cue.End); !r.empty() {
				mark(r.first)
			}
		}
	}
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
	l.titleEnd = titleTokens(m)
	l.restack(m)
}

// titleTokens returns how many tokens the text's first line has when that
// line only repeats the document's title, which the header already shows.
func titleTokens(m *model) int {
	text := m.doc.Text
	end := strings.IndexByte(text, '\n')
	if end < 0 {
		end = len(text)
	}
	first := annotate.Snippet(text[:end], 300)
	if first == "" || first != annotate.Snippet(m.doc.Title(), 300) || end == len(text) {
		return 0
	}
	return sort.Search(len(m.toks), func(i int) bool { return m.toks[i].ByteStart >= end })
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

// wordAt returns the token a click at pos means: the nearest one on the
// line, or -1 when pos is blank space (beside the line's text, on the empty
// line between paragraphs, or below the last line), so that a click there
// selects nothing rather than the line's last word.
func (l *layout) wordAt(pos fyne.Position) int {
	if len(l.tokX) == 0 {
		return -1
	}
	li := l.lineAt(pos.Y)
	ln := &l.lines[li]
	if ln.end <= ln.first || pos.Y >= ln.y+ln.h {
		return -1
	}
	// Right-to-left runs reorder the tokens: take the line's extremes.
	x0, x1 := float32(math.MaxFloat32), float32(-math.MaxFloat32)
	for i := ln.first; i < ln.end; i++ {
		x0, x1 = min(x0, l.tokX[i]), max(x1, l.tokX[i]+l.tokW[i])
	}
	if x := pos.X - padX; x < x0-wordSlop || x > x1+wordSlop {
		return -1
	}
	return l.tokenAt(pos)
}

// wordSlop is how far (in pixels) beside a line's text a click still
// reaches its first or last word.
const wordSlop = 2

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

// spanFragments is fragments for the code points [start, end), whose tokens
// are toks: a start or end that falls inside a word is moved to the
// measured character boundary (charX), so a span made by character
// selection or stored before the current tokenizer is drawn exactly as wide
// as it is, in left-to-right and right-to-left words alike. Spans on token
// edges cost no measuring.
func (l *layout) spanFragments(m *model, toks tokRange, start, end, firstLine, lastLine int, fn func(line int, x0, x1 float32, first bool)) {
	if toks.empty() {
		return
	}
	cutFirst := start > m.toks[toks.first].Start
	cutLast := end < m.toks[toks.end-1].End
	l.fragments(toks, firstLine, lastLine, func(li int, x0, x1 float32, first bool) {
		ln := l.lines[li]
		a, b := max(toks.first, ln.first), min(toks.end, ln.end)
		if (cutFirst && a == toks.first) || (cutLast && b == toks.end) {
			// Which side of the line the cut words' pieces lie on depends
			// on the words' and the line's directions: take the extent of
			// the pieces.
			x0, x1 = float32(math.MaxFloat32), float32(-math.MaxFloat32)
			for i := a; i < b; i++ {
				tk := m.toks[i]
				lo, hi := l.tokX[i], l.tokX[i]+l.tokW[i]
				if s, e := max(start, tk.Start), min(end, tk.End); s > tk.Start || e < tk.End {
					xs, xe := l.charX(m, i, s), l.charX(m, i, e)
					lo, hi = l.tokX[i]+min(xs, xe), l.tokX[i]+max(xs, xe)
				}
				x0, x1 = min(x0, lo), max(x1, hi)
			}
			x0, x1 = padX+x0, padX+x1
		}
		fn(li, x0, x1, first)
	})
}

// charX returns the x, from token i's left edge, of the boundary before
// code point cp (within the token). Fyne shapes a right-to-left word (a
// bidi run of Hebrew or Arabic letters) right to left, its first character
// at its right end: the width of the characters before cp is then measured
// from the right. Numbers, Arabic-Indic digits too, are shaped left to
// right.
func (l *layout) charX(m *model, i, cp int) float32 {
	w := l.measure(m.index.Slice(m.toks[i].Start, cp))
	if shapedRTL(m.tokenText(i)) {
		return l.tokW[i] - w
	}
	return w
}

// shapedRTL reports whether a word's first letter is of a right-to-left
// script, so that the shaper lays the word out right to left.
func shapedRTL(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.In(r, unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko)
		}
	}
	return false
}

// measureTag returns the width of a chip or arc caption.
func (l *layout) measureTag(s string) float32 {
	if w, ok := l.tagWidths[s]; ok {
		return w
	}
	if l.tagWidths == nil {
		l.tagWidths = map[string]float32{}
	}
	w := fyne.MeasureText(s, l.met.tagSize, fyne.TextStyle{Bold: true}).Width
	l.tagWidths[s] = w
	return w
}
