package article

import (
	"context"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"byline/annotate"
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

// misaligned has words that stored spans cover only in part: spans made by
// character selection, or by an earlier tokenizer that split "Chinas".
const misaligned = "Chinas envoy met Россиянина today."

// storeEntityAndQuote stores an entity and a quote over [start, end), as
// an earlier tokenizer or a character selection left them, and reloads.
func storeEntityAndQuote(t *testing.T, h *harness, start, end int, label string) {
	t.Helper()
	e := &annotate.Entity{DocumentID: h.doc, Start: start, End: end, Label: label}
	if err := h.store.CreateEntity(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	q := &annotate.Quote{DocumentID: h.doc, Kind: annotate.QuoteDirect, Content: []annotate.Segment{{Start: start, End: end}}}
	if err := h.store.CreateQuote(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	if err := h.ed.Reload(); err != nil {
		t.Fatal(err)
	}
}

// rectIn returns the rectangle of layer filled with fill whose top is y.
func rectIn(t *testing.T, layer []fyne.CanvasObject, fill color.Color, y float32) *canvasRect {
	t.Helper()
	for _, o := range layer {
		if r, ok := o.(*canvasRect); ok && r.FillColor == fill && r.Position().Y == round(y) {
			return r
		}
	}
	t.Fatalf("no rectangle filled %v at y %v", fill, y)
	return nil
}

// TestSpanInsideWordDrawnExactly stores entities and quotes whose ends fall
// inside a word and checks that the box, underline and quote bar cover
// exactly those characters, as measured, and the same width as an
// Alt+Shift+arrow selection of the same characters.
func TestSpanInsideWordDrawnExactly(t *testing.T) {
	for _, c := range []struct{ word, span string }{
		{"Chinas", "China"},
		{"Chinas", "hina"},
		{"Россиянина", "Россия"},
		{"Россиянина", "оссиян"},
	} {
		t.Run(c.span, func(t *testing.T) {
			h := newHarness(t, misaligned)
			start, end := offsets(misaligned, c.span, 0)
			storeEntityAndQuote(t, h, start, end, "GPE")
			lay, r := h.tv().lay, rendererOf(h)
			tok := h.token(c.word, 0)
			li := int(lay.tokLn[tok])
			wordStart, _ := offsets(misaligned, c.word, 0)
			word := []rune(c.word)
			pos, _ := lay.tokenRect(tok)
			x0 := pos.X + lay.measure(string(word[:start-wordStart]))
			x1 := pos.X + lay.measure(string(word[:end-wordStart]))
			if x1-x0 >= lay.tokW[tok]-1 {
				t.Fatalf("test text: %q is as wide as %q", c.span, c.word)
			}
			col := r.pal.label("GPE")
			box := rectIn(t, r.back, withAlpha(col, r.pal.spanAlpha), lay.textTop(li)-1)
			if box.Position().X != round(x0-2) || box.Size().Width != round(x1-x0+4) {
				t.Errorf("box spans x %v+%v, want %v+%v (the characters %q with a 2px margin)", box.Position().X, box.Size().Width, round(x0-2), round(x1-x0+4), c.span)
			}
			under := rectIn(t, r.marks, col, lay.underTop(li))
			bar := rectIn(t, r.marks, r.pal.quote, lay.quoteTop(li))
			for name, o := range map[string]*canvasRect{"underline": under, "quote bar": bar} {
				if o.Position().X != round(x0) || o.Size().Width != round(x1-x0) {
					t.Errorf("%s spans x %v+%v, want %v+%v", name, o.Position().X, o.Size().Width, round(x0), round(x1-x0))
				}
			}
			if start != wordStart {
				return // Alt+Shift+arrows move only the selection's end
			}
			// The same characters selected with Alt+Shift+Left from the word.
			h.multiClick(c.word, 2)
			for range len(word) - (end - start) {
				h.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt | fyne.KeyModifierShift})
			}
			if a, b := h.ed.text.codePoints(h.ed.m); a != start || b != end {
				t.Fatalf("selected [%d, %d), want [%d, %d)", a, b, start, end)
			}
			sel := rectIn(t, r.back, r.pal.selection, lay.textTop(li)-1)
			box = rectIn(t, r.back, withAlpha(col, r.pal.spanAlpha), lay.textTop(li)-1)
			if sel.Position().X != box.Position().X+2 || sel.Size().Width != box.Size().Width-4 {
				t.Errorf("selection of %q spans x %v+%v, the entity box %v+%v (2px wider each side)", c.span, sel.Position().X, sel.Size().Width, box.Position().X, box.Size().Width)
			}
		})
	}
}

// misalignedRTL has right-to-left words that spans cover in part: a Hebrew
// and an Arabic paragraph, and an Arabic word in an English line.
const misalignedRTL = "השגריר פגש ישראלים היום.\nقال المسؤولون المصريين اليوم في ٢٠٢٣.\nThe envoy met المصريين today."

// TestSpanInsideRTLWordDrawnExactly is TestSpanInsideWordDrawnExactly for
// right-to-left words. Fyne shapes a Hebrew or Arabic word right to left
// (its first character at its right end, as measured on its rendered
// pixels), so the characters [start, end) of a word lie between its right
// edge less the width of the characters before end and its right edge less
// the width of those before start. Arabic-Indic digits are shaped left to
// right, as measured too. An Alt+drag over that extent selects the same
// characters.
func TestSpanInsideRTLWordDrawnExactly(t *testing.T) {
	for _, c := range []struct {
		word, span string
		n          int  // which occurrence of the word and the span
		ltr        bool // shaped left to right
	}{
		{"ישראלים", "ישראל", 0, false},
		{"ישראלים", "שראל", 0, false},
		{"المصريين", "مصري", 0, false},
		{"المصريين", "المصري", 1, false},
		{"٢٠٢٣", "٢٠", 0, true},
	} {
		t.Run(c.span, func(t *testing.T) {
			h := newHarness(t, misalignedRTL)
			start, end := offsets(misalignedRTL, c.span, c.n)
			storeEntityAndQuote(t, h, start, end, "NORP")
			lay, r := h.tv().lay, rendererOf(h)
			tok := h.token(c.word, c.n)
			li := int(lay.tokLn[tok])
			wordStart, _ := offsets(misalignedRTL, c.word, c.n)
			word := []rune(c.word)
			pos, _ := lay.tokenRect(tok)
			right := pos.X + lay.tokW[tok]
			x0 := right - lay.measure(string(word[:end-wordStart]))
			x1 := right - lay.measure(string(word[:start-wordStart]))
			if c.ltr {
				x0, x1 = pos.X+lay.measure(string(word[:start-wordStart])), pos.X+lay.measure(string(word[:end-wordStart]))
			}
			if x1-x0 >= lay.tokW[tok]-1 {
				t.Fatalf("test text: %q is as wide as %q", c.span, c.word)
			}
			col := r.pal.label("NORP")
			box := rectIn(t, r.back, withAlpha(col, r.pal.spanAlpha), lay.textTop(li)-1)
			if box.Position().X != round(x0-2) || box.Size().Width != round(x1-x0+4) {
				t.Errorf("box spans x %v+%v, want %v+%v (the characters %q with a 2px margin; the word is at %v+%v)",
					box.Position().X, box.Size().Width, round(x0-2), round(x1-x0+4), c.span, pos.X, lay.tokW[tok])
			}
			under := rectIn(t, r.marks, col, lay.underTop(li))
			bar := rectIn(t, r.marks, r.pal.quote, lay.quoteTop(li))
			for name, o := range map[string]*canvasRect{"underline": under, "quote bar": bar} {
				if o.Position().X != round(x0) || o.Size().Width != round(x1-x0) {
					t.Errorf("%s spans x %v+%v, want %v+%v", name, o.Position().X, o.Size().Width, round(x0), round(x1-x0))
				}
			}
			// Alt+drag from the span's start (its right edge in a
			// right-to-left word) to its end selects those characters.
			y := lay.textTop(li) + lay.met.textH/2
			from, to := fyne.NewPos(x1-0.4, y), fyne.NewPos(x0+0.4, y)
			if c.ltr {
				from, to = fyne.NewPos(x0+0.4, y), fyne.NewPos(x1-0.4, y)
			}
			h.tv().MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary, Modifier: fyne.KeyModifierAlt})
			// Straight to the view: a letter such as י is narrower than the
			// offset test.Drag's hit test adds.
			h.tv().Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-from.X, 0)})
			h.tv().DragEnd()
			if a, b := h.ed.text.codePoints(h.ed.m); a != start || b != end {
				t.Errorf("Alt+drag over the drawn span selected [%d, %d), want [%d, %d)", a, b, start, end)
			}
		})
	}
}
