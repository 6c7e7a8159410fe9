package article

import (
	"image/color"
	"math"
	"sort"

	"fyne.io/fyne/v2"

	"byline/annotate"
)

func quoteCaption(k annotate.QuoteKind) string { return "QUOTE " + string(k) }

// anchor is where an arc meets a span: the top of the tag area above the
// middle of the span's first line fragment.
type anchor struct {
	line int
	x    float32
}

func (r *textRenderer) entityAnchor(id int64) (anchor, bool) {
	_, v := r.t.ed.m.entity(id)
	if v == nil || v.toks.empty() {
		return anchor{}, false
	}
	a, ok := r.tokensAnchor(v.toks)
	if x, placed := r.tagX[Ref{KindEntity, id}]; placed {
		a.x = x
	}
	return a, ok
}

// arcPart is the piece of an arc drawn on one line.
type arcPart struct {
	line       int
	x0, x1     float32 // horizontal run
	downAt0    bool    // a vertical leg at x0 ends at a span
	downAt1    bool
	arrowAt1   bool
	arrowAt0   bool
	caption    string
	col        color.Color
	width      float32
	ref        Ref
	level      int
	hasCaption bool
}

// relationParts splits the arc from a to b into the parts on visible lines.
func (r *textRenderer) relationParts(a, b anchor, p arcPart, out []arcPart) []arcPart {
	lay := r.t.lay
	left, right := float32(padX), lay.width-padX
	visible := func(li int) bool { return li >= r.first && li <= r.last }
	if a.line == b.line {
		if !visible(a.line) {
			return out
		}
		p.line, p.downAt0, p.downAt1 = a.line, true, true
		if a.x <= b.x {
			p.x0, p.x1 = a.x, b.x
		} else {
			p.x0, p.x1, p.arrowAt0, p.arrowAt1 = b.x, a.x, p.arrowAt1, false
		}
		return append(out, p)
	}
	arrow := p.arrowAt1
	// Head part runs from the head towards the tail's side of the line.
	if visible(a.line) {
		h := p
		h.line, h.arrowAt0, h.arrowAt1 = a.line, false, false
		if b.line > a.line {
			h.x0, h.x1, h.downAt0, h.downAt1 = a.x, right, true, false
		} else {
			h.x0, h.x1, h.downAt0, h.downAt1 = left, a.x, false, true
		}
		out = append(out, h)
	}
	if visible(b.line) {
		t := p
		t.line = b.line
		if b.line > a.line {
			t.x0, t.x1, t.downAt0, t.downAt1, t.arrowAt0, t.arrowAt1 = left, b.x, false, true, false, arrow
		} else {
			t.x0, t.x1, t.downAt0, t.downAt1, t.arrowAt0, t.arrowAt1 = b.x, right, true, false, arrow, false
		}
		t.hasCaption = !visible(a.line)
		out = append(out, t)
	}
	return out
}

// drawArcs stacks the parts of each line by length, shortest lowest, so
// nested arcs do not cover each other, then draws them.
func (r *textRenderer) drawArcs(parts []arcPart) {
	sort.SliceStable(parts, func(i, j int) bool {
		if parts[i].line != parts[j].line {
			return parts[i].line < parts[j].line
		}
		return parts[i].x1-parts[i].x0 < parts[j].x1-parts[j].x0
	})
	lay := r.t.lay
	met := lay.met
	levels := int(arcBand/arcStep) - 1
	count := 0
	for i := range parts {
		if i > 0 && parts[i].line != parts[i-1].line {
			count = 0
		}
		p := &parts[i]
		p.level = count % levels
		count++
		ln := lay.lines[p.line]
		base := ln.y + arcBand - 1
		y := ln.y + arcBand - 3 - float32(p.level)*arcStep
		if p.downAt0 {
			r.line(&r.marks, p.x0, base, p.x0, y, p.col, p.width)
		}
		if p.downAt1 {
			r.line(&r.marks, p.x1, base, p.x1, y, p.col, p.width)
		}
		r.line(&r.marks, p.x0, y, p.x1, y, p.col, p.width)
		if p.arrowAt1 {
			r.arrowHead(p.x1, base, p.col, p.width)
		}
		if p.arrowAt0 {
			r.arrowHead(p.x0, base, p.col, p.width)
		}
		if p.hasCaption && p.caption != "" {
			w := lay.measureTag(p.caption) + 4
			cy := y - met.tagH/2
			cx := r.captionX(p.line, cy, (p.x0+p.x1-w)/2, w)
			r.rect(&r.marks, cx, cy, w, met.tagH-1, r.pal.bg)
			r.text(&r.marks, p.caption, cx+2, cy, met.tagSize, p.col, p.width > 1.5)
			if p.ref.Kind == KindRelation {
				r.t.hits = append(r.t.hits, hitRegion{pos: fyne.NewPos(cx, cy), size: fyne.NewSize(w, met.tagH), kind: hitAnnotation, ref: p.ref})
			}
		}
	}
}

