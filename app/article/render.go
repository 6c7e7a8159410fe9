package article

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// pool hands out reusable canvas objects; reset makes all of them free again.
type pool[T any] struct {
	items []T
	used  int
	make  func() T
}

func (p *pool[T]) get() T {
	if p.used == len(p.items) {
		p.items = append(p.items, p.make())
	}
	o := p.items[p.used]
	p.used++
	return o
}

func (p *pool[T]) reset() { p.used = 0 }

// textRenderer draws the visible lines of a textView from pooled objects, in
// four layers: backgrounds, words, marks (underlines, tags, arcs) and
// overlays (chooser, tooltip).
type textRenderer struct {
	t     *textView
	rects pool[*canvas.Rectangle]
	texts pool[*canvas.Text]
	lines pool[*canvas.Line]
	back  []fyne.CanvasObject
	words []fyne.CanvasObject
	marks []fyne.CanvasObject
	over  []fyne.CanvasObject
	objs  []fyne.CanvasObject
	pal   *palette
	first int // first and last visible lines
	last  int
	caps  []capBox // captions of arcs placed so far
	parts []arcPart
	// The visible part of the text.
	viewTop, viewH float32
}

func newTextRenderer(t *textView) *textRenderer {
	r := &textRenderer{t: t}
	r.rects.make = func() *canvas.Rectangle { return &canvas.Rectangle{} }
	r.texts.make = func() *canvas.Text { return &canvas.Text{} }
	r.lines.make = func() *canvas.Line { return &canvas.Line{} }
	return r
}

func (r *textRenderer) Layout(fyne.Size) { r.draw() }

func (r *textRenderer) MinSize() fyne.Size {
	return fyne.NewSize(100, r.t.lay.height)
}

func (r *textRenderer) Refresh() {
	r.draw()
	canvas.Refresh(r.t)
}

func (r *textRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *textRenderer) Destroy() {}

func round(v float32) float32 { return float32(math.Round(float64(v))) }

// rect adds a filled rectangle to layer.
func (r *textRenderer) rect(layer *[]fyne.CanvasObject, x, y, w, h float32, fill color.Color) *canvas.Rectangle {
	o := r.rects.get()
	o.FillColor = fill
	o.StrokeColor = nil
	o.StrokeWidth = 0
	o.CornerRadius = 0
	o.Move(fyne.NewPos(round(x), round(y)))
	o.Resize(fyne.NewSize(round(w), round(h)))
	*layer = append(*layer, o)
	return o
}

// outline adds an unfilled rectangle to layer.
func (r *textRenderer) outline(layer *[]fyne.CanvasObject, x, y, w, h float32, stroke color.Color, width float32) {
	o := r.rect(layer, x, y, w, h, color.Transparent)
	o.StrokeColor = stroke
	o.StrokeWidth = width
	o.CornerRadius = 2
}

// text adds a caption or word to layer.
func (r *textRenderer) text(layer *[]fyne.CanvasObject, s string, x, y float32, size float32, col color.Color, bold bool) *canvas.Text {
	o := r.texts.get()
	o.Text = s
	o.TextSize = size
	o.Color = col
	o.TextStyle = fyne.TextStyle{Bold: bold}
	o.Move(fyne.NewPos(round(x), round(y)))
	*layer = append(*layer, o)
	return o
}

// line adds a straight line to layer.
func (r *textRenderer) line(layer *[]fyne.CanvasObject, x1, y1, x2, y2 float32, col color.Color, width float32) {
	o := r.lines.get()
	o.StrokeColor = col
	o.StrokeWidth = width
	o.Position1 = fyne.NewPos(round(x1), round(y1))
	o.Position2 = fyne.NewPos(round(x2), round(y2))
	*layer = append(*layer, o)
}

