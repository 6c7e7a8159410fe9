package main

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"byline/annotate"
	"byline/annotate/annotatetest"
	"byline/app"
	"byline/app/article"
	"byline/storage"
)

// The article view's benchmarks on a 100,000-word article with 10,000
// spans, run against the real SQLite store (WAL, synchronous=FULL) and, as
// a sub-benchmark, the in-memory test store. They live here because the GUI
// packages may not import the SQLite driver. Every iteration changes
// something and the benchmark checks afterwards that each change is stored.

// benchStores runs bench once on a fresh SQLite file and once on the
// in-memory store, each holding the long article.
func benchStores(b *testing.B, bench func(b *testing.B, s annotate.Store, doc int64)) {
	stores := []struct {
		name string
		open func(b *testing.B) annotate.Store
	}{
		{"sqlite", func(b *testing.B) annotate.Store {
			db, err := storage.Open(filepath.Join(b.TempDir(), "bench.db"), storage.Options{Create: true, DefaultSchema: defaultSchema()})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { db.Close() })
			return db
		}},
		{"memory", func(*testing.B) annotate.Store { return annotatetest.NewMemStore(defaultSchema()) }},
	}
	for _, st := range stores {
		b.Run(st.name, func(b *testing.B) {
			s := st.open(b)
			bench(b, s, importLong(b, s, "long"))
		})
	}
}

