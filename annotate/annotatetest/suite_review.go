package annotatetest

import (
	"reflect"
	"slices"
	"testing"

	"byline/annotate"
)

// testRejectUndo: a rejection is one undoable action; undo forgets it and
// puts back the stored suggestion it dropped, redo rejects again.
func testRejectUndo(t *testing.T, s annotate.Store) {
	doc := importText(t, s, "a", sampleText, annotate.Meta{})
	fidan := entitySuggestion(spanFidan, "PERSON", "Hakan Fidan")
	ankara := entitySuggestion(spanAnkara, "GPE", "Ankara")
	if err := s.SaveSuggestions(bg, doc, []annotate.Suggestion{fidan, ankara}); err != nil {
		t.Fatal(err)
	}
	state := func() ([]string, map[string]bool) {
		t.Helper()
		stored, err := s.Suggestions(bg, doc)
		if err != nil {
			t.Fatal(err)
		}
		rej, err := s.Rejections(bg, doc)
		if err != nil {
			t.Fatal(err)
		}
		return keys(stored), rej
	}
	// A stored suggestion, then one never stored (computed in the window).
	if err := s.RejectSuggestion(bg, doc, ankara.Key()); err != nil {
		t.Fatal(err)
	}
	const computed = "q:42:69"
	if err := s.RejectSuggestion(bg, doc, computed); err != nil {
		t.Fatal(err)
	}
	hist, err := s.History(bg, doc, 2)
	if err != nil || len(hist) != 2 || hist[0].Action != "reject_suggestion" || hist[1].Action != "reject_suggestion" {
		t.Fatalf("history %+v (%v), want two reject_suggestion events", hist, err)
	}
	if want := `rejected suggested quote "We agreed on a ceasefire,"`; hist[0].Summary != want {
		t.Errorf("summary %q, want %q", hist[0].Summary, want)
	}
	if hist[1].Summary != `rejected suggested GPE "Ankara"` {
		t.Errorf("summary %q", hist[1].Summary)
	}
	// Rejecting again records nothing.
	if err := s.RejectSuggestion(bg, doc, computed); err != nil {
		t.Fatal(err)
	}
	if h, _ := s.History(bg, doc, 0); len(h) != 2 {
		t.Errorf("a repeated rejection was recorded: %d events", len(h))
	}

	step(t, s, doc, true, "reject_suggestion")
	stored, rej := state()
	if rej[computed] || !rej[ankara.Key()] || len(rej) != 1 || !slices.Equal(stored, []string{fidan.Key()}) {
		t.Errorf("after one undo: stored %v, rejected %v", stored, rej)
	}
	step(t, s, doc, true, "reject_suggestion")
	stored, rej = state()
	if len(rej) != 0 || !slices.Equal(stored, []string{fidan.Key(), ankara.Key()}) {
		t.Errorf("after two undos: stored %v, rejected %v; want both stored, none rejected", stored, rej)
	}
	if got, _ := s.Suggestions(bg, doc); len(got) == 2 && got[1].Reason != ankara.Reason {
		t.Errorf("the restored suggestion lost its reason: %+v", got[1])
	}
	step(t, s, doc, false, "reject_suggestion")
	stored, rej = state()
	if !rej[ankara.Key()] || len(rej) != 1 || !slices.Equal(stored, []string{fidan.Key()}) {
		t.Errorf("after redo: stored %v, rejected %v", stored, rej)
	}
	if c := counts(annotations(t, s, doc)); c != [3]int{} {
		t.Errorf("rejections made annotations: %v", c)
	}
	wantCode(t, "reject in a missing document", s.RejectSuggestion(bg, 9999, "e:0:1:PERSON"), annotate.ENOTFOUND)
}

