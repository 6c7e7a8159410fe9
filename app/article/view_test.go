package article

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"byline/annotate"
)

func TestHeaderShowsTitleAndMetadata(t *testing.T) {
	h := newHarness(t, summit)
	if got := h.ed.view.title.Text; got != "Test article" {
		t.Fatalf("title %q", got)
	}
	if got := h.ed.view.meta.Text; got != "Wire · 2026-03-14" {
		t.Fatalf("meta %q", got)
	}
	if h.ed.DocumentID() != h.doc || h.ed.Document().Text != summit {
		t.Fatal("document accessors")
	}
}

func TestRewrapOnResize(t *testing.T) {
	h := newHarness(t, summit)
	wide := len(h.tv().lay.lines)
	h.win.Resize(fyne.NewSize(300, 800))
	narrow := len(h.tv().lay.lines)
	if narrow <= wide {
		t.Fatalf("lines: %d at 700 px, %d at 300 px", wide, narrow)
	}
	// Every word fits the new width.
	lay := h.tv().lay
	for i := range lay.tokX {
		if lay.tokX[i]+lay.tokW[i] > lay.width-2*padX+0.5 && lay.tokX[i] > 0 {
			t.Fatalf("token %d %q overflows: x %.0f w %.0f width %.0f", i, h.ed.m.tokenText(i), lay.tokX[i], lay.tokW[i], lay.width)
		}
	}
	// Selection still maps to the right words after the re-wrap.
	h.dragWords("Sergei", "Lavrov")
	h.typeKeys("1")
	h.entity("Sergei Lavrov")
}

func TestRewrapKeepsFirstVisibleWord(t *testing.T) {
	h := newHarness(t, "x")
	h.open(bigArticle(t, 3000), annotate.Meta{})
	tv := h.tv()
	target := len(h.ed.m.toks) / 2
	tv.scrollToToken(target)
	before := tv.firstVisibleToken()
	h.win.Resize(fyne.NewSize(420, 800))
	after := tv.firstVisibleToken()
	// The same word (or one on its new line) stays at the top.
	if ln := tv.lay.lines[tv.lay.tokLn[before]]; after < ln.first || after > before {
		t.Fatalf("first visible word %d before, %d after the re-wrap (line %d..%d)", before, after, ln.first, ln.end)
	}
}

func TestOnlyVisibleLinesAreDrawn(t *testing.T) {
	h := newHarness(t, "x")
	h.doc = h.importRecord(benchRecord(bigArticle(t, 20000), h.ed.Schema().LabelNames(), 2000, 100, 200))
	if err := h.ed.Open(h.doc); err != nil {
		t.Fatal(err)
	}
	r := rendererOf(h)
	words := func() int {
		n := 0
		for _, o := range r.words {
			if o.Visible() {
				n++
			}
		}
		return n
	}
	top := words()
	if top == 0 || len(r.objs) > 1500 {
		t.Fatalf("first screen: %d words, %d objects", top, len(r.objs))
	}
	// Scroll to the middle: the objects are reused, their number stays small,
	// and the words drawn are the ones of the middle.
	tv := h.tv()
	mid := tv.lay.height / 2
	h.ed.view.scroll.ScrollToOffset(fyne.NewPos(0, mid))
	tv.setViewport(mid, tv.viewH)
	if len(r.objs) > 1500 {
		t.Fatalf("middle: %d objects", len(r.objs))
	}
	firstWord := r.words[0].(interface{ Position() fyne.Position })
	if y := firstWord.Position().Y; y < mid-200 || y > mid+tv.viewH {
		t.Fatalf("first drawn word at y %.0f, viewport starts at %.0f", y, mid)
	}
}

func TestDragPastTheBottomScrolls(t *testing.T) {
	h := newHarness(t, "x")
	h.open(bigArticle(t, 3000), annotate.Meta{})
	tv := h.tv()
	start := h.at("Foreign", 0)
	tv.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: start}, Button: desktop.MouseButtonPrimary})
	below := fyne.NewPos(100, tv.viewTop+tv.viewH+60)
	tv.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: below}, Dragged: fyne.Delta{DY: below.Y - start.Y}})
	tv.DragEnd()
	if off := h.ed.view.scroll.Offset.Y; off <= 0 {
		t.Fatalf("no scroll while dragging below the view (offset %.0f)", off)
	}
	if r := h.ed.text.tokens(); r.first != h.token("Foreign", 0) || r.end <= r.first+20 {
		t.Fatalf("selection %v", r)
	}
}

func TestSelectScrollsIntoViewAndReports(t *testing.T) {
	h := newHarness(t, "x")
	h.doc = h.importRecord(benchRecord(bigArticle(t, 5000), h.ed.Schema().LabelNames(), 500, 10, 20))
	if err := h.ed.Open(h.doc); err != nil {
		t.Fatal(err)
	}
	var got []Ref
	h.ed.OnSelect = func(r Ref) { got = append(got, r) }
	last := h.ed.Annotations().Entities[len(h.ed.Annotations().Entities)-1]
	ref := Ref{KindEntity, last.ID}
	h.ed.Select(ref)
	if len(got) != 1 || got[0] != ref || h.ed.Selected() != ref {
		t.Fatalf("OnSelect got %v, selected %v", got, h.ed.Selected())
	}
	tv := h.tv()
	_, v := h.ed.m.entity(last.ID)
	y := tv.lay.lines[tv.lay.tokLn[v.toks.first]].y
	if y < tv.viewTop || y > tv.viewTop+tv.viewH {
		t.Fatalf("entity at y %.0f, viewport %.0f..%.0f", y, tv.viewTop, tv.viewTop+tv.viewH)
	}
	// Its tag is drawn, so the span is on screen.
	drawn := false
	for _, hit := range tv.hits {
		drawn = drawn || hit.ref == ref
	}
	if !drawn {
		t.Fatal("selected span not drawn after scrolling")
	}
}

