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

// actorOf returns the actor linked to the document's entity with span sp.
func actorOf(t *testing.T, s annotate.Store, doc int64, sp [2]int) int64 {
	t.Helper()
	for _, e := range annotations(t, s, doc).Entities {
		if e.Start == sp[0] && e.End == sp[1] {
			return e.ActorID
		}
	}
	t.Fatalf("no entity at %v", sp)
	return 0
}

// markedWithLink marks sampleText's "Sergey Lavrov" and returns the mention
// with a suggestion to link it to actor a.
func markedWithLink(t *testing.T, s annotate.Store, doc int64, a *annotate.Actor) (*annotate.Entity, annotate.Suggestion) {
	t.Helper()
	marked := &annotate.Entity{DocumentID: doc, Start: spanLavrov[0], End: spanLavrov[1], Label: "PERSON"}
	if err := s.CreateEntity(bg, marked); err != nil {
		t.Fatal(err)
	}
	return marked, annotate.Suggestion{Kind: annotate.SuggestLink, Reason: "name of actor " + annotate.QuotedSnippet(a.Name),
		Link: &annotate.SuggestedLink{EntityID: marked.ID, Start: spanLavrov[0], End: spanLavrov[1], Label: "PERSON",
			Text: "Sergey Lavrov", Actor: annotate.ProposedActor{ID: a.ID, Name: a.Name}}}
}

// Suggestions may propose actors: a new name or speaker span carries the
// actor its text names, and a mention already marked may get a link
// suggestion. Both round-trip through storage, and accepting links.
func testSuggestionActors(t *testing.T, s annotate.Store) {
	doc := importText(t, s, "a", sampleText, annotate.Meta{})
	lav := annotate.Actor{Name: "Sergey Lavrov", Label: "PERSON", Aliases: []string{"Lavrov"}}
	fid := annotate.Actor{Name: "Hakan Fidan", Label: "PERSON"}
	gone := annotate.Actor{Name: "Nobody", Label: "PERSON"}
	for _, a := range []*annotate.Actor{&lav, &fid, &gone} {
		if err := s.CreateActor(bg, a); err != nil {
			t.Fatal(err)
		}
	}
	quote := sampleQuoteSuggestion()
	quote.Quote.Speaker.Actor = &annotate.ProposedActor{ID: lav.ID, Name: lav.Name}
	fidan := entitySuggestion(spanFidan, "PERSON", "Hakan Fidan")
	fidan.Entity.Actor = &annotate.ProposedActor{ID: fid.ID, Name: fid.Name}
	marked, link := markedWithLink(t, s, doc, &lav)
	if err := s.SaveSuggestions(bg, doc, []annotate.Suggestion{quote, fidan, link}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Suggestions(bg, doc)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{link.Key(), fidan.Key(), quote.Key()}; !slices.Equal(keys(got), want) {
		t.Fatalf("stored suggestions %v, want %v", keys(got), want)
	}
	if got[0].Kind != annotate.SuggestLink || *got[0].Link != *link.Link ||
		got[1].Entity.Actor == nil || *got[1].Entity.Actor != *fidan.Entity.Actor ||
		got[2].Quote.Speaker.Actor == nil || *got[2].Quote.Speaker.Actor != *quote.Quote.Speaker.Actor {
		t.Fatalf("stored suggestions lost their actors: %+v %+v %+v", got[0], got[1].Entity, got[2].Quote.Speaker)
	}

	// A new entity, a new speaker span and an existing mention get linked.
	if _, err := s.AcceptSuggestion(bg, doc, &got[1], ""); err != nil {
		t.Fatal(err)
	}
	if id := actorOf(t, s, doc, spanFidan); id != fid.ID {
		t.Errorf("accepted name linked to actor %d, want %d", id, fid.ID)
	}
	acc, err := s.AcceptSuggestion(bg, doc, &got[2], "")
	if err != nil {
		t.Fatal(err)
	}
	if acc.Entity == nil || acc.Entity.ActorID != lav.ID {
		t.Fatalf("accepted speaker span %+v, want it linked to %d", acc.Entity, lav.ID)
	}
	var said int
	if err := s.ActorQuotes(bg, annotate.QuoteFilter{ActorID: lav.ID}, func(*annotate.ActorQuote) error { said++; return nil }); err != nil || said != 1 {
		t.Errorf("the accepted quote is not the actor's: %d quote(s), %v", said, err)
	}
	acc, err = s.AcceptSuggestion(bg, doc, &got[0], "")
	if err != nil {
		t.Fatal(err)
	}
	if acc.Entity == nil || acc.Entity.ID != marked.ID || acc.Entity.ActorID != lav.ID || acc.Quote != nil {
		t.Fatalf("accepted link %+v", acc)
	}
	if id := actorOf(t, s, doc, spanLavrov); id != lav.ID {
		t.Fatalf("the mention links to %d after accepting, want %d", id, lav.ID)
	}
	list, err := s.Actors(bg)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		if a.ID == lav.ID && (a.Mentions != 2 || a.Quotes != 1) {
			t.Errorf("%q: %d mentions, %d quotes; want 2 and 1", a.Name, a.Mentions, a.Quotes)
		}
	}
	// The link is one undoable action of the document.
	step(t, s, doc, true, "accept_suggestion")
	if id := actorOf(t, s, doc, spanLavrov); id != 0 {
		t.Errorf("after undo the mention links to %d", id)
	}
	step(t, s, doc, false, "accept_suggestion")
	if id := actorOf(t, s, doc, spanLavrov); id != lav.ID {
		t.Errorf("after redo the mention links to %d", id)
	}
	if left, _ := s.Suggestions(bg, doc); len(left) != 0 {
		t.Errorf("accepted suggestions still stored: %v", keys(left))
	}

	// Refused: a mention linked already, a deleted actor, a deleted mention.
	_, err = s.AcceptSuggestion(bg, doc, &link, "")
	wantCode(t, "link a linked mention", err, annotate.ECONFLICT)
	if err := s.DeleteActor(bg, gone.ID); err != nil {
		t.Fatal(err)
	}
	ankara := entitySuggestion(spanAnkara, "GPE", "Ankara")
	ankara.Entity.Actor = &annotate.ProposedActor{ID: gone.ID, Name: gone.Name}
	_, err = s.AcceptSuggestion(bg, doc, &ankara, "")
	wantCode(t, "accept with a deleted actor", err, annotate.ENOTFOUND)
	if c := counts(annotations(t, s, doc)); c != [3]int{3, 1, 0} {
		t.Errorf("a refused accept stored something: %v", c)
	}
	stale := link
	stale.Link = &annotate.SuggestedLink{EntityID: 99999, Start: 33, End: 39, Label: "GPE", Text: "Ankara", Actor: link.Link.Actor}
	_, err = s.AcceptSuggestion(bg, doc, &stale, "")
	wantCode(t, "link a deleted mention", err, annotate.ENOTFOUND)
}

