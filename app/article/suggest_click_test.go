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
