package article

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// possessives is news text whose entities sit inside words the old
// tokenizer kept whole ("China's", "Russian-Chinese").
const possessives = "China's foreign ministry said Beijing’s envoy would attend the Russian-Chinese talks in the U.S. next week."

// TestDoubleClickInsidePossessive double-clicks "China" inside "China's"
// and presses 3: the store holds GPE "China", not "China's"; the same for
// a curly possessive and for one side of a hyphenated compound.
func TestDoubleClickInsidePossessive(t *testing.T) {
	h := newHarness(t, possessives)
	for _, c := range []struct{ word, key, label string }{
		{"China", "3", "GPE"},
		{"Beijing", "3", "GPE"},
		{"Chinese", "5", "NORP"},
		{"U.S.", "3", "GPE"},
	} {
		h.multiClick(c.word, 2)
		h.typeKeys(c.key)
		h.noErrors()
		e := h.entity(c.word)
		start, end := offsets(possessives, c.word, 0)
		if e.Start != start || e.End != end || e.Label != c.label {
			t.Errorf("double-click on %q then %s: stored %+v, want %s [%d, %d)", c.word, c.key, e, c.label, start, end)
		}
	}
	if n := len(h.stored().Entities); n != 4 {
		t.Fatalf("%d entities stored, want 4", n)
	}
}

// Alt+drag selects characters, not words: dragging over "hina" of
// "China's" and pressing 3 stores exactly those characters; Alt+Shift+Right
// then moves the end by one character, Shift+Right by one token.
func TestCharacterSelection(t *testing.T) {
	h := newHarness(t, possessives)
	chinaTok := h.token("China", 0)
	pos, size := h.tv().lay.tokenRect(chinaTok)
	y := pos.Y + size.Height/2
	xAt := func(cp int) float32 { // the x of the boundary before code point cp of "China"
		return pos.X + h.tv().lay.measure(possessives[:cp])
	}
	from, to := fyne.NewPos(xAt(1)+0.4, y), fyne.NewPos(xAt(5)-0.4, y)
	h.tv().MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary, Modifier: fyne.KeyModifierAlt})
	test.Drag(h.win.Canvas(), h.absolute(to), to.X-from.X, 0)
	if start, end := h.ed.text.codePoints(h.ed.m); start != 1 || end != 5 {
		t.Fatalf("Alt+drag selected [%d, %d), want [1, 5) (hina)", start, end)
	}
	if !drawnAt(rendererOf(h), xAt(1), pos.Y-1) {
		t.Error("no selection drawn from the second letter")
	}
	h.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt | fyne.KeyModifierShift})
	if start, end := h.ed.text.codePoints(h.ed.m); start != 1 || end != 6 {
		t.Fatalf("Alt+Shift+Right gave [%d, %d), want [1, 6)", start, end)
	}
	h.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt | fyne.KeyModifierShift})
	h.typeKeys("3")
	h.noErrors()
	if e := h.entity("hina"); e.Start != 1 || e.End != 5 || e.Label != "GPE" {
		t.Fatalf("stored %+v", e)
	}
	// Shift+Right moves by token: from "China" over "'s".
	h.click("China", 0)
	h.click("foreign", 0)
	h.key(fyne.KeyEscape)
	h.multiClick("China", 2)
	h.tv().shiftHeld = true
	h.key(fyne.KeyRight)
	h.tv().shiftHeld = false
	if start, end := h.ed.text.codePoints(h.ed.m); possessives[start:end] != "China's" {
		t.Fatalf("Shift+Right selected %q, want the next token ('s) added", possessives[start:end])
	}
}
