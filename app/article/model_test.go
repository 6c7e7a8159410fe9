package article

import (
	"testing"

	"byline/annotate"
)

func TestSeekTokenMatchesTokenAt(t *testing.T) {
	text := "A  quick, brown fox — jumps\n\nover «the» lazy dog. 👩🏽‍💼 end"
	toks := annotate.Tokenize(text)
	n := annotate.RuneCount(text)
	for from := 0; from <= len(toks); from++ {
		for cp := 0; cp <= n; cp++ {
			want := annotate.TokenAt(toks, cp)
			if want < from {
				continue // seekToken's precondition does not hold
			}
			if got := seekToken(toks, from, cp); got != want {
				t.Fatalf("seekToken(from %d, cp %d) = %d, want %d", from, cp, got, want)
			}
		}
	}
}

func TestReindexTokenRangesAndLevels(t *testing.T) {
	text := "Russian Foreign Minister Sergei Lavrov met Hakan Fidan."
	m := newModel(&annotate.Document{Text: text})
	span := func(s, label string) annotate.Entity {
		a, b := offsets(text, s, 0)
		return annotate.Entity{ID: int64(a*100 + b), Start: a, End: b, Label: label}
	}
	m.setAnnotations(&annotate.Annotations{Entities: []annotate.Entity{
		span("Hakan Fidan", "PERSON"), span("Russian", "NORP"), span("Russian Foreign Minister", "TITLE"),
		span("Foreign Minister Sergei", "TITLE"), span("Sergei Lavrov", "PERSON"),
	}})
	want := []struct {
		text  string
		toks  tokRange
		level int
	}{
		{"Russian Foreign Minister", tokRange{0, 3}, 0},
		{"Russian", tokRange{0, 1}, 1},
		{"Foreign Minister Sergei", tokRange{1, 4}, 1}, // beside "Russian", inside nothing at level 1
		{"Sergei Lavrov", tokRange{3, 5}, 0},
		{"Hakan Fidan", tokRange{6, 8}, 0},
	}
	for i, w := range want {
		e, v := m.ann.Entities[i], m.ents[i]
		if got := m.index.Slice(e.Start, e.End); got != w.text || v.toks != w.toks || v.level != w.level {
			t.Errorf("%d: %q toks %v level %d, want %q %v %d", i, got, v.toks, v.level, w.text, w.toks, w.level)
		}
	}
	if m.levels != 2 {
		t.Errorf("levels %d, want 2", m.levels)
	}
}