func (r *textRenderer) arrowHead(x, y float32, col color.Color, width float32) {
	r.line(&r.marks, x, y, x-3, y-5, col, width)
	r.line(&r.marks, x, y, x+3, y-5, col, width)
}

// drawRelations draws every relation with an end on a visible line as a
// brat-style arc from head to tail, captioned with its type; the selected
// relation and those of the selected or hovered span are emphasised.
func (r *textRenderer) drawRelations() {
	e := r.t.ed
	m := e.m
	if len(m.ann.Relations) == 0 {
		return
	}
	var parts []arcPart
	lay := r.t.lay
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
		a, okA := r.entityAnchor(rel.HeadID)
		b, okB := r.entityAnchor(rel.TailID)
		if !okA || !okB {
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
		symmetric := false
		if rt, ok := m.schema.RelationType(rel.Type); ok {
			symmetric = rt.Symmetric
		}
		p := arcPart{caption: rel.Type, col: col, width: width, ref: ref, arrowAt1: !symmetric, hasCaption: true}
		parts = r.relationParts(a, b, p, parts)
	}
	r.drawArcs(parts)
}

// drawQuoteLinks connects the selected or hovered quote to its speaker and
// cue.
func (r *textRenderer) drawQuoteLinks() {
	e := r.t.ed
	var parts []arcPart
	for _, ref := range []Ref{e.sel, e.hover} {
		if ref.Kind != KindQuote {
			continue
		}
		q := e.m.quote(ref.ID)
		if q == nil || len(q.Content) == 0 {
			continue
		}
		from, ok := r.tokensAnchor(e.m.tokensFor(q.Content[0].Start, q.Content[0].End))
		if !ok {
			continue
		}
		if x, placed := r.tagX[ref]; placed {
			from.x = x
		}
		if q.SpeakerID != 0 {
			if to, ok := r.entityAnchor(q.SpeakerID); ok {
				parts = r.relationParts(from, to, arcPart{caption: "speaker", col: r.pal.quote, width: 2, ref: ref, arrowAt1: true, hasCaption: true}, parts)
			}
		}
		if q.Cue != nil {
			if to, ok := r.tokensAnchor(e.m.tokensFor(q.Cue.Start, q.Cue.End)); ok {
				parts = r.relationParts(from, to, arcPart{caption: "cue", col: r.pal.quote, width: 1.5, ref: ref, arrowAt1: true, hasCaption: true}, parts)
			}
		}
	}
	r.drawArcs(parts)
}

func (r *textRenderer) tokensAnchor(toks tokRange) (anchor, bool) {
	if toks.empty() {
		return anchor{}, false
	}
	lay := r.t.lay
	li := int(lay.tokLn[toks.first])
	a := anchor{line: li}
	lay.fragments(toks, li, li, func(_ int, x0, x1 float32, _ bool) { a.x = (x0 + x1) / 2 })
	return a, true
}

// capBox is the place of one arc caption.
type capBox struct {
	line   int
	x0, x1 float32
	y      float32
}

// captionX finds a place for a caption of width w near x on line li where it
// does not cover an earlier caption, and records it.
func (r *textRenderer) captionX(li int, y, x, w float32) float32 {
	lay := r.t.lay
	clamp := func(x float32) float32 { return max(padX, min(x, lay.width-padX-w)) }
	x = clamp(x)
	for range 4 {
		moved := false
		for _, c := range r.caps {
			if c.line == li && math.Abs(float64(c.y-y)) < float64(lay.met.tagH) && x < c.x1 && c.x0 < x+w {
				x = clamp(c.x1 + 2)
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
