package annotatetest

import (
	"testing"

	"byline/annotate"
)

func testEntities(t *testing.T, s annotate.Store) {
	doc := importText(t, s, "a", sampleText, annotate.Meta{Title: "Talks"})
	e := entity(t, s, doc, spanLavrov, "PERSON")
	if e.ID == 0 || e.Text != "Sergey Lavrov" || e.Annotator != "tester" || e.Created.IsZero() || !e.Updated.Equal(e.Created) {
		t.Errorf("created entity = %+v", e)
	}
	upd, err := s.UpdateEntity(bg, e.ID, annotate.EntityUpdate{Label: ptr("ORG"), Note: ptr("check")})
	if err != nil || upd.Label != "ORG" || upd.Note != "check" || upd.ID != e.ID {
		t.Fatalf("update = %+v, %v", upd, err)
	}
	a := annotations(t, s, doc)
	if len(a.Entities) != 1 || a.Entities[0].Label != "ORG" || a.Entities[0].Note != "check" || a.Entities[0].Text != "Sergey Lavrov" {
		t.Errorf("stored entities = %+v", a.Entities)
	}
	_, err = s.UpdateEntity(bg, e.ID, annotate.EntityUpdate{Label: ptr("NOPE")})
	wantCode(t, "relabel to an unknown label", err, annotate.EINVALID)
	_, err = s.UpdateEntity(bg, 9999, annotate.EntityUpdate{Note: ptr("x")})
	wantCode(t, "update a missing entity", err, annotate.ENOTFOUND)
	res, err := s.DeleteEntity(bg, e.ID)
	if err != nil || res != (annotate.DeleteResult{Entities: 1}) {
		t.Errorf("delete = %+v, %v", res, err)
	}
	_, err = s.DeleteEntity(bg, e.ID)
	wantCode(t, "delete twice", err, annotate.ENOTFOUND)
	if a := annotations(t, s, doc); a.Count() != 0 {
		t.Errorf("after delete: %+v", a)
	}
	_, err = s.FindAnnotations(bg, doc+100)
	wantCode(t, "annotations of a missing document", err, annotate.ENOTFOUND)
}

func testEntityValidation(t *testing.T, s annotate.Store) {
	doc := importText(t, s, "a", sampleText, annotate.Meta{})
	n := annotate.RuneCount(sampleText)
	for _, c := range []struct {
		name string
		e    annotate.Entity
		code string
	}{
		{"empty span", annotate.Entity{DocumentID: doc, Start: 5, End: 5, Label: "PERSON"}, annotate.EINVALID},
		{"negative", annotate.Entity{DocumentID: doc, Start: -1, End: 5, Label: "PERSON"}, annotate.EINVALID},
		{"past the end", annotate.Entity{DocumentID: doc, Start: 0, End: n + 1, Label: "PERSON"}, annotate.EINVALID},
		{"unknown label", annotate.Entity{DocumentID: doc, Start: 0, End: 6, Label: "ALIEN"}, annotate.EINVALID},
		{"wrong text", annotate.Entity{DocumentID: doc, Start: 0, End: 6, Label: "PERSON", Text: "Sergei"}, annotate.EINVALID},
		{"missing document", annotate.Entity{DocumentID: doc + 100, Start: 0, End: 6, Label: "PERSON"}, annotate.ENOTFOUND},
	} {
		e := c.e
		wantCode(t, c.name, s.CreateEntity(bg, &e), c.code)
	}
	entity(t, s, doc, spanLavrov, "PERSON")
	dup := annotate.Entity{DocumentID: doc, Start: spanLavrov[0], End: spanLavrov[1], Label: "PERSON"}
	wantCode(t, "same span and label twice", s.CreateEntity(bg, &dup), annotate.ECONFLICT)
	entity(t, s, doc, spanLavrov, "ORG") // another label on the same span is allowed
	if got := counts(annotations(t, s, doc)); got != [3]int{2, 0, 0} {
		t.Errorf("counts after refused creates = %v", got)
	}
}

func testQuotes(t *testing.T, s annotate.Store) {
	doc := importText(t, s, "a", sampleText, annotate.Meta{})
	lavrov := entity(t, s, doc, spanLavrov, "PERSON")
	q := quote(t, s, doc, lavrov.ID)
	if q.ID == 0 || q.Kind != annotate.QuoteDirect || q.Content[0].Text != `"We agreed on a ceasefire,"` ||
		q.Cue == nil || q.Cue.Text != "said" || q.SpeakerID != lavrov.ID || q.Annotator != "tester" {
		t.Errorf("created quote = %+v", q)
	}
	upd, err := s.UpdateQuote(bg, q.ID, annotate.QuoteUpdate{Kind: ptr(annotate.QuotePartial), ClearCue: true, ClearSpeaker: true, Note: ptr("n")})
	if err != nil || upd.Kind != annotate.QuotePartial || upd.Cue != nil || upd.SpeakerID != 0 || upd.Note != "n" {
		t.Fatalf("update = %+v, %v", upd, err)
	}
	// Segments come back in text order with their texts filled in.
	upd, err = s.UpdateQuote(bg, q.ID, annotate.QuoteUpdate{Content: []annotate.Segment{{Start: 70, End: 76}, {Start: 43, End: 45}}})
	if err != nil || len(upd.Content) != 2 || upd.Content[0].Text != "We" || upd.Content[1].Text != "Lavrov" {
		t.Fatalf("update content = %+v, %v", upd, err)
	}
	a := annotations(t, s, doc)
	if len(a.Quotes) != 1 || len(a.Quotes[0].Content) != 2 || a.Quotes[0].Content[0].Start != 43 || a.Quotes[0].Kind != annotate.QuotePartial {
		t.Errorf("stored quotes = %+v", a.Quotes)
	}
	for _, c := range []struct {
		name string
		upd  annotate.QuoteUpdate
	}{
		{"overlapping segments", annotate.QuoteUpdate{Content: []annotate.Segment{{Start: 43, End: 50}, {Start: 45, End: 55}}}},
		{"no segment", annotate.QuoteUpdate{Content: []annotate.Segment{}}},
		{"bad kind", annotate.QuoteUpdate{Kind: ptr(annotate.QuoteKind("shouted"))}},
		{"speaker not an entity", annotate.QuoteUpdate{SpeakerID: ptr(int64(9999))}},
		{"cue out of range", annotate.QuoteUpdate{Cue: &annotate.Segment{Start: 0, End: 999}}},
	} {
		_, err := s.UpdateQuote(bg, q.ID, c.upd)
		wantCode(t, c.name, err, annotate.EINVALID)
	}
	bad := annotate.Quote{DocumentID: doc}
	wantCode(t, "quote without content", s.CreateQuote(bg, &bad), annotate.EINVALID)
	if err := s.DeleteQuote(bg, q.ID); err != nil {
		t.Fatal(err)
	}
	wantCode(t, "delete a missing quote", s.DeleteQuote(bg, q.ID), annotate.ENOTFOUND)
	_, err = s.UpdateQuote(bg, q.ID, annotate.QuoteUpdate{Note: ptr("x")})
	wantCode(t, "update a missing quote", err, annotate.ENOTFOUND)
}

