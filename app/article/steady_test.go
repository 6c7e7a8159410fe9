package article

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"byline/annotate"
)

// screenTop is where line li's text is on screen, relative to the
// viewport's top.
func (h *harness) screenTop(li int) float32 {
	return h.tv().lay.textTop(li) - h.ed.view.scroll.Offset.Y
}

// lineOf returns the line holding the n-th occurrence of word.
func (h *harness) lineOf(word string, n int) int { return int(h.tv().lay.tokLn[h.token(word, n)]) }

// longText is 60 lines, longer than the view, each with Geneva and Ankara.
func longText() string {
	var long strings.Builder
	for i := range 60 {
		if i > 0 {
			long.WriteString("\n")
		}
		long.WriteString("Line " + string(rune('a'+i%26)) + " holds words like Geneva and Ankara.")
	}
	return long.String()
}

// The line being labelled keeps its place on screen when it gains or loses
// the room for its first chip, in a long article scrolled down and at its
// top; so does the line of a label deleted from the keyboard.
func TestFirstChipDoesNotMoveItsLine(t *testing.T) {
	cases := []struct {
		name   string
		scroll float32
		word   string
		n      int
	}{
		{"long article scrolled", 400, "Geneva", 25},
		{"long article at its top", 0, "Ankara", 3},
		{"first line at the top", 0, "Geneva", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, longText())
			if tc.scroll > 0 {
				h.ed.view.scroll.ScrollToOffset(fyne.NewPos(0, tc.scroll))
				h.tv().setViewport(h.ed.view.scroll.Offset.Y, h.ed.view.scroll.Size().Height)
			}
			li := h.lineOf(tc.word, tc.n)
			before := h.screenTop(li)
			if before < 0 || before > h.ed.view.scroll.Size().Height {
				t.Fatalf("line %d is off screen at %.1f", li, before)
			}
			h.click(tc.word, tc.n)
			h.typeKeys("3")
			if h.tv().lay.lines[li].rows == 0 {
				t.Fatalf("the labelled line has no chip row")
			}
			lay := h.tv().lay
			if chips := lay.chipsTop(li) - h.ed.view.scroll.Offset.Y; chips < 0 {
				t.Errorf("the line's chips are above the viewport at %.1f", chips)
			}
			// The first line has no room above it: it moves by what its
			// chips need, no more (its top at the viewport's).
			want := before
			if tc.scroll == 0 && li == 0 {
				want = lay.textTop(0) - lay.lines[0].y
			}
			if got := h.screenTop(li); got != want {
				t.Errorf("labelling moved the line on screen from %.1f to %.1f", before, got)
			}
			h.key(fyne.KeyDelete)
			if h.tv().lay.lines[li].rows != 0 {
				t.Fatalf("the line kept its chip row after the delete")
			}
			if got := h.screenTop(li); got != before {
				t.Errorf("deleting the label moved the line on screen from %.1f to %.1f", before, got)
			}
		})
	}
}

// F1 typed in the find field reaches the window (which opens help); Esc
// there closes the bar and gives the focus back to the text.
func TestFindFieldPassesF1AndClosesOnEsc(t *testing.T) {
	h := newHarness(t, summit)
	var keys []fyne.KeyName
	h.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) { keys = append(keys, k.Name) })
	h.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault})
	f := h.ed.view.find
	f.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
	if len(keys) != 1 || keys[0] != fyne.KeyF1 {
		t.Fatalf("the window got keys %v from the find field", keys)
	}
	f.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if f.Visible() || h.win.Canvas().Focused() != h.tv() || len(keys) != 1 {
		t.Fatalf("after Esc: bar visible %v, focus %T, window keys %v", f.Visible(), h.win.Canvas().Focused(), keys)
	}
}

// Chips above the worked-on line that go and come back (as suggestions do
// while they are counted again) leave the view where it was.
func TestChipsAboveThatGoAndComeBackLeaveViewInPlace(t *testing.T) {
	h := newHarness(t, longText())
	above := h.createEntity("Geneva", "GPE", 5)
	worked := h.createEntity("Ankara", "GPE", 25)
	if err := h.ed.Open(h.doc); err != nil {
		t.Fatal(err)
	}
	h.ed.view.scroll.ScrollToOffset(fyne.NewPos(0, 400))
	h.tv().setViewport(h.ed.view.scroll.Offset.Y, h.ed.view.scroll.Size().Height)
	h.ed.Select(Ref{KindEntity, worked})
	li := h.lineOf("Ankara", 25)
	before, offset := h.screenTop(li), h.ed.view.scroll.Offset.Y
	if offset == 0 {
		t.Fatal("the long text did not scroll")
	}
	for i := range 3 {
		if _, err := h.store.DeleteEntity(context.Background(), above); err != nil {
			t.Fatal(err)
		}
		if err := h.ed.Reload(); err != nil {
			t.Fatal(err)
		}
		if got := h.screenTop(li); got != before {
			t.Errorf("round %d: the chips above went, the line moved from %.1f to %.1f", i, before, got)
		}
		above = h.createEntity("Geneva", "GPE", 5)
	}
	if got := h.ed.view.scroll.Offset.Y; got != offset || h.screenTop(li) != before {
		t.Errorf("after the chips above went and came back: offset %.1f (was %.1f), line at %.1f (was %.1f)", got, offset, h.screenTop(li), before)
	}
}

