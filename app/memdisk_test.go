package app

import (
	"context"
	"os"
	"strconv"
	"sync"

	"byline/annotate"
	"byline/assets"
)

// memDisk plays the file system for OpenStore: a file created by it holds a
// marker line; any other file is "not a Byline database" and stays as is.
type memDisk struct {
	mu     sync.Mutex
	stores map[string]*memStore
	opened []string
}

const memMarker = "byline-test-database\n"

func newMemDisk() *memDisk { return &memDisk{stores: map[string]*memStore{}} }

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
		s := newMemStore(path)
		d.stores[path] = s
		return s, nil
	case os.IsNotExist(err):
		return nil, annotate.Errorf(annotate.ENOTFOUND, "%s does not exist", path)
	case err != nil:
		return nil, err
	case string(b) != memMarker:
		return nil, annotate.Errorf(annotate.EFORMAT, "%s is not a Byline database", path)
	}
	if s, ok := d.stores[path]; ok {
		s.closed = false
		return s, nil
	}
	s := newMemStore(path)
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
		got, err := annotate.TextReader{}.Read(smp.Name, smp.Data, annotate.ReadOptions{ExternalID: smp.Name, Schema: schema})
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

// addDocs adds n plain documents quickly (for the list benchmark).
func (m *memStore) addDocs(n int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := range n {
		text := "Headline number " + strconv.Itoa(i) + "\n\nBody text of article " + strconv.Itoa(i) + "."
		r := &annotate.Record{ID: "doc-" + strconv.Itoa(i), Text: text, Meta: annotate.Meta{Title: "Article " + strconv.Itoa(i)}}
		m.hashes[annotate.ContentHash(text)] = true
		m.addRecord(r)
	}
	m.version++
}