// draw rebuilds the object list for the visible lines.
func (r *textRenderer) draw() {
	t := r.t
	lay, m := t.lay, t.ed.m
	r.rects.reset()
	r.texts.reset()
	r.lines.reset()
	r.back, r.words, r.marks, r.over = r.back[:0], r.words[:0], r.marks[:0], r.over[:0]
	t.hits = t.hits[:0]
	r.caps = r.caps[:0]
	if len(lay.lines) == 0 || len(lay.tokX) != len(m.toks) {
		r.objs = r.objs[:0]
		return
	}
	r.pal = newPalette(m)
	viewH := t.viewH
	if viewH <= 0 {
		viewH = t.Size().Height
	}
	r.viewTop, r.viewH = t.viewTop, viewH
	r.first = lay.lineAt(t.viewTop - 20)
	r.last = lay.lineAt(t.viewTop + viewH + 20)
	first, end := lay.lines[r.first].first, lay.lines[r.last].end

	r.drawFindMatches(first, end)
	r.drawSelection()
	r.drawEntities(first, end)
	r.drawQuotes(first, end)
	r.drawSuggestions(first, end)
	r.drawWords(first, end)
	r.drawSelectedOutline()
	r.drawActorMarks(first, end)
	// Arcs go under the chips: a leg passing a chip of a crowded line must
	// not hide its caption.
	r.parts = r.parts[:0]
	r.drawRelations()
	r.drawQuoteLinks()
	r.drawArcs()
	r.drawChips()
	r.drawChooser()
	r.drawTooltip()

	r.objs = r.objs[:0]
	r.objs = append(r.objs, r.back...)
	r.objs = append(r.objs, r.words...)
	r.objs = append(r.objs, r.marks...)
	r.objs = append(r.objs, r.over...)
}

func (r *textRenderer) drawWords(first, end int) {
	lay, m := r.t.lay, r.t.ed.m
	for i := first; i < end; i++ {
		col := r.pal.fg
		switch {
		case len(m.debris) > 0 && m.inDebris(i):
			col = r.pal.dim
		case i < lay.titleEnd:
			// The title again, dimmed but still readable: it is text that
			// can be annotated.
			col = r.pal.quiet
		}
		o := r.text(&r.words, m.tokenText(i), padX+lay.tokX[i], lay.textTop(int(lay.tokLn[i])), lay.met.textSize, col, false)
		o.Resize(fyne.NewSize(lay.tokW[i], lay.met.textH))
	}
}

// textBand draws one rectangle per line fragment of toks around the text.
func (r *textRenderer) textBand(layer *[]fyne.CanvasObject, toks tokRange, fill color.Color) {
	lay := r.t.lay
	lay.fragments(toks, r.first, r.last, func(li int, x0, x1 float32, _ bool) {
		r.rect(layer, x0-1, lay.textTop(li)-1, x1-x0+2, lay.met.textH+2, fill)
	})
}

func (r *textRenderer) drawSelection() {
	e := r.t.ed
	if !e.text.active() {
		return
	}
	col := r.pal.selection
	if !r.t.focused {
		// Keep the selection visible, fainter, while e.g. the palette has focus.
		col = mix(col, r.pal.bg, 0.5)
	}
	if e.text.chars {
		start, end := e.text.codePoints(e.m)
		r.cpBand(&r.back, start, end, col)
		return
	}
	r.textBand(&r.back, e.text.tokens(), col)
}

// drawEntities draws each entity as a tinted box behind its words and an
// underline at its nesting level; its chip is drawn by drawChips. Inner spans
// get smaller boxes and lower underlines, so nested spans stay
// distinguishable.
func (r *textRenderer) drawEntities(first, end int) {
	lay, m := r.t.lay, r.t.ed.m
	met := lay.met
	m.entitiesIn(first, end, func(i int) {
		ent := &m.ann.Entities[i]
		v := m.ents[i]
		col := r.pal.label(ent.Label)
		level := min(v.level, maxLevels-1)
		inset := float32(min(level, 3))
		lay.spanFragments(m, v.toks, ent.Start, ent.End, r.first, r.last, func(li int, x0, x1 float32, _ bool) {
			r.rect(&r.back, x0-2+inset, lay.textTop(li)-1+inset, x1-x0+4-2*inset, met.textH+2-2*inset, withAlpha(col, r.pal.spanAlpha))
			r.rect(&r.marks, x0, lay.underTop(li)+float32(level)*underStep, x1-x0, 2, col)
		})
	})
}

