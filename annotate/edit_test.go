package annotate

import (
	"errors"
	"reflect"
	"testing"
)

func editSchema() *Schema {
	return &Schema{
		Entities: []EntityLabel{{Name: "PERSON", Color: "#111111"}, {Name: "ORG", Color: "#222222"}},
		Relations: []RelationType{
			{Name: "MEMBER_OF", Heads: []string{"PERSON"}, Tails: []string{"ORG"}},
			{Name: "MET_WITH", Heads: []string{"PERSON", "ORG"}, Tails: []string{AnyLabel}},
		},
	}
}

func TestSchemaEdits(t *testing.T) {
	for _, c := range []struct {
		name  string
		edit  func(s *Schema) error
		code  string
		heads []string // MET_WITH's heads afterwards
		names []string // label names afterwards
	}{
		{"rename label", func(s *Schema) error { return s.RenameLabel("PERSON", "PER") }, "", []string{"PER", "ORG"}, []string{"PER", "ORG"}},
		{"rename missing label", func(s *Schema) error { return s.RenameLabel("GPE", "X") }, ENOTFOUND, []string{"PERSON", "ORG"}, []string{"PERSON", "ORG"}},
		{"rename onto a label", func(s *Schema) error { return s.RenameLabel("PERSON", "ORG") }, ECONFLICT, []string{"PERSON", "ORG"}, []string{"PERSON", "ORG"}},
		{"rename to a bad name", func(s *Schema) error { return s.RenameLabel("PERSON", "a b") }, EINVALID, nil, nil},
		{"rename type", func(s *Schema) error { return s.RenameRelationType("MET_WITH", "MET") }, "", []string{"PERSON", "ORG"}, []string{"PERSON", "ORG"}},
		{"rename missing type", func(s *Schema) error { return s.RenameRelationType("LOVES", "X") }, ENOTFOUND, []string{"PERSON", "ORG"}, []string{"PERSON", "ORG"}},
		{"rename onto a type", func(s *Schema) error { return s.RenameRelationType("MET_WITH", "MEMBER_OF") }, ECONFLICT, []string{"PERSON", "ORG"}, []string{"PERSON", "ORG"}},
		{"drop label", func(s *Schema) error { s.DropLabel("PERSON"); return nil }, "", []string{"ORG"}, []string{"ORG"}},
		{"drop missing label", func(s *Schema) error { s.DropLabel("GPE"); return nil }, "", []string{"PERSON", "ORG"}, []string{"PERSON", "ORG"}},
	} {
		s := editSchema()
		err := c.edit(s)
		if got := ErrorCode(err); got != c.code {
			t.Errorf("%s: error %v, want code %q", c.name, err, c.code)
		}
		if c.names == nil {
			continue
		}
		if !reflect.DeepEqual(s.LabelNames(), c.names) || !reflect.DeepEqual(s.Relations[1].Heads, c.heads) {
			t.Errorf("%s: labels %v, heads %v; want %v, %v", c.name, s.LabelNames(), s.Relations[1].Heads, c.names, c.heads)
		}
	}
}

func TestDropRelationType(t *testing.T) {
	for _, c := range []struct {
		drop string
		want []string
	}{
		{"MEMBER_OF", []string{"MET_WITH"}},
		{"MET_WITH", []string{"MEMBER_OF"}},
		{"LOVES", []string{"MEMBER_OF", "MET_WITH"}},
		{"", []string{"MEMBER_OF", "MET_WITH"}},
	} {
		s := editSchema()
		s.DropRelationType(c.drop)
		var got []string
		for _, r := range s.Relations {
			got = append(got, r.Name)
		}
		if !reflect.DeepEqual(got, c.want) || len(s.Entities) != 2 {
			t.Errorf("DropRelationType(%q): types %v, %d labels; want %v, 2", c.drop, got, len(s.Entities), c.want)
		}
	}
}

