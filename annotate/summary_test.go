package annotate

import (
	"strings"
	"testing"
)

func TestSummaries(t *testing.T) {
	jane := &Entity{ID: 1, Label: "PERSON", Text: "Jane Doe"}
	acme := &Entity{ID: 2, Label: "ORG", Text: `the "Acme"
company`}
	ents := map[int64]*Entity{1: jane, 2: acme}
	long := strings.Repeat("word ", 20)
	for _, c := range []struct {
		name, got, want string
	}{
		{"entity", EntitySummary(jane), `PERSON "Jane Doe"`},
		{"inner quotes and newline", EntitySummary(acme), `ORG "the 'Acme' company"`},
		{"long text", QuotedSnippet(long), `"word word word word word word word word w…"`},
		{"text in its own marks", QuotedSnippet("“We are ready,”"), `"We are ready,"`},
		{"marks and a full stop after", QuotedSnippet(` «frank and useful». `), `"frank and useful."`},
		{"inner marks only", QuotedSnippet("a “stable” partner"), `"a “stable” partner"`},
		{"one mark alone", QuotedSnippet("“"), `"“"`},
		{"space before the comma after the marks", QuotedSnippet("“We are ready” ,"), `"We are ready,"`},
		{"entity note changed", EntityUpdateSummary(jane, jane), `PERSON "Jane Doe"`},
		{"entity relabelled", EntityUpdateSummary(&Entity{Label: "ORG"}, jane), `ORG → PERSON "Jane Doe"`},
		{"entity deleted alone", EntityDeleteSummary(jane, DeleteResult{Entities: 1}), `PERSON "Jane Doe"`},
		{"entity deleted with links", EntityDeleteSummary(jane, DeleteResult{Entities: 1, Relations: 2}),
			`PERSON "Jane Doe" (with 2 relation(s), 0 speaker link(s))`},
		{"quote", QuoteSummary(&Quote{Kind: QuoteDirect, Content: []Segment{{Text: "we won"}}}), `direct quote "we won"`},
		{"split quote", QuoteSummary(&Quote{Kind: QuoteMixed, Content: []Segment{{Text: "we"}, {Text: "won"}}}), `mixed quote "we … won"`},
		{"relation", RelationSummary(&Relation{Type: "MEMBER_OF", HeadID: 1, TailID: 2}, ents), `MEMBER_OF "Jane Doe" → "the 'Acme' company"`},
		{"relation with a lost end", RelationSummary(&Relation{Type: "MET_WITH", HeadID: 1, TailID: 9}, ents), `MET_WITH "Jane Doe" → ?`},
		{"change", ChangeSummary("todo", "done"), "todo → done"},
		{"label deleted", LabelDeleteSummary("GPE", 3), "GPE (3 entities)"},
		{"debris stripped", DebrisStripSummary(2), "2 debris range(s) removed"},
		{"rejected entity by key", RejectionSummary(NewTextIndex("Jane Doe met Acme"), "e:0:8:PERSON", nil), `rejected suggested PERSON "Jane Doe"`},
		{"rejected link by key", RejectionSummary(NewTextIndex("Jane Doe met Acme"), "a:13:17:ORG:7", nil), `rejected suggested link "Acme"`},
		{"rejected quote by key", RejectionSummary(NewTextIndex("Jane Doe met Acme"), "q:0:4", nil), `rejected suggested quote "Jane"`},
	} {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.name, c.got, c.want)
		}
	}
}