// drawChips draws the chips layout placed on the visible lines: solid boxes
// in the label's colour with the caption in black or white.
func (r *textRenderer) drawChips() {
	lay := r.t.lay
	met := lay.met
	for li := r.first; li <= r.last; li++ {
		ln := &lay.lines[li]
		for _, c := range lay.chips[ln.chip0:ln.chip1] {
			if c.ref.Kind == kindSuggestion {
				r.suggestionChip(li, &c)
				continue
			}
			col := r.pal.quote
			if c.ref.Kind == KindEntity {
				col = r.pal.label(c.label)
			}
			y := lay.chipTop(li, int(c.row))
			bg := r.rect(&r.marks, c.x, y, c.w, met.tagH-1, col)
			bg.CornerRadius = 3
			r.text(&r.marks, c.caption, c.x+chipPad, y, met.tagSize, r.pal.caption(col), true)
			r.t.hits = append(r.t.hits, hitRegion{pos: fyne.NewPos(c.x, y), size: fyne.NewSize(c.w, met.tagH), kind: hitAnnotation, ref: c.ref})
		}
	}
}

// drawQuotes draws quote content as a bar in the quote colour under the
// words and the cue with a thin frame; the badge with the kind is a chip.
func (r *textRenderer) drawQuotes(first, end int) {
	lay, m := r.t.lay, r.t.ed.m
	met := lay.met
	q := r.pal.quote
	m.segmentsIn(first, end, func(i int) {
		s := m.segments[i]
		quote := &m.ann.Quotes[s.quote]
		ref := Ref{KindQuote, quote.ID}
		lay.spanFragments(m, s.toks, s.start, s.end, r.first, r.last, func(li int, x0, x1 float32, _ bool) {
			if s.cue {
				r.outline(&r.marks, x0-2, lay.textTop(li)-2, x1-x0+4, met.textH+4, q, 1)
				return
			}
			barY := lay.quoteTop(li)
			r.rect(&r.marks, x0, barY, x1-x0, 3, q)
			r.t.hits = append(r.t.hits, hitRegion{pos: fyne.NewPos(x0, barY-1), size: fyne.NewSize(x1-x0, quoteBand), kind: hitAnnotation, ref: ref})
		})
	})
}

func (r *textRenderer) drawSelectedOutline() {
	e := r.t.ed
	lay := r.t.lay
	met := lay.met
	col := r.pal.focus
	frame := func(toks tokRange, start, end int) {
		lay.spanFragments(e.m, toks, start, end, r.first, r.last, func(li int, x0, x1 float32, _ bool) {
			r.outline(&r.marks, x0-3, lay.textTop(li)-3, x1-x0+6, met.textH+6, col, 2)
		})
	}
	refs := []Ref{e.sel}
	if e.mode.kind == modeRelType {
		refs = append(refs, Ref{KindEntity, e.mode.tail})
	}
	if e.mode.candidate != 0 {
		refs = append(refs, Ref{KindEntity, e.mode.candidate})
	}
	for _, ref := range refs {
		switch ref.Kind {
		case KindEntity:
			if ent, v := e.m.entity(ref.ID); v != nil {
				frame(v.toks, ent.Start, ent.End)
			}
		case KindQuote:
			if q := e.m.quote(ref.ID); q != nil {
				for _, s := range q.Content {
					frame(e.m.tokensFor(s.Start, s.End), s.Start, s.End)
				}
			}
		}
	}
}
