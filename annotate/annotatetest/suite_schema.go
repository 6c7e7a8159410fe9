package annotatetest

import (
	"strings"
	"testing"

	"byline/annotate"
)

func testSchemaEdits(t *testing.T, s annotate.Store) {
	doc := importText(t, s, "a", sampleText, annotate.Meta{})
	lavrov := entity(t, s, doc, spanLavrov, "PERSON")
	fidan := entity(t, s, doc, spanFidan, "PERSON")
	ankara := entity(t, s, doc, spanAnkara, "GPE")
	relation(t, s, doc, "MET_WITH", lavrov.ID, fidan.ID)
	relation(t, s, doc, "VISITED", lavrov.ID, ankara.ID)
	quote(t, s, doc, fidan.ID)

	wantCode(t, "rename a missing label", s.RenameLabel(bg, "ALIEN", "X"), annotate.ENOTFOUND)
	wantCode(t, "rename onto a label", s.RenameLabel(bg, "PERSON", "ORG"), annotate.ECONFLICT)
	wantCode(t, "rename to a bad name", s.RenameLabel(bg, "PERSON", "two words"), annotate.EINVALID)
	if err := s.RenameLabel(bg, "PERSON", "PER"); err != nil {
		t.Fatal(err)
	}
	sc, _ := s.Schema(bg)
	if _, ok := sc.Label("PER"); !ok || sc.CheckRelation("MEMBER_OF", "PER", "ORG") != nil {
		t.Errorf("schema after rename: %v", sc.LabelNames())
	}
	if n, _ := s.LabelUsage(bg, "PER"); n != 2 {
		t.Errorf("usage of PER = %d", n)
	}
	if n, _ := s.LabelUsage(bg, "PERSON"); n != 0 {
		t.Errorf("usage of PERSON = %d", n)
	}
	// Undo does not cross a schema-wide change.
	step(t, s, doc, true, "")

	wantCode(t, "rename a missing type", s.RenameRelationType(bg, "LOVES", "X"), annotate.ENOTFOUND)
	if err := s.RenameRelationType(bg, "VISITED", "TRAVELLED_TO"); err != nil {
		t.Fatal(err)
	}
	if a := annotations(t, s, doc); a.Relations[1].Type != "TRAVELLED_TO" || a.Entities[0].Label != "PER" {
		t.Errorf("after renames: %+v", a)
	}

	// Dropping a label in use through SaveSchema is refused.
	sc, _ = s.Schema(bg)
	drop := sc.Clone()
	drop.DropLabel("PER")
	err := s.SaveSchema(bg, drop)
	wantCode(t, "drop a used label", err, annotate.ECONFLICT)
	if err == nil || !strings.Contains(err.Error(), "PER") {
		t.Errorf("the conflict does not name the label: %v", err)
	}
	bad := sc.Clone()
	bad.Entities[0].Color = "red"
	wantCode(t, "invalid schema", s.SaveSchema(bg, bad), annotate.EINVALID)
	added := sc.Clone()
	added.EnsureLabel("WEAPON")
	if err := s.SaveSchema(bg, added); err != nil {
		t.Fatal(err)
	}
	if sc, _ := s.Schema(bg); len(sc.Entities) != len(added.Entities) {
		t.Errorf("saved schema has %d labels", len(sc.Entities))
	}

	n, err := s.DeleteLabel(bg, "PER")
	if err != nil || n != 2 {
		t.Fatalf("delete label = %d, %v", n, err)
	}
	a := annotations(t, s, doc)
	if counts(a) != [3]int{1, 1, 0} || a.Quotes[0].SpeakerID != 0 {
		t.Errorf("after deleting the label: %+v", a)
	}
	sc, _ = s.Schema(bg)
	if _, ok := sc.Label("PER"); ok || sc.Validate() != nil {
		t.Errorf("label PER still in the schema: %v", sc.LabelNames())
	}
	if n, _ := s.LabelUsage(bg, "PER"); n != 0 {
		t.Errorf("usage after delete = %d", n)
	}
	e := annotate.Entity{DocumentID: doc, Start: 0, End: 6, Label: "PER"}
	wantCode(t, "entity with a deleted label", s.CreateEntity(bg, &e), annotate.EINVALID)
}

