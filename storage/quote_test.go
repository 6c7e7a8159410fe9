package storage

import (
	"context"
	"testing"

	"byline/annotate"
)

func TestDB_Quotes(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	doc := addDoc(t, db, "a", sampleText, annotate.Meta{})
	other := addDoc(t, db, "b", "Another text about Olaf Scholz.", annotate.Meta{})
	lavrov := mustEntity(t, db, doc, sampleText, "Lavrov told", "PERSON")
	scholz := mustEntity(t, db, other, "Another text about Olaf Scholz.", "Olaf Scholz", "PERSON")
	qs, qe := span(t, sampleText, `"We talked for an hour,"`)
	cs, ce := span(t, sampleText, "told")
	is, ie := span(t, sampleText, "talks would continue")

	tests := []struct {
		name     string
		q        annotate.Quote
		code     string
		wantKind annotate.QuoteKind
	}{
		{"OKDirectByDefault", annotate.Quote{DocumentID: doc, Content: []annotate.Segment{{Start: qs, End: qe}},
			Cue: &annotate.Segment{Start: cs, End: ce}, SpeakerID: lavrov.ID}, "", annotate.QuoteDirect},
		{"OKIndirectByDefault", annotate.Quote{DocumentID: doc, Content: []annotate.Segment{{Start: is, End: ie}}}, "", annotate.QuoteIndirect},
		{"OKTwoSegmentsSorted", annotate.Quote{DocumentID: doc, Kind: annotate.QuoteMixed,
			Content: []annotate.Segment{{Start: is, End: ie}, {Start: qs, End: qe}}}, "", annotate.QuoteMixed},
		{"ErrNoContent", annotate.Quote{DocumentID: doc, Kind: annotate.QuoteDirect}, annotate.EINVALID, ""},
		{"ErrOverlap", annotate.Quote{DocumentID: doc, Kind: annotate.QuoteDirect,
			Content: []annotate.Segment{{Start: qs, End: qe}, {Start: qs + 1, End: qe + 2}}}, annotate.EINVALID, ""},
		{"ErrBadKind", annotate.Quote{DocumentID: doc, Kind: "sarcastic", Content: []annotate.Segment{{Start: qs, End: qe}}}, annotate.EINVALID, ""},
		{"ErrSpeakerOtherDocument", annotate.Quote{DocumentID: doc, Content: []annotate.Segment{{Start: qs, End: qe}},
			SpeakerID: scholz.ID}, annotate.EINVALID, ""},
		{"ErrCueOutOfRange", annotate.Quote{DocumentID: doc, Content: []annotate.Segment{{Start: qs, End: qe}},
			Cue: &annotate.Segment{Start: 0, End: 9999}}, annotate.EINVALID, ""},
		{"ErrNoDocument", annotate.Quote{DocumentID: 999, Content: []annotate.Segment{{Start: 0, End: 1}}}, annotate.ENOTFOUND, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := tt.q
			err := db.CreateQuote(ctx, &q)
			if tt.code != "" {
				wantCode(t, err, tt.code)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if q.Kind != tt.wantKind {
				t.Fatalf("kind %q, want %q", q.Kind, tt.wantKind)
			}
			got, err := loadQuote(ctx, db.rdb, q.ID)
			if err != nil {
				t.Fatal(err)
			}
			for i, s := range got.Content {
				if s.Text == "" || (i > 0 && s.Start < got.Content[i-1].Start) {
					t.Fatalf("segments %+v", got.Content)
				}
			}
			if tt.q.Cue != nil && got.Cue.Text != "told" {
				t.Fatalf("cue %+v", got.Cue)
			}
		})
	}

	q := &annotate.Quote{DocumentID: doc, Content: []annotate.Segment{{Start: qs, End: qe}}}
	if err := db.CreateQuote(ctx, q); err != nil {
		t.Fatal(err)
	}
	kind := annotate.QuotePartial
	upd, err := db.UpdateQuote(ctx, q.ID, annotate.QuoteUpdate{Kind: &kind, SpeakerID: &lavrov.ID, Cue: &annotate.Segment{Start: cs, End: ce}})
	if err != nil {
		t.Fatal(err)
	}
	if upd.Kind != kind || upd.SpeakerID != lavrov.ID || upd.Cue == nil || upd.Cue.Text != "told" {
		t.Fatalf("updated %+v", upd)
	}
	upd, err = db.UpdateQuote(ctx, q.ID, annotate.QuoteUpdate{ClearSpeaker: true, ClearCue: true})
	if err != nil || upd.SpeakerID != 0 || upd.Cue != nil {
		t.Fatalf("clear: %+v %v", upd, err)
	}
	if _, err := db.UpdateQuote(ctx, q.ID, annotate.QuoteUpdate{SpeakerID: &scholz.ID}); annotate.ErrorCode(err) != annotate.EINVALID {
		t.Fatalf("speaker of another document: %v", err)
	}
	if err := db.DeleteQuote(ctx, q.ID); err != nil {
		t.Fatal(err)
	}
	wantCode(t, db.DeleteQuote(ctx, q.ID), annotate.ENOTFOUND)
}

