package article

import (
	"image/color"
	"sort"

	"fyne.io/fyne/v2"
)

// Suggestions are drawn apart from annotations: a lighter tint inside a
// dashed outline, a dashed quote bar, a dashed frame around a proposed cue,
// and a pale chip whose caption ends in "?".

const (
	dashOn  = 4
	dashOff = 3
)

// suggestionCaption is the chip caption of a suggestion.
func suggestionCaption(label string) string {
	if label == "" {
		return "QUOTE ?"
	}
	return label + " ?"
}

// addSuggestionChips gives every suggestion a chip over its first piece and
// the lines of proposed quote content a quote band, keeping the chips in
// line order. A long article can have 100,000 suggestions: their chips are
// placed once per set and width, not on every label.
func (l *layout) addSuggestionChips(m *model) {
	if len(m.sugg.list) == 0 {
		return
	}
	c := &l.sugg
	if c.gen != m.sugg.gen || c.width != l.width || c.size != l.met.textSize || c.lines != len(l.lines) {
		c.gen, c.width, c.size, c.lines = m.sugg.gen, l.width, l.met.textSize, len(l.lines)
		c.chips, c.quoteLines = c.chips[:0], c.quoteLines[:0]
		for i := range m.sugg.list {
			s := &m.sugg.list[i]
			r := m.suggestionTokens(i)
			if r.empty() {
				continue
			}
			label, caption := "", suggestionCaption("")
			switch {
			case s.Entity != nil:
				label, caption = s.Entity.Label, suggestionCaption(s.Entity.Label)
			case s.Link != nil:
				label, caption = s.Link.Label, "ACTOR ?"
			}
			c.chips = append(c.chips, l.placeChip(m, r, s.Start(), firstEnd(s),
				chip{ref: Ref{kindSuggestion, int64(i + 1)}, label: label, caption: caption, idx: int32(i)}))
		}
		for _, p := range m.sugg.pieces {
			if p.kind == pieceContent {
				for li := l.tokLn[p.toks.first]; li <= l.tokLn[p.toks.end-1]; li++ {
					if n := len(c.quoteLines); n == 0 || c.quoteLines[n-1] != li {
						c.quoteLines = append(c.quoteLines, li)
					}
				}
			}
		}
	}
	for _, li := range c.quoteLines {
		l.lines[li].quote = true
	}
	// Both lists are in line order: merge them, annotations first on a line.
	merged := c.merged[:0]
	if need := len(l.chips) + len(c.chips); cap(merged) < need {
		merged = make([]chip, 0, need+need/8)
	}
	a, b := l.chips, c.chips
	for len(a) > 0 || len(b) > 0 {
		if len(b) == 0 || len(a) > 0 && a[0].line <= b[0].line {
			merged = append(merged, a[0])
			a = a[1:]
		} else {
			merged = append(merged, b[0])
			b = b[1:]
		}
	}
	// The two buffers take turns, so a restack allocates nothing.
	c.merged, l.chips = l.chips[:0], merged
}

// suggestionChips are the placed chips of one suggestion set at one width.
type suggestionChips struct {
	gen         int
	width, size float32
	lines       int
	chips       []chip
	quoteLines  []int32 // lines with proposed quote content
	merged      []chip  // the spare buffer for merging
}

// drawSuggestions draws the visible suggestion pieces; the selected
// suggestion gets the focus frame.
func (r *textRenderer) drawSuggestions(first, end int) {
	lay, ed := r.t.lay, r.t.ed
	m := ed.m
	if len(m.sugg.pieces) == 0 {
		return
	}
	met := lay.met
	sel := ed.SelectedSuggestion()
	m.suggestionPiecesIn(first, end, func(i int) {
		p := &m.sugg.pieces[i]
		hot := p.sug == sel
		ref := Ref{kindSuggestion, int64(p.sug + 1)}
		lay.spanFragments(m, p.toks, p.start, p.end, r.first, r.last, func(li int, x0, x1 float32, _ bool) {
			top := lay.textTop(li)
			switch p.kind {
			case pieceEntity, pieceSpeaker:
				col := r.pal.label(p.label)
				r.rect(&r.back, x0-2, top-1, x1-x0+4, met.textH+2, withAlpha(col, r.pal.spanAlpha/2))
				r.dashedBox(&r.marks, x0-2, top-1, x1-x0+4, met.textH+2, col, 1)
			case pieceContent:
				barY := lay.quoteTop(li)
				r.dashes(&r.marks, x0, barY, x1-x0, true, r.pal.quote, 3)
				r.t.hits = append(r.t.hits, hitRegion{pos: fyne.NewPos(x0, barY-1), size: fyne.NewSize(x1-x0, quoteBand), kind: hitAnnotation, ref: ref})
			case pieceCue:
				r.dashedBox(&r.marks, x0-2, top-2, x1-x0+4, met.textH+4, r.pal.quote, 1)
			}
			if hot {
				w := float32(2)
				if p.kind == pieceCue || p.kind == pieceSpeaker {
					w = 1 // the parts of a selected quote, less than the quote itself
				}
				r.outline(&r.marks, x0-3, top-3, x1-x0+6, met.textH+6, r.pal.focus, w)
			}
		})
	})
}

