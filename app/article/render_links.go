package article

import (
	"image/color"
	"math"
	"sort"

	"fyne.io/fyne/v2"

	"byline/annotate"
)

func quoteCaption(k annotate.QuoteKind) string { return "QUOTE " + string(k) }

// anchor is where an arc meets a span: the top of its chip (or of its
// words when it has none), above the chip's middle.
type anchor struct {
	line int
	x    float32
	top  float32
}

func (r *textRenderer) entityAnchor(id int64) (anchor, bool) {
	k, ok := r.t.ed.m.entByID[id]
	if !ok {
		return anchor{}, false
	}
	if c := r.t.lay.entChip[k]; c >= 0 {
		return r.chipAnchor(c), true
	}
	return r.tokensAnchor(r.t.ed.m.ents[k].toks)
}

func (r *textRenderer) chipAnchor(c int32) anchor {
	lay := r.t.lay
	ch := &lay.chips[c]
	return anchor{line: int(ch.line), x: ch.x + ch.w/2, top: lay.chipTop(int(ch.line), int(ch.row))}
}

func (r *textRenderer) tokensAnchor(toks tokRange) (anchor, bool) {
	if toks.empty() {
		return anchor{}, false
	}
	lay := r.t.lay
	li := int(lay.tokLn[toks.first])
	a := anchor{line: li, top: lay.textTop(li) - 2}
	lay.fragments(toks, li, li, func(_ int, x0, x1 float32, _ bool) { a.x = (x0 + x1) / 2 })
	return a, true
}

// Where the piece of an arc on one row continues: the other end is on a
// row above or below.
const (
	continuesNone = iota
	continuesAbove
	continuesBelow
)

// arcPart is the piece of an arc drawn on one line.
type arcPart struct {
	line         int
	x0, x1       float32 // horizontal run
	top0, top1   float32 // where the legs at x0 and x1 end; 0 for none
	arrowAt0     bool
	arrowAt1     bool
	edge0, edge1 int // continuesAbove/Below at that end (at the margin)
	caption      string
	col          color.Color
	width        float32
	ref          Ref
	level        int
	dashed       bool // a proposed link: a suggestion's, not an annotation's
}

// relationParts adds the pieces of the arc from a to b on visible lines. An
// arc within one line joins its two chips. An arc between lines is drawn
// brat-style in two pieces, each captioned: from the head to the margin on
// its row, and from the margin to the tail on the other row, each ending at
// the margin in a pointer towards the row where it continues.
func (r *textRenderer) relationParts(a, b anchor, p arcPart, arrow bool) {
	lay := r.t.lay
	left, right := float32(padX/2), lay.width-padX/2
	visible := func(li int) bool { return li >= r.first && li <= r.last }
	if a.line == b.line {
		if !visible(a.line) {
			return
		}
		p.line = a.line
		if a.x <= b.x {
			p.x0, p.top0, p.x1, p.top1, p.arrowAt1 = a.x, a.top, b.x, b.top, arrow
		} else {
			p.x0, p.top0, p.x1, p.top1, p.arrowAt0 = b.x, b.top, a.x, a.top, arrow
		}
		r.parts = append(r.parts, p)
		return
	}
	down := b.line > a.line
	if visible(a.line) {
		h := p
		h.line = a.line
		if down {
			h.x0, h.top0, h.x1, h.edge1 = a.x, a.top, right, continuesBelow
		} else {
			h.x0, h.edge0, h.x1, h.top1 = left, continuesAbove, a.x, a.top
		}
		r.parts = append(r.parts, h)
	}
	if visible(b.line) {
		t := p
		t.line = b.line
		if down {
			t.x0, t.edge0, t.x1, t.top1, t.arrowAt1 = left, continuesAbove, b.x, b.top, arrow
		} else {
			t.x0, t.top0, t.arrowAt0, t.x1, t.edge1 = b.x, b.top, arrow, right, continuesBelow
		}
		r.parts = append(r.parts, t)
	}
}