// testNamesRevision: every change that can alter EntityNames or Actors moves
// the revision on, and reading or rejecting leaves it alone.
func testNamesRevision(t *testing.T, s annotate.Store) {
	rev := func() int64 {
		t.Helper()
		r, err := s.NamesRevision(bg)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	last := rev()
	moved := func(what string, want bool) {
		t.Helper()
		now := rev()
		if (now > last) != want || now < last {
			t.Errorf("%s: revision %d after %d, want a change: %v", what, now, last, want)
		}
		last = now
	}
	doc := importText(t, s, "a", sampleText, annotate.Meta{})
	moved("import a document without annotations", false)
	e := entity(t, s, doc, spanFidan, "PERSON")
	moved("create an entity", true)
	label := "ORG"
	if _, err := s.UpdateEntity(bg, e.ID, annotate.EntityUpdate{Label: &label}); err != nil {
		t.Fatal(err)
	}
	moved("change its label", true)
	if _, err := s.EntityNames(bg); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Actors(bg); err != nil {
		t.Fatal(err)
	}
	moved("read the names and actors", false)
	ankara := entitySuggestion(spanAnkara, "GPE", "Ankara")
	if err := s.RejectSuggestion(bg, doc, ankara.Key()); err != nil {
		t.Fatal(err)
	}
	moved("reject a suggestion", false)
	a := createActor(t, s, "Hakan Fidan", "PERSON")
	moved("create an actor", true)
	name := "Fidan"
	if _, err := s.UpdateActor(bg, a.ID, annotate.ActorUpdate{Name: &name}); err != nil {
		t.Fatal(err)
	}
	moved("rename the actor", true)
	if _, err := s.AcceptSuggestions(bg, doc, []annotate.Suggestion{ankara}, ""); err != nil {
		t.Fatal(err)
	}
	moved("accept a suggestion", true)
	rec := &annotate.Record{ID: "b", Text: "Ankara.", Entities: []annotate.RecordEntity{{ID: "T1", Start: 0, End: 6, Label: "GPE", Text: "Ankara"}}}
	if _, err := s.ImportRecords(bg, []*annotate.Record{rec}, annotate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	moved("import a marked name", true)

	// Undo and redo, which another window may do: the revision moves when
	// they change names or actors, not when they take back a rejection.
	step(t, s, doc, true, "accept_suggestions")
	moved("undo accepting a name", true)
	step(t, s, doc, false, "accept_suggestions")
	moved("redo accepting a name", true)
	step(t, s, doc, true, "accept_suggestions")
	moved("undo accepting a name again", true)
	if ev, err := s.UndoActors(bg); err != nil || ev == nil || ev.Action != annotate.ActionUpdateActor {
		t.Fatalf("undo the rename: %+v, %v", ev, err)
	}
	moved("undo renaming the actor", true)
	if ev, err := s.RedoActors(bg); err != nil || ev == nil || ev.Action != annotate.ActionUpdateActor {
		t.Fatalf("redo the rename: %+v, %v", ev, err)
	}
	moved("redo renaming the actor", true)
	lavrov := entitySuggestion(spanLavrov, "PERSON", "Sergey Lavrov")
	if err := s.RejectSuggestion(bg, doc, lavrov.Key()); err != nil {
		t.Fatal(err)
	}
	moved("reject another suggestion", false)
	step(t, s, doc, true, "reject_suggestion")
	moved("undo the rejection", false)
	step(t, s, doc, false, "reject_suggestion")
	moved("redo the rejection", false)
}
