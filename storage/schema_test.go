package storage

import (
	"context"
	"strings"
	"testing"

	"byline/annotate"
)

func TestDB_SaveSchema(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	f := newFixture(t, db, nil)
	_ = f
	s, err := db.Schema(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Entities) != 9 || s.Entities[0].Name != "PERSON" {
		t.Fatalf("default schema not stored: %v", s)
	}
	drop := func(s *annotate.Schema, label, rel string) *annotate.Schema {
		c := s.Clone()
		c.DropLabel(label)
		c.DropRelationType(rel)
		return c
	}
	withLabel := s.Clone()
	withLabel.Entities = append(withLabel.Entities, annotate.EntityLabel{Name: "WEAPON", Color: "#123456", Hotkey: "0"})
	badColour := s.Clone()
	badColour.Entities[0].Color = "red"
	tests := []struct {
		name   string
		schema *annotate.Schema
		code   string
		msg    string
	}{
		{"OKAddLabel", withLabel, "", ""},
		{"OKDropUnusedLabel", drop(withLabel, "WEAPON", ""), "", ""},
		{"OKDropUnusedRelationType", drop(s, "", "ROLE"), "", ""},
		{"ErrDropUsedLabel", drop(s, "PERSON", ""), annotate.ECONFLICT, "label PERSON is used by 2 entities"},
		{"ErrDropUsedRelationType", drop(s, "", "MET_WITH"), annotate.ECONFLICT, "relation type MET_WITH is used by 1 relation"},
		{"ErrInvalid", badColour, annotate.EINVALID, "colour"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.SaveSchema(ctx, tt.schema)
			if tt.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				got, _ := db.Schema(ctx)
				if len(got.Entities) != len(tt.schema.Entities) || len(got.Relations) != len(tt.schema.Relations) {
					t.Fatalf("stored %v, want %v", got, tt.schema)
				}
				return
			}
			wantCode(t, err, tt.code)
			if !strings.Contains(annotate.ErrorMessage(err), tt.msg) {
				t.Fatalf("message %q does not say %q", annotate.ErrorMessage(err), tt.msg)
			}
		})
	}
}

func TestDB_RenameAndDeleteLabel(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	f := newFixture(t, db, nil)
	if n, err := db.LabelUsage(ctx, "PERSON"); n != 2 || err != nil {
		t.Fatalf("LabelUsage = %d, %v", n, err)
	}
	wantCode(t, db.RenameLabel(ctx, "PERSON", "GPE"), annotate.ECONFLICT)
	wantCode(t, db.RenameLabel(ctx, "ANIMAL", "BEAST"), annotate.ENOTFOUND)
	wantCode(t, db.RenameLabel(ctx, "PERSON", "no spaces allowed"), annotate.EINVALID)
	if err := db.RenameLabel(ctx, "PERSON", "PER"); err != nil {
		t.Fatal(err)
	}
	s, _ := db.Schema(ctx)
	if _, ok := s.Label("PER"); !ok {
		t.Fatal("schema not renamed")
	}
	if rt, _ := s.RelationType("MET_WITH"); rt.Heads[0] != "PER" {
		t.Fatalf("relation type still names the old label: %v", rt.Heads)
	}
	if n, _ := db.LabelUsage(ctx, "PER"); n != 2 {
		t.Fatalf("entities not renamed: %d", n)
	}
	if err := db.RenameRelationType(ctx, "MET_WITH", "MET"); err != nil {
		t.Fatal(err)
	}
	a, _ := db.FindAnnotations(ctx, f.doc)
	if a.Relations[0].Type != "MET" {
		t.Fatalf("relation not renamed: %+v", a.Relations[0])
	}
	wantCode(t, db.RenameRelationType(ctx, "MET", "ROLE"), annotate.ECONFLICT)

	n, err := db.DeleteLabel(ctx, "PER")
	if err != nil || n != 2 {
		t.Fatalf("DeleteLabel = %d, %v", n, err)
	}
	a, _ = db.FindAnnotations(ctx, f.doc)
	if len(a.Entities) != 1 || len(a.Relations) != 0 || a.Quotes[0].SpeakerID != 0 {
		t.Fatalf("after DeleteLabel: %+v", a)
	}
	state(t, db, f.doc) // checks the annotation counter followed the cascade
	s, _ = db.Schema(ctx)
	if _, ok := s.Label("PER"); ok {
		t.Fatal("label still in the schema")
	}
	if err := s.Validate(); err != nil {
		t.Fatalf("schema after DeleteLabel: %v", err)
	}
}

func TestDB_Stats(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	newFixture(t, db, nil)
	if err := db.SetAnnotator("boris"); err != nil {
		t.Fatal(err)
	}
	doc := addDoc(t, db, "b", "Olaf Scholz spoke.", annotate.Meta{})
	mustEntity(t, db, doc, "Olaf Scholz spoke.", "Olaf Scholz", "PERSON")
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Progress.Total != 2 || st.Entities != 4 || st.Quotes != 1 || st.Relations != 1 ||
		st.ByLabel["PERSON"] != 3 || st.ByLabel["GPE"] != 1 || st.ByRelation["MET_WITH"] != 1 ||
		st.ByAnnotator["ana"] != 5 || st.ByAnnotator["boris"] != 1 {
		t.Fatalf("stats %+v", st)
	}
}
