package article

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
)

// suggestionHit returns the drawn bar (bar true) or chip of the suggestion
// with key.
func (h *harness) suggestionHit(key string, bar bool) fyne.Position {
	h.t.Helper()
	h.tv().Refresh()
	for _, hit := range h.tv().hits {
		if hit.ref.Kind != kindSuggestion || h.ed.Suggestions()[hit.ref.ID-1].Key() != key {
			continue
		}
		if (hit.size.Height == quoteBand) == bar {
			return hit.pos.Add(fyne.NewPos(hit.size.Width/2, hit.size.Height/2))
		}
	}
	h.t.Fatalf("no drawn bar=%v for suggestion %s", bar, key)
	return fyne.Position{}
}

func TestClickInProposedQuoteSelectsWord(t *testing.T) {
	h := newReviewHarness(t)
	h.click("talks", 0) // a word of the proposed indirect quote
	if got := h.selectedKey(); got != "" {
		t.Fatalf("a click inside a proposed quote selected the suggestion %q", got)
	}
	h.typeKeys("1")
	if e := h.entity("talks"); e.Label != "PERSON" {
		t.Fatalf("the clicked word was stored as %s", e.Label)
	}
	// Shift+click inside the quote extends a word selection there too.
	h.click("would", 0)
	h.clickShift("go")
	h.typeKeys("2")
	if e := h.entity("would go"); e.Label != "ORG" {
		t.Fatalf("the Shift+clicked words were stored as %s", e.Label)
	}
	// The quote is still proposed, and chosen by its dashed bar or its chip.
	for _, bar := range []bool{true, false} {
		h.click("met", 0)
		h.click2(h.suggestionHit(keyQuote2, bar))
		if got := h.selectedKey(); got != keyQuote2 {
			t.Fatalf("a click on the quote's bar=%v selected %q, want %s", bar, got, keyQuote2)
		}
	}
	h.key(fyne.KeyReturn)
	if q := h.stored().Quotes; len(q) != 1 || q[0].Content[0].Text != "the talks would go on" {
		t.Fatalf("accepting the clicked quote stored %+v", q)
	}
	h.noErrors()
}

func TestLabelKeyOnClickedSuggestedName(t *testing.T) {
	h := newReviewHarness(t)
	events, _ := h.store.History(context.Background(), h.doc, 0)
	h.click("Lavrov", 0)
	if got := h.selectedKey(); got != keyLavrov1 {
		t.Fatalf("a click on a suggested name selected %q, want %s", got, keyLavrov1)
	}
	h.typeKeys("2")
	h.ed.WaitSuggestions()
	e := h.entity("Lavrov")
	if e.Label != "ORG" || e.Start != 7 || e.End != 13 {
		t.Fatalf("stored %s [%d, %d), want ORG [7, 13)", e.Label, e.Start, e.End)
	}
	if hist, _ := h.store.History(context.Background(), h.doc, 0); len(hist) != len(events)+1 || hist[0].Action != "accept_suggestion" {
		t.Fatalf("%d events (latest %q), want one accept_suggestion more than %d", len(hist), hist[0].Action, len(events))
	}
	for _, k := range h.suggestionKeys() {
		if k == keyLavrov1 || k == "e:7:13:ORG" {
			t.Fatalf("the labelled name is still proposed: %v", h.suggestionKeys())
		}
	}
	// One undo takes it back.
	h.shortcut(&fyne.ShortcutUndo{})
	h.ed.WaitSuggestions()
	if n := len(h.stored().Entities); n != 0 {
		t.Fatalf("%d entities after undo, want 0", n)
	}
	h.noErrors()
}

func TestShiftClickFromSuggestedName(t *testing.T) {
	h := newReviewHarness(t)
	h.click("Lavrov", 0)
	h.clickShift("Fidan")
	if got := h.selectedKey(); got != "" {
		t.Fatalf("Shift+click left the suggestion %q selected", got)
	}
	h.typeKeys("1")
	if e := h.entity("Lavrov met Hakan Fidan"); e.Label != "PERSON" {
		t.Fatalf("stored %s", e.Label)
	}
	// Backwards: the name's end anchors the selection.
	h.click("Ankara", 1)
	if got := h.selectedKey(); got != keyAnkara2 {
		t.Fatalf("a click on a suggested name selected %q, want %s", got, keyAnkara2)
	}
	h.clickShift("reporters")
	h.typeKeys("3")
	if e := h.entity("reporters in Ankara"); e.Label != "GPE" {
		t.Fatalf("stored %s", e.Label)
	}
	h.noErrors()
}

// A click on a proposed quote's dashed speaker or cue frame, on its word or
// on the frame's edge, selects the quote, as a click on its bar or chip
// does; a speaker that is also a proposed name selects the name, and a
// word of the quote's content is still a word.
func TestClickOnProposedSpeakerOrCueSelectsQuote(t *testing.T) {
	h := newReviewHarness(t)
	frameEdge := func(word string, n int) fyne.Position {
		pos, size := h.tv().lay.tokenRect(h.token(word, n))
		return pos.Add(fyne.NewPos(size.Width+1, size.Height/2))
	}
	for _, tc := range []struct {
		name string
		at   fyne.Position
		want string
	}{
		{"cue of the direct quote", h.at("said", 0), keyQuote1},
		{"cue of the indirect quote", h.at("told", 0), keyQuote2},
		{"right edge of a cue frame", frameEdge("told", 0), keyQuote2},
		{"proposed new speaker", h.at("Fidan", 1), keyQuote2},
		{"left edge of a speaker frame", h.at("Fidan", 1).SubtractXY(h.tv().lay.tokW[h.token("Fidan", 1)]/2+1, 0), keyQuote2},
		{"speaker that is a proposed name", h.at("Lavrov", 1), keyLavrov2},
	} {
		h.click("met", 0)
		h.click2(tc.at)
		if got := h.selectedKey(); got != tc.want {
			t.Errorf("a click on the %s selected %q, want %s", tc.name, got, tc.want)
		}
	}
	h.click("reporters", 0) // content of no quote, between the cue and the quote
	if got := h.selectedKey(); got != "" {
		t.Errorf("a click on a plain word selected the suggestion %q", got)
	}
	h.click("talks", 0)
	if got := h.selectedKey(); got != "" {
		t.Errorf("a click in the quote's content selected the suggestion %q", got)
	}
	// The quote chosen by its cue is accepted with Enter, with its speaker and cue.
	h.click2(h.at("told", 0))
	h.key(fyne.KeyReturn)
	q := h.stored().Quotes
	if len(q) != 1 || q[0].Content[0].Text != "the talks would go on" || q[0].Cue == nil || q[0].Cue.Text != "told" {
		t.Fatalf("accepting the quote chosen by its cue stored %+v", q)
	}
	h.noErrors()
}
