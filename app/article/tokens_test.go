package article

import (
	"testing"
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
