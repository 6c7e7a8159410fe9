package article

import (
	"context"
	"image/color"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"byline/annotate"
	"byline/assets"
)

// The article pane of the default 1280×800 window, header included: the
// window less the document list, the side panel, the toolbar and the
// status bar, as measured under X (see app.Window).
var defaultArticleSize = fyne.NewSize(705, 672)

// sampleArticle is the seed-like sample shipped with Byline, long enough to
// fill a screen.
func sampleArticle(t *testing.T) string {
	t.Helper()
	var parts []string
	for _, s := range assets.Samples() {
		if strings.HasPrefix(s.Name, "01-") || strings.HasPrefix(s.Name, "03-") {
			parts = append(parts, strings.TrimSpace(string(s.Data)))
		}
	}
	if len(parts) != 2 {
		t.Fatalf("samples: found %d of 2", len(parts))
	}
	return strings.Join(parts, "\n\n")
}

// visibleLines counts the text lines entirely inside the visible part of
// the text.
func visibleLines(h *harness) int {
	tv := h.tv()
	n := 0
	for _, ln := range tv.lay.lines {
		if !ln.blank && ln.end > ln.first && ln.y >= tv.viewTop && ln.y+ln.h <= tv.viewTop+tv.viewH {
			n++
		}
	}
	return n
}

func TestUnannotatedArticleShowsTwentyLines(t *testing.T) {
	h := newHarness(t, "x")
	fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
	h.win.Resize(defaultArticleSize)
	h.open(sampleArticle(t), annotate.Meta{Title: "Foreign ministers meet in Geneva as ceasefire talks resume", Source: "Wire"})
	n := visibleLines(h)
	if n < 20 {
		t.Errorf("%d lines visible in the default window, want at least 20", n)
	}
	t.Logf("%d lines visible", n)
	lay := h.tv().lay
	var lineGap, paraGap float32
	for i := 1; i+1 < len(lay.lines); i++ {
		prev, ln := lay.lines[i-1], lay.lines[i]
		switch {
		case ln.blank:
			paraGap = lay.textTop(i+1) - (lay.textTop(i-1) + lay.met.textH)
		case !prev.blank && lineGap == 0:
			lineGap = lay.textTop(i) - (lay.textTop(i-1) + lay.met.textH)
		}
	}
	if lineGap <= 0 || paraGap < 2.5*lineGap {
		t.Errorf("gap between lines %.0f, between paragraphs %.0f: paragraphs must stand out", lineGap, paraGap)
	}
}

// createEntity stores a span over the n-th occurrence of s.
func (h *harness) createEntity(s, label string, n int) int64 {
	h.t.Helper()
	text := h.ed.m.doc.Text
	a, b := offsets(text, s, n)
	e := &annotate.Entity{DocumentID: h.doc, Start: a, End: b, Label: label}
	if err := h.store.CreateEntity(context.Background(), e); err != nil {
		h.t.Fatal(err)
	}
	if err := h.ed.Reload(); err != nil {
		h.t.Fatal(err)
	}
	return e.ID
}

func TestBandsOnlyWhereNeeded(t *testing.T) {
	h := newHarness(t, "x")
	h.open("Ministers from Geneva met in Paris on Thursday.\nThe talks went on.\nNothing else happened here.", annotate.Meta{Title: "t"})
	lay := h.tv().lay
	plain := lay.lines[1].h
	h.createEntity("Geneva", "GPE", 0)
	if lay.lines[1].h != plain || lay.lines[2].h != plain {
		t.Fatalf("lines without annotations changed height: %.0f, %.0f, want %.0f", lay.lines[1].h, lay.lines[2].h, plain)
	}
	if lay.lines[0].h <= plain {
		t.Fatalf("the annotated line has no room for its chip: %.0f", lay.lines[0].h)
	}
	// A second label on the line does not move its text.
	top := lay.textTop(0)
	h.createEntity("Paris", "GPE", 0)
	if got := lay.textTop(0); got != top {
		t.Errorf("the second label moved the text from %.0f to %.0f", top, got)
	}
	// A relation gives both its lines a band for the arc; the line between
	// keeps plain leading.
	head := h.ed.m.ann.Entities[0].ID
	tail := h.createEntity("Nothing", "PERSON", 0)
	if err := h.store.CreateRelation(context.Background(), &annotate.Relation{DocumentID: h.doc, Type: "SUPPORTS", HeadID: head, TailID: tail}); err != nil {
		t.Fatal(err)
	}
	if err := h.ed.Reload(); err != nil {
		t.Fatal(err)
	}
	if !lay.lines[0].arcs || !lay.lines[2].arcs || lay.lines[1].arcs || lay.lines[1].h != plain {
		t.Errorf("arc bands %v %v %v, middle line %.0f", lay.lines[0].arcs, lay.lines[1].arcs, lay.lines[2].arcs, lay.lines[1].h)
	}
}

