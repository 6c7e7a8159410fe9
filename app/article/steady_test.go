package article

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// screenTop is where line li's text is on screen, relative to the
// viewport's top.
func (h *harness) screenTop(li int) float32 {
	return h.tv().lay.textTop(li) - h.ed.view.scroll.Offset.Y
}

// lineOf returns the line holding the n-th occurrence of word.
func (h *harness) lineOf(word string, n int) int { return int(h.tv().lay.tokLn[h.token(word, n)]) }

// The line being labelled keeps its place on screen when it gains or loses
// the room for its first chip, in a long article scrolled down and in a
// short one at its top; so does the line of a label deleted from the
// keyboard.
func TestFirstChipDoesNotMoveItsLine(t *testing.T) {
	var long strings.Builder
	for i := range 60 {
		if i > 0 {
			long.WriteString("\n")
		}
		long.WriteString("Line " + string(rune('a'+i%26)) + " holds words like Geneva and Ankara.")
	}
	cases := []struct {
		name   string
		text   string
		scroll float32
		word   string
		n      int
	}{
		{"long article scrolled", long.String(), 400, "Geneva", 25},
		{"short article at its top", "Ministers from Geneva met in Paris.\nThe talks went on.\nNothing else.", 0, "talks", 0},
		{"first line at the top", "Ministers from Geneva met in Paris.\nThe talks went on.", 0, "Geneva", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, tc.text)
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
// while they are counted again) leave the view where it was: what the view
// could not scroll at the top of the text is made up when they return.
func TestChipsAboveThatGoAndComeBackLeaveViewInPlace(t *testing.T) {
	h := newHarness(t, "Ministers from Geneva met in Paris.\nThe talks went on.\nNothing else.")
	above := h.createEntity("Geneva", "GPE", 0)
	talks := h.createEntity("talks", "GPE", 0)
	if err := h.ed.Open(h.doc); err != nil {
		t.Fatal(err)
	}
	h.ed.Select(Ref{KindEntity, talks})
	li := h.lineOf("talks", 0)
	before, offset := h.screenTop(li), h.ed.view.scroll.Offset.Y
	for range 3 {
		if _, err := h.store.DeleteEntity(context.Background(), above); err != nil {
			t.Fatal(err)
		}
		if err := h.ed.Reload(); err != nil {
			t.Fatal(err)
		}
		above = h.createEntity("Geneva", "GPE", 0)
	}
	if got := h.ed.view.scroll.Offset.Y; got != offset || h.screenTop(li) != before {
		t.Errorf("after the chips above went and came back: offset %.1f (was %.1f), line at %.1f (was %.1f)", got, offset, h.screenTop(li), before)
	}
}
