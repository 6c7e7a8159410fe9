package annotatetest

import (
	"slices"
	"testing"

	"byline/annotate"
)

// sampleQuoteSuggestion proposes sampleText's quote with its cue and the new
// speaker span "Lavrov" (the second mention).
func sampleQuoteSuggestion() annotate.Suggestion {
	return annotate.Suggestion{Kind: annotate.SuggestQuote, Reason: "quotation marks + 'said'",
		Quote: &annotate.SuggestedQuote{Kind: annotate.QuoteDirect,
			Content: []annotate.Segment{{Start: spanQuote[0], End: spanQuote[1], Text: "\"We agreed on a ceasefire,\""}},
			Cue:     &annotate.Segment{Start: spanCue[0], End: spanCue[1], Text: "said"},
			Speaker: &annotate.SuggestedSpeaker{Start: 70, End: 76, Label: "PERSON", Text: "Lavrov"}}}
}

func entitySuggestion(span [2]int, label, text string) annotate.Suggestion {
	return annotate.Suggestion{Kind: annotate.SuggestEntity, Reason: "marked " + label + " elsewhere",
		Entity: &annotate.SuggestedEntity{Start: span[0], End: span[1], Label: label, Text: text}}
}

func keys(list []annotate.Suggestion) []string {
	var out []string
	for _, s := range list {
		out = append(out, s.Key())
	}
	return out
}

func testSuggestions(t *testing.T, s annotate.Store) {
	doc := importText(t, s, "a", sampleText, annotate.Meta{})
	quote := sampleQuoteSuggestion()
	fidan := entitySuggestion(spanFidan, "PERSON", "Hakan Fidan")
	ankara := entitySuggestion(spanAnkara, "GPE", "Ankara")
	if err := s.SaveSuggestions(bg, doc, []annotate.Suggestion{quote, ankara, fidan}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Suggestions(bg, doc)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{fidan.Key(), ankara.Key(), quote.Key()}; !slices.Equal(keys(got), want) {
		t.Fatalf("stored suggestions %v, want %v in text order", keys(got), want)
	}
	if got[2].Quote.Speaker.Text != "Lavrov" || got[2].Reason != quote.Reason {
		t.Errorf("stored quote suggestion lost its speaker or reason: %+v", got[2])
	}
	if c := counts(annotations(t, s, doc)); c != [3]int{} {
		t.Errorf("suggestions counted as annotations: %v", c)
	}

	// Rejecting remembers the key and drops the stored suggestion.
	if err := s.RejectSuggestion(bg, doc, ankara.Key()); err != nil {
		t.Fatal(err)
	}
	rej, err := s.Rejections(bg, doc)
	if err != nil || !rej[ankara.Key()] || len(rej) != 1 {
		t.Errorf("rejections %v (%v), want only %s", rej, err, ankara.Key())
	}
	if got, _ := s.Suggestions(bg, doc); len(got) != 2 {
		t.Errorf("after a rejection %d suggestions stored, want 2", len(got))
	}

	// Accepting a quote creates its speaker span and the quote in one action.
	acc, err := s.AcceptSuggestion(bg, doc, &quote, annotate.SuggestAnnotator)
	if err != nil {
		t.Fatal(err)
	}
	if acc.Entity == nil || acc.Quote == nil || acc.Quote.SpeakerID != acc.Entity.ID || acc.Quote.Cue == nil {
		t.Fatalf("accepted %+v", acc)
	}
	a := annotations(t, s, doc)
	if counts(a) != [3]int{1, 1, 0} || a.Quotes[0].Annotator != annotate.SuggestAnnotator || a.Entities[0].Text != "Lavrov" {
		t.Fatalf("after accepting: %+v", a)
	}
	hist, err := s.History(bg, doc, 1)
	if err != nil || len(hist) != 1 || hist[0].Action != "accept_suggestion" {
		t.Fatalf("history %+v (%v), want an accept_suggestion event", hist, err)
	}
	if got, _ := s.Suggestions(bg, doc); len(got) != 1 || got[0].Key() != fidan.Key() {
		t.Errorf("the accepted suggestion is still stored: %v", keys(got))
	}
	// One undo takes back both; redo brings both.
	step(t, s, doc, true, "accept_suggestion")
	if c := counts(annotations(t, s, doc)); c != [3]int{} {
		t.Errorf("after undo: %v", c)
	}
	step(t, s, doc, false, "accept_suggestion")
	if c := counts(annotations(t, s, doc)); c != [3]int{1, 1, 0} {
		t.Errorf("after redo: %v", c)
	}

	// A suggestion whose entity is marked already is refused.
	lavrov := entitySuggestion([2]int{70, 76}, "PERSON", "Lavrov")
	_, err = s.AcceptSuggestion(bg, doc, &lavrov, "")
	wantCode(t, "accept a marked entity", err, annotate.ECONFLICT)
	// An entity suggestion with a label the schema lacks is invalid.
	bad := entitySuggestion(spanFidan, "NOPE", "Hakan Fidan")
	_, err = s.AcceptSuggestion(bg, doc, &bad, "")
	wantCode(t, "accept an unknown label", err, annotate.EINVALID)
	_, err = s.AcceptSuggestion(bg, 9999, &fidan, "")
	wantCode(t, "accept in a missing document", err, annotate.ENOTFOUND)

	// Accepting an entity, then a quote whose speaker span exists: the quote
	// links the existing entity.
	if _, err := s.AcceptSuggestion(bg, doc, &fidan, ""); err != nil {
		t.Fatal(err)
	}
	second := sampleQuoteSuggestion()
	second.Quote.Content = []annotate.Segment{{Start: 0, End: 17, Text: "Sergey Lavrov met"}}
	acc, err = s.AcceptSuggestion(bg, doc, &second, "")
	if err != nil {
		t.Fatal(err)
	}
	if acc.Entity != nil || acc.Quote.SpeakerID == 0 {
		t.Errorf("a second quote by the same speaker made a new span: %+v", acc)
	}
	names, err := s.EntityNames(bg)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 2 || names[0] != (annotate.NameCount{Text: "Hakan Fidan", Label: "PERSON", Count: 1}) ||
		names[1] != (annotate.NameCount{Text: "Lavrov", Label: "PERSON", Count: 1}) {
		t.Errorf("entity names %+v", names)
	}
}
