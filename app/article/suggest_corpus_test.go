package article

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"

	"byline/annotate"
	"byline/annotate/annotatetest"
)

// Opening documents reads the corpus's names and actors again only when
// they can have changed: after a name was marked, or an undo in this
// window, not after a rejection; and a name marked or taken back in one
// document is proposed, or no longer, in the next one opened.
func TestSuggestionCorpusReadOnlyWhenChanged(t *testing.T) {
	h := newReviewHarness(t)
	review := h.doc
	other := h.addDocument("Hakan Fidan arrived in Ankara.", annotate.Meta{})
	counted := &annotatetest.CorpusReads{Store: h.store}
	h.ed.store = counted
	open := func(doc int64, wantReads int32, wantFidan bool) {
		t.Helper()
		if err := h.ed.Open(doc); err != nil {
			t.Fatal(err)
		}
		h.ed.WaitSuggestions()
		if n, a := counted.NameReads.Load(), counted.ActorReads.Load(); n != wantReads || a != wantReads {
			t.Errorf("names read %d times, actors %d, want %d", n, a, wantReads)
		}
		if doc != other {
			return
		}
		keys := h.suggestionKeys()
		if !slices.Contains(keys, "e:23:29:GPE") || slices.Contains(keys, "e:0:11:PERSON") != wantFidan {
			t.Errorf("suggestions %v: want Ankara, and Hakan Fidan: %v", keys, wantFidan)
		}
	}
	open(other, 0, false)
	open(review, 0, false)
	h.dragWords("Hakan", "Fidan")
	h.typeKeys("1")
	h.ed.WaitSuggestions()
	if e := h.entity("Hakan Fidan"); e.Label != "PERSON" {
		t.Fatalf("marked %+v", e)
	}
	open(other, 1, true)
	open(review, 1, false)
	h.tab(false)
	h.key(fyne.KeyBackspace)
	h.ed.WaitSuggestions()
	if len(h.rejections()) != 1 {
		t.Fatalf("rejections %v", h.rejections())
	}
	open(other, 1, true)
	open(review, 1, false)
	for range 2 { // the rejection, then the mark
		if err := h.ed.Undo(); err != nil {
			t.Fatal(err)
		}
		h.ed.WaitSuggestions()
	}
	if len(h.stored().Entities) != 0 {
		t.Fatalf("undo left %+v", h.stored().Entities)
	}
	open(other, 2, false)
	h.noErrors()
}