type box struct{ x0, y0, x1, y1 float32 }

func (a box) intersects(b box) bool { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 }

// chipBoxes returns the drawn chips' rectangles by annotation.
func chipBoxes(lay *layout) ([]box, []chip) {
	var out []box
	for _, c := range lay.chips {
		y := lay.chipTop(int(c.line), int(c.row))
		out = append(out, box{c.x, y, c.x + c.w, y + lay.met.tagH - 1})
	}
	return out, lay.chips
}

func TestCrowdedChipsStackWithoutOverlap(t *testing.T) {
	h := newHarness(t, "x")
	h.open("In the EU, UK, US, UN and G7 talks, Li, Xi and Yi of PRC met at the WTO, NATO and IMF. Alone.", annotate.Meta{Title: "t"})
	for _, w := range []string{"EU", "UK", "US", "UN", "G7", "Li", "Xi", "Yi", "PRC", "WTO", "NATO", "IMF"} {
		h.createEntity(w, "PERSON", 0)
	}
	h.createEntity("EU, UK, US", "NORP", 0)
	h.createEntity("G7 talks", "EVENT", 0)
	h.createEntity("the WTO, NATO and IMF", "ORG", 0)
	lay := h.tv().lay
	boxes, chips := chipBoxes(lay)
	if len(boxes) != 15 {
		t.Fatalf("%d chips, want 15", len(boxes))
	}
	rows := 0
	for i := range boxes {
		rows = max(rows, int(chips[i].row)+1)
		for j := i + 1; j < len(boxes); j++ {
			if boxes[i].intersects(boxes[j]) {
				t.Errorf("chips %s and %s overlap: %v %v", chips[i].caption, chips[j].caption, boxes[i], boxes[j])
			}
		}
		// Each chip stays over its words.
		k := h.ed.m.entByID[chips[i].ref.ID]
		toks := h.ed.m.ents[k].toks
		pos, _ := lay.tokenRect(toks.first)
		endPos, endSize := lay.tokenRect(toks.end - 1)
		if lay.tokLn[toks.first] == lay.tokLn[toks.end-1] && (boxes[i].x1 <= pos.X || boxes[i].x0 >= endPos.X+endSize.Width) {
			t.Errorf("chip %s at %.0f–%.0f is off its words at %.0f–%.0f", chips[i].caption, boxes[i].x0, boxes[i].x1, pos.X, endPos.X+endSize.Width)
		}
		if boxes[i].y1 > lay.textTop(int(chips[i].line)) {
			t.Errorf("chip %s covers its text", chips[i].caption)
		}
	}
	if rows < 2 {
		t.Errorf("crowded chips in %d row(s); expected them stacked", rows)
	}
	// What is drawn matches: no two chip rectangles drawn intersect.
	r := rendererOf(h)
	h.tv().Refresh()
	var drawn []box
	for _, hit := range h.tv().hits {
		if hit.kind == hitAnnotation && hit.ref.Kind == KindEntity {
			drawn = append(drawn, box{hit.pos.X, hit.pos.Y, hit.pos.X + hit.size.Width, hit.pos.Y + hit.size.Height - 1})
		}
	}
	if len(drawn) != 15 || len(r.objs) == 0 {
		t.Fatalf("%d chips drawn", len(drawn))
	}
	for i := range drawn {
		for j := i + 1; j < len(drawn); j++ {
			if drawn[i].intersects(drawn[j]) {
				t.Errorf("drawn chips %d and %d overlap", i, j)
			}
		}
	}
}

