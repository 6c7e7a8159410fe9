package article

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

// The GLFW driver holds every Tapped of a fyne.DoubleTappable widget back
// for its double-tap delay (300 ms), so a key pressed right after a click
// acted on the previous selection. The text view must not be one.
func TestTextViewActsOnClickAtOnce(t *testing.T) {
	h := newHarness(t, summit)
	if _, ok := any(h.tv()).(fyne.DoubleTappable); ok {
		t.Fatal("the text view implements fyne.DoubleTappable: the driver would delay every click by its double-tap delay")
	}
	if _, ok := any(h.tv()).(fyne.Tappable); !ok {
		t.Fatal("the text view must take clicks")
	}
}

// A click on span B then, 10 ms later, a label key relabels B, never the
// span A that was selected before the click.
func TestKeyAfterClickActsOnClickedSpan(t *testing.T) {
	h := newHarness(t, summit)
	h.dragWords("Sergei", "Lavrov")
	h.typeKeys("1") // A: PERSON, selected
	h.multiClick("Hakan", 1)
	h.typeKeys("1") // B: PERSON
	h.click("Lavrov", 0)
	a := h.entity("Sergei Lavrov")
	if h.ed.Selected() != (Ref{KindEntity, a.ID}) {
		t.Fatalf("A not selected: %v", h.ed.Selected())
	}
	h.clickGap = 10 * time.Millisecond // quick, but on another word: a single click
	h.click("Hakan", 0)
	h.typeKeys("2")
	h.noErrors()
	if a, b := h.entity("Sergei Lavrov"), h.entity("Hakan"); a.Label != "PERSON" || b.Label != "ORG" {
		t.Fatalf("A %s (want PERSON), B %s (want ORG)", a.Label, b.Label)
	}
}

func TestMultiClickSelection(t *testing.T) {
	h := newHarness(t, summit)
	h.dragWords("Russian", "Lavrov")
	h.typeKeys("1")
	tests := []struct {
		name   string
		clicks int
		want   string // selected text; "" means the span is selected
	}{
		{"single click selects the span", 1, ""},
		{"double click selects the word inside the span", 2, "Minister"},
		{"triple click selects the paragraph", 3, "GENEVA, March 14 (Wire) — Russian Foreign Minister Sergei Lavrov met his Turkish counterpart Hakan Fidan at the Palais des Nations on Thursday."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h.key(fyne.KeyEscape)
			h.key(fyne.KeyEscape)
			h.multiClick("Minister", tc.clicks)
			if tc.want == "" {
				if h.ed.Selected().Kind != KindEntity || h.ed.text.active() {
					t.Fatalf("selected %v, text %v", h.ed.Selected(), h.ed.text)
				}
				return
			}
			start, end := h.ed.m.codePoints(h.ed.text.tokens())
			if got := h.ed.m.index.Slice(start, end); got != tc.want || !h.ed.Selected().IsZero() {
				t.Fatalf("selected %q and %v, want %q", got, h.ed.Selected(), tc.want)
			}
		})
	}
	// Two clicks on different words, however quick, are two single clicks.
	h.key(fyne.KeyEscape)
	h.clickGap = 50 * time.Millisecond
	h.click("met", 0)
	h.click("Turkish", 0)
	if start, end := h.ed.m.codePoints(h.ed.text.tokens()); h.ed.m.index.Slice(start, end) != "Turkish" {
		t.Fatalf("second click selected %q", h.ed.m.index.Slice(start, end))
	}
}

// A message about the old selection goes when the selection changes.
func TestStaleStatusClearsOnSelection(t *testing.T) {
	h := newHarness(t, summit)
	h.typeKeys("1")
	if !strings.HasPrefix(h.lastStatus(), "Select some words first") {
		t.Fatalf("status %q", h.lastStatus())
	}
	h.click("Geneva", 0)
	if h.lastStatus() != "" {
		t.Fatalf("after selecting words the status still says %q", h.lastStatus())
	}
	h.typeKeys("3r") // label Geneva, start a relation from it
	h.key(fyne.KeyEscape)
	if h.lastStatus() != "Relation cancelled" {
		t.Fatalf("status %q after Esc", h.lastStatus())
	}
	h.click("Lavrov", 1)
	if h.lastStatus() != "" {
		t.Fatalf("after clicking another word the status still says %q", h.lastStatus())
	}
}

// A click on blank space past the end of a line's text, or below the last
// line, selects nothing: a label key then labels nothing (it used to label
// the line's last word, a "."). A click on the last word still selects it.
func TestClickPastLineEndSelectsNothing(t *testing.T) {
	h := newHarness(t, summit)
	lay := h.tv().lay
	dot := h.token(".", 0) // ends the paragraph's last line: "Thursday."
	pos, size := lay.tokenRect(dot)
	if pos.X+size.Width+60 > lay.width-padX {
		t.Fatalf("the line ends at %v of %v: too long for the test", pos.X+size.Width, lay.width)
	}
	mid := pos.Add(fyne.NewPos(size.Width/2, size.Height/2))
	last := len(lay.lines) - 1
	tests := []struct {
		name string
		at   fyne.Position
		want string // the word selected; "" for none
	}{
		{"right margin of a short line", fyne.NewPos(pos.X+size.Width+40, mid.Y), ""},
		{"just past the line's end", fyne.NewPos(pos.X+size.Width+8, mid.Y), ""},
		{"below the last line", fyne.NewPos(mid.X, lay.lines[last].y+lay.lines[last].h+30), ""},
		{"on the line's last word", mid, "."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h.click("Lavrov", 0) // something selected before the click
			h.click2(tc.at)
			got := ""
			if h.ed.text.active() {
				start, end := h.ed.m.codePoints(h.ed.text.tokens())
				got = h.ed.m.index.Slice(start, end)
			}
			if got != tc.want || !h.ed.Selected().IsZero() {
				t.Fatalf("selected %q and %v, want %q", got, h.ed.Selected(), tc.want)
			}
			if tc.want != "" {
				return
			}
			h.typeKeys("1")
			if n := len(h.stored().Entities); n != 0 {
				t.Fatalf("the label key made %d entities: %+v", n, h.stored().Entities)
			}
		})
	}
	h.noErrors()
}
