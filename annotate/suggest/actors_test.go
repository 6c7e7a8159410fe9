package suggest

import (
	"fmt"
	"strings"
	"testing"

	"byline/annotate"
)

// describeActor renders a suggestion with the actor it proposes.
func describeActor(s annotate.Suggestion) string {
	if s.Link != nil {
		return fmt.Sprintf("link %s %q (entity %d) → %d %s [%s]", s.Link.Label, s.Link.Text, s.Link.EntityID,
			s.Link.Actor.ID, s.Link.Actor.Name, s.Reason)
	}
	var actor *annotate.ProposedActor
	out := describe(s)
	switch {
	case s.Entity != nil:
		actor = s.Entity.Actor
	case s.Quote != nil && s.Quote.Speaker != nil:
		actor = s.Quote.Speaker.Actor
	}
	if actor != nil {
		out += fmt.Sprintf(" → %d %s", actor.ID, actor.Name)
	}
	return out + " [" + s.Reason + "]"
}

// at returns the entity of text's first occurrence of s (ASCII text: bytes
// are code points).
func at(id int64, text, s, label string, actor int64) annotate.Entity {
	i := strings.Index(text, s)
	return annotate.Entity{ID: id, Start: i, End: i + len(s), Label: label, Text: s, ActorID: actor}
}

func TestActorSuggestions(t *testing.T) {
	actors := []annotate.ActorSummary{
		{Actor: annotate.Actor{ID: 1, Name: "Sergei Lavrov", Label: "PERSON", Aliases: []string{"Lavrov"}}},
		{Actor: annotate.Actor{ID: 2, Name: "Recep Tayyip Erdoğan", Label: "PERSON", Aliases: []string{"Erdoğan"}}},
		{Actor: annotate.Actor{ID: 3, Name: "John Smith", Label: "PERSON"}}, // namesakes
		{Actor: annotate.Actor{ID: 4, Name: "John Smith", Label: "PERSON"}},
		{Actor: annotate.Actor{ID: 5, Name: "Ankara", Label: "ORG"}}, // the government, not the city
	}
	names := []annotate.NameCount{{Text: "Lavrov", Label: "PERSON", Count: 3}, {Text: "Ankara", Label: "GPE", Count: 2}}
	cases := []struct {
		name, text string
		marked     func(text string) []annotate.Entity
		want       []string
	}{
		{"alias on a name, a speaker and a marked mention", `Erdogan met Lavrov in Ankara. "We are ready," Lavrov said.`,
			func(text string) []annotate.Entity { return []annotate.Entity{at(10, text, "Erdogan", "PERSON", 0)} },
			[]string{
				`link PERSON "Erdogan" (entity 10) → 2 Recep Tayyip Erdoğan [name of actor 'Recep Tayyip Erdoğan']`,
				`PERSON "Lavrov" → 1 Sergei Lavrov [marked PERSON elsewhere; actor 'Sergei Lavrov']`,
				`GPE "Ankara" [marked GPE elsewhere]`, // the actor named Ankara is an ORG
				`direct "We are ready," / cue said / PERSON Lavrov → 1 Sergei Lavrov [quotation marks + 'said'; actor 'Sergei Lavrov']`,
				`PERSON "Lavrov" → 1 Sergei Lavrov [marked PERSON elsewhere; actor 'Sergei Lavrov']`,
			}},
		{"namesakes are left to the analyst", `John Smith met John Smith.`,
			func(text string) []annotate.Entity {
				return []annotate.Entity{at(1, text, "John Smith", "PERSON", 0), {ID: 2, Start: 15, End: 25, Label: "PERSON", Text: "John Smith"}}
			},
			nil},
		{"a namesake linked in the document is proposed", `John Smith met John Smith.`,
			func(text string) []annotate.Entity {
				return []annotate.Entity{at(1, text, "John Smith", "PERSON", 4), {ID: 2, Start: 15, End: 25, Label: "PERSON", Text: "John Smith"}}
			},
			[]string{`link PERSON "John Smith" (entity 2) → 4 John Smith [name of actor 'John Smith']`}},
		{"same text as a linked mention", `The envoy spoke. Later the envoy left.`,
			func(text string) []annotate.Entity {
				return []annotate.Entity{at(1, text, "The envoy", "PERSON", 1), {ID: 2, Start: 23, End: 32, Label: "PERSON", Text: "the envoy"}}
			},
			[]string{`link PERSON "the envoy" (entity 2) → 1 Sergei Lavrov [same text as a mention linked to 'Sergei Lavrov']`}},
		{"a linked mention gets no suggestion", `Lavrov spoke.`,
			func(text string) []annotate.Entity { return []annotate.Entity{at(1, text, "Lavrov", "PERSON", 1)} },
			nil},
	}
	e := New(newsSchema(t), names).WithActors(actors)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ann := &annotate.Annotations{Entities: c.marked(c.text), Actors: []annotate.Actor{actors[0].Actor, actors[3].Actor}}
			var got []string
			for _, s := range e.Suggest(c.text, ann, nil, All) {
				checkOffsets(t, c.text, s)
				got = append(got, describeActor(s))
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(c.want, "\n  "))
			}
		})
	}

	// A mention linked in the document names its actor from the registry
	// when the document's annotations do not list the actor yet (the view
	// links mentions before it reads the list again).
	envoy := `The envoy spoke. Later the envoy left.`
	fresh := &annotate.Annotations{Entities: []annotate.Entity{at(1, envoy, "The envoy", "PERSON", 2), {ID: 2, Start: 23, End: 32, Label: "PERSON", Text: "the envoy"}}}
	if got := e.Suggest(envoy, fresh, nil, All); len(got) != 1 || got[0].Link == nil || got[0].Link.Actor.Name != "Recep Tayyip Erdoğan" {
		t.Errorf("link to an actor the document does not list: %v", got)
	}

	// A rejected link is not proposed again; the engine without actors
	// proposes none.
	text := `Erdogan spoke.`
	ann := &annotate.Annotations{Entities: []annotate.Entity{at(10, text, "Erdogan", "PERSON", 0)}}
	list := e.Suggest(text, ann, nil, All)
	if len(list) != 1 || list[0].Kind != annotate.SuggestLink {
		t.Fatalf("suggestions %v", list)
	}
	if got := e.Suggest(text, ann, map[string]bool{list[0].Key(): true}, All); len(got) != 0 {
		t.Errorf("a rejected link came back: %v", got)
	}
	if got := New(newsSchema(t), names).Suggest(text, ann, nil, All); len(got) != 0 {
		t.Errorf("an engine without actors proposed %v", got)
	}
}

