package annotate

import (
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