func testRelations(t *testing.T, s annotate.Store) {
	doc := importText(t, s, "a", sampleText, annotate.Meta{})
	other := importText(t, s, "b", "Antony Blinken\n", annotate.Meta{})
	lavrov := entity(t, s, doc, spanLavrov, "PERSON")
	fidan := entity(t, s, doc, spanFidan, "PERSON")
	ankara := entity(t, s, doc, spanAnkara, "GPE")
	blinken := entity(t, s, other, [2]int{0, 14}, "PERSON")
	r := relation(t, s, doc, "MET_WITH", lavrov.ID, fidan.ID)
	if r.ID == 0 || r.Annotator != "tester" || r.DocumentID != doc {
		t.Errorf("created relation = %+v", r)
	}
	// The document comes from the head when not given.
	v := annotate.Relation{Type: "VISITED", HeadID: lavrov.ID, TailID: ankara.ID}
	if err := s.CreateRelation(bg, &v); err != nil || v.DocumentID != doc {
		t.Errorf("relation without document: %+v, %v", v, err)
	}
	for _, c := range []struct {
		name string
		r    annotate.Relation
		code string
	}{
		{"not allowed between the labels", annotate.Relation{DocumentID: doc, Type: "MEMBER_OF", HeadID: lavrov.ID, TailID: fidan.ID}, annotate.EINVALID},
		{"unknown type", annotate.Relation{DocumentID: doc, Type: "LOVES", HeadID: lavrov.ID, TailID: fidan.ID}, annotate.EINVALID},
		{"to itself", annotate.Relation{DocumentID: doc, Type: "MET_WITH", HeadID: lavrov.ID, TailID: lavrov.ID}, annotate.EINVALID},
		{"across documents", annotate.Relation{DocumentID: doc, Type: "MET_WITH", HeadID: lavrov.ID, TailID: blinken.ID}, annotate.EINVALID},
		{"duplicate", annotate.Relation{DocumentID: doc, Type: "MET_WITH", HeadID: lavrov.ID, TailID: fidan.ID}, annotate.ECONFLICT},
	} {
		rel := c.r
		wantCode(t, c.name, s.CreateRelation(bg, &rel), c.code)
	}
	upd, err := s.UpdateRelation(bg, r.ID, annotate.RelationUpdate{Reverse: true, Note: ptr("n")})
	if err != nil || upd.HeadID != fidan.ID || upd.TailID != lavrov.ID || upd.Note != "n" {
		t.Errorf("reverse = %+v, %v", upd, err)
	}
	_, err = s.UpdateRelation(bg, r.ID, annotate.RelationUpdate{Type: ptr("ROLE")})
	wantCode(t, "retype to a type not allowed", err, annotate.EINVALID)
	if err := s.DeleteRelation(bg, r.ID); err != nil {
		t.Fatal(err)
	}
	wantCode(t, "delete a missing relation", s.DeleteRelation(bg, r.ID), annotate.ENOTFOUND)
	if got := counts(annotations(t, s, doc)); got != [3]int{3, 0, 1} {
		t.Errorf("counts = %v, want 3 entities and 1 relation", got)
	}
}

func testDeleteCascades(t *testing.T, s annotate.Store) {
	doc := importText(t, s, "a", sampleText, annotate.Meta{})
	lavrov := entity(t, s, doc, spanLavrov, "PERSON")
	fidan := entity(t, s, doc, spanFidan, "PERSON")
	ankara := entity(t, s, doc, spanAnkara, "GPE")
	relation(t, s, doc, "MET_WITH", lavrov.ID, fidan.ID)
	relation(t, s, doc, "VISITED", lavrov.ID, ankara.ID)
	relation(t, s, doc, "VISITED", fidan.ID, ankara.ID)
	quote(t, s, doc, lavrov.ID)
	res, err := s.DeleteEntity(bg, lavrov.ID)
	if err != nil || res != (annotate.DeleteResult{Entities: 1, Relations: 2, Speakers: 1}) {
		t.Fatalf("delete = %+v, %v", res, err)
	}
	a := annotations(t, s, doc)
	if counts(a) != [3]int{2, 1, 1} || a.Quotes[0].SpeakerID != 0 || a.Relations[0].HeadID != fidan.ID {
		t.Errorf("after the cascade: %+v", a)
	}
}