func TestHoverShowsTooltip(t *testing.T) {
	h := newHarness(t, summit)
	h.dragWords("Hakan", "Fidan")
	h.typeKeys("1")
	h.key(fyne.KeyEscape)
	test.MoveMouse(h.win.Canvas(), h.absolute(h.at("Fidan", 0)))
	e := h.entity("Hakan Fidan")
	if h.ed.hover != (Ref{KindEntity, e.ID}) {
		t.Fatalf("hover %v", h.ed.hover)
	}
	var texts []string
	for _, o := range rendererOf(h).over {
		if tx, ok := o.(*canvasText); ok {
			texts = append(texts, tx.Text)
		}
	}
	joined := strings.Join(texts, "|")
	if !strings.Contains(joined, "PERSON: Hakan Fidan") || !strings.Contains(joined, "by tester, ") {
		t.Fatalf("tooltip %q", joined)
	}
	test.MoveMouse(h.win.Canvas(), h.absolute(fyne.NewPos(2, 2)))
	h.tv().MouseOut()
	if !h.ed.hover.IsZero() || len(rendererOf(h).over) != 0 {
		t.Fatal("tooltip stays after the mouse left")
	}
}

func TestFindBar(t *testing.T) {
	h := newHarness(t, summit)
	h.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault})
	if !h.ed.view.find.Visible() {
		t.Fatal("Ctrl+F did not open the find bar")
	}
	f := h.ed.view.find
	// Typing goes to the find field, not to the article's one-key commands.
	focused := h.win.Canvas().Focused()
	if focused != f.entry {
		t.Fatalf("focus on %T after Ctrl+F, want the find field", focused)
	}
	for _, r := range "lav" {
		focused.TypedRune(r)
	}
	if len(h.stored().Entities) != 0 || h.ed.mode.kind != modeNormal {
		t.Fatal("the typed letters reached the article's commands")
	}
	if f.matchCount() != 2 || f.count.Text != "1 of 2" {
		t.Fatalf("matches %d, count %q", f.matchCount(), f.count.Text)
	}
	// The current match is selected, so a label key tags it.
	f.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if f.count.Text != "2 of 2" {
		t.Fatalf("after Enter: %q", f.count.Text)
	}
	h.ed.Focus()
	h.typeKeys("1")
	e := h.entity("Lavrov")
	if start, _ := offsets(summit, "Lavrov", 1); e.Start != start {
		t.Fatalf("labelled the wrong match: %+v", e)
	}
	// Highlights are drawn for the matches.
	found := 0
	for _, o := range rendererOf(h).back {
		if rc, ok := o.(*canvasRect); ok && (rc.FillColor == newPalette(h.ed.m).find || rc.FillColor == newPalette(h.ed.m).findCur) {
			found++
		}
	}
	if found != 2 {
		t.Fatalf("%d match highlights", found)
	}
	test.Type(f.entry, "x")
	f.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.ed.view.find.Visible() || h.ed.view.find.matchCount() != 0 {
		t.Fatal("find bar still open")
	}
}

func TestDebrisIsDimmed(t *testing.T) {
	h := newHarness(t, "x")
	text := "Real news here.\n\nShare this article"
	start, end := offsets(text, "Share this article", 0)
	h.open(text, annotate.Meta{}, annotate.Range{Start: start, End: end})
	pal := newPalette(h.ed.m)
	for _, o := range rendererOf(h).words {
		tx := o.(*canvasText)
		dim := tx.Color == pal.dim
		if want := strings.Contains("Share this article", tx.Text); dim != want {
			t.Errorf("%q dimmed=%v", tx.Text, dim)
		}
	}
}

func TestSpanOverWhitespaceOnlyIsHarmless(t *testing.T) {
	h := newHarness(t, "x")
	text := "Alpha   Beta gamma."
	rec := &annotate.Record{Text: text,
		Entities:  []annotate.RecordEntity{{ID: "T1", Start: 5, End: 7, Label: "PERSON"}, {ID: "T2", Start: 8, End: 12, Label: "PERSON"}},
		Quotes:    []annotate.RecordQuote{{ID: "Q1", Kind: annotate.QuoteIndirect, Content: []annotate.Segment{{Start: 5, End: 7}}, Speaker: "T1"}},
		Relations: []annotate.RecordRelation{{ID: "R1", Type: "MET_WITH", Head: "T1", Tail: "T2"}}}
	h.doc = h.importRecord(rec)
	if err := h.ed.Open(h.doc); err != nil {
		t.Fatal(err)
	}
	for _, a := range h.ed.Annotations().Entities {
		h.ed.Select(Ref{KindEntity, a.ID})
	}
	h.ed.Select(Ref{KindQuote, h.ed.Annotations().Quotes[0].ID})
	h.ed.Select(Ref{KindRelation, h.ed.Annotations().Relations[0].ID})
	h.click("Beta", 0)
	if h.ed.Selected().Kind != KindEntity {
		t.Fatalf("selected %v", h.ed.Selected())
	}
}
