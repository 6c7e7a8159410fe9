package app

import (
	"context"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"byline/annotate"
	"byline/annotate/annotatetest"
	"byline/annotate/ingest"
	"byline/assets"
)

// testStore is the shared in-memory store plus what the window's tests
// watch: how many list, count and progress queries the window makes.
type testStore struct {
	*annotatetest.MemStore
	queries atomic.Int64
}

func newTestStore(path string) *testStore {
	schema, err := annotate.ParseSchema(assets.Schema())
	if err != nil {
		panic(err)
	}
	s := &testStore{MemStore: annotatetest.NewMemStore(schema)}
	s.SetPath(path)
	return s
}

func (s *testStore) FindDocuments(ctx context.Context, f annotate.DocumentFilter) ([]annotate.DocumentSummary, error) {
	s.queries.Add(1)
	return s.MemStore.FindDocuments(ctx, f)
}

func (s *testStore) CountDocuments(ctx context.Context, f annotate.DocumentFilter) (int, error) {
	s.queries.Add(1)
	return s.MemStore.CountDocuments(ctx, f)
}

func (s *testStore) Progress(ctx context.Context) (annotate.Progress, error) {
	s.queries.Add(1)
	return s.MemStore.Progress(ctx)
}

// documents returns every stored document in import order.
func (s *testStore) documents(tb testing.TB) []*annotate.Document {
	tb.Helper()
	ctx := context.Background()
	list, err := s.MemStore.FindDocuments(ctx, annotate.DocumentFilter{})
	if err != nil {
		tb.Fatal(err)
	}
	var out []*annotate.Document
	for _, d := range list {
		doc, err := s.FindDocumentByID(ctx, d.ID)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, doc)
	}
	return out
}

// importRecord stores one record and returns its document id.
func (s *testStore) importRecord(tb testing.TB, r *annotate.Record) int64 {
	tb.Helper()
	outs, err := s.ImportRecords(context.Background(), []*annotate.Record{r}, annotate.ImportOptions{})
	if err != nil || len(outs) != 1 || outs[0].Duplicate {
		tb.Fatalf("import %s: %+v, %v", r.ID, outs, err)
	}
	return outs[0].DocumentID
}

// addDocs adds n plain documents (for the list tests and benchmark).
func (s *testStore) addDocs(tb testing.TB, n int) {
	tb.Helper()
	recs := make([]*annotate.Record, n)
	for i := range recs {
		text := "Headline number " + strconv.Itoa(i) + "\n\nBody text of article " + strconv.Itoa(i) + "."
		recs[i] = &annotate.Record{ID: "doc-" + strconv.Itoa(i), Text: text, Meta: annotate.Meta{Title: "Article " + strconv.Itoa(i)}}
	}
	if _, err := s.ImportRecords(context.Background(), recs, annotate.ImportOptions{}); err != nil {
		tb.Fatal(err)
	}
}

// memDisk plays the file system for OpenStore: a file created by it holds a
// marker line; any other file is "not a Byline database" and stays as is.
type memDisk struct {
	mu     sync.Mutex
	stores map[string]*testStore
	opened []string
}

const memMarker = "byline-test-database\n"

// memDamaged marks a test database file as damaged.
const memDamaged = "byline-test-database, damaged\n"

func newMemDisk() *memDisk { return &memDisk{stores: map[string]*testStore{}} }

func (d *memDisk) open(path string, create bool) (annotate.Store, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.opened = append(d.opened, path)
	b, err := os.ReadFile(path)
	switch {
	case os.IsNotExist(err) && create:
		if err := os.WriteFile(path, []byte(memMarker), 0o644); err != nil {
			return nil, err
		}
		s := newTestStore(path)
		d.stores[path] = s
		return s, nil
	case os.IsNotExist(err):
		return nil, annotate.Errorf(annotate.ENOTFOUND, "%s does not exist", path)
	case err != nil:
		return nil, err
	case string(b) == memDamaged:
		return nil, annotate.Errorf(annotate.EDAMAGED, "%s is damaged: it failed SQLite's integrity check", path)
	case string(b) != memMarker:
		return nil, annotate.Errorf(annotate.EFORMAT, "%s is not a Byline database", path)
	}
	if s, ok := d.stores[path]; ok {
		s.Reopen()
		return s, nil
	}
	s := newTestStore(path)
	d.stores[path] = s
	return s, nil
}

// seedSamples imports the embedded sample articles, as main's Seed does.
func seedSamples(ctx context.Context, s annotate.Store) error {
	var recs []*annotate.Record
	schema, err := s.Schema(ctx)
	if err != nil {
		return err
	}
	for _, smp := range assets.Samples() {
		got, err := ingest.TextReader{}.Read(smp.Name, smp.Data, annotate.ReadOptions{ExternalID: smp.Name, Schema: schema})
		if err != nil {
			return err
		}
		for _, r := range got {
			if _, err := annotate.PrepareRecord(r, schema); err != nil {
				return err
			}
		}
		recs = append(recs, got...)
	}
	_, err = s.ImportRecords(ctx, recs, annotate.ImportOptions{})
	return err
}
