package app

import (
	"context"
	"strings"
	"testing"

	"byline/annotate"
)

func TestSchemaRenameKeepsAnnotations(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	ctx := context.Background()
	st := env.store()
	id := w.currentDoc()
	for _, e := range []annotate.Entity{{Start: 0, End: 7, Label: "PERSON"}, {Start: 8, End: 17, Label: "PERSON"}, {Start: 26, End: 32, Label: "GPE"}} {
		e.DocumentID = id
		if err := st.CreateEntity(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
	w.reloadAll()
	w.flush()

	w.renameLabel("PERSON", "ACTOR")
	w.flush()
	if w.lastError != "" {
		t.Fatalf("rename failed: %s", w.lastError)
	}
	ann, _ := st.FindAnnotations(ctx, id)
	labels := map[string]int{}
	for _, e := range ann.Entities {
		labels[e.Label]++
	}
	if labels["ACTOR"] != 2 || labels["PERSON"] != 0 || labels["GPE"] != 1 {
		t.Errorf("labels after rename = %v", labels)
	}
	if !hasItem(w.side.items, "ACTOR (2)") {
		t.Errorf("side panel does not show the renamed group")
	}
	if got := w.editor.Schema().LabelNames()[0]; got != "ACTOR" {
		t.Errorf("editor schema still has %q first", got)
	}
	rt, _ := w.editor.Schema().RelationType("ROLE")
	if rt.Heads[0] != "ACTOR" {
		t.Errorf("ROLE heads = %v, want the renamed label", rt.Heads)
	}

	// Deleting a label in use asks first, with the count.
	var question string
	w.deleteLabel("ACTOR", func(q string, yes func()) { question = q })
	w.flush()
	if !strings.Contains(question, "2 entities") {
		t.Errorf("question = %q, want the count of 2", question)
	}
	if n, _ := st.LabelUsage(ctx, "ACTOR"); n != 2 {
		t.Errorf("the label went before the analyst answered")
	}
	w.deleteLabel("ACTOR", func(q string, yes func()) { yes() })
	w.flush()
	if _, ok := w.editor.Schema().Label("ACTOR"); ok {
		t.Errorf("label still in the schema")
	}
	if ann, _ := st.FindAnnotations(ctx, id); len(ann.Entities) != 1 {
		t.Errorf("%d entities left, want 1", len(ann.Entities))
	}

	// A schema file round-trips through export and import.
	data, err := schemaFile(ctx, w.store)
	if err != nil {
		t.Fatal(err)
	}
	w.addLabel("WEAPON", nil)
	w.moveLabel("WEAPON", -1, nil)
	w.flush()
	if w.lastError != "" {
		t.Fatalf("add/move failed: %s", w.lastError)
	}
	names := w.editor.Schema().LabelNames()
	if names[len(names)-2] != "WEAPON" {
		t.Errorf("labels after move = %v", names)
	}
	if !w.importSchema(data, nil) {
		t.Fatalf("import failed: %s", w.lastError)
	}
	w.flush()
	if _, ok := w.editor.Schema().Label("WEAPON"); ok {
		t.Errorf("imported schema did not replace the edited one")
	}
	if w.importSchema([]byte(`{"entities": [{"name": "X", "color": "red"}]}`), nil) {
		t.Errorf("an invalid schema file was accepted")
	}
}

func TestSchemaEditorDialog(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	ctx := context.Background()
	st := env.store()
	id := w.currentDoc()
	head := annotate.Entity{DocumentID: id, Start: 0, End: 7, Label: "PERSON"}
	tail := annotate.Entity{DocumentID: id, Start: 8, End: 17, Label: "TITLE"}
	for _, e := range []*annotate.Entity{&head, &tail} {
		if err := st.CreateEntity(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	rel := annotate.Relation{DocumentID: id, Type: "ROLE", HeadID: head.ID, TailID: tail.ID}
	if err := st.CreateRelation(ctx, &rel); err != nil {
		t.Fatal(err)
	}
	w.reloadAll()
	w.flush()
	w.showSchemaEditor()
	w.flush()
	e := w.schemaEd
	if e == nil || e.lName.Text != "PERSON" {
		t.Fatalf("the editor does not start on the first label")
	}

	// Recolour and re-key a label through the form.
	e.labels.Select(1)
	e.lColor.SetText("#123456")
	e.lKey.SetText("o")
	e.lSave.OnTapped()
	w.flush()
	org, _ := w.editor.Schema().Label("ORG")
	if org.Color != "#123456" || org.Hotkey != "o" {
		t.Errorf("ORG after save = %+v", org)
	}
	// A clash is refused with the reason and changes nothing.
	e.lKey.SetText("1")
	e.lSave.OnTapped()
	w.flush()
	if !strings.Contains(w.lastError, "not possible") {
		t.Errorf("duplicate hotkey gave error %q", w.lastError)
	}
	if org, _ := w.editor.Schema().Label("ORG"); org.Hotkey != "o" {
		t.Errorf("ORG hotkey = %q after a refused change", org.Hotkey)
	}

	// Allowed tails of ROLE, then a rename that keeps the relation.
	e.rels.Select(1)
	if e.rName.Text != "ROLE" {
		t.Fatalf("selected relation %q", e.rName.Text)
	}
	e.rTails.setSelected([]string{"TITLE", "ORG"})
	e.rSave.OnTapped()
	w.flush()
	rt, _ := w.editor.Schema().RelationType("ROLE")
	if strings.Join(rt.Tails, ",") != "ORG,TITLE" {
		t.Errorf("ROLE tails = %v", rt.Tails)
	}
	e.rName.SetText("HOLDS_TITLE")
	e.rRename.OnTapped()
	w.flush()
	ann, _ := st.FindAnnotations(ctx, id)
	if len(ann.Relations) != 1 || ann.Relations[0].Type != "HOLDS_TITLE" {
		t.Errorf("relations after rename = %+v", ann.Relations)
	}
	if !hasItem(w.side.items, head.Text+" —HOLDS_TITLE→ "+tail.Text) {
		t.Errorf("side panel does not show the renamed relation")
	}
}