func testStripDebris(t *testing.T, s annotate.Store) {
	text := "Page 1 of 3\nReal headline\n\nReal body.\nShare this\n"
	outs, err := s.ImportRecords(bg, []*annotate.Record{
		{ID: "scraped", Text: text, Debris: []annotate.Range{{Start: 0, End: 11}, {Start: 39, End: 49}}},
		{ID: "clean", Text: "Clean.\n"},
	}, annotate.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc, clean := outs[0].DocumentID, outs[1].DocumentID
	if d, _ := s.FindDocumentByID(bg, doc); len(d.Debris) != 2 {
		t.Fatalf("debris = %v", d.Debris)
	}
	if err := s.StripDebris(bg, clean); err != nil {
		t.Errorf("strip without debris: %v", err)
	}
	wantCode(t, "strip a missing document", s.StripDebris(bg, doc+100), annotate.ENOTFOUND)
	e := entity(t, s, doc, [2]int{12, 16}, "ORG")
	wantCode(t, "strip an annotated document", s.StripDebris(bg, doc), annotate.ECONFLICT)
	if _, err := s.DeleteEntity(bg, e.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.StripDebris(bg, doc); err != nil {
		t.Fatal(err)
	}
	want := annotate.StripLines(text, []annotate.Range{{Start: 0, End: 11}, {Start: 39, End: 49}})
	d, _ := s.FindDocumentByID(bg, doc)
	if d.Text != want || d.Text != "Real headline\n\nReal body.\n" || len(d.Debris) != 0 || d.Hash != annotate.ContentHash(want) {
		t.Errorf("after strip: %q, debris %v", d.Text, d.Debris)
	}
	if got := titles(t, s, annotate.DocumentFilter{Search: "page"}); len(got) != 0 {
		t.Errorf("search still finds the stripped text: %v", got)
	}
	step(t, s, doc, true, "strip_debris")
	if d, _ := s.FindDocumentByID(bg, doc); d.Text != text || len(d.Debris) != 2 {
		t.Errorf("after undo: %q, debris %v", d.Text, d.Debris)
	}
}

func testStats(t *testing.T, s annotate.Store) {
	doc := importText(t, s, "a", sampleText, annotate.Meta{})
	importText(t, s, "b", "Other.\n", annotate.Meta{})
	lavrov := entity(t, s, doc, spanLavrov, "PERSON")
	if err := s.SetAnnotator("  kim "); err != nil {
		t.Fatal(err)
	}
	wantCode(t, "empty annotator", s.SetAnnotator(" "), annotate.EINVALID)
	if s.Annotator() != "kim" {
		t.Errorf("annotator = %q", s.Annotator())
	}
	fidan := entity(t, s, doc, spanFidan, "PERSON")
	entity(t, s, doc, spanAnkara, "GPE")
	relation(t, s, doc, "MET_WITH", lavrov.ID, fidan.ID)
	quote(t, s, doc, 0)
	if err := s.SetStatus(bg, doc, annotate.StatusDone); err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(bg)
	if err != nil {
		t.Fatal(err)
	}
	if st.Progress.Total != 2 || st.Progress.Done() != 1 || st.Entities != 3 || st.Quotes != 1 || st.Relations != 1 ||
		st.ByLabel["PERSON"] != 2 || st.ByLabel["GPE"] != 1 || st.ByRelation["MET_WITH"] != 1 ||
		st.ByAnnotator["tester"] != 1 || st.ByAnnotator["kim"] != 4 {
		t.Errorf("stats = %+v", st)
	}
}
