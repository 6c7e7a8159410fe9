package article

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"byline/annotate"
)

// layoutFor lays text out at width with the test driver's fonts.
func layoutFor(text string, width float32) (*model, *layout) {
	m := newModel(&annotate.Document{Text: text})
	l := newLayout()
	l.setMetrics()
	l.relayout(m, width)
	return m, l
}

// checkLayout verifies what hit testing and drawing rely on: lines cover
// the tokens in order, words stay inside the line, and the point in the
// middle of every word finds that word.
func checkLayout(t *testing.T, m *model, l *layout) {
	t.Helper()
	next := 0
	for li, ln := range l.lines {
		if ln.first != next || ln.end < ln.first {
			t.Fatalf("line %d covers [%d,%d), expected to start at %d", li, ln.first, ln.end, next)
		}
		next = ln.end
		if li > 0 && ln.y < l.lines[li-1].y+l.lines[li-1].h {
			t.Fatalf("line %d overlaps the line before", li)
		}
	}
	if next != len(m.toks) {
		t.Fatalf("lines end at token %d of %d", next, len(m.toks))
	}
	for i := range m.toks {
		if l.tokX[i] < -0.5 {
			t.Fatalf("token %d %q at x %.1f", i, m.tokenText(i), l.tokX[i])
		}
		pos, size := l.tokenRect(i)
		got := l.tokenAt(pos.Add(fyne.NewPos(size.Width/2, size.Height/2)))
		if got != i && !(l.tokLn[got] == l.tokLn[i] && l.tokX[got] <= l.tokX[i]+size.Width/2 && l.tokX[got]+l.tokW[got] >= l.tokX[i]+size.Width/2) {
			t.Fatalf("the middle of token %d %q finds token %d %q", i, m.tokenText(i), got, m.tokenText(got))
		}
	}
}

func TestLayoutWrapsAndHitTests(t *testing.T) {
	test.NewTempApp(t)
	cases := map[string]string{
		"plain":      "The talks in Geneva lasted nearly three hours, and both sides said they would meet again.",
		"paragraphs": "One.\n\nTwo words.\n\n\n\nThree\nlines here.",
		"glued":      "“We are ready,” he said: «нет» — (really?) [1] {x}.",
		"scripts":    "Мария 👩🏽‍💼 🇷🇺 שלום עולם قال وزير Zoë e\u0301 中文字",
		"long word":  "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung short",
		"empty":      "",
		"spaces":     "   \n\n  ",
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			for _, w := range []float32{120, 300, 800} {
				m, l := layoutFor(text, w)
				checkLayout(t, m, l)
			}
		})
	}
}

func TestMeasureMatchesFyne(t *testing.T) {
	test.NewTempApp(t)
	_, l := layoutFor("", 300)
	words := []string{"office", "AVATAR", "Tokyo", "Vojvodina", "Россия", "Ελλάδα", "P.W.", "“We", "yes,”", "Zoë", "naïve", "1,234.5", "—", "don’t",
		"שלום", "قال", "👩🏽‍💼", "🇷🇺", "中文", "e\u0301"}
	for _, w := range words {
		want := fyne.MeasureText(w, l.met.textSize, fyne.TextStyle{}).Width
		if got := l.measure(w); got < want-0.01 || got > want+0.01 {
			t.Errorf("%q: %.3f, Fyne measures %.3f", w, got, want)
		}
	}
}

func FuzzLayout(f *testing.F) {
	for _, s := range []string{"a b c", "“We,” he said.\n\nok", "שלום עולם and more", "👩🏽‍💼🇷🇺", "x\u0301 \u200d y", ""} {
		f.Add(s, uint16(200))
	}
	test.NewTempApp(f)
	f.Fuzz(func(t *testing.T, text string, width uint16) {
		if len(text) > 2000 {
			return
		}
		text = string([]rune(text)) // the store only holds valid UTF-8
		m, l := layoutFor(text, float32(width%1000)+40)
		checkLayout(t, m, l)
	})
}

// drawnSuggestionChips draws the view and returns the captions of the
// suggestion chips on it.
func drawnSuggestionChips(h *harness) []string {
	r := newTextRenderer(h.tv())
	r.draw()
	var captions []string
	for _, o := range r.objs {
		if t, ok := o.(*canvasText); ok && strings.HasSuffix(t.Text, " ?") {
			captions = append(captions, t.Text)
		}
	}
	return captions
}

// A line that loses its last chip draws none: its chip range is not left
// pointing into the reused chip list, where other lines' chips now are.
func TestChipsGoWithTheirLine(t *testing.T) {
	h := newReviewHarness(t)
	if got := drawnSuggestionChips(h); len(got) != 6 {
		t.Fatalf("chips %v, want 6", got)
	}
	h.tab(false)
	h.key(fyne.KeyBackspace) // the first line's "PERSON ?" and "GPE ?" go
	h.key(fyne.KeyBackspace)
	if got := drawnSuggestionChips(h); len(got) != len(h.ed.Suggestions()) {
		t.Errorf("after a rejection: chips %v for %d suggestions", got, len(h.ed.Suggestions()))
	}
	h.ed.ShowSuggestions(false)
	if got := drawnSuggestionChips(h); len(got) != 0 {
		t.Errorf("suggestions hidden, chips still drawn: %v", got)
	}
}
