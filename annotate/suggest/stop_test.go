package suggest

import (
	"reflect"
	"testing"

	"byline/annotate/annotatetest"
)

// A run whose caller no longer wants it stops: at once when stop says so
// from the start, part way when it says so later, asking only every few
// thousand tokens; never stopped, it gives what Suggest gives.
func TestSuggestUntilStops(t *testing.T) {
	rec := annotatetest.LongArticle(20_000, 2_000)
	ann := recordAnnotations(rec)
	e := New(newsSchema(t), namesOf(ann)).WithActors(benchActors(ann, 100))
	want := e.Suggest(rec.Text, ann, nil, All)
	if len(want) == 0 {
		t.Fatal("no suggestions")
	}
	full, ok := e.SuggestUntil(func() bool { return false }, rec.Text, ann, nil, All)
	if !ok || !reflect.DeepEqual(full, want) {
		t.Fatalf("never stopped: ok %v, %d suggestions, want the %d of Suggest", ok, len(full), len(want))
	}
	// How often a whole run asks: the budget for the cases below.
	asked := 0
	e.SuggestUntil(func() bool { asked++; return false }, rec.Text, ann, nil, All)
	if asked < 5 || asked > 200 {
		t.Fatalf("a whole run asked %d times: want a check every few thousand tokens", asked)
	}
	for _, after := range []int{0, 1, 2, asked / 2, asked - 1} {
		calls := 0
		list, ok := e.SuggestUntil(func() bool { calls++; return calls > after }, rec.Text, ann, nil, All)
		if ok || list != nil {
			t.Errorf("stop after %d checks of %d: ok %v with %d suggestions", after, asked, ok, len(list))
		}
		if calls != after+1 {
			t.Errorf("stop after %d checks: asked %d times, want it to end at the first yes", after, calls)
		}
	}
}
