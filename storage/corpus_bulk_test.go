package storage

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"byline/annotate"
)

// bulkRecord builds a record with more entities, quotes and relations than
// one bulk INSERT holds (bulkRows), every quote in two segments with a cue
// and a speaker, so ids must line up across statements.
func bulkRecord(id string, n int) *annotate.Record {
	var sb strings.Builder
	rec := &annotate.Record{ID: id}
	at := func() int { return annotate.RuneCount(sb.String()) }
	for i := 0; i < n; i++ {
		start := at()
		sb.WriteString(fmt.Sprintf("Name%s%d", id, i))
		rec.Entities = append(rec.Entities, annotate.RecordEntity{ID: fmt.Sprintf("T%d", i+1), Start: start, End: at(), Label: "PERSON"})
		sb.WriteString(" ")
		cueStart := at()
		sb.WriteString("said")
		cue := annotate.Segment{Start: cueStart, End: at()}
		sb.WriteString(" “")
		a := at()
		sb.WriteString(fmt.Sprintf("part one %d", i))
		first := annotate.Segment{Start: a, End: at()}
		sb.WriteString(", ")
		b := at()
		sb.WriteString(fmt.Sprintf("part two %d", i))
		second := annotate.Segment{Start: b, End: at()}
		sb.WriteString("”.\n")
		rec.Quotes = append(rec.Quotes, annotate.RecordQuote{ID: fmt.Sprintf("Q%d", i+1), Kind: annotate.QuoteDirect,
			Content: []annotate.Segment{first, second}, Cue: &cue, Speaker: fmt.Sprintf("T%d", i+1)})
		if i > 0 {
			rec.Relations = append(rec.Relations, annotate.RecordRelation{ID: fmt.Sprintf("R%d", i), Type: "MET_WITH",
				Head: fmt.Sprintf("T%d", i), Tail: fmt.Sprintf("T%d", i+1)})
		}
	}
	rec.Text = sb.String()
	return rec
}

// TestImportRecordsBulkRows stores records of 150 quotes (300 segments),
// 150 entities and 149 relations, prepared by the caller, and reads them
// back: every speaker, segment and relation end is the span it was.
func TestImportRecordsBulkRows(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	recs := []*annotate.Record{bulkRecord("a", 150), bulkRecord("b", 3), bulkRecord("c", 150)}
	schema, err := db.Schema(ctx)
	if err != nil {
		t.Fatal(err)
	}
	recs[1].Entities[0].Label = "WITNESS" // not in the schema
	// Some rows of a statement differ from the rest in the columns the
	// others share; a whole statement's rows (the first 64) share none.
	for j := range recs[2].Entities {
		e := &recs[2].Entities[j]
		switch {
		case j < bulkRows:
			e.Annotator, e.Note, e.Created = fmt.Sprintf("ann%d", j), fmt.Sprintf("note %d", j), fmt.Sprintf("2026-01-01T00:00:%02dZ", j%60)
		case j%7 == 0:
			e.Annotator, e.Note, e.Created = "other", "odd one", "2025-05-05T05:05:05Z"
		}
	}
	for _, r := range recs {
		if _, err := annotate.PrepareRecord(r, schema.Clone()); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.ImportRecords(ctx, recs, annotate.ImportOptions{Prepared: true}); err != nil {
		t.Fatal(err)
	}
	i := 0
	err = db.ExportRecords(ctx, annotate.ExportFilter{}, func(got *annotate.Record) error {
		want := recs[i]
		i++
		spanOf := func(r *annotate.Record, id string) string {
			for _, e := range r.Entities {
				if e.ID == id {
					return fmt.Sprintf("%d-%d %s", e.Start, e.End, e.Label)
				}
			}
			return "none"
		}
		if len(got.Quotes) != len(want.Quotes) || len(got.Relations) != len(want.Relations) || len(got.Entities) != len(want.Entities) {
			t.Fatalf("%s: %d entities, %d quotes, %d relations; want %d, %d, %d", want.ID, len(got.Entities), len(got.Quotes),
				len(got.Relations), len(want.Entities), len(want.Quotes), len(want.Relations))
		}
		for j, e := range got.Entities {
			w := want.Entities[j]
			wantAnnotator, wantCreated := w.Annotator, w.Created
			if wantAnnotator == "" {
				wantAnnotator = "ana"
			}
			if wantCreated == "" {
				wantCreated = e.Created // the import's time, checked elsewhere
			}
			if e.Start != w.Start || e.Annotator != wantAnnotator || e.Note != w.Note || e.Created != wantCreated || e.Updated != e.Created && w.Created != "" {
				t.Errorf("%s entity %d: %d %q %q %s %s; want %d %q %q %s", want.ID, j, e.Start, e.Annotator, e.Note, e.Created, e.Updated,
					w.Start, wantAnnotator, w.Note, wantCreated)
			}
		}
		for j, q := range got.Quotes {
			w := want.Quotes[j]
			if fmt.Sprint(q.Content) != fmt.Sprint(w.Content) || *q.Cue != *w.Cue || spanOf(got, q.Speaker) != spanOf(want, w.Speaker) {
				t.Errorf("%s quote %d: %v cue %v speaker %s; want %v cue %v speaker %s", want.ID, j, q.Content, *q.Cue,
					spanOf(got, q.Speaker), w.Content, *w.Cue, spanOf(want, w.Speaker))
			}
		}
		for j, r := range got.Relations {
			w := want.Relations[j]
			if spanOf(got, r.Head) != spanOf(want, w.Head) || spanOf(got, r.Tail) != spanOf(want, w.Tail) {
				t.Errorf("%s relation %d: %s -> %s; want %s -> %s", want.ID, j, spanOf(got, r.Head), spanOf(got, r.Tail),
					spanOf(want, w.Head), spanOf(want, w.Tail))
			}
		}
		return nil
	})
	if err != nil || i != len(recs) {
		t.Fatalf("export: %v after %d records", err, i)
	}
	stored, err := db.Schema(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := stored.Label("WITNESS"); !ok {
		t.Error("a prepared record's new label was not added to the stored schema")
	}
}

// Duplicates are found among stored documents across more hashes than one
// lookup query holds (hashQueryRows), and within the batch.
func TestImportRecordsDuplicatesAcrossQueries(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	n := hashQueryRows + 100
	var first []*annotate.Record
	for i := 0; i < n; i++ {
		first = append(first, &annotate.Record{ID: fmt.Sprintf("old%d", i), Text: fmt.Sprintf("Story number %d.", i)})
	}
	if _, err := db.ImportRecords(ctx, first, annotate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var again []*annotate.Record
	for i := n - 1; i >= 0; i-- { // stored texts, in another order
		again = append(again, &annotate.Record{ID: fmt.Sprintf("again%d", i), Text: fmt.Sprintf("Story number %d.", i)})
	}
	again = append(again, &annotate.Record{ID: "new", Text: "A new story."}, &annotate.Record{ID: "new-again", Text: "A new story."})
	outs, err := db.ImportRecords(ctx, again, annotate.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range outs[:n] {
		if want := int64(n - i); !o.Duplicate || o.DocumentID != want {
			t.Fatalf("record %s: %+v, want a duplicate of document %d", again[i].ID, o, want)
		}
	}
	if o := outs[n]; o.Duplicate || o.DocumentID != int64(n+1) {
		t.Errorf("new record: %+v", o)
	}
	if o := outs[n+1]; !o.Duplicate || o.DocumentID != int64(n+1) {
		t.Errorf("repeat within the batch: %+v", o)
	}
}
