package annotatetest

import (
	"reflect"
	"testing"

	"byline/annotate"
)

// ids lists the ids of a document's annotations, by kind.
func ids(a *annotate.Annotations) [3][]int64 {
	var out [3][]int64
	for _, e := range a.Entities {
		out[0] = append(out[0], e.ID)
	}
	for _, q := range a.Quotes {
		out[1] = append(out[1], q.ID)
	}
	for _, r := range a.Relations {
		out[2] = append(out[2], r.ID)
	}
	return out
}

func step(t *testing.T, s annotate.Store, doc int64, undo bool, wantAction string) {
	t.Helper()
	var ev *annotate.Event
	var err error
	if undo {
		ev, err = s.Undo(bg, doc)
	} else {
		ev, err = s.Redo(bg, doc)
	}
	switch {
	case err != nil:
		t.Fatalf("undo=%v: %v", undo, err)
	case wantAction == "" && ev != nil:
		t.Fatalf("undo=%v: got %s, want nothing to do", undo, ev.Action)
	case wantAction != "" && (ev == nil || ev.Action != wantAction || ev.Undone != undo || ev.DocumentID != doc):
		t.Fatalf("undo=%v: event %+v, want %s", undo, ev, wantAction)
	}
}

func testUndoRedo(t *testing.T, s annotate.Store) {
	doc := importText(t, s, "a", sampleText, annotate.Meta{})
	other := importText(t, s, "b", "Antony Blinken\n", annotate.Meta{})
	step(t, s, doc, true, "")
	e := entity(t, s, doc, spanLavrov, "PERSON")
	entity(t, s, other, [2]int{0, 14}, "PERSON")
	if _, err := s.UpdateEntity(bg, e.ID, annotate.EntityUpdate{Label: ptr("ORG")}); err != nil {
		t.Fatal(err)
	}
	q := quote(t, s, doc, e.ID)
	if err := s.SetStatus(bg, doc, annotate.StatusDone); err != nil {
		t.Fatal(err)
	}
	full := annotations(t, s, doc)

	step(t, s, doc, true, "set_status")
	if d, _ := s.FindDocumentByID(bg, doc); d.Status != annotate.StatusTodo {
		t.Errorf("status after undo = %s", d.Status)
	}
	step(t, s, doc, true, "create_quote")
	step(t, s, doc, true, "update_entity")
	if a := annotations(t, s, doc); len(a.Entities) != 1 || a.Entities[0].Label != "PERSON" || len(a.Quotes) != 0 {
		t.Errorf("after three undos: %+v", a)
	}
	step(t, s, doc, true, "create_entity")
	step(t, s, doc, true, "")
	if a := annotations(t, s, doc); a.Count() != 0 {
		t.Errorf("after undoing everything: %+v", a)
	}
	if a := annotations(t, s, other); len(a.Entities) != 1 {
		t.Errorf("undo reached another document: %+v", a)
	}
	for _, action := range []string{"create_entity", "update_entity", "create_quote", "set_status"} {
		step(t, s, doc, false, action)
	}
	step(t, s, doc, false, "")
	if got := annotations(t, s, doc); !reflect.DeepEqual(ids(got), ids(full)) || got.Entities[0].Label != "ORG" || got.Quotes[0].ID != q.ID {
		t.Errorf("after redoing everything: %+v, want %+v", got, full)
	}
	if d, _ := s.FindDocumentByID(bg, doc); d.Status != annotate.StatusDone {
		t.Errorf("status after redo = %s", d.Status)
	}
	hist, err := s.History(bg, doc, 2)
	if err != nil || len(hist) != 2 || hist[0].Action != "set_status" || hist[1].Action != "create_quote" || hist[0].Annotator != "tester" {
		t.Errorf("history = %+v, %v", hist, err)
	}
}

func testUndoCascade(t *testing.T, s annotate.Store) {
	doc := importText(t, s, "a", sampleText, annotate.Meta{})
	lavrov := entity(t, s, doc, spanLavrov, "PERSON")
	fidan := entity(t, s, doc, spanFidan, "PERSON")
	relation(t, s, doc, "MET_WITH", lavrov.ID, fidan.ID)
	quote(t, s, doc, lavrov.ID)
	before := annotations(t, s, doc)
	if _, err := s.DeleteEntity(bg, lavrov.ID); err != nil {
		t.Fatal(err)
	}
	step(t, s, doc, true, "delete_entity")
	after := annotations(t, s, doc)
	if !reflect.DeepEqual(ids(after), ids(before)) || after.Quotes[0].SpeakerID != lavrov.ID ||
		after.Relations[0].HeadID != lavrov.ID || after.Entities[0].Text != "Sergey Lavrov" {
		t.Errorf("undo did not restore the cascade with its ids:\n got %+v\nwant %+v", after, before)
	}
	step(t, s, doc, false, "delete_entity")
	if got := counts(annotations(t, s, doc)); got != [3]int{1, 1, 0} {
		t.Errorf("after redo: %v", got)
	}
}

func testRedoDiscarded(t *testing.T, s annotate.Store) {
	doc := importText(t, s, "a", sampleText, annotate.Meta{})
	a := entity(t, s, doc, spanLavrov, "PERSON")
	entity(t, s, doc, spanFidan, "PERSON")
	step(t, s, doc, true, "create_entity")
	entity(t, s, doc, spanAnkara, "GPE") // a new branch
	step(t, s, doc, false, "")
	step(t, s, doc, true, "create_entity")
	step(t, s, doc, true, "create_entity")
	if got := ids(annotations(t, s, doc)); len(got[0]) != 0 {
		t.Errorf("entities left after undoing both: %v", got)
	}
	step(t, s, doc, false, "create_entity")
	if got := annotations(t, s, doc); len(got.Entities) != 1 || got.Entities[0].ID != a.ID {
		t.Errorf("redo brought back %+v, want only the first entity", got.Entities)
	}
}

func testStatus(t *testing.T, s annotate.Store) {
	d1 := importText(t, s, "a", "One.\n", annotate.Meta{})
	d2 := importText(t, s, "b", "Two.\n", annotate.Meta{})
	d3 := importText(t, s, "c", "Three.\n", annotate.Meta{})
	wantCode(t, "unknown status", s.SetStatus(bg, d1, annotate.Status("lost")), annotate.EINVALID)
	wantCode(t, "missing document", s.SetStatus(bg, d3+100, annotate.StatusDone), annotate.ENOTFOUND)
	for _, c := range []struct {
		from, want int64
	}{{0, d1}, {d1, d2}, {d3, d1}} {
		if got, err := s.NextUnfinished(bg, c.from); err != nil || got != c.want {
			t.Errorf("NextUnfinished(%d) = %d, %v; want %d", c.from, got, err, c.want)
		}
	}
	if err := s.SetStatus(bg, d1, annotate.StatusDone); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStatus(bg, d2, annotate.StatusSkipped); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStatus(bg, d3, annotate.StatusInProgress); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.NextUnfinished(bg, d3); got != d3 {
		t.Errorf("NextUnfinished with one unfinished document = %d, want it (%d)", got, d3)
	}
	p, err := s.Progress(bg)
	if err != nil || p.Total != 3 || p.Done() != 1 || p.ByStatus[annotate.StatusSkipped] != 1 || p.ByStatus[annotate.StatusInProgress] != 1 {
		t.Errorf("progress = %+v, %v", p, err)
	}
	if err := s.SetStatus(bg, d3, annotate.StatusDone); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.NextUnfinished(bg, 0); got != 0 {
		t.Errorf("NextUnfinished with all finished = %d", got)
	}
}
