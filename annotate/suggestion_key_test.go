package annotate

import "testing"

func TestSuggestionKey(t *testing.T) {
	quote := &Suggestion{Kind: SuggestQuote, Quote: &SuggestedQuote{Content: []Segment{{Start: 3, End: 9}, {Start: 20, End: 31}}}}
	for _, c := range []struct {
		name string
		s    *Suggestion
		want string
	}{
		{"name", &Suggestion{Kind: SuggestEntity, Entity: &SuggestedEntity{Start: 0, End: 8, Label: "PERSON"}}, "e:0:8:PERSON"},
		{"link", &Suggestion{Kind: SuggestLink, Link: &SuggestedLink{Start: 13, End: 17, Label: "ORG", Actor: ProposedActor{ID: 7}}}, "a:13:17:ORG:7"},
		{"quote of two segments", quote, "q:3:31"},
		{"a name without its entity", &Suggestion{Kind: SuggestEntity}, "q:0:0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.s.Key(); got != c.want {
				t.Fatalf("key %q, want %q", got, c.want)
			}
			k, ok := ParseSuggestionKey(c.want)
			if !ok || k != c.s.KeyParts() {
				t.Errorf("parsed %+v (%v), want %+v", k, ok, c.s.KeyParts())
			}
		})
	}
	for _, bad := range []string{"", "e", "e:1", "e:1:2", "e:1:2:", "q:1:2:X", "a:1:2:ORG", "a:1:2::7", "a:1:2:ORG:x", "x:1:2", "e:one:2:PERSON"} {
		if k, ok := ParseSuggestionKey(bad); ok {
			t.Errorf("%q parsed as %+v", bad, k)
		}
	}
}

// FuzzParseSuggestionKey: what parses lays out again as a key that parses
// to the same parts.
func FuzzParseSuggestionKey(f *testing.F) {
	for _, s := range []string{"e:0:8:PERSON", "a:13:17:ORG:7", "q:3:31", "e:1:2:A:B", "a:1:2:X:Y:-3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, key string) {
		k, ok := ParseSuggestionKey(key)
		if !ok {
			return
		}
		again, ok := ParseSuggestionKey(k.String())
		if !ok || again != k {
			t.Errorf("%q parsed as %+v, laid out as %q, parsed again as %+v (%v)", key, k, k.String(), again, ok)
		}
	})
}

// TestUsedUpKeys: accepting a name uses up the names proposed for its span
// with any label, and its key range holds exactly their keys.
func TestUsedUpKeys(t *testing.T) {
	name := func(start, end int, label string) *Suggestion {
		return &Suggestion{Kind: SuggestEntity, Entity: &SuggestedEntity{Start: start, End: end, Label: label}}
	}
	link := &Suggestion{Kind: SuggestLink, Link: &SuggestedLink{Start: 18, End: 29, Label: "PERSON", Actor: ProposedActor{ID: 2}}}
	quote := &Suggestion{Kind: SuggestQuote, Quote: &SuggestedQuote{Content: []Segment{{Start: 18, End: 29}}}}
	accepted := name(18, 29, "ORG")
	for _, c := range []struct {
		kept *Suggestion
		want bool
	}{
		{name(18, 29, "ORG"), true},
		{name(18, 29, "PERSON"), true},
		{name(18, 29, "A:B"), true},
		{name(18, 290, "ORG"), false},
		{name(1, 29, "ORG"), false},
		{name(18, 2, "ORG"), false},
		{link, false},
		{quote, false},
	} {
		from, to := accepted.UsedUpKeys()
		key := c.kept.Key()
		if got := accepted.UsesUp(c.kept); got != c.want {
			t.Errorf("accepting %s uses up %s: %v, want %v", accepted.Key(), key, got, c.want)
		}
		if inRange := key >= from && key < to; inRange != c.want {
			t.Errorf("%s in [%q, %q): %v, want %v", key, from, to, inRange, c.want)
		}
	}
	for _, s := range []*Suggestion{link, quote} {
		from, to := s.UsedUpKeys()
		if k := s.Key(); !s.UsesUp(s) || k < from || k >= to || s.UsesUp(name(18, 29, "PERSON")) {
			t.Errorf("%s: range [%q, %q), uses up itself: %v", k, from, to, s.UsesUp(s))
		}
	}
}
