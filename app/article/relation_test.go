package article

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"byline/annotate"
)

const relText = "Sergei Lavrov met Hakan Fidan in Geneva. The Foreign Minister praised the United Nations."

// labelled creates the spans of relText the relation tests use.
func labelled(t *testing.T) (*harness, map[string]annotate.Entity) {
	h := newHarness(t, relText)
	spans := []struct{ from, to, key string }{
		{"Sergei", "Lavrov", "1"},
		{"Hakan", "Fidan", "1"},
		{"Geneva", "Geneva", "3"},
		{"Foreign", "Minister", "9"},
		{"United", "Nations", "2"},
	}
	for _, s := range spans {
		h.key(fyne.KeyEscape)
		h.dragWords(s.from, s.to)
		h.typeKeys(s.key)
	}
	h.key(fyne.KeyEscape)
	h.key(fyne.KeyEscape)
	h.noErrors()
	ents := map[string]annotate.Entity{}
	for _, e := range h.stored().Entities {
		ents[e.Text] = e
	}
	return h, ents
}

func TestRelationChooserOffersAllowedTypes(t *testing.T) {
	h, ents := labelled(t)
	h.click("Lavrov", 0)
	h.typeKeys("r")
	if h.ed.mode.kind != modeRelTail {
		t.Fatalf("R did not start a relation: %v", h.ed.mode.kind)
	}
	h.click("Fidan", 0)
	var names []string
	for _, rt := range h.ed.mode.types {
		names = append(names, rt.Name)
	}
	want := h.ed.Schema().RelationTypesFor("PERSON", "PERSON")
	if len(names) != len(want) || names[0] != "MET_WITH" {
		t.Fatalf("offered %v, want %v", names, want)
	}
	// The chooser is drawn and clickable: pick the first row with the mouse.
	var row *hitRegion
	for i := range h.tv().hits {
		if h.tv().hits[i].kind == hitChooser && h.tv().hits[i].n == 0 {
			row = &h.tv().hits[i]
		}
	}
	if row == nil {
		t.Fatal("no chooser drawn")
	}
	h.clickAt(row.pos.Add(fyne.NewPos(5, 5)))
	rels := h.stored().Relations
	if len(rels) != 1 || rels[0].Type != "MET_WITH" || rels[0].HeadID != ents["Sergei Lavrov"].ID || rels[0].TailID != ents["Hakan Fidan"].ID {
		t.Fatalf("relations %+v", rels)
	}
	if h.ed.Selected() != (Ref{KindRelation, rels[0].ID}) {
		t.Fatalf("new relation not selected: %v", h.ed.Selected())
	}
	h.noErrors()
}

func TestRelationByKeyboard(t *testing.T) {
	h, ents := labelled(t)
	h.click("Lavrov", 0)
	h.typeKeys("r")
	h.key(fyne.KeyRight) // the next span after the head: Hakan Fidan
	h.key(fyne.KeyReturn)
	h.typeKeys("1")
	rels := h.stored().Relations
	if len(rels) != 1 || rels[0].HeadID != ents["Sergei Lavrov"].ID || rels[0].TailID != ents["Hakan Fidan"].ID || rels[0].Type != "MET_WITH" {
		t.Fatalf("relations %+v", rels)
	}
	h.noErrors()
}

func TestRetypeWithR(t *testing.T) {
	h, _ := labelled(t)
	h.click("Lavrov", 0)
	h.typeKeys("r")
	h.click("Fidan", 0)
	h.typeKeys("1")  // MET_WITH, now selected
	h.typeKeys("r3") // CRITICIZES is the third type PERSON -> PERSON allows
	rels := h.stored().Relations
	if len(rels) != 1 || rels[0].Type != "CRITICIZES" {
		t.Fatalf("relations %+v", rels)
	}
	h.noErrors()
}

func TestRelationSingleTypeNeedsConfirm(t *testing.T) {
	h, ents := labelled(t)
	// The default schema has no label pair with exactly one type (SUPPORTS
	// and CRITICIZES take any tail), so give the store a schema with one.
	s := h.ed.Schema().Clone()
	s.Relations = []annotate.RelationType{{Name: "HOSTS", Heads: []string{"GPE"}, Tails: []string{"TITLE"}}}
	h.setSchema(s)
	for _, confirm := range []func(){func() { h.typeKeys("1") }, func() { h.key(fyne.KeyReturn) }} {
		h.click("Geneva", 0)
		h.typeKeys("r")
		h.click("Minister", 0)
		if len(h.ed.mode.types) != 1 || h.ed.mode.types[0].Name != "HOSTS" {
			t.Fatalf("offered %v", h.ed.mode.types)
		}
		if n := len(h.stored().Relations); n != 0 {
			t.Fatalf("relation saved before confirmation: %d", n)
		}
		confirm()
		rels := h.stored().Relations
		if len(rels) != 1 || rels[0].Type != "HOSTS" || rels[0].TailID != ents["Foreign Minister"].ID {
			t.Fatalf("relations %+v", rels)
		}
		h.key(fyne.KeyDelete)
		if n := len(h.stored().Relations); n != 0 {
			t.Fatalf("delete relation: %d left", n)
		}
	}
	h.noErrors()
}