// assertTopOfText fails unless a text that fits in the view shows from its
// top with no room added below its end.
func (h *harness) assertTopOfText(after string) {
	h.t.Helper()
	tv, scroll := h.tv(), h.ed.view.scroll
	if tv.lay.height > scroll.Size().Height {
		h.t.Fatalf("%s: the text (%.1f) no longer fits in the view (%.1f)", after, tv.lay.height, scroll.Size().Height)
	}
	if scroll.Offset.Y != 0 || tv.viewTop != 0 {
		h.t.Errorf("%s: scrolled to %.1f (view drawn from %.1f); a text that fits stays at its top", after, scroll.Offset.Y, tv.viewTop)
	}
	if got := tv.MinSize().Height; got != tv.lay.height {
		h.t.Errorf("%s: the view is %.1f tall for %.1f of text", after, got, tv.lay.height)
	}
}

// A text that fits in the view stays at its top when a middle line gains
// its first chip, whether labelled from the keyboard, by accepting one
// suggestion or all of them: nothing scrolls out of sight above, nothing
// blank shows below.
func TestShortTextStaysAtItsTop(t *testing.T) {
	h := newHarness(t, "Ministers from Geneva met in Paris.\nThe talks went on.\nNothing else.")
	h.assertTopOfText("opened")
	h.click("talks", 0)
	h.typeKeys("3")
	if h.tv().lay.lines[h.lineOf("talks", 0)].rows == 0 {
		t.Fatal("the labelled line has no chip row")
	}
	h.assertTopOfText("labelling a middle line")

	r := newReviewHarness(t)
	r.assertTopOfText("suggestions shown")
	r.tab(false)
	r.key(fyne.KeyReturn)
	r.ed.WaitSuggestions()
	r.assertTopOfText("accepting one suggestion")
	r.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyA, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	r.ed.WaitSuggestions()
	r.assertTopOfText("accepting all")
}

// Accepting all suggestions changes lines all over the text at once: the
// view keeps its offset while the selection stays in view, and scrolls
// only to bring back a selection that the growing lines pushed out.
func TestAcceptAllKeepsTheOffset(t *testing.T) {
	for _, tc := range []struct {
		line  int
		stays bool
	}{{20, true}, {25, false}} {
		h := newHarness(t, longText())
		h.importRecord(&annotate.Record{Text: "Geneva is far from Ankara.", Entities: []annotate.RecordEntity{
			{ID: "T1", Start: 0, End: 6, Label: "GPE", Text: "Geneva"},
		}, Quotes: []annotate.RecordQuote{}, Relations: []annotate.RecordRelation{}})
		h.ed.ShowSuggestions(true)
		h.ed.WaitSuggestions()
		if len(h.ed.Suggestions()) < 50 {
			t.Fatalf("%d suggestions; want one Geneva per line", len(h.ed.Suggestions()))
		}
		h.ed.view.scroll.ScrollToOffset(fyne.NewPos(0, 400))
		h.tv().setViewport(h.ed.view.scroll.Offset.Y, h.ed.view.scroll.Size().Height)
		h.click("holds", tc.line)
		offset, li := h.ed.view.scroll.Offset.Y, h.lineOf("holds", tc.line)
		h.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyA, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
		h.ed.WaitSuggestions()
		if n := len(h.stored().Entities); n < 50 {
			t.Fatalf("%d entities stored after accepting all", n)
		}
		got, at := h.ed.view.scroll.Offset.Y, h.screenTop(li)
		if at < 0 || at > h.tv().viewH {
			t.Errorf("line %d: the selected line is off screen at %.1f", tc.line, at)
		}
		if (got == offset) != tc.stays {
			t.Errorf("line %d: accepting all scrolled from %.1f to %.1f; want it to scroll: %v", tc.line, offset, got, !tc.stays)
		}
	}
}

