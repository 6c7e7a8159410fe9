package storage

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"byline/annotate"
)

// decodeAll reads native JSONL into records.
func decodeAll(t *testing.T, data []byte) []*annotate.Record {
	t.Helper()
	var out []*annotate.Record
	lr := annotate.NewLineReader(bytes.NewReader(data))
	for {
		line, n, err := lr.Next()
		if err != nil {
			break
		}
		rec, err := annotate.DecodeRecord(line)
		if err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		out = append(out, rec)
	}
	return out
}

// importGoldenActors imports the native golden file with actors: Sergei
// Lavrov, with mentions and quotes in two documents, and the ministry.
func importGoldenActors(t *testing.T, db *DB) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "annotate", "formats", "testdata", "golden", "actors", "byline", "out.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportRecords(context.Background(), decodeAll(t, src), annotate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
}

// The native round trip keeps actors byte for byte, also when the registry's
// ids are not in order of first use (actors made in the app, one deleted,
// two merged): the export numbers them by first use, the import creates
// them in that order.
func TestDB_ActorNativeRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	importGoldenActors(t, db)
	text := "Hakan Fidan and Fidan, the Turkish foreign minister, met Blinken."
	outs, err := db.ImportRecords(ctx, []*annotate.Record{{ID: "app", Text: text}}, annotate.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc := outs[0].DocumentID
	gone := annotate.Actor{Name: "Nobody", Label: "PERSON"}
	fidan := annotate.Actor{Name: "Hakan Fidan", Label: "PERSON", KBID: "Q1375713"}
	twin := annotate.Actor{Name: "Fidan", Label: "PERSON", Aliases: []string{"the Turkish foreign minister"}}
	for _, a := range []*annotate.Actor{&gone, &fidan, &twin} {
		if err := db.CreateActor(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.DeleteActor(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	// Linked in reverse text order, so store ids disagree with first use.
	if _, err := db.LinkMention(ctx, mustEntity(t, db, doc, text, "Fidan,", "PERSON").ID, twin.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.LinkMention(ctx, mustEntity(t, db, doc, text, "Hakan Fidan", "PERSON").ID, fidan.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.MergeActors(ctx, fidan.ID, twin.ID); err != nil {
		t.Fatal(err)
	}
	first := exportAll(t, db)
	if !bytes.Contains(first, []byte(`"actors":[{"id":"A3","name":"Hakan Fidan","label":"PERSON","aliases":["Fidan","the Turkish foreign minister"],"kb_id":"Q1375713"}]`)) {
		t.Errorf("the app document's actors are not as merged:\n%s", first)
	}

	db2 := mustOpen(t)
	outs, err = db2.ImportRecords(ctx, decodeAll(t, first), annotate.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	created := 0
	for _, o := range outs {
		created += o.ActorsCreated
	}
	if created != 3 {
		t.Errorf("%d actors created, want 3", created)
	}
	if second := exportAll(t, db2); !bytes.Equal(first, second) {
		t.Fatalf("round trip changed the export:\n%s\nthen:\n%s", first, second)
	}

}

// Redoing a document's link to an actor merged away since is refused, not
// a dangling link.
func TestDB_LinkRedoAfterMerge(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	text := "Lavrov spoke."
	outs, err := db.ImportRecords(ctx, []*annotate.Record{{ID: "d", Text: text}}, annotate.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc := outs[0].DocumentID
	e := mustEntity(t, db, doc, text, "Lavrov", "PERSON")
	keep := annotate.Actor{Name: "Sergei Lavrov", Label: "PERSON"}
	drop := annotate.Actor{Name: "Lavrov", Label: "PERSON"}
	for _, a := range []*annotate.Actor{&keep, &drop} {
		if err := db.CreateActor(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.LinkMention(ctx, e.ID, drop.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Undo(ctx, doc); err != nil {
		t.Fatal(err)
	}
	if _, err := db.MergeActors(ctx, keep.ID, drop.ID); err != nil {
		t.Fatal(err)
	}
	_, err = db.Redo(ctx, doc) // would link to the merged-away actor
	wantCode(t, err, annotate.ECONFLICT)
	a, err := db.FindAnnotations(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	if a.Entities[0].ActorID != 0 {
		t.Fatalf("mention links to %d after the refused redo", a.Entities[0].ActorID)
	}
}

// A document's annotations carry each actor its mentions link to once, and
// no actor linked only from other documents.
func TestDB_FindAnnotationsActorsOfTheDocument(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	importGoldenActors(t, db) // links actors in two other documents
	text := "Fidan said Fidan would go; Blinken stayed."
	outs, err := db.ImportRecords(ctx, []*annotate.Record{{ID: "app", Text: text}}, annotate.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc := outs[0].DocumentID
	fidan := annotate.Actor{Name: "Hakan Fidan", Label: "PERSON"}
	if err := db.CreateActor(ctx, &fidan); err != nil {
		t.Fatal(err)
	}
	for _, mention := range []string{"Fidan said", "Fidan would"} {
		if _, err := db.LinkMention(ctx, mustEntity(t, db, doc, text, mention, "PERSON").ID, fidan.ID); err != nil {
			t.Fatal(err)
		}
	}
	mustEntity(t, db, doc, text, "Blinken", "PERSON") // not linked
	got, err := db.FindAnnotations(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Actors) != 1 || got.Actors[0].ID != fidan.ID || got.Actors[0].Name != fidan.Name {
		t.Fatalf("actors %+v, want only %+v", got.Actors, fidan)
	}
}