func TestRelationRefusedPair(t *testing.T) {
	h, ents := labelled(t)
	// TITLE may not be the head of any relation type of the default schema.
	h.click("Minister", 0)
	h.typeKeys("r")
	h.click("Lavrov", 0)
	if h.ed.mode.kind != modeNormal {
		t.Fatalf("chooser opened for a refused pair: %v", h.ed.mode.types)
	}
	if s := h.lastStatus(); s != "No relation type allows TITLE → PERSON" {
		t.Fatalf("status %q", s)
	}
	// The store refuses a type the schema does not allow: the relation shows
	// until the write fails, then the view rolls back and says why.
	if err := h.ed.createRelation(ents["Foreign Minister"].ID, ents["Sergei Lavrov"].ID, "ROLE"); err != nil {
		t.Fatal(err)
	}
	if n := len(h.ed.m.ann.Relations); n != 1 || !h.ed.Saving() {
		t.Fatalf("%d relations shown before the write, saving %v", n, h.ed.Saving())
	}
	h.ed.Flush()
	if len(h.errs) != 1 || annotate.ErrorCode(h.errs[0]) != annotate.EINVALID {
		t.Fatalf("errors %v", h.errs)
	}
	if n := len(h.stored().Relations); n != 0 {
		t.Fatalf("%d relations stored", n)
	}
	if n := len(h.ed.m.ann.Relations); n != 0 || h.ed.Saving() || !strings.HasPrefix(h.lastStatus(), "Not saved: ") {
		t.Fatalf("after the failed write: %d relations shown, saving %v, status %q", n, h.ed.Saving(), h.lastStatus())
	}
	// Esc cancels a relation in progress.
	h.click("Lavrov", 0)
	h.typeKeys("r")
	h.key(fyne.KeyEscape)
	h.click("Fidan", 0)
	if h.ed.mode.kind != modeNormal || len(h.stored().Relations) != 0 {
		t.Fatalf("Esc did not cancel: %v", h.ed.mode.kind)
	}
}

func TestRelationRetypeReverseDeleteCascade(t *testing.T) {
	h, ents := labelled(t)
	lavrov, fidan, minister := ents["Sergei Lavrov"], ents["Hakan Fidan"], ents["Foreign Minister"]
	h.click("Lavrov", 0)
	h.typeKeys("r")
	h.click("Minister", 0)
	h.typeKeys("1") // ROLE
	h.click("Lavrov", 0)
	h.typeKeys("r")
	h.click("Fidan", 0)
	h.typeKeys("2") // SUPPORTS (MET_WITH, SUPPORTS, CRITICIZES)
	rels := h.stored().Relations
	if len(rels) != 2 || rels[0].Type != "ROLE" || rels[1].Type != "SUPPORTS" {
		t.Fatalf("relations %+v", rels)
	}
	supports := rels[1].ID

	steps := []struct {
		name  string
		do    func() error
		check func(r []annotate.Relation) bool
	}{
		{"retype", func() error { return h.ed.SetRelationType(supports, "CRITICIZES") },
			func(r []annotate.Relation) bool { return r[1].Type == "CRITICIZES" }},
		{"reverse", func() error { return h.ed.ReverseRelation(supports) },
			func(r []annotate.Relation) bool { return r[1].HeadID == fidan.ID && r[1].TailID == lavrov.ID }},
	}
	for _, s := range steps {
		before := h.stored().Relations
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if after := h.stored().Relations; !s.check(after) {
			t.Fatalf("%s: %+v", s.name, after)
		}
		h.shortcut(&fyne.ShortcutUndo{})
		if got := h.stored().Relations; got[1] != before[1] {
			t.Fatalf("undo %s: %+v, want %+v", s.name, got[1], before[1])
		}
		h.shortcut(ctrlShiftZ)
		if after := h.stored().Relations; !s.check(after) {
			t.Fatalf("redo %s: %+v", s.name, after)
		}
	}
	// A retype to a type the labels do not allow is refused and reported.
	if err := h.ed.SetRelationType(supports, "ROLE"); err == nil || len(h.errs) != 1 {
		t.Fatalf("PERSON -> PERSON ROLE accepted: %v", err)
	}
	h.errs = nil
	// Selecting a relation by its caption, then deleting it.
	var caption *hitRegion
	for i := range h.tv().hits {
		if h.tv().hits[i].ref == (Ref{KindRelation, rels[0].ID}) {
			caption = &h.tv().hits[i]
		}
	}
	if caption == nil {
		t.Fatal("relation caption not drawn")
	}
	h.clickAt(caption.pos.Add(fyne.NewPos(3, 3)))
	if h.ed.Selected() != (Ref{KindRelation, rels[0].ID}) {
		t.Fatalf("caption click selected %v", h.ed.Selected())
	}
	h.key(fyne.KeyDelete)
	if r := h.stored().Relations; len(r) != 1 {
		t.Fatalf("delete: %+v", r)
	}
	h.shortcut(&fyne.ShortcutUndo{})
	// Deleting Lavrov's span removes both relations in one step; undo restores all.
	h.ed.Select(Ref{KindEntity, lavrov.ID})
	h.key(fyne.KeyDelete)
	if r := h.stored().Relations; len(r) != 0 {
		t.Fatalf("cascade left %+v", r)
	}
	if s := h.lastStatus(); s != `Deleted PERSON "Sergei Lavrov" and 2 relations` {
		t.Fatalf("status %q", s)
	}
	h.shortcut(&fyne.ShortcutUndo{})
	if r := h.stored().Relations; len(r) != 2 || len(h.ed.Annotations().Relations) != 2 {
		t.Fatalf("undo cascade: %+v", r)
	}
	if _, ok := h.ed.m.entByID[minister.ID]; !ok {
		t.Fatal("minister span lost")
	}
	h.noErrors()
}
