package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"byline/annotate"
	"byline/annotate/annotatetest"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

func TestDB_ImportRecords(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	addDoc(t, db, "old", "First version of the story.", annotate.Meta{URL: "https://example.org/story"})
	recs := []*annotate.Record{
		{ID: "dup-of-stored", Text: "First version of the story."},
		{ID: "new-version", Text: "Second version of the story.", Meta: annotate.Meta{URL: "https://example.org/story"}},
		{ID: "fresh", Text: "Something else entirely."},
		{ID: "dup-in-batch", Text: "Something else entirely."},
	}
	outs, err := db.ImportRecords(ctx, recs, annotate.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []annotate.ImportOutcome{
		{ExternalID: "dup-of-stored", DocumentID: 1, Duplicate: true},
		{ExternalID: "new-version", DocumentID: 2, NewVersion: true},
		{ExternalID: "fresh", DocumentID: 3},
		{ExternalID: "dup-in-batch", DocumentID: 3, Duplicate: true},
	}
	for i := range want {
		if outs[i] != want[i] {
			t.Errorf("outcome %d = %+v, want %+v", i, outs[i], want[i])
		}
	}
	var versionOf int64
	if err := db.rdb.QueryRow(`SELECT version_of FROM documents WHERE id = 2`).Scan(&versionOf); err != nil || versionOf != 1 {
		t.Fatalf("version_of = %d, %v", versionOf, err)
	}
}

func annotatedRecord() *annotate.Record {
	return &annotate.Record{
		ID: "doc-1", Text: sampleText, Status: annotate.StatusDone,
		Meta: annotate.Meta{Title: "Talks", URL: "https://example.org/talks", Published: "2023-05-26"},
		Entities: []annotate.RecordEntity{
			{ID: "T1", Start: 0, End: 13, Label: "PERSON", Annotator: "ana", Created: "2023-06-01T10:00:00Z"},
			{ID: "T2", Start: 18, End: 32, Label: "PERSON"},
			{ID: "T3", Start: 0, End: 6, Label: "WEAPON"},
		},
		Quotes: []annotate.RecordQuote{{ID: "Q1", Content: []annotate.Segment{{Start: 54, End: 78}}, Speaker: "T1",
			Cue: &annotate.Segment{Start: 86, End: 90}}},
		Relations: []annotate.RecordRelation{
			{ID: "R1", Type: "MET_WITH", Head: "T1", Tail: "T2", Annotator: "boris"},
			{ID: "R2", Type: "ADMIRES", Head: "T2", Tail: "T1"},
		},
	}
}

func TestDB_ImportRecords_AddsToSchema(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	schema, _ := db.Schema(ctx)
	rec := annotatedRecord()
	warnings, err := annotate.PrepareRecord(rec, schema)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 2 {
		t.Fatalf("warnings %q", warnings)
	}
	if _, err := db.ImportRecords(ctx, []*annotate.Record{rec}, annotate.ImportOptions{Schema: schema}); err != nil {
		t.Fatal(err)
	}
	stored, _ := db.Schema(ctx)
	if _, ok := stored.Label("WEAPON"); !ok {
		t.Fatal("label WEAPON not saved")
	}
	if _, ok := stored.RelationType("ADMIRES"); !ok {
		t.Fatal("relation type ADMIRES not saved")
	}
	a, err := db.FindAnnotations(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Entities) != 3 || len(a.Quotes) != 1 || len(a.Relations) != 2 || a.Quotes[0].SpeakerID != a.Entities[0].ID {
		t.Fatalf("annotations %+v", a)
	}
	if a.Entities[0].Annotator != "ana" || a.Entities[1].Annotator != "ana" || a.Relations[0].Annotator != "boris" {
		t.Fatalf("annotators %+v", a)
	}
	if got := annotate.FormatTime(a.Entities[0].Created); got != "2023-06-01T10:00:00Z" {
		t.Fatalf("created %s", got)
	}

	// Without opt.Schema, labels the records need are still added.
	db2 := mustOpen(t)
	if _, err := db2.ImportRecords(ctx, []*annotate.Record{annotatedRecord()}, annotate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if s, _ := db2.Schema(ctx); len(s.Entities) != 10 {
		t.Fatalf("schema %v", s)
	}
}

func TestDB_ImportRecords_FailureRollsBack(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	bad := annotatedRecord()
	bad.ID = "bad"
	bad.Text = "Different text, so not a duplicate."
	bad.Entities[1].Text = "Nobody"
	bad.Line = 7
	recs := []*annotate.Record{{ID: "good", Text: "A good record."}, annotatedRecord(), bad}
	_, err := db.ImportRecords(ctx, recs, annotate.ImportOptions{})
	wantCode(t, err, annotate.EINVALID)
	if msg := annotate.ErrorMessage(err); !strings.Contains(msg, "line 7") || !strings.Contains(msg, "bad") {
		t.Fatalf("message %q names neither record nor line", msg)
	}
	if n, _ := db.CountDocuments(ctx, annotate.DocumentFilter{}); n != 0 {
		t.Fatalf("%d documents stored from a failed batch", n)
	}
	if s, _ := db.Schema(ctx); len(s.Entities) != 9 {
		t.Fatalf("schema changed by a failed batch: %v", s)
	}
	st, _ := db.Stats(ctx)
	if st.Entities != 0 {
		t.Fatalf("%d entities stored from a failed batch", st.Entities)
	}
}

func exportAll(t *testing.T, db *DB) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := annotate.NewEncoder(&buf)
	if err := db.ExportRecords(context.Background(), annotate.ExportFilter{}, func(r *annotate.Record) error {
		return enc.Encode(r)
	}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDB_NativeRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	recs := []*annotate.Record{
		annotatedRecord(),
		{ID: "plain", Text: "Олаф Шольц 🇩🇪 said “nein”.\nSecond line.", Meta: annotate.Meta{Title: "Шольц", Extra: map[string]json.RawMessage{"lang": json.RawMessage(`"ru"`)}},
			Debris: []annotate.Range{{Start: 27, End: 39}}},
		{ID: "empty-annotations", Text: "Nothing marked here.", Status: annotate.StatusSkipped, Imported: "2023-01-01T00:00:00Z"},
	}
	if _, err := db.ImportRecords(ctx, recs, annotate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	// Annotations made in the app (with ids out of text order) export too.
	mustEntity(t, db, 2, recs[1].Text, "Олаф Шольц", "PERSON")
	first := exportAll(t, db)

	golden := filepath.Join("testdata", "export.golden.jsonl")
	if *update {
		if err := os.WriteFile(golden, first, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, want) {
		t.Errorf("export differs from %s (run with -update if intended):\n%s", golden, first)
	}

	db2 := mustOpen(t)
	again := decodeAll(t, first)
	if _, err := db2.ImportRecords(ctx, again, annotate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if second := exportAll(t, db2); !bytes.Equal(first, second) {
		t.Fatalf("round trip changed the export:\n%s\nthen:\n%s", first, second)
	}
}

func TestDB_ExportRecords_Filter(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	for _, id := range []string{"a", "b", "c"} {
		addDoc(t, db, id, "Text of "+id+", with Lavrov.", annotate.Meta{})
		mustEntity(t, db, int64(id[0]-'a'+1), "Text of "+id+", with Lavrov.", "Lavrov", "PERSON")
	}
	if err := db.SetStatus(ctx, 2, annotate.StatusDone); err != nil {
		t.Fatal(err)
	}
	var got []string
	err := db.ExportRecords(ctx, annotate.ExportFilter{Statuses: []annotate.Status{annotate.StatusDone}}, func(r *annotate.Record) error {
		got = append(got, r.ID)
		if len(r.Entities) != 1 || r.Entities[0].Text != "Lavrov" {
			t.Errorf("record %s entities %+v", r.ID, r.Entities)
		}
		return nil
	})
	if err != nil || len(got) != 1 || got[0] != "b" {
		t.Fatalf("exported %v, %v", got, err)
	}
}

func TestDB_ExportRecords_StopsOnError(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	var recs []*annotate.Record
	for i := range 300 {
		recs = append(recs, &annotate.Record{ID: string(rune('a' + i%26)), Text: strings.Repeat("x", i+1)})
	}
	if _, err := db.ImportRecords(ctx, recs, annotate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	stop := errors.New("disk full")
	n := 0
	err := db.ExportRecords(ctx, annotate.ExportFilter{}, func(*annotate.Record) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Fatalf("export went on after an error: %d records, %v", n, err)
	}
	cctx, cancel := context.WithCancel(ctx)
	n = 0
	err = db.ExportRecords(cctx, annotate.ExportFilter{}, func(*annotate.Record) error {
		if n++; n == 5 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n > 5+64+64+2 {
		t.Fatalf("canceled export: %d records, %v", n, err)
	}
	// The database is still usable: no connection was left in a transaction.
	if err := db.SetStatus(ctx, 1, annotate.StatusDone); err != nil {
		t.Fatal(err)
	}
	if got := exportAll(t, db); bytes.Count(got, []byte("\n")) != 300 {
		t.Fatalf("export after a canceled one: %d lines", bytes.Count(got, []byte("\n")))
	}
}

// An import sets each document's annotation count with its row (the count
// triggers are off during its transaction): the count must be right, the
// triggers on again afterwards for edits, and the file sound.
func TestImportStoresCounts(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	rec := annotatetest.NewsRecord(1)
	outs, err := db.ImportRecords(ctx, []*annotate.Record{rec}, annotate.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	count := func() int {
		var n int
		if err := db.wdb.QueryRow(`SELECT annotations FROM documents WHERE id = ?`, outs[0].DocumentID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	want := len(rec.Entities) + len(rec.Quotes) + len(rec.Relations)
	if got := count(); got != want {
		t.Errorf("annotations = %d, want %d", got, want)
	}
	var counting int
	if err := db.wdb.QueryRow(`SELECT counting FROM import_state`).Scan(&counting); err != nil || counting != 1 {
		t.Fatalf("count triggers left off after the import: %d, %v", counting, err)
	}
	if err := db.CreateEntity(ctx, &annotate.Entity{DocumentID: outs[0].DocumentID, Start: 0, End: 6, Label: "ORG"}); err != nil {
		t.Fatal(err)
	}
	if got := count(); got != want+1 {
		t.Errorf("after adding a span annotations = %d, want %d", got, want+1)
	}
	integrityOK(t, db)
}

// Entities are stored many per statement: relations and speakers must still
// point at the right ones across statement boundaries.
func TestImportManyEntitiesKeepsReferences(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	rec := annotatetest.LongArticle(3000, 150)
	rec.Relations = []annotate.RecordRelation{
		{ID: "R1", Type: "MET_WITH", Head: "T1", Tail: "T130"},
		{ID: "R2", Type: "MET_WITH", Head: "T64", Tail: "T65"},
		{ID: "R3", Type: "MET_WITH", Head: "T150", Tail: "T129"},
	}
	want := map[string][2]int{}
	starts := map[string]int{}
	for _, e := range rec.Entities {
		starts[e.ID] = e.Start
	}
	for _, r := range rec.Relations {
		want[r.ID] = [2]int{starts[r.Head], starts[r.Tail]}
	}
	if _, err := db.ImportRecords(ctx, []*annotate.Record{rec}, annotate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var got *annotate.Record
	if err := db.ExportRecords(ctx, annotate.ExportFilter{}, func(r *annotate.Record) error { got = r; return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got.Entities) != 150 || len(got.Relations) != 3 {
		t.Fatalf("exported %d entities, %d relations", len(got.Entities), len(got.Relations))
	}
	back := map[string]int{}
	for _, e := range got.Entities {
		back[e.ID] = e.Start
	}
	for i, r := range got.Relations {
		if pair := [2]int{back[r.Head], back[r.Tail]}; pair != want[rec.Relations[i].ID] {
			t.Errorf("relation %d joins spans at %v, want %v", i+1, pair, want[rec.Relations[i].ID])
		}
	}
}

// TestWriterKeepsTemporaryDataInMemory: every write connection, also one
// the pool opens again later, keeps statement journals in memory; in a
// temporary file they cost an annotated import more writes than the
// database's own pages.
func TestWriterKeepsTemporaryDataInMemory(t *testing.T) {
	db := mustOpen(t)
	for round := 0; round < 2; round++ {
		var mode int
		if err := db.wdb.QueryRow(`PRAGMA temp_store`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if mode != 2 {
			t.Fatalf("round %d: temp_store = %d, want 2 (memory)", round, mode)
		}
		// A new connection, as after the pool dropped the old one.
		db.wdb.SetMaxIdleConns(0)
		db.wdb.SetMaxIdleConns(2)
	}
}

// TestImportSuspendsEveryInsertTrigger: the import drops, for its own
// transaction, every trigger that runs per inserted annotation row, and
// creates each again exactly as it was, whether the import commits or
// fails. A trigger a migration adds on such an insert must be added to
// insertTriggers, with its work done by the import.
func TestImportSuspendsEveryInsertTrigger(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	triggers := func() map[string]string {
		rows, err := db.wdb.Query(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string]string{}
		for rows.Next() {
			var name, def string
			if err := rows.Scan(&name, &def); err != nil {
				t.Fatal(err)
			}
			out[name] = def
		}
		return out
	}
	before := triggers()
	var onInsert []string
	for name, def := range before {
		d := strings.ToUpper(strings.Join(strings.Fields(def), " "))
		for _, table := range []string{"DOCUMENTS", "ENTITIES", "QUOTES", "QUOTE_SEGMENTS", "RELATIONS"} {
			if strings.Contains(d, "INSERT ON "+table+" ") {
				onInsert = append(onInsert, name)
			}
		}
	}
	sort.Strings(onInsert)
	want := slices.Clone(insertTriggers)
	sort.Strings(want)
	if !slices.Equal(onInsert, want) {
		t.Fatalf("triggers on inserted annotation rows %v; the import suspends %v", onInsert, want)
	}
	good := &annotate.Record{ID: "g", Text: "Lavrov spoke.", Entities: []annotate.RecordEntity{{ID: "T1", Start: 0, End: 6, Label: "PERSON"}}}
	bad := &annotate.Record{ID: "b", Text: "Fidan spoke.", Entities: []annotate.RecordEntity{{ID: "T1", Start: 0, End: 60, Label: "PERSON"}}}
	outs, err := db.ImportRecords(ctx, []*annotate.Record{good}, annotate.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(triggers(), before) {
		t.Fatalf("after an import the triggers are\n%v\nnot\n%v", triggers(), before)
	}
	if _, err := db.ImportRecords(ctx, []*annotate.Record{bad}, annotate.ImportOptions{}); err == nil {
		t.Fatal("a span past the text's end was imported")
	}
	if !maps.Equal(triggers(), before) {
		t.Fatalf("after a failed import the triggers are\n%v\nnot\n%v", triggers(), before)
	}
	// The batch's documents are in the full-text index, once each, and
	// the failed batch's are not; a document added later is indexed by
	// its trigger again.
	second := &annotate.Record{ID: "s", Text: "Lavrov and Fidan spoke again."}
	if _, err := db.ImportRecords(ctx, []*annotate.Record{{ID: "dup", Text: good.Text}, second}, annotate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.wdb.Exec(`INSERT INTO documents(external_id, ordinal, list_title, text, hash, imported_at) VALUES ('direct', 99, 'd', 'Lavrov alone', 'h', '2026-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	for word, want := range map[string]int{"lavrov": 3, "spoke": 2, "fidan": 1, "again": 1, "alone": 1} {
		if n, err := db.CountDocuments(ctx, annotate.DocumentFilter{Search: word}); err != nil || n != want {
			t.Errorf("search %q finds %d documents (%v), want %d", word, n, err, want)
		}
	}
	if _, err := db.wdb.Exec(`INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')`); err != nil {
		t.Errorf("the full-text index does not match the documents: %v", err)
	}
	// The triggers work again: a mention added later is counted.
	mustEntity(t, db, outs[0].DocumentID, good.Text, "spoke", "PERSON")
	var n int
	if err := db.wdb.QueryRow(`SELECT annotations FROM documents WHERE id = ?`, outs[0].DocumentID).Scan(&n); err != nil || n != 2 {
		t.Fatalf("the document counts %d annotations (%v), want 2", n, err)
	}
}