// testCreateEntities: "annotate all occurrences" stores many spans as one
// action that one undo takes back whole.
func testCreateEntities(t *testing.T, s annotate.Store) {
	doc := importText(t, s, "a", sampleText, annotate.Meta{})
	first := annotate.Entity{DocumentID: doc, Start: 7, End: 13, Label: "PERSON", Text: "Lavrov"}
	if err := s.CreateEntity(bg, &first); err != nil {
		t.Fatal(err)
	}
	second := annotate.Entity{Start: 70, End: 76, Label: "PERSON", Text: "Lavrov"}
	ankara := annotate.Entity{Start: spanAnkara[0], End: spanAnkara[1], Label: "GPE", Text: "Ankara"}
	// The first is marked already and the second is listed twice: both
	// are stored once.
	out, err := s.CreateEntities(bg, doc, []annotate.Entity{first, second, ankara, second})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 2 || out[0].ID == 0 || out[0].Text != "Lavrov" || out[0].Annotator != "tester" || out[1].Text != "Ankara" {
		t.Fatalf("stored %+v, want the second Lavrov and Ankara with ids", out)
	}
	if c := counts(annotations(t, s, doc)); c != [3]int{3, 0, 0} {
		t.Fatalf("after create: %v", c)
	}
	hist, err := s.History(bg, doc, 0)
	if err != nil || len(hist) != 2 || hist[0].Action != "create_entities" || hist[0].Summary != `2 × PERSON "Lavrov"` {
		t.Fatalf("history %+v (%v), want one create_entities event after the create", hist, err)
	}
	step(t, s, doc, true, "create_entities")
	if a := annotations(t, s, doc); counts(a) != [3]int{1, 0, 0} || a.Entities[0].ID != first.ID {
		t.Errorf("after undo: %+v", a.Entities)
	}
	step(t, s, doc, false, "create_entities")
	a := annotations(t, s, doc)
	if counts(a) != [3]int{3, 0, 0} {
		t.Fatalf("after redo: %v", counts(a))
	}
	for _, e := range a.Entities {
		if e.ID == out[0].ID && (e.Start != 70 || e.Text != "Lavrov") {
			t.Errorf("redo changed the entity: %+v", e)
		}
	}
	// Nothing new: nothing stored, nothing recorded.
	if out, err := s.CreateEntities(bg, doc, []annotate.Entity{second}); err != nil || len(out) != 0 {
		t.Errorf("creating a marked span again: %v, %v", out, err)
	}
	if h, _ := s.History(bg, doc, 0); len(h) != 2 {
		t.Errorf("%d events, want 2", len(h))
	}
	// One invalid span: nothing at all.
	bad := annotate.Entity{Start: 0, End: 6, Label: "NOPE", Text: "Sergey"}
	_, err = s.CreateEntities(bg, doc, []annotate.Entity{{Start: 18, End: 23, Label: "PERSON", Text: "Hakan"}, bad})
	wantCode(t, "an unknown label", err, annotate.EINVALID)
	if c := counts(annotations(t, s, doc)); c != [3]int{3, 0, 0} {
		t.Errorf("a refused batch stored something: %v", c)
	}
	_, err = s.CreateEntities(bg, 9999, []annotate.Entity{second})
	wantCode(t, "a missing document", err, annotate.ENOTFOUND)
}