// drawnTexts counts the drawn texts equal to s.
func drawnTexts(r *textRenderer, s string) int {
	n := 0
	for _, o := range r.objs {
		if t, ok := o.(*canvas.Text); ok && t.Text == s {
			n++
		}
	}
	return n
}

func TestRelationAcrossLines(t *testing.T) {
	h := newHarness(t, "x")
	h.win.Resize(fyne.NewSize(500, 300))
	var b strings.Builder
	b.WriteString("Lavrov spoke first.\n")
	for i := range 40 {
		b.WriteString("Filler line number " + string(rune('a'+i%26)) + " here.\n")
	}
	b.WriteString("Then Fidan answered.")
	h.open(b.String(), annotate.Meta{Title: "t"})
	head := h.createEntity("Lavrov", "PERSON", 0)
	tail := h.createEntity("Fidan", "PERSON", 0)
	h.createEntity("Filler", "ORG", 0)
	rel := &annotate.Relation{DocumentID: h.doc, Type: "CRITICIZES", HeadID: head, TailID: tail}
	if err := h.store.CreateRelation(context.Background(), rel); err != nil {
		t.Fatal(err)
	}
	if err := h.ed.Reload(); err != nil {
		t.Fatal(err)
	}
	tv, lay := h.tv(), h.tv().lay
	r := rendererOf(h)
	relHits := func() []hitRegion {
		var out []hitRegion
		for _, hit := range tv.hits {
			if hit.ref == (Ref{KindRelation, rel.ID}) {
				out = append(out, hit)
			}
		}
		return out
	}
	// Head on screen: its piece is captioned and ends at the right margin
	// in a pointer downwards, not at some other mention.
	if n := drawnTexts(r, "CRITICIZES"); n != 1 {
		t.Fatalf("%d captions with only the head visible, want 1", n)
	}
	headLine := int(lay.tokLn[h.token("Lavrov", 0)])
	y := lay.arcY(headLine, 0)
	if !hasLine(r, lay.width-padX/2, y, lay.width-padX/2, y+7) {
		t.Error("no pointer at the right margin where the arc continues below")
	}
	// Scrolled between the ends: a marker at the edge that selects it.
	mid := lay.lines[len(lay.lines)/2].y
	h.ed.view.scroll.ScrollToOffset(fyne.NewPos(0, mid))
	tv.setViewport(mid, tv.viewH)
	hits := relHits()
	if len(hits) != 1 || hits[0].pos.X < lay.width-padX {
		t.Fatalf("with both ends off-screen: %+v, want one marker in the right margin", hits)
	}
	h.clickAt(hits[0].pos.Add(fyne.NewPos(hits[0].size.Width/2, 20)))
	if h.ed.Selected() != (Ref{KindRelation, rel.ID}) {
		t.Errorf("clicking the marker selected %+v", h.ed.Selected())
	}
	// Tail on screen: captioned again, with an arrow at the tail.
	end := lay.height - tv.viewH
	h.ed.view.scroll.ScrollToOffset(fyne.NewPos(0, end))
	tv.setViewport(end, tv.viewH)
	if n := drawnTexts(r, "CRITICIZES"); n != 1 {
		t.Fatalf("%d captions with only the tail visible, want 1", n)
	}
	// Both on one screen (tall window): one caption per row, and no caption
	// covers a chip.
	h.win.Resize(fyne.NewSize(500, lay.height+200))
	tv.setViewport(0, lay.height+100)
	if n := drawnTexts(r, "CRITICIZES"); n != 2 {
		t.Errorf("%d captions with both ends visible, want one on each row", n)
	}
	var caps, chips []box
	for _, hit := range tv.hits {
		b := box{hit.pos.X, hit.pos.Y, hit.pos.X + hit.size.Width, hit.pos.Y + hit.size.Height - 1}
		if hit.ref.Kind == KindRelation {
			caps = append(caps, b)
		} else if hit.ref.Kind == KindEntity {
			chips = append(chips, b)
		}
	}
	for _, c := range caps {
		for _, ch := range chips {
			if c.intersects(ch) {
				t.Errorf("arc caption %v covers chip %v", c, ch)
			}
		}
	}
}

