package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"byline/annotate"
	"byline/app/article"
	"byline/storage"
)

// benchArticle builds a news-like article of n words in paragraphs and marks
// every tenth word as an entity, as a native record.
func benchArticle(words, entities int) *annotate.Record {
	sentence := strings.Fields(`Russian Foreign Minister Sergei Lavrov met his Turkish counterpart Hakan Fidan in Geneva on Thursday, and the ministry said the talks were “frank and useful.”`)
	var sb strings.Builder
	for i := 0; i < words; i++ {
		if i > 0 {
			if i%60 == 0 {
				sb.WriteString("\n\n")
			} else {
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(sentence[i%len(sentence)])
	}
	rec := &annotate.Record{ID: "long", Text: sb.String(), Quotes: []annotate.RecordQuote{}, Relations: []annotate.RecordRelation{}}
	toks := annotate.Tokenize(rec.Text)
	labels := []string{"PERSON", "ORG", "GPE", "DATE", "TITLE"}
	stride := len(toks) / entities
	for i := 0; i < entities; i++ {
		t := toks[i*stride]
		rec.Entities = append(rec.Entities, annotate.RecordEntity{ID: fmt.Sprintf("T%d", i+1), Start: t.Start, End: t.End, Label: labels[i%len(labels)]})
	}
	return rec
}

// BenchmarkApplyLabelSQLite relabels a selected span of a 100,000-word
// article with 10,000 spans through the real article editor and the real
// SQLite store: the durable commit (synchronous=FULL) plus the redraw, which
// together must stay under one 16 ms frame. Creating a span costs the same
// commit (storage's BenchmarkAddSpan) plus the same redraw.
func BenchmarkApplyLabelSQLite(b *testing.B) {
	test.NewTempApp(b)
	ctx := context.Background()
	db, err := storage.Open(filepath.Join(b.TempDir(), "bench.db"), storage.Options{Create: true, DefaultSchema: defaultSchema()})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	rec := benchArticle(100_000, 10_000)
	schema, _ := db.Schema(ctx)
	if _, err := annotate.PrepareRecord(rec, schema); err != nil {
		b.Fatal(err)
	}
	outs, err := db.ImportRecords(ctx, []*annotate.Record{rec}, annotate.ImportOptions{})
	if err != nil {
		b.Fatal(err)
	}
	ed := article.NewEditor(db)
	w := test.NewTempWindow(b, ed.Widget())
	w.Resize(fyne.NewSize(1000, 800))
	if err := ed.Open(outs[0].DocumentID); err != nil {
		b.Fatal(err)
	}
	ents := ed.Annotations().Entities
	labels := []string{"ORG", "PERSON"}
	i := 0
	for b.Loop() {
		e := ents[(i*37)%200] // spans on the first screens, so the redraw is real
		ed.Select(article.Ref{Kind: article.KindEntity, ID: e.ID})
		if err := ed.ApplyLabel(labels[i%2]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