// importLong stores the long article (under external id) and returns its id.
func importLong(b *testing.B, s annotate.Store, id string) int64 {
	ctx := context.Background()
	rec := annotatetest.LongArticle(100_000, 10_000)
	rec.ID = id
	if id != "long" {
		rec.Text += " " + id // a different text, not a duplicate
	}
	schema, err := s.Schema(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := annotate.PrepareRecord(rec, schema); err != nil {
		b.Fatal(err)
	}
	outs, err := s.ImportRecords(ctx, []*annotate.Record{rec}, annotate.ImportOptions{})
	if err != nil || len(outs) != 1 || outs[0].DocumentID == 0 {
		b.Fatalf("import: %v %+v", err, outs)
	}
	return outs[0].DocumentID
}

// benchEditor opens doc in an article editor inside a 1000×800 test window.
// The writer's results are taken by Flush on the caller's goroutine.
func benchEditor(tb testing.TB, s annotate.Store, doc int64) *article.Editor {
	test.NewTempApp(tb)
	ed := article.NewEditor(s)
	ed.DeliverOnFlush()
	w := test.NewTempWindow(tb, ed.Widget())
	w.Resize(fyne.NewSize(1000, 800))
	if err := ed.Open(doc); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(ed.Close)
	return ed
}

// eventCount counts the document's recorded changes.
func eventCount(b *testing.B, s annotate.Store, doc int64) int {
	hist, err := s.History(context.Background(), doc, 1<<30)
	if err != nil {
		b.Fatal(err)
	}
	return len(hist)
}

// otherLabel returns a label of labels different from cur, so that every
// relabel changes something.
func otherLabel(labels []string, cur string, i int) string {
	l := labels[i%len(labels)]
	if l == cur {
		l = labels[(i+1)%len(labels)]
	}
	return l
}

// relabel is one timed relabel: the view's change and redraw (draw), then
// the wait until the store's commit is durable (store), then the wait for
// the suggestions counted again in the background (suggest, when not nil),
// so that they do not compete with the next change for the cores.
func relabel(b *testing.B, ed *article.Editor, i int, draw, store, suggest *time.Duration) {
	ents := ed.Annotations().Entities
	e := ents[(i*37)%200] // spans on the first screens, so the redraw is real
	ed.Select(article.Ref{Kind: article.KindEntity, ID: e.ID})
	label := otherLabel([]string{"ORG", "PERSON", "GPE"}, e.Label, i)
	t0 := time.Now()
	if err := ed.ApplyLabel(label); err != nil {
		b.Fatal(err)
	}
	t1 := time.Now()
	ed.Flush()
	t2 := time.Now()
	*draw += t1.Sub(t0)
	*store += t2.Sub(t1)
	if suggest != nil {
		ed.WaitSuggestions()
		*suggest += time.Since(t2)
	}
}

func reportSplit(b *testing.B, n int, draw, store time.Duration) {
	b.ReportMetric(float64(draw.Microseconds())/1000/float64(n), "draw-ms/op")
	b.ReportMetric(float64(store.Microseconds())/1000/float64(n), "store-ms/op")
}

func checkEvents(b *testing.B, s annotate.Store, doc int64, before, want int) {
	if got := eventCount(b, s, doc) - before; got != want {
		b.Fatalf("%d events stored for %d changes", got, want)
	}
}

// BenchmarkApplyLabel relabels a span of the first screens with a label it
// does not have. Timed: selecting it, the view's change and redraw
// (draw-ms), and the writer's durable commit (store-ms).
func BenchmarkApplyLabel(b *testing.B) {
	benchStores(b, func(b *testing.B, s annotate.Store, doc int64) {
		ed := benchEditor(b, s, doc)
		before := eventCount(b, s, doc)
		var draw, store time.Duration
		n := 0
		for b.Loop() {
			relabel(b, ed, n, &draw, &store, nil)
			n++
		}
		reportSplit(b, n, draw, store)
		checkEvents(b, s, doc, before, n)
	})
}

// BenchmarkApplyLabelWindow relabels through the whole window: the editor's
// change and redraw plus what the window does on every change (side panel
// list and inspector, the list row) (draw-ms), then the durable commit
// (store-ms), then the suggestions counted again off the UI goroutine
// (suggest-ms, not the analyst's wait).
func BenchmarkApplyLabelWindow(b *testing.B) {
	a := test.NewTempApp(b)
	path := filepath.Join(b.TempDir(), "bench.db")
	db, err := openStore(path, true)
	if err != nil {
		b.Fatal(err)
	}
	doc := importLong(b, db, "long")
	db.Close()
	app.DeliverOnFlush()
	w := app.New(a, app.Config{DBPath: path, OpenStore: openStore})
	b.Cleanup(func() {
		if ed := w.Editor(); ed != nil {
			ed.Close()
		}
	})
	w.Flush() // the first document opens
	ed := w.Editor()
	if ed == nil {
		b.Fatal("no database open")
	}
	if ed.DocumentID() != doc {
		b.Fatalf("opened document %d, want the long article %d", ed.DocumentID(), doc)
	}
	store, err := openStore(path, false)
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	var draw, commit, suggest time.Duration
	// The first change also puts the document in progress (one more
	// event); make it before counting.
	relabel(b, ed, 199, &draw, &commit, &suggest)
	draw, commit, suggest = 0, 0, 0
	before := eventCount(b, store, doc)
	n := 0
	for b.Loop() {
		relabel(b, ed, n, &draw, &commit, &suggest)
		n++
	}
	reportSplit(b, n, draw, commit)
	b.ReportMetric(float64(suggest.Microseconds())/1000/float64(n), "suggest-ms/op")
	checkEvents(b, store, doc, before, n)
}

// BenchmarkArticleOpen opens two long articles in turn. Timed: the store's
// reads (store-ms) and indexing, layout and the first screen (draw-ms).
// Each open shows a different article, so nothing is a repeat.
func BenchmarkArticleOpen(b *testing.B) {
	benchStores(b, func(b *testing.B, s annotate.Store, doc int64) {
		other := importLong(b, s, "long-2")
		ed := benchEditor(b, s, doc)
		docs := []int64{doc, other}
		var read, show time.Duration
		n := 0
		for b.Loop() {
			want := docs[n%2]
			if err := ed.Open(want); err != nil {
				b.Fatal(err)
			}
			if ed.DocumentID() != want || len(ed.Annotations().Entities) < 10_000 {
				b.Fatalf("open %d showed %d with %d spans", want, ed.DocumentID(), len(ed.Annotations().Entities))
			}
			t := ed.LastOpen()
			read += t.Read
			show += t.Show
			n++
		}
		reportSplit(b, n, show, read)
	})
}

// BenchmarkRelationsRedraw selects and reverses one of 2,000 relations per
// iteration (a different one each time): the arcs redraw (draw-ms) and the
// commit (store-ms).
func BenchmarkRelationsRedraw(b *testing.B) {
	benchStores(b, func(b *testing.B, s annotate.Store, _ int64) {
		doc := importRelations(b, s)
		ed := benchEditor(b, s, doc)
		rels := ed.Annotations().Relations
		if len(rels) < 2000 {
			b.Fatalf("%d relations", len(rels))
		}
		before := eventCount(b, s, doc)
		var draw, store time.Duration
		n := 0
		for b.Loop() {
			id := rels[(n*37)%len(rels)].ID
			ed.Select(article.Ref{Kind: article.KindRelation, ID: id})
			t0 := time.Now()
			if err := ed.ReverseRelation(id); err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			ed.Flush()
			draw += t1.Sub(t0)
			store += time.Since(t1)
			n++
		}
		reportSplit(b, n, draw, store)
		checkEvents(b, s, doc, before, n)
	})
}

// importRelations stores a long article with 2,000 relations between
// neighbouring spans.
func importRelations(b *testing.B, s annotate.Store) int64 {
	ctx := context.Background()
	rec := annotatetest.LongArticle(100_000, 10_000)
	rec.ID = "relations"
	rec.Text += " relations"
	// SUPPORTS runs from a PERSON, ORG or GPE to anything: pairs of those
	// may be reversed.
	heads := map[string]bool{"PERSON": true, "ORG": true, "GPE": true}
	ents := rec.Entities
	for h := 0; h+1 < len(ents) && len(rec.Relations) < 2000; h++ {
		if heads[ents[h].Label] && heads[ents[h+1].Label] {
			rec.Relations = append(rec.Relations, annotate.RecordRelation{ID: "R" + strconv.Itoa(h), Type: "SUPPORTS",
				Head: ents[h].ID, Tail: ents[h+1].ID})
		}
	}
	schema, err := s.Schema(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := annotate.PrepareRecord(rec, schema); err != nil {
		b.Fatal(err)
	}
	outs, err := s.ImportRecords(ctx, []*annotate.Record{rec}, annotate.ImportOptions{})
	if err != nil || len(outs) != 1 {
		b.Fatalf("import: %v", err)
	}
	return outs[0].DocumentID
}
