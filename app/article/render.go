package article

import (
	"image/color"
	"math"
	"sort"

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
	tags  []tagRequest
	tagX  map[Ref]float32 // middle of each placed tag, where arcs attach
	caps  []capBox        // captions of arcs placed so far
}

func newTextRenderer(t *textView) *textRenderer {
	r := &textRenderer{t: t, tagX: map[Ref]float32{}}
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
	r.tags = r.tags[:0]
	r.caps = r.caps[:0]
	clear(r.tagX)
	if len(lay.lines) == 0 || len(lay.tokX) != len(m.toks) {
		r.objs = r.objs[:0]
		return
	}
	r.pal = newPalette(m)
	viewH := t.viewH
	if viewH <= 0 {
		viewH = t.Size().Height
	}
	r.first = lay.lineAt(t.viewTop - 20)
	r.last = lay.lineAt(t.viewTop + viewH + 20)
	first, end := lay.lines[r.first].first, lay.lines[r.last].end

	r.drawFindMatches(first, end)
	r.drawSelection()
	r.drawEntities(first, end)
	r.drawQuotes(first, end)
	r.placeTags()
	r.drawWords(first, end)
	r.drawSelectedOutline()
	r.drawRelations()
	r.drawQuoteLinks()
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
		if len(m.debris) > 0 && m.inDebris(i) {
			col = r.pal.dim
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
	r.textBand(&r.back, e.text.tokens(), col)
}

// drawEntities draws each entity as a tinted box behind its words, an
// underline at its nesting level and a solid tag with its label above its
// first word. Inner spans get smaller boxes and lower underlines, so nested
// spans stay distinguishable.
func (r *textRenderer) drawEntities(first, end int) {
	lay, m := r.t.lay, r.t.ed.m
	met := lay.met
	m.entitiesIn(first, end, func(i int) {
		ent := &m.ann.Entities[i]
		v := m.ents[i]
		col := r.pal.label(ent.Label)
		level := min(v.level, maxLevels-1)
		inset := float32(min(level, 3))
		lay.fragments(v.toks, r.first, r.last, func(li int, x0, x1 float32, firstFrag bool) {
			r.rect(&r.back, x0-2+inset, lay.textTop(li)-1+inset, x1-x0+4-2*inset, met.textH+2-2*inset, withAlpha(col, r.pal.spanAlpha))
			r.rect(&r.marks, x0, lay.underTop(li)+float32(level)*underStep, x1-x0, 2, col)
			if firstFrag {
				r.tag(li, x0, min(v.level, maxTagRows-1), ent.Label, col, Ref{KindEntity, ent.ID})
			}
		})
	})
}

// tagRequest is a label tag waiting to be placed.
type tagRequest struct {
	line    int
	x       float32
	row     int
	caption string
	col     color.NRGBA
	ref     Ref
}

// tag queues a label tag for row of line li at x.
func (r *textRenderer) tag(li int, x float32, row int, caption string, col color.NRGBA, ref Ref) {
	r.tags = append(r.tags, tagRequest{li, x, row, caption, col, ref})
}

// placeTags draws the queued tags left to right, moving each one right past
// the tags before it in its row so that none covers another.
func (r *textRenderer) placeTags() {
	sort.SliceStable(r.tags, func(i, j int) bool {
		a, b := &r.tags[i], &r.tags[j]
		if a.line != b.line {
			return a.line < b.line
		}
		return a.x < b.x
	})
	met := r.t.lay.met
	var ends [maxTagRows + 1]float32
	line := -1
	for _, tg := range r.tags {
		if tg.line != line {
			line, ends = tg.line, [maxTagRows + 1]float32{}
		}
		x := max(tg.x, ends[tg.row])
		w := r.t.lay.measureTag(tg.caption) + 6
		y := r.t.lay.lines[tg.line].y + arcBand + float32(tg.row)*met.tagH
		bg := r.rect(&r.marks, x, y, w, met.tagH-1, tg.col)
		bg.CornerRadius = 3
		r.text(&r.marks, tg.caption, x+3, y, met.tagSize, captionColor(tg.col), true)
		ends[tg.row] = x + w + 2
		r.tagX[tg.ref] = x + w/2
		r.t.hits = append(r.t.hits, hitRegion{pos: fyne.NewPos(x, y), size: fyne.NewSize(w, met.tagH), kind: hitAnnotation, ref: tg.ref})
	}
}

// drawQuotes draws quote content as a bar in the quote colour under the
// words, a small badge with the kind above the first word, and the cue with
// a thin frame.
func (r *textRenderer) drawQuotes(first, end int) {
	lay, m := r.t.lay, r.t.ed.m
	met := lay.met
	q := r.pal.quote
	m.segmentsIn(first, end, func(i int) {
		s := m.segments[i]
		quote := &m.ann.Quotes[s.quote]
		ref := Ref{KindQuote, quote.ID}
		lay.fragments(s.toks, r.first, r.last, func(li int, x0, x1 float32, firstFrag bool) {
			if s.cue {
				r.outline(&r.marks, x0-2, lay.textTop(li)-2, x1-x0+4, met.textH+4, q, 1)
				return
			}
			barY := lay.quoteTop(li)
			r.rect(&r.marks, x0, barY, x1-x0, 3, q)
			r.t.hits = append(r.t.hits, hitRegion{pos: fyne.NewPos(x0, barY-1), size: fyne.NewSize(x1-x0, quoteBand), kind: hitAnnotation, ref: ref})
			if firstFrag && quote.Content[0].Start == m.toks[s.toks.first].Start {
				r.tag(li, x0, 0, quoteCaption(quote.Kind), q, ref)
			}
		})
	})
}

func (r *textRenderer) drawSelectedOutline() {
	e := r.t.ed
	lay := r.t.lay
	met := lay.met
	col := r.pal.focus
	frame := func(toks tokRange) {
		lay.fragments(toks, r.first, r.last, func(li int, x0, x1 float32, _ bool) {
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
			if _, v := e.m.entity(ref.ID); v != nil {
				frame(v.toks)
			}
		case KindQuote:
			if q := e.m.quote(ref.ID); q != nil {
				for _, s := range q.Content {
					frame(e.m.tokensFor(s.Start, s.End))
				}
			}
		}
	}
}
