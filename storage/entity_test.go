package storage

import (
	"context"
	"strings"
	"testing"

	"byline/annotate"
)

func TestDB_CreateEntity(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	text := "Сергей Лавров 👋 met Blinken in Genève."
	doc := addDoc(t, db, "a", text, annotate.Meta{})
	lavrovStart, lavrovEnd := span(t, text, "Лавров")
	genevaStart, genevaEnd := span(t, text, "Genève") // after an emoji: one code point, two UTF-16 units
	blinkenStart, blinkenEnd := span(t, text, "Blinken")
	tests := []struct {
		name string
		e    annotate.Entity
		code string
		text string // expected Text after save
	}{
		{"OK", annotate.Entity{DocumentID: doc, Start: lavrovStart, End: lavrovEnd, Label: "PERSON"}, "", "Лавров"},
		{"OKAfterEmoji", annotate.Entity{DocumentID: doc, Start: genevaStart, End: genevaEnd, Label: "GPE"}, "", "Genève"},
		{"OKMatchingText", annotate.Entity{DocumentID: doc, Start: blinkenStart, End: blinkenEnd, Label: "PERSON", Text: "Blinken"}, "", "Blinken"},
		{"ErrDuplicate", annotate.Entity{DocumentID: doc, Start: lavrovStart, End: lavrovEnd, Label: "PERSON"}, annotate.ECONFLICT, ""},
		{"OKSameSpanOtherLabel", annotate.Entity{DocumentID: doc, Start: lavrovStart, End: lavrovEnd, Label: "ORG"}, "", "Лавров"},
		{"ErrEmpty", annotate.Entity{DocumentID: doc, Start: 3, End: 3, Label: "PERSON"}, annotate.EINVALID, ""},
		{"ErrNegative", annotate.Entity{DocumentID: doc, Start: -1, End: 3, Label: "PERSON"}, annotate.EINVALID, ""},
		{"ErrOutOfRange", annotate.Entity{DocumentID: doc, Start: 30, End: 99, Label: "PERSON"}, annotate.EINVALID, ""},
		{"ErrUnknownLabel", annotate.Entity{DocumentID: doc, Start: 0, End: 6, Label: "ANIMAL"}, annotate.EINVALID, ""},
		{"ErrTextMismatch", annotate.Entity{DocumentID: doc, Start: 0, End: 6, Label: "PERSON", Text: "Sergei"}, annotate.EINVALID, ""},
		{"ErrNoDocument", annotate.Entity{DocumentID: 999, Start: 0, End: 6, Label: "PERSON"}, annotate.ENOTFOUND, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.e
			err := db.CreateEntity(ctx, &e)
			if tt.code != "" {
				wantCode(t, err, tt.code)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if e.ID == 0 || e.Text != tt.text || e.Annotator != "ana" || e.Created.IsZero() {
				t.Fatalf("saved entity = %+v", e)
			}
			got, err := loadEntity(ctx, db.rdb, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Text != tt.text || got.Start != e.Start || !got.Created.Equal(e.Created) {
				t.Fatalf("stored %+v, returned %+v", got, e)
			}
		})
	}
	a, err := db.FindAnnotations(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Entities) != 4 {
		t.Fatalf("%d entities stored, want 4", len(a.Entities))
	}
	// Canonical order: by start, then longer first.
	for i := 1; i < len(a.Entities); i++ {
		if annotate.EntityLess(&a.Entities[i], &a.Entities[i-1]) {
			t.Fatalf("entities out of order: %v", a.Entities)
		}
	}
}

func TestDB_CreateEntity_AnnotatorFromSession(t *testing.T) {
	db := mustOpen(t)
	doc := addDoc(t, db, "a", sampleText, annotate.Meta{})
	if err := db.SetAnnotator("  "); annotate.ErrorCode(err) != annotate.EINVALID {
		t.Fatalf("empty annotator: %v", err)
	}
	if err := db.SetAnnotator("boris"); err != nil {
		t.Fatal(err)
	}
	e := mustEntity(t, db, doc, sampleText, "Geneva", "GPE")
	if e.Annotator != "boris" {
		t.Fatalf("annotator %q, want boris", e.Annotator)
	}
	given := &annotate.Entity{DocumentID: doc, Start: 0, End: 6, Label: "PERSON", Annotator: "carla"}
	if err := db.CreateEntity(context.Background(), given); err != nil || given.Annotator != "carla" {
		t.Fatalf("given annotator: %v %q", err, given.Annotator)
	}
}

func TestDB_UpdateEntity(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	doc := addDoc(t, db, "a", sampleText, annotate.Meta{})
	e := mustEntity(t, db, doc, sampleText, "Sergei Lavrov", "PERSON")
	org, bad, note := "ORG", "ANIMAL", "check spelling"
	tests := []struct {
		name string
		id   int64
		upd  annotate.EntityUpdate
		code string
		want string
	}{
		{"OKLabel", e.ID, annotate.EntityUpdate{Label: &org}, "", "ORG"},
		{"OKNote", e.ID, annotate.EntityUpdate{Note: &note}, "", "ORG"},
		{"ErrUnknownLabel", e.ID, annotate.EntityUpdate{Label: &bad}, annotate.EINVALID, ""},
		{"ErrNotFound", 999, annotate.EntityUpdate{Label: &org}, annotate.ENOTFOUND, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.UpdateEntity(ctx, tt.id, tt.upd)
			if tt.code != "" {
				wantCode(t, err, tt.code)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Label != tt.want {
				t.Fatalf("label %q, want %q", got.Label, tt.want)
			}
		})
	}
	if s := state(t, db, doc); !strings.Contains(s, `ORG "Sergei Lavrov" by ana note="check spelling"`) {
		t.Fatalf("state:\n%s", s)
	}
}

func TestDB_DeleteEntity_Cascades(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	doc := addDoc(t, db, "a", sampleText, annotate.Meta{})
	lavrov := mustEntity(t, db, doc, sampleText, "Sergei Lavrov", "PERSON")
	blinken := mustEntity(t, db, doc, sampleText, "Antony Blinken", "PERSON")
	geneva := mustEntity(t, db, doc, sampleText, "Geneva", "GPE")
	for _, r := range []*annotate.Relation{
		{DocumentID: doc, Type: "MET_WITH", HeadID: lavrov.ID, TailID: blinken.ID},
		{DocumentID: doc, Type: "VISITED", HeadID: lavrov.ID, TailID: geneva.ID},
		{DocumentID: doc, Type: "VISITED", HeadID: blinken.ID, TailID: geneva.ID},
	} {
		if err := db.CreateRelation(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	qs, qe := span(t, sampleText, `"We talked for an hour,"`)
	q := &annotate.Quote{DocumentID: doc, Content: []annotate.Segment{{Start: qs, End: qe}}, SpeakerID: lavrov.ID}
	if err := db.CreateQuote(ctx, q); err != nil {
		t.Fatal(err)
	}
	before := state(t, db, doc)

	res, err := db.DeleteEntity(ctx, lavrov.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := (annotate.DeleteResult{Entities: 1, Relations: 2, Speakers: 1}); res != want {
		t.Fatalf("DeleteEntity = %+v, want %+v", res, want)
	}
	a, err := db.FindAnnotations(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Entities) != 2 || len(a.Relations) != 1 || len(a.Quotes) != 1 || a.Quotes[0].SpeakerID != 0 {
		t.Fatalf("after delete: %+v", a)
	}
	after := state(t, db, doc)

	if _, err := db.Undo(ctx, doc); err != nil {
		t.Fatal(err)
	}
	if got := state(t, db, doc); got != before {
		t.Fatalf("undo did not restore the entity, its relations and speaker link:\n%s\nwant:\n%s", got, before)
	}
	if _, err := db.Redo(ctx, doc); err != nil {
		t.Fatal(err)
	}
	if got := state(t, db, doc); got != after {
		t.Fatalf("redo:\n%s\nwant:\n%s", got, after)
	}
	if _, err := db.DeleteEntity(ctx, lavrov.ID); annotate.ErrorCode(err) != annotate.ENOTFOUND {
		t.Fatalf("second delete: %v", err)
	}
}
