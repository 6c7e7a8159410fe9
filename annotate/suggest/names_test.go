package suggest

import (
	"strings"
	"testing"

	"byline/annotate"
	"byline/annotate/annotatetest"
	"byline/assets"
)

func newsSchema(t testing.TB) *annotate.Schema {
	s, err := annotate.ParseSchema(assets.Schema())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestEntitySuggestions(t *testing.T) {
	schema := newsSchema(t)
	schema.Gazetteers = map[string][]string{"ORG": {"NATO", "European Union"}}
	names := []annotate.NameCount{
		{Text: "Lavrov", Label: "PERSON", Count: 5},
		{Text: "Lavrov", Label: "ORG", Count: 1}, // outvoted
		{Text: "Ankara", Label: "GPE", Count: 2},
		{Text: "Ankara", Label: "ORG", Count: 2}, // a tie: the label first in the schema wins
		{Text: "Sergei Lavrov", Label: "PERSON", Count: 1},
		{Text: "Fidan", Label: "NOPE", Count: 9}, // not in the schema
	}
	text := "Sergei Lavrov met NATO and European  Union envoys in Ankara. Lavrovs and Lavrov's talks; Lavrov left Ankara."
	e := New(schema, names)
	existing := &annotate.Annotations{Entities: []annotate.Entity{
		{ID: 7, Start: strings.LastIndex(text, "Ankara"), End: strings.LastIndex(text, "Ankara") + 6, Label: "GPE", Text: "Ankara"}, // the second Ankara is marked already (ASCII: bytes are code points)
	}}
	var got []string
	for _, s := range e.Suggest(text, existing, nil, Options{Entities: true}) {
		checkOffsets(t, text, s)
		got = append(got, describe(s)+" ("+s.Reason+")")
	}
	want := []string{
		`PERSON "Sergei Lavrov" (marked PERSON elsewhere)`, // longest match; no "Lavrov" inside it
		`ORG "NATO" (ORG gazetteer)`,                       // "European  Union" has two spaces: not the same text
		`ORG "Ankara" (marked ORG elsewhere)`,              // ORG comes before GPE in the schema
		`PERSON "Lavrov" (marked PERSON elsewhere)`,        // the tokenizer splits the clitic: "Lavrov" "'s"
		`PERSON "Lavrov" (marked PERSON elsewhere)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestExistingAnnotationsAndRejections(t *testing.T) {
	text := "Sergei Lavrov arrived in Ankara.\n\"We are very close to a deal now,\" he said. \"Nothing is agreed until everything is agreed,\" a diplomat said."
	ann := &annotate.Annotations{
		Entities: []annotate.Entity{{ID: 3, Start: 0, End: 13, Label: "PERSON", Text: "Sergei Lavrov"}},
	}
	e := New(newsSchema(t), nil)
	all := e.Suggest(text, ann, nil, All)
	if len(all) != 2 {
		t.Fatalf("want 2 quote suggestions, got %d: %v", len(all), all)
	}
	sp := all[0].Quote.Speaker
	if sp == nil || sp.EntityID != 3 || sp.Pronoun == nil || sp.Pronoun.Text != "he" {
		t.Errorf("the pronoun should propose entity 3 shown as 'he': %+v", sp)
	}
	if !strings.Contains(all[0].Reason, "'he' = Sergei Lavrov") {
		t.Errorf("reason %q does not show the pronoun", all[0].Reason)
	}
	// A rejected suggestion is not proposed again.
	rest := e.Suggest(text, ann, map[string]bool{all[0].Key(): true}, All)
	if len(rest) != 1 || rest[0].Key() != all[1].Key() {
		t.Errorf("after rejecting %s: %v", all[0].Key(), rest)
	}
	// An accepted (existing) quote overlapping a suggestion hides it.
	ann.Quotes = []annotate.Quote{{ID: 1, Content: []annotate.Segment{{Start: all[1].Start() + 2, End: all[1].Start() + 5}}}}
	rest = e.Suggest(text, ann, nil, All)
	if len(rest) != 1 || rest[0].Key() != all[0].Key() {
		t.Errorf("with a quote inside the second suggestion: %v", rest)
	}
}

func TestDeterministic(t *testing.T) {
	rec := annotatetest.LongArticle(3000, 300)
	ann := recordAnnotations(rec)
	e := New(newsSchema(t), namesOf(ann))
	a := e.Suggest(rec.Text, ann, nil, All)
	b := e.Suggest(rec.Text, ann, nil, All)
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("runs differ in length: %d vs %d", len(a), len(b))
	}
	for i := range a {
		if describe(a[i]) != describe(b[i]) || a[i].Key() != b[i].Key() || a[i].Reason != b[i].Reason {
			t.Fatalf("suggestion %d differs: %s vs %s", i, describe(a[i]), describe(b[i]))
		}
	}
}

func TestSchemaCues(t *testing.T) {
	schema := newsSchema(t)
	schema.Cues = []string{"grumbled"}
	text := `"The deadline is Friday, not Monday," the spokesman grumbled.`
	if got := New(newsSchema(t), nil).Suggest(text, nil, nil, All); len(got) != 1 || got[0].Quote.Cue != nil {
		t.Fatalf("without the schema cue: %v", got)
	}
	got := New(schema, nil).Suggest(text, nil, nil, All)
	if len(got) != 1 || got[0].Quote.Cue == nil || got[0].Quote.Cue.Text != "grumbled" {
		t.Fatalf("with the schema cue: %v", got)
	}
}

func TestLexicon(t *testing.T) {
	en := 0
	for _, f := range []string{"said", "says", "saying", "told", "according to", "quoted as saying", "pointed out", "tweeted", "stressed"} {
		if !Builtin().IsCue(f) {
			t.Errorf("%q is not a cue", f)
		}
	}
	for _, f := range []string{"сказал", "по словам", "заявив", "за словами", "sagte", "laut", "a déclaré", "selon"} {
		if !Builtin().IsCue(f) {
			t.Errorf("%q is not a cue", f)
		}
	}
	for _, text := range Builtin().texts {
		if !strings.ContainsAny(text, "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґäöüßéèêàç") {
			en++
		}
	}
	if en < 60*4 {
		t.Errorf("only %d English cue forms", en)
	}
}

// recordAnnotations turns a record's entities into stored-looking ones.
func recordAnnotations(rec *annotate.Record) *annotate.Annotations {
	a := &annotate.Annotations{}
	x := annotate.NewTextIndex(rec.Text)
	for i, e := range rec.Entities {
		a.Entities = append(a.Entities, annotate.Entity{ID: int64(i + 1), Start: e.Start, End: e.End, Label: e.Label, Text: x.Slice(e.Start, e.End)})
	}
	return a
}

func namesOf(a *annotate.Annotations) []annotate.NameCount {
	counts := map[[2]string]int{}
	for _, e := range a.Entities {
		counts[[2]string{e.Text, e.Label}]++
	}
	var out []annotate.NameCount
	for k, n := range counts {
		out = append(out, annotate.NameCount{Text: k[0], Label: k[1], Count: n})
	}
	return out
}
