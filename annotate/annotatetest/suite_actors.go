package annotatetest

import (
	"reflect"
	"testing"

	"byline/annotate"
)

func createActor(t *testing.T, s annotate.Store, name, label string, aliases ...string) annotate.Actor {
	t.Helper()
	a := annotate.Actor{Name: name, Label: label, Aliases: aliases}
	if err := s.CreateActor(bg, &a); err != nil {
		t.Fatalf("create actor %s: %v", name, err)
	}
	return a
}

func link(t *testing.T, s annotate.Store, entity, actor int64) {
	t.Helper()
	if _, err := s.LinkMention(bg, entity, actor); err != nil {
		t.Fatalf("link %d to %d: %v", entity, actor, err)
	}
}

// actorCounts maps actor names to [mentions, quotes].
func actorCounts(t *testing.T, s annotate.Store) map[string][2]int {
	t.Helper()
	list, err := s.Actors(bg)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][2]int{}
	for _, a := range list {
		out[a.Name] = [2]int{a.Mentions, a.Quotes}
	}
	return out
}

// quotesOf returns "actor: text" for every attributed quote, newest first.
func quotesOf(t *testing.T, s annotate.Store, f annotate.QuoteFilter) []string {
	t.Helper()
	var out []string
	err := s.ActorQuotes(bg, f, func(q *annotate.ActorQuote) error {
		out = append(out, q.ActorName+": "+q.ExternalID+": "+q.Text())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func testActors(t *testing.T, s annotate.Store) {
	for _, bad := range []annotate.Actor{{Name: " ", Label: "PERSON"}, {Name: "X", Label: "NOPE"}} {
		wantCode(t, "create "+bad.Name+"/"+bad.Label, s.CreateActor(bg, &bad), annotate.EINVALID)
	}
	lavrov := createActor(t, s, "Sergei Lavrov", "PERSON", "Lavrov", " lavrov ", "", "Sergei Lavrov")
	if !reflect.DeepEqual(lavrov.Aliases, []string{"Lavrov"}) || lavrov.ID == 0 {
		t.Fatalf("created %+v: want id and aliases [Lavrov] (blanks, repeats and the name dropped)", lavrov)
	}
	twin := createActor(t, s, "Sergey Lavrov", "PERSON")

	d1 := importText(t, s, "d1", sampleText, annotate.Meta{Title: "Ankara talks", Published: "2023-05-26"})
	d2 := importText(t, s, "d2", sampleText+" ", annotate.Meta{Title: "Later", Published: "2023-06-02T10:00:00Z"})
	e1 := entity(t, s, d1, spanLavrov, "PERSON")
	q1 := quote(t, s, d1, e1.ID)
	e2 := entity(t, s, d2, spanLavrov, "PERSON")
	quote(t, s, d2, e2.ID)
	link(t, s, e1.ID, lavrov.ID)
	link(t, s, e2.ID, twin.ID)
	_, err := s.LinkMention(bg, e1.ID, 9999)
	wantCode(t, "link to a missing actor", err, annotate.ENOTFOUND)

	a := annotations(t, s, d1)
	if a.Entities[0].ActorID != lavrov.ID || len(a.Actors) != 1 || a.Actors[0].Name != "Sergei Lavrov" {
		t.Fatalf("annotations: entity actor %d, actors %+v", a.Entities[0].ActorID, a.Actors)
	}
	if got := actorCounts(t, s); got["Sergei Lavrov"] != [2]int{1, 1} || got["Sergey Lavrov"] != [2]int{1, 1} {
		t.Fatalf("counts before the merge: %v", got)
	}
	if got := quotesOf(t, s, annotate.QuoteFilter{ActorID: lavrov.ID}); len(got) != 1 ||
		got[0] != `Sergei Lavrov: d1: "We agreed on a ceasefire,"` {
		t.Fatalf("quotes of the actor: %q", got)
	}

	// Merge: the twin's mention moves, its name becomes an alias; one undo
	// splits them again, redo merges again.
	merged, err := s.MergeActors(bg, lavrov.ID, twin.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(merged.Aliases, []string{"Lavrov", "Sergey Lavrov"}) {
		t.Errorf("merged aliases %q", merged.Aliases)
	}
	_, err = s.FindActor(bg, twin.ID)
	wantCode(t, "the merged actor", err, annotate.ENOTFOUND)
	if got := actorCounts(t, s); len(got) != 1 || got["Sergei Lavrov"] != [2]int{2, 2} {
		t.Fatalf("counts after the merge: %v", got)
	}
	want := []string{`Sergei Lavrov: d2: "We agreed on a ceasefire,"`, `Sergei Lavrov: d1: "We agreed on a ceasefire,"`}
	if got := quotesOf(t, s, annotate.QuoteFilter{}); !reflect.DeepEqual(got, want) {
		t.Fatalf("quotes newest first: %q, want %q", got, want)
	}
	if got := quotesOf(t, s, annotate.QuoteFilter{Since: "2023-06-01", Until: "2023-06-02"}); len(got) != 1 {
		t.Errorf("quotes of June 2023: %q", got)
	}
	if ev, err := s.UndoActors(bg); err != nil || ev == nil || ev.Action != annotate.ActionMergeActors {
		t.Fatalf("undo the merge: %+v, %v", ev, err)
	}
	if got := actorCounts(t, s); got["Sergey Lavrov"] != [2]int{1, 1} || got["Sergei Lavrov"] != [2]int{1, 1} {
		t.Fatalf("counts after undoing the merge: %v", got)
	}
	if back, err := s.FindActor(bg, lavrov.ID); err != nil || !reflect.DeepEqual(back.Aliases, []string{"Lavrov"}) {
		t.Fatalf("kept actor after undo: %+v, %v", back, err)
	}
	if ev, err := s.RedoActors(bg); err != nil || ev == nil {
		t.Fatalf("redo the merge: %+v, %v", ev, err)
	}
	if got := actorCounts(t, s); len(got) != 1 || got["Sergei Lavrov"] != [2]int{2, 2} {
		t.Fatalf("counts after redoing the merge: %v", got)
	}

	// Unlinking splits a mention off; the document's undo links it again.
	link(t, s, e1.ID, 0)
	if got := quotesOf(t, s, annotate.QuoteFilter{ActorID: lavrov.ID}); len(got) != 1 {
		t.Fatalf("quotes after unlinking d1's mention: %q", got)
	}
	if ev, err := s.Undo(bg, d1); err != nil || ev == nil || ev.Action != annotate.ActionLinkMention {
		t.Fatalf("undo the unlink: %+v, %v", ev, err)
	}
	if a := annotations(t, s, d1); a.Entities[0].ActorID != lavrov.ID {
		t.Fatalf("after undo the mention links to %d", a.Entities[0].ActorID)
	}

	// Updating, then deleting: mentions stay, unlinked; undo links them again.
	upd, err := s.UpdateActor(bg, lavrov.ID, annotate.ActorUpdate{KBID: ptr("Q193570"), Note: ptr("Russian foreign minister")})
	if err != nil || upd.KBID != "Q193570" {
		t.Fatalf("update: %+v, %v", upd, err)
	}
	if err := s.DeleteActor(bg, lavrov.ID); err != nil {
		t.Fatal(err)
	}
	if a := annotations(t, s, d1); a.Entities[0].ActorID != 0 || len(a.Actors) != 0 || a.Quotes[0].ID != q1.ID {
		t.Fatalf("after deleting the actor: %+v", a.Entities[0])
	}
	if _, err := s.UndoActors(bg); err != nil {
		t.Fatal(err)
	}
	if got := actorCounts(t, s); got["Sergei Lavrov"] != [2]int{2, 2} {
		t.Fatalf("counts after undoing the delete: %v", got)
	}
	if back, _ := s.FindActor(bg, lavrov.ID); back == nil || back.KBID != "Q193570" {
		t.Fatalf("restored actor %+v", back)
	}
	_, err = s.UpdateActor(bg, lavrov.ID, annotate.ActorUpdate{Label: ptr("NOPE")})
	wantCode(t, "label outside the schema", err, annotate.EINVALID)
}

// testActorUndoCreateConflict: undoing an actor's creation is refused while
// mentions link to it.
func testActorUndoCreateConflict(t *testing.T, s annotate.Store) {
	d := importText(t, s, "d1", sampleText, annotate.Meta{})
	e := entity(t, s, d, spanLavrov, "PERSON")
	a := createActor(t, s, "Sergei Lavrov", "PERSON")
	link(t, s, e.ID, a.ID)
	_, err := s.UndoActors(bg)
	wantCode(t, "undo a create with mentions", err, annotate.ECONFLICT)
	link(t, s, e.ID, 0)
	if ev, err := s.UndoActors(bg); err != nil || ev == nil {
		t.Fatalf("undo the create once unlinked: %+v, %v", ev, err)
	}
	if list, _ := s.Actors(bg); len(list) != 0 {
		t.Fatalf("actors after undo: %+v", list)
	}
}

// testActorImport: actors come in with records, are shared by id within an
// import, merge with stored ones by external id (else name and label) and
// come out again with the same ids.
func testActorImport(t *testing.T, s annotate.Store) {
	stored := createActor(t, s, "Antony Blinken", "PERSON")
	rec := func(id, text string, actor annotate.RecordActor) *annotate.Record {
		return &annotate.Record{ID: id, Text: text,
			Entities: []annotate.RecordEntity{{ID: "T1", Start: 0, End: 6, Label: actor.Label, Actor: actor.ID}},
			Actors:   []annotate.RecordActor{actor}}
	}
	lavrov := annotate.RecordActor{ID: "A1", Name: "Sergei Lavrov", Label: "PERSON", Aliases: []string{"Lavrov"}, KBID: "Q193570"}
	blinken := annotate.RecordActor{ID: "A2", Name: "Antony Blinken", Label: "PERSON", Aliases: []string{"Blinken"}}
	namesake := annotate.RecordActor{ID: "A3", Name: "Antony Blinken", Label: "PERSON"}
	outs, err := s.ImportRecords(bg, []*annotate.Record{
		rec("r1", "Lavrov spoke.", lavrov),
		rec("r2", "Lavrov spoke again.", lavrov),
		rec("r3", "Blinken spoke.", blinken),
		rec("r4", "Blinks twice.", namesake),
	}, annotate.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	created, merged := actorsCreatedMerged(outs)
	// Lavrov is new (once); Blinken merges with the stored one; the
	// namesake A3 merges with the stored one too, not with an actor this
	// import created.
	if created != 1 || merged != 2 {
		t.Fatalf("created %d, merged %d; want 1 and 2", created, merged)
	}
	counts := actorCounts(t, s)
	if len(counts) != 2 || counts["Sergei Lavrov"][0] != 2 || counts["Antony Blinken"][0] != 2 {
		t.Fatalf("actors after import: %v", counts)
	}
	b, err := s.FindActor(bg, stored.ID)
	if err != nil || !reflect.DeepEqual(b.Aliases, []string{"Blinken"}) {
		t.Fatalf("stored actor after the merge: %+v, %v", b, err)
	}

	// A later import finds Lavrov by external id even under another name.
	renamed := lavrov
	renamed.Name, renamed.ID, renamed.Aliases = "S. Lavrov", "A9", nil
	outs, err = s.ImportRecords(bg, []*annotate.Record{rec("r5", "Lavrov, once more.", renamed)}, annotate.ImportOptions{})
	if err != nil || outs[0].ActorsMerged != 1 || outs[0].ActorsCreated != 0 {
		t.Fatalf("import by kb_id: %+v, %v", outs, err)
	}

	// An entity naming an actor the record lacks is refused.
	bad := rec("r6", "Nobody spoke.", lavrov)
	bad.Entities[0].Actor = "A7"
	_, err = s.ImportRecords(bg, []*annotate.Record{bad}, annotate.ImportOptions{})
	wantCode(t, "entity with an unknown actor", err, annotate.EINVALID)
	if got := actorCounts(t, s); len(got) != 2 {
		t.Fatalf("a refused import changed the actors: %v", got)
	}

	// Export: every line lists its actors; one id per actor across lines.
	ids := map[string]string{}
	err = s.ExportRecords(bg, annotate.ExportFilter{}, func(r *annotate.Record) error {
		for _, e := range r.Entities {
			a, ok := r.RecordActor(e.Actor)
			if !ok {
				t.Errorf("record %s: entity %s names actor %q, not in %+v", r.ID, e.ID, e.Actor, r.Actors)
				continue
			}
			if old, seen := ids[a.Name]; seen && old != a.ID {
				t.Errorf("actor %s is %s and %s", a.Name, old, a.ID)
			}
			ids[a.Name] = a.ID
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ids, map[string]string{"Sergei Lavrov": "A1", "Antony Blinken": "A2"}) {
		t.Fatalf("exported actor ids %v", ids)
	}
}

// testActorImportNamesakes: two namesakes without an external id in one
// file stay two actors, and importing the file's records again (as new
// documents) links each namesake's mentions to its own stored actor.
func testActorImportNamesakes(t *testing.T, s annotate.Store) {
	recs := func(prefix string) []*annotate.Record {
		smith := func(id, text, actor string) *annotate.Record {
			return &annotate.Record{ID: prefix + id, Text: prefix + " " + text,
				Entities: []annotate.RecordEntity{{ID: "T1", Start: len(prefix) + 1, End: len(prefix) + 11, Label: "PERSON", Actor: actor}},
				Actors:   []annotate.RecordActor{{ID: actor, Name: "John Smith", Label: "PERSON", Note: "the " + id}}}
		}
		return []*annotate.Record{smith("painter", "John Smith painted.", "A1"), smith("banker", "John Smith lent.", "A2")}
	}
	actorOfDoc := func(outs []annotate.ImportOutcome) []int64 {
		var ids []int64
		for _, o := range outs {
			a := annotations(t, s, o.DocumentID)
			ids = append(ids, a.Entities[0].ActorID)
		}
		return ids
	}
	outs, err := s.ImportRecords(bg, recs("first"), annotate.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	first := actorOfDoc(outs)
	if first[0] == 0 || first[0] == first[1] {
		t.Fatalf("namesakes of one file: linked to %v", first)
	}
	if list, _ := s.Actors(bg); len(list) != 2 {
		t.Fatalf("%d actors after the first import, want 2", len(list))
	}
	outs, err = s.ImportRecords(bg, recs("again"), annotate.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	created, merged := actorsCreatedMerged(outs)
	if again := actorOfDoc(outs); created != 0 || merged != 2 || again[0] != first[0] || again[1] != first[1] {
		t.Fatalf("the second import created %d, merged %d, linked to %v (first %v)", created, merged, again, first)
	}
}

// actorsCreatedMerged sums the import outcomes' actor counts.
func actorsCreatedMerged(outs []annotate.ImportOutcome) (created, merged int) {
	for _, o := range outs {
		created += o.ActorsCreated
		merged += o.ActorsMerged
	}
	return created, merged
}
