package article

import (
	"testing"
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