// hasLine reports whether r drew a line from (x1, y1) to (x2, y2), to the
// pixel.
func hasLine(r *textRenderer, x1, y1, x2, y2 float32) bool {
	for _, o := range r.objs {
		l, ok := o.(*canvas.Line)
		if ok && l.Position1 == fyne.NewPos(round(x1), round(y1)) && l.Position2 == fyne.NewPos(round(x2), round(y2)) {
			return true
		}
	}
	return false
}

// labDistance is the CIE76 colour difference of two opaque colours: about
// 2.3 is just noticeable; 10 and more reads as a different colour.
func labDistance(a, b color.Color) float64 {
	lab := func(c color.Color) [3]float64 {
		r, g, bl, _ := c.RGBA()
		lin := func(v uint32) float64 {
			x := float64(v) / 0xffff
			if x <= 0.04045 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		R, G, B := lin(r), lin(g), lin(bl)
		x := (0.4124*R + 0.3576*G + 0.1805*B) / 0.95047
		y := 0.2126*R + 0.7152*G + 0.0722*B
		z := (0.0193*R + 0.1192*G + 0.9505*B) / 1.08883
		f := func(t float64) float64 {
			if t > 0.008856 {
				return math.Cbrt(t)
			}
			return 7.787*t + 16.0/116
		}
		return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
	}
	p, q := lab(a), lab(b)
	return math.Sqrt((p[0]-q[0])*(p[0]-q[0]) + (p[1]-q[1])*(p[1]-q[1]) + (p[2]-q[2])*(p[2]-q[2]))
}

// TestDefaultLabelsDistinct checks every pair of default labels, as two
// adjacent spans show them: their tints behind text in both themes and
// their solid chips must read as different colours.
func TestDefaultLabelsDistinct(t *testing.T) {
	const minTint, minChip = 10, 15
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		h := newHarness(t, "x")
		fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), variant})
		pal := newPalette(h.ed.m)
		labels := h.ed.Schema().Entities
		for i, a := range labels {
			for _, b := range labels[i+1:] {
				ca, cb := pal.label(a.Name), pal.label(b.Name)
				ta, tb := over(withAlpha(ca, pal.spanAlpha), pal.bg), over(withAlpha(cb, pal.spanAlpha), pal.bg)
				if d := labDistance(ta, tb); d < minTint {
					t.Errorf("variant %d: %s and %s tints differ by %.1f, want at least %d", variant, a.Name, b.Name, d, minTint)
				}
				if d := labDistance(ca, cb); d < minChip {
					t.Errorf("%s and %s chips differ by %.1f, want at least %d", a.Name, b.Name, d, minChip)
				}
			}
		}
	}
}

func TestQuoteLinksOfSelectedAndHoveredQuote(t *testing.T) {
	h := annotatedParagraph(t, theme.VariantLight)
	r := rendererOf(h)
	q := h.ed.Selected()
	for _, hover := range []Ref{{}, q} {
		h.ed.hover = hover
		h.tv().Refresh()
		if drawnTexts(r, "speaker") != 1 || drawnTexts(r, "cue") != 1 {
			t.Errorf("hover %+v: %d speaker and %d cue links, want one each", hover, drawnTexts(r, "speaker"), drawnTexts(r, "cue"))
		}
	}
}

func TestRepeatedTitleLineIsDimmed(t *testing.T) {
	h := newHarness(t, "x")
	title := "Ministers meet in Geneva"
	h.open(title+"\n\nGENEVA — Ministers met on Thursday.", annotate.Meta{Title: title})
	r := rendererOf(h)
	colours := map[string]color.Color{}
	for _, o := range r.objs {
		if t, ok := o.(*canvas.Text); ok {
			colours[t.Text] = t.Color
		}
	}
	if colours["Geneva"] == colours["Thursday"] || colours["Geneva"] != r.pal.quiet {
		t.Errorf("title line drawn in %v, body in %v: the repeated title is not dimmed", colours["Geneva"], colours["Thursday"])
	}
	if h.ed.m.doc.Text[:len(title)] != title {
		t.Error("the stored text changed")
	}
	// A first line that is not the title stays as it is.
	h.open("Ministers meet\n\nGENEVA — Ministers met on Thursday.", annotate.Meta{Title: title})
	if n := h.tv().lay.titleEnd; n != 0 {
		t.Errorf("%d tokens dimmed of a first line that is not the title", n)
	}
}