// Rejections are matched by the start a key names (Suggest builds keys only
// there), so every key's second field must be its suggestion's start.
func TestKeyNamesStart(t *testing.T) {
	text := `Erdogan said the talks had been useful and added that a new round was planned. "We are ready," Lavrov said.`
	ann := &annotate.Annotations{Entities: []annotate.Entity{at(10, text, "Erdogan", "PERSON", 0)}}
	actors := []annotate.ActorSummary{{Actor: annotate.Actor{ID: 2, Name: "Erdogan", Label: "PERSON"}}}
	e := New(newsSchema(t), []annotate.NameCount{{Text: "Lavrov", Label: "PERSON", Count: 1}}).WithActors(actors)
	list := e.Suggest(text, ann, nil, All)
	kinds := map[annotate.SuggestionKind]bool{}
	for _, s := range list {
		kinds[s.Kind] = true
		if f := strings.Split(s.Key(), ":"); len(f) < 3 || f[1] != fmt.Sprint(s.Start()) {
			t.Errorf("key %q of a suggestion starting at %d", s.Key(), s.Start())
		}
		rest := e.Suggest(text, ann, map[string]bool{s.Key(): true}, All)
		if len(rest) != len(list)-1 {
			t.Errorf("rejecting %q left %d of %d", s.Key(), len(rest), len(list))
		}
	}
	if len(kinds) != 3 {
		t.Errorf("kinds %v: want quotes, names and links", kinds)
	}
}
