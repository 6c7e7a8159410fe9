package annotate

import (
	"os"
	"strings"
	"testing"
)

func testSchema(t testing.TB) *Schema {
	t.Helper()
	b, err := os.ReadFile("../assets/schema.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := ParseSchema(b)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

const runningExample = `Springfield Mayor Jane Doe said, "We will rebuild the bridge by May."`

func TestCheckSpan(t *testing.T) {
	x := NewTextIndex("😀 Jane Doe said")
	tests := []struct {
		name       string
		start, end int
		text       string
		err        string
	}{
		{"ok", 2, 10, "Jane Doe", ""},
		{"ok without text", 2, 10, "", ""},
		{"empty", 3, 3, "", "is empty"},
		{"reversed", 5, 3, "", "is empty"},
		{"negative", -1, 3, "", "negative"},
		{"past end", 2, 16, "", "out of range: the text has 15 characters"},
		{"text mismatch", 2, 10, "Jane Roe", `does not match the document, which has "Jane Doe"`},
		{"byte offsets by mistake", 5, 13, "Jane Doe", "does not match"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckSpan(x, "entity", tc.start, tc.end, tc.text)
			if tc.err == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("err = %v, want %q", err, tc.err)
			}
			if ErrorCode(err) != EINVALID {
				t.Fatalf("code = %s", ErrorCode(err))
			}
		})
	}
}

func TestValidateAnnotations(t *testing.T) {
	s := testSchema(t)
	x := NewTextIndex(runningExample)
	ents := []Entity{
		{ID: 1, Start: 0, End: 11, Label: "GPE"},
		{ID: 2, Start: 18, End: 26, Label: "PERSON"},
		{ID: 3, Start: 12, End: 17, Label: "TITLE"},
	}
	m := EntityMap(ents)
	if err := ValidateEntity(x, s, &Entity{Start: 0, End: 11, Label: "CITY"}); err == nil || !strings.Contains(err.Error(), `"CITY" is not in the schema`) {
		t.Errorf("unknown label: %v", err)
	}
	quotes := []struct {
		name string
		q    Quote
		err  string
	}{
		{"direct with speaker and cue", Quote{Kind: QuoteDirect, Content: []Segment{{Start: 33, End: 69}}, Cue: &Segment{Start: 27, End: 31, Text: "said"}, SpeakerID: 2}, ""},
		{"bad kind", Quote{Kind: "loud", Content: []Segment{{Start: 33, End: 69}}}, "quote kind"},
		{"no content", Quote{Kind: QuoteDirect}, "at least one content segment"},
		{"speaker not entity", Quote{Kind: QuoteDirect, Content: []Segment{{Start: 33, End: 69}}, SpeakerID: 99}, "speaker is not an entity of this document"},
		{"overlapping segments", Quote{Kind: QuoteDirect, Content: []Segment{{Start: 33, End: 50}, {Start: 40, End: 69}}}, "overlap"},
		{"cue out of range", Quote{Kind: QuoteDirect, Content: []Segment{{Start: 33, End: 69}}, Cue: &Segment{Start: 60, End: 90}}, "quote cue"},
	}
	for _, tc := range quotes {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateQuote(x, &tc.q, m)
			if (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
				t.Fatalf("err = %v, want %q", err, tc.err)
			}
		})
	}
	rels := []struct {
		name   string
		r      Relation
		strict bool
		err    string
	}{
		{"role allowed", Relation{Type: "ROLE", HeadID: 2, TailID: 3}, true, ""},
		{"role reversed refused", Relation{Type: "ROLE", HeadID: 3, TailID: 2}, true, "ROLE is not allowed from TITLE to PERSON"},
		{"refused but lenient", Relation{Type: "ROLE", HeadID: 3, TailID: 2}, false, ""},
		{"symmetric either way", Relation{Type: "MET_WITH", HeadID: 1, TailID: 2}, true, ""},
		{"any tail", Relation{Type: "CRITICIZES", HeadID: 2, TailID: 3}, true, ""},
		{"self loop", Relation{Type: "MET_WITH", HeadID: 2, TailID: 2}, true, "to itself"},
		{"missing tail", Relation{Type: "MET_WITH", HeadID: 2, TailID: 9}, true, "tail is not an entity"},
		{"unknown type", Relation{Type: "LOVES", HeadID: 2, TailID: 1}, false, `"LOVES" is not in the schema`},
	}
	for _, tc := range rels {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateRelation(s, &tc.r, m, tc.strict)
			if (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
				t.Fatalf("err = %v, want %q", err, tc.err)
			}
		})
	}
}

func TestSchemaValidate(t *testing.T) {
	s := testSchema(t)
	if len(s.Entities) != 9 || len(s.Relations) != 8 {
		t.Fatalf("default schema has %d labels, %d relation types", len(s.Entities), len(s.Relations))
	}
	for i, want := range []string{"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "DATE", "TITLE"} {
		if l := s.Entities[i]; l.Name != want || l.Hotkey != string(rune('1'+i)) {
			t.Errorf("label %d = %s/%s, want %s/%d", i, l.Name, l.Hotkey, want, i+1)
		}
	}
	bad := []struct {
		name string
		edit func(*Schema)
		err  string
	}{
		{"duplicate label", func(s *Schema) { s.Entities = append(s.Entities, EntityLabel{Name: "PERSON", Color: "#000000"}) }, "defined twice"},
		{"bad colour", func(s *Schema) { s.Entities[0].Color = "red" }, "colour"},
		{"shared hotkey", func(s *Schema) { s.Entities[1].Hotkey = "1" }, "share hotkey"},
		{"unknown label in relation", func(s *Schema) { s.Relations[0].Tails = []string{"CITY"} }, `unknown label "CITY"`},
		{"bad name", func(s *Schema) { s.Entities[0].Name = "two words" }, "must be letters"},
		{"bad debris", func(s *Schema) { s.Debris = []string{"("} }, "debris pattern"},
	}
	for _, tc := range bad {
		c := s.Clone()
		tc.edit(c)
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.err)
		}
	}
	if got := s.RelationTypesFor("PERSON", "TITLE"); len(got) != 3 || got[0].Name != "ROLE" {
		t.Errorf("RelationTypesFor(PERSON, TITLE) = %v", got)
	}
	if _, err := ParseSchema([]byte(`{"entities": [], "bogus": 1}`)); ErrorCode(err) != EFORMAT {
		t.Errorf("unknown schema key: %v", err)
	}
}