func TestDB_Relations(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	doc := addDoc(t, db, "a", sampleText, annotate.Meta{})
	other := addDoc(t, db, "b", "Another text about Olaf Scholz.", annotate.Meta{})
	lavrov := mustEntity(t, db, doc, sampleText, "Sergei Lavrov", "PERSON")
	blinken := mustEntity(t, db, doc, sampleText, "Antony Blinken", "PERSON")
	geneva := mustEntity(t, db, doc, sampleText, "Geneva", "GPE")
	title := mustEntity(t, db, doc, sampleText, "Foreign Minister", "TITLE")
	scholz := mustEntity(t, db, other, "Another text about Olaf Scholz.", "Olaf Scholz", "PERSON")

	tests := []struct {
		name string
		r    annotate.Relation
		code string
	}{
		{"OK", annotate.Relation{DocumentID: doc, Type: "MET_WITH", HeadID: lavrov.ID, TailID: blinken.ID}, ""},
		{"OKDocumentFromHead", annotate.Relation{Type: "VISITED", HeadID: lavrov.ID, TailID: geneva.ID}, ""},
		{"OKSymmetricReversed", annotate.Relation{DocumentID: doc, Type: "MET_WITH", HeadID: geneva.ID, TailID: lavrov.ID}, ""},
		{"ErrDuplicate", annotate.Relation{DocumentID: doc, Type: "MET_WITH", HeadID: lavrov.ID, TailID: blinken.ID}, annotate.ECONFLICT},
		{"ErrNotAllowed", annotate.Relation{DocumentID: doc, Type: "ROLE", HeadID: geneva.ID, TailID: lavrov.ID}, annotate.EINVALID},
		{"ErrUnknownType", annotate.Relation{DocumentID: doc, Type: "LOVES", HeadID: lavrov.ID, TailID: blinken.ID}, annotate.EINVALID},
		{"ErrSelf", annotate.Relation{DocumentID: doc, Type: "MET_WITH", HeadID: lavrov.ID, TailID: lavrov.ID}, annotate.EINVALID},
		{"ErrOtherDocument", annotate.Relation{DocumentID: doc, Type: "MET_WITH", HeadID: lavrov.ID, TailID: scholz.ID}, annotate.EINVALID},
		{"ErrNoHead", annotate.Relation{DocumentID: doc, Type: "MET_WITH", HeadID: 999, TailID: lavrov.ID}, annotate.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.r
			err := db.CreateRelation(ctx, &r)
			if tt.code != "" {
				wantCode(t, err, tt.code)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.ID == 0 || r.DocumentID != doc || r.Annotator != "ana" {
				t.Fatalf("saved %+v", r)
			}
		})
	}

	role := &annotate.Relation{DocumentID: doc, Type: "ROLE", HeadID: lavrov.ID, TailID: title.ID}
	if err := db.CreateRelation(ctx, role); err != nil {
		t.Fatal(err)
	}
	metWith, member := "MET_WITH", "MEMBER_OF"
	if _, err := db.UpdateRelation(ctx, role.ID, annotate.RelationUpdate{Type: &member}); annotate.ErrorCode(err) != annotate.EINVALID {
		t.Fatalf("type change to a type the labels do not allow: %v", err)
	}
	note := "as reported"
	got, err := db.UpdateRelation(ctx, role.ID, annotate.RelationUpdate{Reverse: true, Note: &note})
	if err != nil {
		t.Fatal(err)
	}
	if got.HeadID != title.ID || got.TailID != lavrov.ID || got.Note != note {
		t.Fatalf("reversed %+v", got)
	}
	r := &annotate.Relation{DocumentID: doc, Type: "SUPPORTS", HeadID: blinken.ID, TailID: lavrov.ID}
	if err := db.CreateRelation(ctx, r); err != nil {
		t.Fatal(err)
	}
	if got, err = db.UpdateRelation(ctx, r.ID, annotate.RelationUpdate{Type: &metWith}); err != nil || got.Type != metWith {
		t.Fatalf("allowed type change: %+v %v", got, err)
	}
	if err := db.DeleteRelation(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	wantCode(t, db.DeleteRelation(ctx, r.ID), annotate.ENOTFOUND)
	if _, err := db.UpdateRelation(ctx, r.ID, annotate.RelationUpdate{Note: &note}); annotate.ErrorCode(err) != annotate.ENOTFOUND {
		t.Fatalf("update of a deleted relation: %v", err)
	}
}