// drawSuggestionLinks connects the selected proposed quote's chip to its
// speaker and cue as an accepted quote's are, but dashed and lighter: what
// Enter would link.
func (r *textRenderer) drawSuggestionLinks() {
	e := r.t.ed
	i := e.SelectedSuggestion()
	if i < 0 || e.m.sugg.list[i].Quote == nil {
		return
	}
	q := e.m.sugg.list[i].Quote
	ref := Ref{kindSuggestion, int64(i + 1)}
	c := r.t.lay.chipOf(ref, e.m.suggestionTokens(i))
	if c < 0 {
		return
	}
	var speaker, cue anchor
	hasSpeaker, hasCue := false, false
	if sp := q.Speaker; sp != nil && sp.EntityID != 0 {
		speaker, hasSpeaker = r.entityAnchor(sp.EntityID)
	} else if sp != nil {
		speaker, hasSpeaker = r.tokensAnchor(e.m.tokensFor(sp.Start, sp.End))
	}
	if q.Cue != nil {
		cue, hasCue = r.tokensAnchor(e.m.tokensFor(q.Cue.Start, q.Cue.End))
	}
	link := arcPart{col: mix(r.pal.quote, r.pal.bg, 0.7), ref: ref, dashed: true}
	r.quoteLinks(c, speaker, hasSpeaker, cue, hasCue, link, 1.5, 1)
}

// chipOf returns the index of the chip with ref placed over the tokens
// toks (its first line is searched, as the chips are in line order), -1
// when it has none.
func (l *layout) chipOf(ref Ref, toks tokRange) int32 {
	if toks.empty() {
		return -1
	}
	li := l.tokLn[toks.first]
	k := sort.Search(len(l.chips), func(k int) bool { return l.chips[k].line >= li })
	for ; k < len(l.chips) && l.chips[k].line == li; k++ {
		if l.chips[k].ref == ref {
			return int32(k)
		}
	}
	return -1
}

// suggestionChip draws a suggestion's chip: pale (solid when selected),
// dashed, its caption ending in "?".
func (r *textRenderer) suggestionChip(li int, c *chip) {
	lay := r.t.lay
	met := lay.met
	col := r.pal.quote
	if c.label != "" {
		col = r.pal.label(c.label)
	}
	fill := mix(col, r.pal.bg, 0.35)
	if int(c.ref.ID)-1 == r.t.ed.SelectedSuggestion() {
		fill = col
	}
	y := lay.chipTop(li, int(c.row))
	bg := r.rect(&r.marks, c.x, y, c.w, met.tagH-1, fill)
	bg.CornerRadius = 3
	r.dashedBox(&r.marks, c.x, y, c.w, met.tagH-1, col, 1)
	r.text(&r.marks, c.caption, c.x+chipPad, y, met.tagSize, r.pal.caption(fill), true)
	r.t.hits = append(r.t.hits, hitRegion{pos: fyne.NewPos(c.x, y), size: fyne.NewSize(c.w, met.tagH), kind: hitAnnotation, ref: c.ref})
}

// dashes draws a dashed line of the given thickness from (x, y), across
// (horizontal) or down.
func (r *textRenderer) dashes(layer *[]fyne.CanvasObject, x, y, length float32, horizontal bool, col color.Color, width float32) {
	for d := float32(0); d < length; d += dashOn + dashOff {
		n := min(dashOn, length-d)
		if horizontal {
			r.rect(layer, x+d, y, n, width, col)
		} else {
			r.rect(layer, x, y+d, width, n, col)
		}
	}
}

// dashedBox draws a dashed rectangle outline.
func (r *textRenderer) dashedBox(layer *[]fyne.CanvasObject, x, y, w, h float32, col color.Color, width float32) {
	r.dashes(layer, x, y, w, true, col, width)
	r.dashes(layer, x, y+h-width, w, true, col, width)
	r.dashes(layer, x, y, h, false, col, width)
	r.dashes(layer, x+w-width, y, h, false, col, width)
}

// AcceptsTab implements fyne.Tabbable: with suggestions on, Tab and
// Shift+Tab move between them instead of moving the focus out of the text.
func (t *textView) AcceptsTab() bool { return t.ed.review.enabled }

// suggestionsOpened starts the suggestions of a newly opened document.
func (e *Editor) suggestionsOpened() {
	e.review.sel = 0
	c := &e.review.engine
	c.mu.Lock()
	c.doc = 0 // take the corpus's names again, from the cache while they hold
	c.mu.Unlock()
	e.suggestionsStale()
	e.suggestionsChanged()
}