// drawArcs stacks the parts of each line by length, shortest lowest, so
// nested arcs do not cover each other, then draws them in the line's arc
// band, with their captions on the arc and clear of each other.
func (r *textRenderer) drawArcs() {
	parts := r.parts
	sort.SliceStable(parts, func(i, j int) bool {
		if parts[i].line != parts[j].line {
			return parts[i].line < parts[j].line
		}
		return parts[i].x1-parts[i].x0 < parts[j].x1-parts[j].x0
	})
	lay := r.t.lay
	met := lay.met
	count := 0
	for i := range parts {
		if i > 0 && parts[i].line != parts[i-1].line {
			count = 0
		}
		p := &parts[i]
		p.level = count % arcLevels
		count++
		y := lay.arcY(p.line, p.level)
		if p.top0 > 0 {
			r.arcLine(p, p.x0, p.top0, p.x0, y)
		}
		if p.top1 > 0 {
			r.arcLine(p, p.x1, p.top1, p.x1, y)
		}
		r.arcLine(p, p.x0, y, p.x1, y)
		if p.arrowAt1 {
			r.arrowHead(p.x1, p.top1, p.col, p.width)
		}
		if p.arrowAt0 {
			r.arrowHead(p.x0, p.top0, p.col, p.width)
		}
		r.pointer(p.x0, y, p.edge0, p.col, p.width)
		r.pointer(p.x1, y, p.edge1, p.col, p.width)
		if p.caption != "" {
			w := lay.measureTag(p.caption) + 4
			cy := y - met.tagH/2
			cx := r.captionX(p.line, cy, (p.x0+p.x1-w)/2, w)
			r.rect(&r.marks, cx, cy, w, met.tagH-1, r.pal.bg)
			r.text(&r.marks, p.caption, cx+2, cy, met.tagSize, p.col, p.width > 1.5)
			r.t.hits = append(r.t.hits, hitRegion{pos: fyne.NewPos(cx, cy), size: fyne.NewSize(w, met.tagH), kind: hitAnnotation, ref: p.ref})
		}
	}
}

// arcLine draws a straight piece of an arc, across or down: dashed for a
// proposed link.
func (r *textRenderer) arcLine(p *arcPart, x0, y0, x1, y1 float32) {
	if !p.dashed {
		r.line(&r.marks, x0, y0, x1, y1, p.col, p.width)
		return
	}
	if y0 == y1 {
		r.dashes(&r.marks, min(x0, x1), y0-p.width/2, max(x0, x1)-min(x0, x1), true, p.col, p.width)
	} else {
		r.dashes(&r.marks, x0-p.width/2, min(y0, y1), max(y0, y1)-min(y0, y1), false, p.col, p.width)
	}
}

// arrowHead points down at a span's top at x, y.
func (r *textRenderer) arrowHead(x, y float32, col color.Color, width float32) {
	r.line(&r.marks, x, y, x-3, y-5, col, width)
	r.line(&r.marks, x, y, x+3, y-5, col, width)
}

// pointer marks the end of an arc piece at the margin: a short stroke with
// a chevron towards the row where the arc continues.
func (r *textRenderer) pointer(x, y float32, where int, col color.Color, width float32) {
	if where == continuesNone {
		return
	}
	d := float32(7)
	if where == continuesAbove {
		d = -d
	}
	r.line(&r.marks, x, y, x, y+d, col, width)
	r.line(&r.marks, x-3, y+d*0.5, x, y+d, col, width)
	r.line(&r.marks, x+3, y+d*0.5, x, y+d, col, width)
}

// drawRelations draws every relation with an end on a visible line as a
// brat-style arc from head to tail, captioned with its type; the selected
// relation and those of the selected or hovered span are emphasised.
// Relations that pass the screen with both ends off it show as a line in
// the right margin.
func (r *textRenderer) drawRelations() {
	e := r.t.ed
	m := e.m
	if len(m.ann.Relations) == 0 {
		return
	}
	lay := r.t.lay
	passing := 0
	for i := range m.ann.Relations {
		rel := &m.ann.Relations[i]
		// Skip relations with no end on screen before any map lookup.
		ends := m.relEnds[i]
		if ends.head < 0 || ends.tail < 0 || m.ents[ends.head].toks.empty() || m.ents[ends.tail].toks.empty() {
			continue
		}
		la, lb := int(lay.tokLn[m.ents[ends.head].toks.first]), int(lay.tokLn[m.ents[ends.tail].toks.first])
		if max(la, lb) < r.first || min(la, lb) > r.last {
			continue
		}
		ref := Ref{KindRelation, rel.ID}
		hot := e.sel == ref || e.hover == ref ||
			(e.sel.Kind == KindEntity && (e.sel.ID == rel.HeadID || e.sel.ID == rel.TailID)) ||
			(e.hover.Kind == KindEntity && (e.hover.ID == rel.HeadID || e.hover.ID == rel.TailID))
		col, width := r.pal.fg, float32(1)
		if !hot {
			col = r.pal.quiet
		}
		if e.sel == ref {
			col, width = r.pal.focus, 2.5
		} else if hot {
			width = 1.5
		}
		if min(la, lb) < r.first && max(la, lb) > r.last {
			r.passingMarker(passing, rel.Type, hot, col, width, ref)
			passing++
			continue
		}
		a, okA := r.entityAnchor(rel.HeadID)
		b, okB := r.entityAnchor(rel.TailID)
		if !okA || !okB {
			continue
		}
		symmetric := false
		if rt, ok := m.schema.RelationType(rel.Type); ok {
			symmetric = rt.Symmetric
		}
		r.relationParts(a, b, arcPart{caption: rel.Type, col: col, width: width, ref: ref}, !symmetric)
	}
}