// testAcceptSuggestions: accepting every suggestion is one action: a link,
// a name with its actor and a quote with a new speaker span are stored; a
// name the quote's speaker already marked and invalid ones are skipped;
// one undo restores exactly the state before (annotations, links, stored
// suggestions) and redo the state after.
func testAcceptSuggestions(t *testing.T, s annotate.Store) {
	doc := importText(t, s, "a", sampleText, annotate.Meta{})
	lav := annotate.Actor{Name: "Sergey Lavrov", Label: "PERSON", Aliases: []string{"Lavrov"}}
	fid := annotate.Actor{Name: "Hakan Fidan", Label: "PERSON"}
	for _, a := range []*annotate.Actor{&lav, &fid} {
		if err := s.CreateActor(bg, a); err != nil {
			t.Fatal(err)
		}
	}
	marked, link := markedWithLink(t, s, doc, &lav)
	fidan := entitySuggestion(spanFidan, "PERSON", "Hakan Fidan")
	fidan.Entity.Actor = &annotate.ProposedActor{ID: fid.ID, Name: fid.Name}
	quote := sampleQuoteSuggestion()
	redundant := entitySuggestion([2]int{70, 76}, "PERSON", "Lavrov") // the quote's speaker span
	invalid := entitySuggestion(spanAnkara, "NOPE", "Ankara")
	// Its speaker span is valid, its content is not: the span it would
	// create first must not stay.
	broken := sampleQuoteSuggestion()
	broken.Quote.Content = []annotate.Segment{{Start: 900, End: 905, Text: "gone."}}
	broken.Quote.Speaker = &annotate.SuggestedSpeaker{Start: spanAnkara[0], End: spanAnkara[1], Label: "GPE", Text: "Ankara"}
	if err := s.SaveSuggestions(bg, doc, []annotate.Suggestion{link, fidan, quote, redundant}); err != nil {
		t.Fatal(err)
	}
	beforeAnn := annotations(t, s, doc)
	beforeSugg, err := s.Suggestions(bg, doc)
	if err != nil {
		t.Fatal(err)
	}

	out, err := s.AcceptSuggestions(bg, doc, []annotate.Suggestion{link, fidan, broken, quote, redundant, invalid}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 3 || out[0].Entity == nil || out[0].Entity.ID != marked.ID || out[0].Entity.ActorID != lav.ID ||
		out[1].Entity == nil || out[1].Entity.ActorID != fid.ID ||
		out[2].Quote == nil || out[2].Entity == nil || out[2].Quote.SpeakerID != out[2].Entity.ID {
		t.Fatalf("accepted %+v, want the link, the name and the quote with its speaker", out)
	}
	afterAnn := annotations(t, s, doc)
	if counts(afterAnn) != [3]int{3, 1, 0} {
		t.Fatalf("after accepting all: %v", counts(afterAnn))
	}
	hist, err := s.History(bg, doc, 0)
	if err != nil || len(hist) != 2 || hist[0].Action != "accept_suggestions" || hist[0].Summary != "3 suggestions" {
		t.Fatalf("history %+v (%v), want one accept_suggestions event after the create", hist, err)
	}
	afterSugg, _ := s.Suggestions(bg, doc)
	if !slices.Equal(keys(afterSugg), []string{redundant.Key()}) {
		t.Errorf("stored after accepting: %v, want only the skipped one", keys(afterSugg))
	}

	step(t, s, doc, true, "accept_suggestions")
	if got := annotations(t, s, doc); !reflect.DeepEqual(got, beforeAnn) {
		t.Errorf("after undo:\n%+v\nwant\n%+v", got, beforeAnn)
	}
	if got, _ := s.Suggestions(bg, doc); !reflect.DeepEqual(got, beforeSugg) {
		t.Errorf("stored after undo: %v, want %v", keys(got), keys(beforeSugg))
	}
	step(t, s, doc, false, "accept_suggestions")
	if got := annotations(t, s, doc); !reflect.DeepEqual(got, afterAnn) {
		t.Errorf("after redo:\n%+v\nwant\n%+v", got, afterAnn)
	}
	if got, _ := s.Suggestions(bg, doc); !slices.Equal(keys(got), keys(afterSugg)) {
		t.Errorf("stored after redo: %v, want %v", keys(got), keys(afterSugg))
	}

	// Nothing left to accept: nothing stored, nothing recorded.
	if out, err := s.AcceptSuggestions(bg, doc, []annotate.Suggestion{redundant}, ""); err != nil || len(out) != 0 {
		t.Errorf("accepting a redundant one: %+v, %v", out, err)
	}
	if h, _ := s.History(bg, doc, 0); len(h) != 2 {
		t.Errorf("%d events, want 2", len(h))
	}
	_, err = s.AcceptSuggestions(bg, 9999, []annotate.Suggestion{fidan}, "")
	wantCode(t, "a missing document", err, annotate.ENOTFOUND)
}

// relabel returns the name suggestion sg with label instead of its own, as
// the analyst accepts it by pressing another label's key.
func relabel(sg annotate.Suggestion, label string) annotate.Suggestion {
	e := *sg.Entity
	e.Label = label
	sg.Entity = &e
	return sg
}

// testAcceptRelabelled: a stored name accepted with another label than the
// one proposed is used up as when accepted as proposed (its span is marked
// now), with one accept or with all; undo puts it back, redo drops it again.
func testAcceptRelabelled(t *testing.T, s annotate.Store) {
	doc := importText(t, s, "a", sampleText, annotate.Meta{})
	fidan := entitySuggestion(spanFidan, "PERSON", "Hakan Fidan")
	ankara := entitySuggestion(spanAnkara, "GPE", "Ankara")
	lavrov := entitySuggestion(spanLavrov, "PERSON", "Sergey Lavrov")
	if err := s.SaveSuggestions(bg, doc, []annotate.Suggestion{lavrov, fidan, ankara}); err != nil {
		t.Fatal(err)
	}
	stored := func() []string {
		t.Helper()
		got, err := s.Suggestions(bg, doc)
		if err != nil {
			t.Fatal(err)
		}
		return keys(got)
	}
	asOrg := relabel(fidan, "ORG")
	acc, err := s.AcceptSuggestion(bg, doc, &asOrg, "")
	if err != nil {
		t.Fatal(err)
	}
	if acc.Entity == nil || acc.Entity.Label != "ORG" {
		t.Fatalf("accepted %+v, want an ORG", acc.Entity)
	}
	if got, want := stored(), []string{lavrov.Key(), ankara.Key()}; !slices.Equal(got, want) {
		t.Errorf("stored after accepting PERSON as ORG: %v, want %v", got, want)
	}
	step(t, s, doc, true, "accept_suggestion")
	if got, want := stored(), []string{lavrov.Key(), fidan.Key(), ankara.Key()}; !slices.Equal(got, want) {
		t.Errorf("stored after undo: %v, want %v", got, want)
	}
	if got, _ := s.Suggestions(bg, doc); len(got) == 3 && got[1].Entity.Label != "PERSON" {
		t.Errorf("undo restored %+v, want the PERSON proposed", got[1].Entity)
	}
	step(t, s, doc, false, "accept_suggestion")
	if got, want := stored(), []string{lavrov.Key(), ankara.Key()}; !slices.Equal(got, want) {
		t.Errorf("stored after redo: %v, want %v", got, want)
	}

	// Accepting all, one of them relabelled: both are used up.
	if _, err := s.AcceptSuggestions(bg, doc, []annotate.Suggestion{relabel(lavrov, "ORG"), ankara}, ""); err != nil {
		t.Fatal(err)
	}
	if got := stored(); len(got) != 0 {
		t.Errorf("stored after accepting all: %v, want none", got)
	}
	step(t, s, doc, true, "accept_suggestions")
	if got, want := stored(), []string{lavrov.Key(), ankara.Key()}; !slices.Equal(got, want) {
		t.Errorf("stored after undoing accept all: %v, want %v", got, want)
	}
}

// testAcceptRelabelledActor: a proposed actor is linked to the accepted
// span only when the span's label is the actor's: a name proposed as a
// PERSON actor but accepted as ORG (alone, with all, or as a quote's new
// speaker span) is stored unlinked, and the actor counts no mention of it.
func testAcceptRelabelledActor(t *testing.T, s annotate.Store) {
	doc := importText(t, s, "a", sampleText, annotate.Meta{})
	fid := annotate.Actor{Name: "Hakan Fidan", Label: "PERSON"}
	lav := annotate.Actor{Name: "Sergey Lavrov", Label: "PERSON", Aliases: []string{"Lavrov"}}
	ank := annotate.Actor{Name: "Ankara", Label: "ORG"} // the government, proposed as the city
	for _, a := range []*annotate.Actor{&fid, &lav, &ank} {
		if err := s.CreateActor(bg, a); err != nil {
			t.Fatal(err)
		}
	}
	proposing := func(sg annotate.Suggestion, a *annotate.Actor) annotate.Suggestion {
		sg.Entity.Actor = &annotate.ProposedActor{ID: a.ID, Name: a.Name}
		return sg
	}
	fidan := relabel(proposing(entitySuggestion(spanFidan, "PERSON", "Hakan Fidan"), &fid), "ORG")
	acc, err := s.AcceptSuggestion(bg, doc, &fidan, "")
	if err != nil {
		t.Fatal(err)
	}
	if acc.Entity == nil || acc.Entity.Label != "ORG" || acc.Entity.ActorID != 0 {
		t.Fatalf("accepted %+v, want an ORG linked to no actor", acc.Entity)
	}
	if id := actorOf(t, s, doc, spanFidan); id != 0 {
		t.Errorf("the ORG accepted from a PERSON proposal links to actor %d", id)
	}

	// With all: the relabelled one stays unlinked; one relabelled to the
	// actor's own label is linked.
	lavrov := relabel(proposing(entitySuggestion(spanLavrov, "PERSON", "Sergey Lavrov"), &lav), "ORG")
	ankara := relabel(proposing(entitySuggestion(spanAnkara, "GPE", "Ankara"), &ank), "ORG")
	if _, err := s.AcceptSuggestions(bg, doc, []annotate.Suggestion{lavrov, ankara}, ""); err != nil {
		t.Fatal(err)
	}
	if id := actorOf(t, s, doc, spanLavrov); id != 0 {
		t.Errorf("accepted with all, the ORG from a PERSON proposal links to actor %d", id)
	}
	if id := actorOf(t, s, doc, spanAnkara); id != ank.ID {
		t.Errorf("an ORG accepted for an ORG actor links to %d, want %d", id, ank.ID)
	}

	// A quote's new speaker span whose label is not its actor's.
	quote := sampleQuoteSuggestion()
	quote.Quote.Speaker.Label = "ORG"
	quote.Quote.Speaker.Actor = &annotate.ProposedActor{ID: lav.ID, Name: lav.Name}
	if acc, err = s.AcceptSuggestion(bg, doc, &quote, ""); err != nil {
		t.Fatal(err)
	}
	if acc.Entity == nil || acc.Entity.ActorID != 0 || acc.Quote == nil || acc.Quote.SpeakerID != acc.Entity.ID {
		t.Fatalf("accepted speaker %+v of %+v, want an unlinked new span", acc.Entity, acc.Quote)
	}
	list, err := s.Actors(bg)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		if want := map[int64]int{ank.ID: 1}[a.ID]; a.Mentions != want || a.Quotes != 0 {
			t.Errorf("%q: %d mentions, %d quotes; want %d and 0", a.Name, a.Mentions, a.Quotes, want)
		}
	}
}