func TestUpdateApply(t *testing.T) {
	q := Quote{Kind: QuoteDirect, Cue: &Segment{Start: 1, End: 2}, SpeakerID: 7, Note: "a"}
	(&QuoteUpdate{ClearCue: true, Cue: &Segment{}, SpeakerID: ptrTo(int64(9)), Note: ptrTo("b")}).Apply(&q)
	if q.Cue != nil || q.SpeakerID != 9 || q.Note != "b" || q.Kind != QuoteDirect {
		t.Errorf("quote after update = %+v", q)
	}
	(&QuoteUpdate{ClearSpeaker: true, Kind: ptrTo(QuotePartial)}).Apply(&q)
	if q.SpeakerID != 0 || q.Kind != QuotePartial {
		t.Errorf("quote after clearing the speaker = %+v", q)
	}
	r := Relation{Type: "A", HeadID: 1, TailID: 2}
	(&RelationUpdate{Type: ptrTo("B"), Reverse: true}).Apply(&r)
	if r.Type != "B" || r.HeadID != 2 || r.TailID != 1 {
		t.Errorf("relation after update = %+v", r)
	}
}

func ptrTo[T any](v T) *T { return &v }

func TestEntityUpdateApply(t *testing.T) {
	for _, c := range []struct {
		name string
		upd  EntityUpdate
		code string
		want Entity
	}{
		{"nothing", EntityUpdate{}, "", Entity{Label: "PERSON", Note: "a"}},
		{"label", EntityUpdate{Label: ptrTo("ORG")}, "", Entity{Label: "ORG", Note: "a"}},
		{"note", EntityUpdate{Note: ptrTo("")}, "", Entity{Label: "PERSON"}},
		{"label not in the schema", EntityUpdate{Label: ptrTo("GPE"), Note: ptrTo("b")}, EINVALID, Entity{Label: "PERSON", Note: "a"}},
	} {
		e := Entity{Label: "PERSON", Note: "a"}
		err := c.upd.Apply(&e, editSchema())
		if ErrorCode(err) != c.code || e != c.want {
			t.Errorf("%s: %+v, %v; want %+v, code %q", c.name, e, err, c.want, c.code)
		}
	}
}

func TestQuoteUpdateKind(t *testing.T) {
	for _, c := range []struct {
		name string
		old  QuoteKind
		upd  QuoteUpdate
		code string
		want QuoteKind
	}{
		{"kept", QuoteDirect, QuoteUpdate{Note: ptrTo("n")}, "", QuoteDirect},
		{"changed", QuoteDirect, QuoteUpdate{Kind: ptrTo(QuoteMixed)}, "", QuoteMixed},
		{"cleared", QuoteDirect, QuoteUpdate{Kind: ptrTo(QuoteKind("")), Note: ptrTo("n")}, EINVALID, QuoteDirect},
		{"never set", "", QuoteUpdate{}, EINVALID, ""},
	} {
		q := Quote{Kind: c.old}
		err := c.upd.Apply(&q)
		if ErrorCode(err) != c.code || q.Kind != c.want || (err != nil && q.Note != "") {
			t.Errorf("%s: %+v, %v; want kind %q, code %q", c.name, q, err, c.want, c.code)
		}
	}
}

func TestPrepareQuote(t *testing.T) {
	const text = `She said "we won" to Tom.`
	x := NewTextIndex(text)
	speaker := map[int64]*Entity{4: {ID: 4}}
	for _, c := range []struct {
		name    string
		q       Quote
		code    string
		kind    QuoteKind
		texts   []string // content texts afterwards
		cueText string
	}{
		{"kind from the marks", Quote{Content: []Segment{{Start: 9, End: 17}}, SpeakerID: 4}, "", QuoteDirect, []string{`"we won"`}, ""},
		{"no marks", Quote{Content: []Segment{{Start: 10, End: 16}}}, "", QuoteIndirect, []string{"we won"}, ""},
		{"kind kept, segments sorted", Quote{Kind: QuotePartial, Content: []Segment{{Start: 13, End: 16}, {Start: 10, End: 12}}},
			"", QuotePartial, []string{"we", "won"}, ""},
		{"cue text", Quote{Content: []Segment{{Start: 10, End: 16}}, Cue: &Segment{Start: 4, End: 8, Text: ""}}, "", QuoteIndirect, []string{"we won"}, "said"},
		{"stale text", Quote{Content: []Segment{{Start: 10, End: 16, Text: "we lost"}}}, EINVALID, QuoteIndirect, nil, ""},
		{"unknown speaker", Quote{Content: []Segment{{Start: 10, End: 16}}, SpeakerID: 5}, EINVALID, QuoteIndirect, nil, ""},
		{"no content", Quote{}, EINVALID, QuoteIndirect, nil, ""},
	} {
		q := c.q
		cue := c.q.Cue
		caller := append([]Segment(nil), c.q.Content...)
		err := PrepareQuote(x, &q, speaker)
		if ErrorCode(err) != c.code || q.Kind != c.kind {
			t.Errorf("%s: kind %q, error %v; want %q, code %q", c.name, q.Kind, err, c.kind, c.code)
			continue
		}
		if err != nil {
			continue
		}
		var texts []string
		for _, s := range q.Content {
			texts = append(texts, s.Text)
		}
		if !reflect.DeepEqual(texts, c.texts) {
			t.Errorf("%s: texts %q, want %q", c.name, texts, c.texts)
		}
		if cue != nil && (q.Cue == cue || q.Cue.Text != c.cueText || cue.Text != "") {
			t.Errorf("%s: cue %+v (caller's %+v), want a copy with text %q", c.name, q.Cue, cue, c.cueText)
		}
		if !reflect.DeepEqual(c.q.Content, caller) {
			t.Errorf("%s: the caller's segments became %+v", c.name, c.q.Content)
		}
	}
}

