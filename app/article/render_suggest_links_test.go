package article

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// The selected proposed quote is linked to its proposed speaker and cue as
// an accepted quote is, dashed and lighter; a selected name, or nothing
// selected, draws no link.
func TestSelectedSuggestionQuoteLinks(t *testing.T) {
	h := newReviewHarness(t)
	r := rendererOf(h)
	links := func() (speaker, cue int, dashed bool) {
		h.tv().Refresh()
		dashed = true
		for _, p := range r.parts {
			switch p.caption {
			case "speaker":
				speaker++
			case "cue":
				cue++
			default:
				continue
			}
			dashed = dashed && p.dashed && p.ref.Kind == kindSuggestion && p.col != r.pal.quote
		}
		return speaker, cue, dashed
	}
	if s, c, _ := links(); s+c != 0 {
		t.Fatalf("nothing selected: %d speaker and %d cue links", s, c)
	}
	for h.selectedKey() != keyQuote1 {
		h.tab(false)
		if h.selectedKey() == keyLavrov1 && h.ed.SelectedSuggestion() >= 0 {
			if s, c, _ := links(); s+c != 0 {
				t.Fatalf("a name selected: %d speaker and %d cue links", s, c)
			}
		}
	}
	s, c, dashed := links()
	if s != 1 || c != 1 || !dashed {
		t.Errorf("proposed quote selected: %d speaker and %d cue links (dashed, light, the suggestion's: %v), want one each", s, c, dashed)
	}
	if drawnTexts(r, "speaker") != 1 || drawnTexts(r, "cue") != 1 {
		t.Errorf("captions drawn: %d speaker, %d cue", drawnTexts(r, "speaker"), drawnTexts(r, "cue"))
	}
	// Dashes: the links are drawn in pieces, not as single lines.
	h.tab(false)
	h.tab(true)
	before := len(r.objs)
	h.tab(false) // a name after the quote
	if h.selectedKey() == keyQuote1 || len(r.objs) >= before {
		t.Errorf("selecting the next suggestion (%s) drew %d objects, the quote with its links %d", h.selectedKey(), len(r.objs), before)
	}
	h.noErrors()
}

// The captions of a selected proposed quote's links ("speaker", "cue") are
// drawn clear of the chips on their line: a proposed quote's lines have no
// arc band above the chips to hold them.
func TestSuggestionLinkCaptionsClearOfChips(t *testing.T) {
	h := newReviewHarness(t)
	r := rendererOf(h)
	type box struct {
		text string
		x, y float32
		size fyne.Size
	}
	overlap := func(a, b box) bool {
		return a.x < b.x+b.size.Width && b.x < a.x+a.size.Width && a.y < b.y+b.size.Height && b.y < a.y+a.size.Height
	}
	for _, key := range []string{keyQuote1, keyQuote2} {
		for range len(h.ed.Suggestions()) {
			if h.selectedKey() == key {
				break
			}
			h.tab(false)
		}
		if h.selectedKey() != key {
			t.Fatalf("Tab never selected %s", key)
		}
		h.tv().Refresh()
		var captions, chips []box
		for _, o := range r.objs {
			c, ok := o.(*canvas.Text)
			if !ok {
				continue
			}
			b := box{c.Text, c.Position().X, c.Position().Y, fyne.MeasureText(c.Text, c.TextSize, c.TextStyle)}
			switch {
			case c.Text == "speaker" || c.Text == "cue":
				captions = append(captions, b)
			case strings.HasSuffix(c.Text, " ?"):
				b.x -= chipPad
				b.size.Width += 2 * chipPad
				chips = append(chips, b)
			}
		}
		if len(captions) != 2 {
			t.Fatalf("%s selected: captions %v, want speaker and cue", key, captions)
		}
		for _, c := range captions {
			for _, ch := range chips {
				if overlap(c, ch) {
					t.Errorf("%s selected: the %q caption at (%g, %g) covers the %q chip at (%g, %g)", key, c.text, c.x, c.y, ch.text, ch.x, ch.y)
				}
			}
		}
	}
	h.noErrors()
}
