package article

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"byline/annotate"
)

// bigArticle returns a 100,000-word article built from the sample articles,
// paragraphs kept.
func bigArticle(tb testing.TB, words int) string {
	tb.Helper()
	files, err := filepath.Glob("../../assets/samples/*.txt")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no samples: %v", err)
	}
	var paras []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		for _, p := range strings.Split(string(b), "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				paras = append(paras, p)
			}
		}
	}
	// Vary the words so that the vocabulary is as large as a real long
	// article's (about 15,000 distinct words) and width caching cannot hide
	// the cost of measuring text.
	var sb strings.Builder
	n := 0
	for i := 0; n < words; i++ {
		for j, w := range strings.Split(paras[i%len(paras)], " ") {
			if j > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(w)
			if n%7 == 3 {
				fmt.Fprintf(&sb, "%d", n%15000)
			}
			n++
		}
		sb.WriteString("\n\n")
	}
	return sb.String()
}

// benchRecord is text annotated with entities (one every few tokens,
// cycling labels, not nested), quotes with speakers and relations between
// neighbouring entities, ready for import.
func benchRecord(text string, labels []string, entities, quotes, relations int) *annotate.Record {
	toks := annotate.Tokenize(text)
	x := annotate.NewTextIndex(text)
	rec := &annotate.Record{Text: text, Meta: annotate.Meta{Title: "Long article"},
		Entities: []annotate.RecordEntity{}, Quotes: []annotate.RecordQuote{}, Relations: []annotate.RecordRelation{}}
	stride := len(toks) / entities
	for i := 0; i < entities; i++ {
		t := toks[i*stride]
		end := t.End
		if i%3 == 0 && i*stride+1 < len(toks) {
			end = toks[i*stride+1].End // some two-word spans
		}
		rec.Entities = append(rec.Entities, annotate.RecordEntity{ID: fmt.Sprintf("T%d", i+1), Start: t.Start, End: end,
			Label: labels[i%len(labels)], Text: x.Slice(t.Start, end), Annotator: "bench"})
	}
	for i := 0; i < quotes; i++ {
		first := i*(len(toks)/quotes) + 2
		seg := annotate.Segment{Start: toks[first].Start, End: toks[first+6].End}
		seg.Text = x.Slice(seg.Start, seg.End)
		rec.Quotes = append(rec.Quotes, annotate.RecordQuote{ID: fmt.Sprintf("Q%d", i+1), Kind: annotate.QuoteIndirect,
			Content: []annotate.Segment{seg}, Speaker: rec.Entities[(i*entities/quotes)%entities].ID})
	}
	for i := 0; i < relations; i++ {
		head := (i * entities / relations) % (entities - 3)
		rec.Relations = append(rec.Relations, annotate.RecordRelation{ID: fmt.Sprintf("R%d", i+1), Type: "SUPPORTS",
			Head: rec.Entities[head].ID, Tail: rec.Entities[head+1+i%3].ID})
	}
	return rec
}

func benchHarness(b *testing.B, quotes, relations int) *harness {
	b.Helper()
	h := newHarness(b, "placeholder")
	h.win.Resize(fyne.NewSize(1000, 800))
	h.doc = h.importRecord(benchRecord(bigArticle(b, 100000), h.ed.Schema().LabelNames(), 10000, quotes, relations))
	if err := h.ed.Open(h.doc); err != nil {
		b.Fatal(err)
	}
	return h
}

// rendererOf returns the text view's renderer.
func rendererOf(h *harness) *textRenderer {
	return test.WidgetRenderer(h.tv()).(*textRenderer)
}

func BenchmarkScroll(b *testing.B) {
	h := benchHarness(b, 0, 0)
	tv := h.tv()
	r := rendererOf(h)
	step := float32(40)
	top := float32(0)
	objects := 0
	for b.Loop() {
		top += step
		if top > tv.lay.height-tv.viewH {
			top = 0
		}
		h.ed.view.scroll.ScrollToOffset(fyne.NewPos(0, top))
		tv.setViewport(top, tv.viewH)
		objects = max(objects, len(r.objs))
	}
	b.ReportMetric(float64(objects), "objects")
}

// BenchmarkClickToSelection times one click on a free word of a
// 100,000-word article with 10,000 spans, from the press to the drawn
// selection: MouseDown, MouseUp and Tapped as the driver sends them, and the
// renderer rebuilding the visible lines with the new selection band. Each
// iteration clicks another word (a second apart, so no click is a
// double-click) and checks that the selection moved there.
func BenchmarkClickToSelection(b *testing.B) {
	h := benchHarness(b, 0, 0)
	tv, ed := h.tv(), h.ed
	r := rendererOf(h)
	var free []int
	for t := tv.lay.lines[r.first].first; t < tv.lay.lines[r.last].end; t++ {
		if ed.m.innermostEntityAt(t) < 0 && ed.m.quoteAt(t) < 0 && tv.lay.tokLn[t] > 0 {
			free = append(free, t)
		}
	}
	if len(free) < 2 {
		b.Fatal("no free words on the first screen")
	}
	clock := time.Now()
	tv.now = func() time.Time { clock = clock.Add(time.Second); return clock }
	i := 0
	for b.Loop() {
		tok := free[i%len(free)]
		i++
		pos, size := tv.lay.tokenRect(tok)
		p := pos.Add(fyne.NewPos(size.Width/2, size.Height/2))
		ev := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary}
		tv.MouseDown(ev)
		tv.MouseUp(ev)
		tv.Tapped(&ev.PointEvent)
		if ed.text != (selection{anchor: tok, caret: tok}) {
			b.Fatalf("click on token %d selected %v", tok, ed.text)
		}
		if !drawnAt(r, pos.X-1, pos.Y-1) {
			b.Fatalf("no selection band drawn at token %d", tok)
		}
	}
	b.ReportMetric(float64(len(r.objs)), "objects")
}

// drawnAt reports whether the background layer has a rectangle at (x, y).
func drawnAt(r *textRenderer, x, y float32) bool {
	for _, o := range r.back {
		if p := o.Position(); p.X == round(x) && p.Y == round(y) {
			return true
		}
	}
	return false
}