// passingMarker draws the n-th relation whose ends are above and below the
// screen as a vertical line along the right margin, pointing both ways,
// captioned when it is in focus. Clicking it selects the relation.
func (r *textRenderer) passingMarker(n int, caption string, hot bool, col color.Color, width float32, ref Ref) {
	const maxMarkers = 3
	if n >= maxMarkers {
		return
	}
	lay := r.t.lay
	met := lay.met
	x := lay.width - 3 - float32(n)*3
	y0, y1 := r.viewTop+4, r.viewTop+r.viewH-4
	r.line(&r.marks, x, y0, x, y1, col, width)
	r.pointer(x, y0+7, continuesAbove, col, width)
	r.pointer(x, y1-7, continuesBelow, col, width)
	r.t.hits = append(r.t.hits, hitRegion{pos: fyne.NewPos(x-3, y0), size: fyne.NewSize(6, y1-y0), kind: hitAnnotation, ref: ref})
	if hot {
		w := lay.measureTag(caption) + 4
		cy := y0 + 10 + float32(n)*met.tagH
		r.rect(&r.over, x-6-w, cy, w, met.tagH-1, r.pal.bg)
		r.text(&r.over, caption, x-4-w, cy, met.tagSize, col, true)
	}
}

// drawQuoteLinks connects the selected or hovered quote to its speaker and
// cue. The two links leave the quote's chip apart, so that they and their
// captions stay distinguishable.
func (r *textRenderer) drawQuoteLinks() {
	e := r.t.ed
	lay := r.t.lay
	for i, ref := range []Ref{e.sel, e.hover} {
		if ref.Kind != KindQuote || (i == 1 && ref == e.sel) {
			continue
		}
		qi, ok := e.m.quoteByID[ref.ID]
		if !ok || lay.quoteChip[qi] < 0 {
			continue
		}
		q := &e.m.ann.Quotes[qi]
		speaker, hasSpeaker := r.entityAnchor(q.SpeakerID)
		var cue anchor
		hasCue := false
		if q.Cue != nil {
			cue, hasCue = r.tokensAnchor(e.m.tokensFor(q.Cue.Start, q.Cue.End))
		}
		link := arcPart{col: r.pal.quote, ref: ref}
		r.quoteLinks(lay.quoteChip[qi], speaker, hasSpeaker, cue, hasCue, link, 2, 1.5)
	}
	r.drawSuggestionLinks()
}

// quoteLinks draws the links from the quote chip c to its speaker and cue,
// from the template link with the given widths. The link to the end
// further left leaves from the chip's left part.
func (r *textRenderer) quoteLinks(c int32, speaker anchor, hasSpeaker bool, cue anchor, hasCue bool, link arcPart, speakerWidth, cueWidth float32) {
	from := r.chipAnchor(c)
	spread := r.t.lay.chips[c].w / 4
	speakerFrom, cueFrom := from, from
	if hasSpeaker && hasCue {
		if speaker.line < cue.line || (speaker.line == cue.line && speaker.x < cue.x) {
			speakerFrom.x -= spread
			cueFrom.x += spread
		} else {
			speakerFrom.x += spread
			cueFrom.x -= spread
		}
	}
	if hasSpeaker {
		p := link
		p.caption, p.width = "speaker", speakerWidth
		r.relationParts(speakerFrom, speaker, p, true)
	}
	if hasCue {
		p := link
		p.caption, p.width = "cue", cueWidth
		r.relationParts(cueFrom, cue, p, true)
	}
}

// capBox is the place of one arc caption.
type capBox struct {
	line   int
	x0, x1 float32
	y      float32
}

// captionX finds a place for a caption of width w near x on line li where it
// does not cover an earlier caption or a chip of the line (a proposed
// quote's links run through the chip rows: its lines have no arc band), and
// records it.
func (r *textRenderer) captionX(li int, y, x, w float32) float32 {
	lay := r.t.lay
	clamp := func(x float32) float32 { return max(padX, min(x, lay.width-padX-w)) }
	near := func(y2 float32) bool { return math.Abs(float64(y2-y)) < float64(lay.met.tagH) }
	x = clamp(x)
	ln := &lay.lines[li]
	for range 4 {
		moved := false
		for _, c := range r.caps {
			if c.line == li && near(c.y) && x < c.x1 && c.x0 < x+w {
				x = clamp(c.x1 + 2)
				moved = true
			}
		}
		for k := ln.chip0; k < ln.chip1; k++ {
			c := &lay.chips[k]
			if near(lay.chipTop(li, int(c.row))) && x < c.x+c.w && c.x < x+w {
				x = clamp(c.x + c.w + 2)
				moved = true
			}
		}
		if !moved {
			break
		}
	}
	r.caps = append(r.caps, capBox{li, x, x + w, y})
	return x
}
