package suggest

import (
	"testing"
	"unicode/utf8"

	"byline/annotate"
)

// FuzzSuggest checks, for any text, that suggestions point at the text's own
// code points, quote segments are in order without overlaps, and two runs
// agree.
func FuzzSuggest(f *testing.F) {
	for _, s := range []string{
		`“We are ready,” Lavrov said, “but not at any price.”`,
		`'It's over,' the coach's assistant told reporters.`,
		"«Мы готовы», — заявил Лавров.\n\n„Wir sind bereit“, sagte Scholz.",
		`According to the Kremlin, the meeting will take place in June.`,
		"\"unclosed quote runs on\n\"and another",
		`He said "" and ' ' and ‘’ ”“ »« 「」`,
		"The plan is dead, Lavrov, Russia's top diplomat, said.",
		"👍🏽 said “🇺🇦 é\u0301”, he told.",
	} {
		f.Add(s)
	}
	schema := &annotate.Schema{Entities: []annotate.EntityLabel{{Name: "PERSON"}, {Name: "ORG"}}}
	e := New(schema, []annotate.NameCount{{Text: "Lavrov", Label: "PERSON", Count: 1}, {Text: "the", Label: "ORG", Count: 1}})
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		a := e.Suggest(text, nil, nil, All)
		b := e.Suggest(text, nil, nil, All)
		if len(a) != len(b) {
			t.Fatalf("two runs differ: %d vs %d", len(a), len(b))
		}
		for i, s := range a {
			checkOffsets(t, text, s)
			if s.Key() != b[i].Key() {
				t.Fatalf("two runs differ at %d", i)
			}
			if q := s.Quote; q != nil {
				for k := 1; k < len(q.Content); k++ {
					if q.Content[k].Start < q.Content[k-1].End {
						t.Fatalf("segments out of order: %v", q.Content)
					}
				}
			}
		}
	})
}