func TestCheckSchemaReplace(t *testing.T) {
	used := map[string]int{"PERSON": 1, "ORG": 2, "MEMBER_OF": 1, "MET_WITH": 3}
	count := func(name string) (int, error) { return used[name], nil }
	drop := func(label, relType string) *Schema {
		s := editSchema()
		s.DropLabel(label)
		s.DropRelationType(relType)
		return s
	}
	added := editSchema()
	added.Entities = append(added.Entities, EntityLabel{Name: "GPE", Color: "#333333"})
	for _, c := range []struct {
		name    string
		old     *Schema
		next    *Schema
		dropped bool
		message string // the ECONFLICT message, "" for none
	}{
		{"same", editSchema(), editSchema(), false, ""},
		{"label added", editSchema(), added, false, ""},
		{"unused label dropped", added, editSchema(), true, ""},
		{"label in use", editSchema(), drop("PERSON", ""), true,
			"cannot remove what annotations still use: label PERSON is used by 1 entity. Delete or rename it instead."},
		{"both in use", editSchema(), drop("ORG", "MET_WITH"), true,
			"cannot remove what annotations still use: label ORG is used by 2 entities; relation type MET_WITH is used by 3 relations. Delete or rename it instead."},
		{"one relation", editSchema(), drop("", "MEMBER_OF"), true,
			"cannot remove what annotations still use: relation type MEMBER_OF is used by 1 relation. Delete or rename it instead."},
	} {
		dropped, err := CheckSchemaReplace(c.old, c.next, count, count)
		message := ""
		if err != nil {
			message = err.Error()
			if ErrorCode(err) != ECONFLICT {
				t.Errorf("%s: code %q, want ECONFLICT", c.name, ErrorCode(err))
			}
		}
		if dropped != c.dropped || message != c.message {
			t.Errorf("%s: dropped %v, %q; want %v, %q", c.name, dropped, message, c.dropped, c.message)
		}
	}
	gone := errors.New("disk gone")
	failing := func(string) (int, error) { return 0, gone }
	if _, err := CheckSchemaReplace(editSchema(), drop("ORG", ""), failing, count); !errors.Is(err, gone) {
		t.Errorf("a failing count: %v, want it returned", err)
	}
}

func TestCleanAnnotator(t *testing.T) {
	for _, c := range []struct{ in, want, code string }{
		{"kim", "kim", ""},
		{"  kim lee\t", "kim lee", ""},
		{"", "", EINVALID},
		{" \n ", "", EINVALID},
	} {
		got, err := CleanAnnotator(c.in)
		if got != c.want || ErrorCode(err) != c.code {
			t.Errorf("CleanAnnotator(%q) = %q, %v; want %q, code %q", c.in, got, err, c.want, c.code)
		}
	}
}

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		n    int
		one  string
		many []string
		want string
	}{
		{0, "quote", nil, "0 quotes"},
		{1, "quote", nil, "1 quote"},
		{12, "actor link", nil, "12 actor links"},
		{1, "entity", []string{"entities"}, "1 entity"},
		{3, "entity", []string{"entities"}, "3 entities"},
	} {
		if got := Plural(c.n, c.one, c.many...); got != c.want {
			t.Errorf("Plural(%d, %q, %q) = %q, want %q", c.n, c.one, c.many, got, c.want)
		}
	}
}