// When a line gains its first chip and the view scrolls to keep it in
// place, a line at the top edge of the view keeps its relation's arc band
// whole: the view does not stop inside the band, cutting the arc and its
// caption.
func TestArcBandAtTopEdgeNotCut(t *testing.T) {
	h := newHarness(t, longText())
	head := h.createEntity("Geneva", "GPE", 20)
	tail := h.createEntity("Ankara", "GPE", 20)
	if err := h.store.CreateRelation(context.Background(), &annotate.Relation{DocumentID: h.doc, Type: "SUPPORTS", HeadID: head, TailID: tail}); err != nil {
		t.Fatal(err)
	}
	if err := h.ed.Reload(); err != nil {
		t.Fatal(err)
	}
	lay := h.tv().lay
	k := h.lineOf("Geneva", 20)
	if !lay.lines[k].arcs {
		t.Fatal("the relation's line has no arc band")
	}
	// The relation's line at the very top: its band shows whole.
	h.ed.view.scroll.ScrollToOffset(fyne.NewPos(0, lay.lines[k].y))
	h.tv().setViewport(h.ed.view.scroll.Offset.Y, h.ed.view.scroll.Size().Height)
	if h.tv().viewTop != lay.lines[k].y {
		t.Fatalf("scrolled to %.1f, want line %d's top %.1f", h.tv().viewTop, k, lay.lines[k].y)
	}
	h.click("Geneva", 22) // two lines below, on screen
	h.typeKeys("3")
	top := h.tv().viewTop
	if first := lay.lineAt(top); first == k && top > lay.lines[k].y && top < lay.textTop(k) {
		t.Errorf("the view stopped at %.1f, inside the bands of line %d (%.1f to its text at %.1f): its arc is cut", top, k, lay.lines[k].y, lay.textTop(k))
	}
	if h.tv().viewTop != h.ed.view.scroll.Offset.Y {
		t.Errorf("drawn from %.1f, scrolled to %.1f", h.tv().viewTop, h.ed.view.scroll.Offset.Y)
	}
	h.noErrors()
}

// Selecting a span off screen scrolls it into view without stopping inside
// the arc band of the line at the top edge.
func TestScrollToSpanKeepsTopArcBandWhole(t *testing.T) {
	h := newHarness(t, longText())
	ctx := context.Background()
	var heads []int64
	for n := range 60 {
		a, b := offsets(h.ed.m.doc.Text, "Geneva", n)
		head := &annotate.Entity{DocumentID: h.doc, Start: a, End: b, Label: "GPE"}
		a, b = offsets(h.ed.m.doc.Text, "Ankara", n)
		tail := &annotate.Entity{DocumentID: h.doc, Start: a, End: b, Label: "GPE"}
		for _, e := range []*annotate.Entity{head, tail} {
			if err := h.store.CreateEntity(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		if err := h.store.CreateRelation(ctx, &annotate.Relation{DocumentID: h.doc, Type: "SUPPORTS", HeadID: head.ID, TailID: tail.ID}); err != nil {
			t.Fatal(err)
		}
		heads = append(heads, head.ID)
	}
	if err := h.ed.Reload(); err != nil {
		t.Fatal(err)
	}
	tv, lay := h.tv(), h.tv().lay
	inBand := func(top float32) bool {
		k := lay.lineAt(top)
		return lay.lines[k].arcs && top > lay.lines[k].y && top < lay.textTop(k)
	}
	const n = 40
	li := h.lineOf("Geneva", n)
	tried := 0
	// The lines are alike: the view's height decides where the scroll stops.
	for height := float32(500); height < 640; height += 10 {
		h.win.Resize(fyne.NewSize(h.win.Canvas().Size().Width, height))
		h.ed.view.scroll.ScrollToOffset(fyne.NewPos(0, 0))
		tv.setViewport(0, h.ed.view.scroll.Size().Height)
		if !inBand(lay.lines[li].y - tv.viewH/3) { // the view would show line li a third down
			continue
		}
		tried++
		h.ed.Select(Ref{})
		h.ed.Select(Ref{KindEntity, heads[n]})
		if top := tv.viewTop; inBand(top) {
			t.Errorf("view %.0f high: selecting Geneva %d stopped it at %.1f, inside the arc band of line %d", tv.viewH, n, top, lay.lineAt(top))
		}
		if s := lay.textTop(li) - tv.viewTop; s < 0 || s+lay.met.textH > tv.viewH {
			t.Errorf("view %.0f high: selecting Geneva %d left its line off screen at %.1f", tv.viewH, n, s)
		}
	}
	if tried == 0 {
		t.Fatal("no view height where the scroll would stop inside an arc band")
	}
	h.noErrors()
}
