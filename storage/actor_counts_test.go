package storage

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"byline/annotate"
)

// checkActorCounts compares the kept counts Actors lists with a count by
// join over every entity and quote (what Actors computed before they were
// kept).
func checkActorCounts(t *testing.T, db *DB, step string) {
	t.Helper()
	ctx := context.Background()
	rows, err := db.rdb.QueryContext(ctx, `SELECT a.id,
		(SELECT count(*) FROM entities e WHERE e.actor_id = a.id),
		(SELECT count(*) FROM entities e JOIN quotes q ON q.speaker_id = e.id WHERE e.actor_id = a.id)
		FROM actors a`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := map[int64][2]int{}
	for rows.Next() {
		var id int64
		var m, q int
		if err := rows.Scan(&id, &m, &q); err != nil {
			t.Fatal(err)
		}
		want[id] = [2]int{m, q}
	}
	list, err := db.Actors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != len(want) {
		t.Fatalf("%s: %d actors listed, %d stored", step, len(list), len(want))
	}
	for _, a := range list {
		if got := [2]int{a.Mentions, a.Quotes}; got != want[a.ID] {
			t.Errorf("%s: actor %q counts mentions/quotes %v, the rows hold %v", step, a.Name, got, want[a.ID])
		}
	}
}

// The actors' mention and quote counts stay right through every change that
// moves them: import, link, relink, unlink, a new or deleted quote, a
// speaker change, deleting a speaking mention, merge, actor deletion, and
// the undo and redo of each.
func TestDB_ActorCountsKept(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	importGoldenActors(t, db)
	checkActorCounts(t, db, "import")
	if list, _ := db.Actors(ctx); len(list) == 0 || list[0].Mentions == 0 {
		t.Fatalf("the imported actors have no mentions: %+v", list)
	}

	text := "Sergei Lavrov met Hakan Fidan. The envoy said talks went well. His aide said nothing."
	outs, err := db.ImportRecords(ctx, []*annotate.Record{{ID: "counts", Text: text}}, annotate.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc := outs[0].DocumentID
	full := mustEntity(t, db, doc, text, "Sergei Lavrov", "PERSON")
	lavrov := mustEntity(t, db, doc, text, "The envoy", "PERSON")
	fidan := mustEntity(t, db, doc, text, "His aide", "PERSON")
	a := annotate.Actor{Name: "Sergei Lavrov", Label: "PERSON"}
	b := annotate.Actor{Name: "Hakan Fidan", Label: "PERSON"}
	for _, x := range []*annotate.Actor{&a, &b} {
		if err := db.CreateActor(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	q1 := &annotate.Quote{DocumentID: doc, Kind: annotate.QuoteIndirect, SpeakerID: lavrov.ID,
		Content: []annotate.Segment{seg(t, text, "talks went well")}}
	if err := db.CreateQuote(ctx, q1); err != nil {
		t.Fatal(err)
	}
	checkActorCounts(t, db, "quote by an unlinked mention")

	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		checkActorCounts(t, db, step)
	}
	_, err = db.LinkMention(ctx, full.ID, a.ID)
	must("link", err)
	_, err = db.LinkMention(ctx, lavrov.ID, b.ID)
	must("link a speaker", err)
	_, err = db.LinkMention(ctx, lavrov.ID, a.ID)
	must("relink a speaker", err)
	_, err = db.LinkMention(ctx, fidan.ID, b.ID)
	must("link another", err)
	q2 := &annotate.Quote{DocumentID: doc, Kind: annotate.QuoteIndirect, SpeakerID: fidan.ID,
		Content: []annotate.Segment{seg(t, text, "nothing")}}
	must("new quote", db.CreateQuote(ctx, q2))
	_, err = db.UpdateQuote(ctx, q2.ID, annotate.QuoteUpdate{SpeakerID: &lavrov.ID})
	must("speaker change", err)
	_, err = db.UpdateQuote(ctx, q2.ID, annotate.QuoteUpdate{ClearSpeaker: true})
	must("speaker cleared", err)
	_, err = db.Undo(ctx, doc)
	must("undo the cleared speaker", err)
	_, err = db.DeleteEntity(ctx, lavrov.ID)
	must("delete a speaking mention", err)
	_, err = db.Undo(ctx, doc)
	must("undo the deletion", err)
	_, err = db.Redo(ctx, doc)
	must("redo the deletion", err)
	_, err = db.Undo(ctx, doc)
	must("undo it again", err)
	must("delete a quote", db.DeleteQuote(ctx, q1.ID))
	_, err = db.Undo(ctx, doc)
	must("undo the quote's deletion", err)
	_, err = db.MergeActors(ctx, a.ID, b.ID)
	must("merge", err)
	_, err = db.UndoActors(ctx)
	must("undo the merge", err)
	_, err = db.RedoActors(ctx)
	must("redo the merge", err)
	must("delete an actor", db.DeleteActor(ctx, a.ID))
	_, err = db.UndoActors(ctx)
	must("undo the actor's deletion", err)
	_, err = db.LinkMention(ctx, full.ID, 0)
	must("unlink", err)
	list, err := db.Actors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		if s.ID == a.ID && (s.Mentions != 2 || s.Quotes != 2) {
			t.Errorf("after the steps %q has %d mentions and %d quotes, want 2 and 2", s.Name, s.Mentions, s.Quotes)
		}
	}
}

// seg is the segment of the first occurrence of s in text.
func seg(t *testing.T, text, s string) annotate.Segment {
	start, end := span(t, text, s)
	return annotate.Segment{Start: start, End: end, Text: s}
}

// Upgrading a database whose actors already have mentions and quotes fills
// in their counts, and keeps the stored suggestions.
func TestMigrate_ActorCountsFilled(t *testing.T) {
	ctx := context.Background()
	step := -1
	for i, m := range migrations {
		if m.name == "actor_counts" {
			step = i
		}
	}
	if step < 0 {
		t.Fatal("no actor_counts migration")
	}
	path := filepath.Join(t.TempDir(), "old.db")
	raw := rawDB(t, path)
	defer raw.Close()
	if err := migrate(ctx, raw, migrations[:step]); err != nil {
		t.Fatal(err)
	}
	const now = "2024-01-01T00:00:00Z"
	execSQL(t, raw,
		`INSERT INTO documents(id, external_id, ordinal, list_title, text, hash, imported_at) VALUES (1, 'd', 1, 'd', 'Lavrov said yes. Lavrov said no.', 'h', '`+now+`')`,
		`INSERT INTO actors(id, name, label, created, updated) VALUES (1, 'Sergei Lavrov', 'PERSON', '`+now+`', '`+now+`'), (2, 'Nobody', 'PERSON', '`+now+`', '`+now+`')`,
		`INSERT INTO entities(id, document_id, start, end, label, text, created, updated, actor_id) VALUES
			(1, 1, 0, 6, 'PERSON', 'Lavrov', '`+now+`', '`+now+`', 1), (2, 1, 17, 23, 'PERSON', 'Lavrov', '`+now+`', '`+now+`', 1)`,
		`INSERT INTO quotes(id, document_id, kind, speaker_id, created, updated) VALUES
			(1, 1, 'indirect', 1, '`+now+`', '`+now+`'), (2, 1, 'indirect', 2, '`+now+`', '`+now+`'), (3, 1, 'indirect', NULL, '`+now+`', '`+now+`')`,
		`INSERT INTO suggestions(document_id, key, kind, start, end, reason, data, created) VALUES (1, 'e:0:6:PERSON', 'entity', 0, 6, 'r', '{}', '`+now+`')`,
	)
	if err := migrate(ctx, raw, migrations); err != nil {
		t.Fatal(err)
	}
	var m1, q1, m2, q2, kept int
	if err := raw.QueryRow(`SELECT (SELECT mentions FROM actors WHERE id = 1), (SELECT quotes FROM actors WHERE id = 1),
		(SELECT mentions FROM actors WHERE id = 2), (SELECT quotes FROM actors WHERE id = 2), (SELECT count(*) FROM suggestions)`).
		Scan(&m1, &q1, &m2, &q2, &kept); err != nil {
		t.Fatal(err)
	}
	if m1 != 2 || q1 != 2 || m2 != 0 || q2 != 0 || kept != 1 {
		t.Fatalf("after the upgrade: counts %d/%d and %d/%d, %d suggestion(s) kept", m1, q1, m2, q2, kept)
	}
	execSQL(t, raw, `INSERT INTO suggestions(document_id, key, kind, start, end, reason, data, created) VALUES (1, 'a:0:6:PERSON:1', 'link', 0, 6, 'r', '{}', '`+now+`')`)
}

// Actors sorts as ORDER BY name COLLATE NOCASE, id would.
func TestDB_ActorsOrder(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	for _, n := range []string{"banker", "Zed", "anna", "Anna", "Ärger", "_under", "Anna B", "ann", "Été", "zed", "Ωmega", "[x]"} {
		if err := db.CreateActor(ctx, &annotate.Actor{Name: n, Label: "PERSON"}); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := db.rdb.QueryContext(ctx, `SELECT id FROM actors ORDER BY name COLLATE NOCASE, id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var want []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		want = append(want, id)
	}
	list, err := db.Actors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, a := range list {
		got = append(got, a.ID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("Actors in order %v, SQLite's NOCASE order %v", got, want)
	}
}
