package app

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"

	"byline/annotate"
	"byline/assets"
)

// memStore is an in-memory annotate.Store for the window's tests. It keeps
// the rules the window relies on (validation, cascading deletes, undo,
// duplicates, paging) without SQLite.
type memStore struct {
	mu        sync.Mutex
	path      string
	annotator string
	schema    *annotate.Schema
	docs      []*memDoc // import order
	byID      map[int64]*memDoc
	hashes    map[string]bool
	nextID    int64
	closed    bool
	statusSet int // SetStatus calls, for tests
	queries   int // list, count and progress queries, for tests

	// sorted caches the last FindDocuments selection until the next change.
	version     int
	cacheKey    string
	cacheVer    int
	cacheResult []*memDoc
}

type memDoc struct {
	doc  annotate.Document
	ann  annotate.Annotations
	undo []annotate.Annotations
	redo []annotate.Annotations
}

var _ annotate.Store = (*memStore)(nil)

func newMemStore(path string) *memStore {
	s, err := annotate.ParseSchema(assets.Schema())
	if err != nil {
		panic(err)
	}
	return &memStore{path: path, annotator: "tester", schema: s, byID: map[int64]*memDoc{}, hashes: map[string]bool{}}
}

func (m *memStore) id() int64 { m.nextID++; return m.nextID }

func (m *memStore) Path() string      { return m.path }
func (m *memStore) Annotator() string { return m.annotator }
func (m *memStore) Close() error      { m.closed = true; return nil }

func (m *memStore) SetAnnotator(name string) error {
	if strings.TrimSpace(name) == "" {
		return annotate.Errorf(annotate.EINVALID, "the annotator name must not be empty")
	}
	m.annotator = strings.TrimSpace(name)
	return nil
}

func (m *memStore) doc(id int64) (*memDoc, error) {
	d, ok := m.byID[id]
	if !ok {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "document %d does not exist", id)
	}
	return d, nil
}

func (m *memStore) FindDocumentByID(_ context.Context, id int64) (*annotate.Document, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.doc(id)
	if err != nil {
		return nil, err
	}
	c := d.doc
	return &c, nil
}

// selection returns the documents f selects, in f's order, ignoring paging.
func (m *memStore) selection(f annotate.DocumentFilter) []*memDoc {
	key := string(f.Sort) + "\x00" + strings.ToLower(f.Search) + "\x00"
	if f.Status != nil {
		key += string(*f.Status)
	}
	if key == m.cacheKey && m.cacheVer == m.version && m.cacheResult != nil {
		return m.cacheResult
	}
	needle := strings.ToLower(f.Search)
	out := make([]*memDoc, 0, len(m.docs))
	for _, d := range m.docs {
		if f.Status != nil && d.doc.Status != *f.Status {
			continue
		}
		if needle != "" && !strings.Contains(strings.ToLower(d.doc.Meta.Title+"\n"+d.doc.Text), needle) {
			continue
		}
		out = append(out, d)
	}
	switch f.Sort {
	case annotate.SortTitle:
		sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].doc.Title()) < strings.ToLower(out[j].doc.Title()) })
	case annotate.SortDate:
		sort.SliceStable(out, func(i, j int) bool { return out[i].doc.Meta.Published > out[j].doc.Meta.Published })
	}
	m.cacheKey, m.cacheVer, m.cacheResult = key, m.version, out
	return out
}

func (m *memStore) FindDocuments(_ context.Context, f annotate.DocumentFilter) ([]annotate.DocumentSummary, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.queries++
	sel := m.selection(f)
	lo := min(f.Offset, len(sel))
	hi := len(sel)
	if f.Limit > 0 {
		hi = min(lo+f.Limit, len(sel))
	}
	out := make([]annotate.DocumentSummary, 0, hi-lo)
	for _, d := range sel[lo:hi] {
		out = append(out, annotate.DocumentSummary{
			ID: d.doc.ID, ExternalID: d.doc.ExternalID, Title: d.doc.Title(), Status: d.doc.Status,
			Published: d.doc.Meta.Published, Annotations: d.ann.Count(), Ordinal: m.ordinal(d),
		})
	}
	return out, nil
}

func (m *memStore) ordinal(d *memDoc) int {
	i := sort.Search(len(m.docs), func(i int) bool { return m.docs[i].doc.ID >= d.doc.ID })
	return i + 1
}

func (m *memStore) CountDocuments(_ context.Context, f annotate.DocumentFilter) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.queries++
	return len(m.selection(f)), nil
}

func unfinished(s annotate.Status) bool {
	return s == annotate.StatusTodo || s == annotate.StatusInProgress
}

func (m *memStore) NextUnfinished(_ context.Context, id int64) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, d := range m.docs {
		if d.doc.ID > id && unfinished(d.doc.Status) {
			return d.doc.ID, nil
		}
	}
	for _, d := range m.docs {
		if d.doc.ID <= id && d.doc.ID != id && unfinished(d.doc.Status) {
			return d.doc.ID, nil
		}
	}
	return 0, nil
}

func (m *memStore) Progress(context.Context) (annotate.Progress, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.queries++
	p := annotate.Progress{Total: len(m.docs), ByStatus: map[annotate.Status]int{}}
	for _, d := range m.docs {
		p.ByStatus[d.doc.Status]++
	}
	return p, nil
}

func (m *memStore) SetStatus(_ context.Context, id int64, s annotate.Status) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !s.Valid() {
		return annotate.Errorf(annotate.EINVALID, "unknown status %q", s)
	}
	d, err := m.doc(id)
	if err != nil {
		return err
	}
	d.doc.Status = s
	m.statusSet++
	m.version++
	return nil
}

func (m *memStore) StripDebris(_ context.Context, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.doc(id)
	if err != nil {
		return err
	}
	if d.ann.Count() > 0 {
		return annotate.Errorf(annotate.ECONFLICT, "the document already has annotations")
	}
	runes := []rune(d.doc.Text)
	var b strings.Builder
	at := 0
	for _, r := range d.doc.Debris {
		b.WriteString(string(runes[at:r.Start]))
		at = r.End
	}
	b.WriteString(string(runes[at:]))
	d.doc.Text, d.doc.Debris = b.String(), nil
	m.version++
	return nil
}

func (m *memStore) addRecord(r *annotate.Record) *memDoc {
	status := r.Status
	if status == "" {
		status = annotate.StatusTodo
	}
	d := &memDoc{doc: annotate.Document{
		ID: m.id(), ExternalID: r.ID, Text: r.Text, Meta: r.Meta, Status: status,
		ImportedAt: time.Now(), Hash: annotate.ContentHash(r.Text), Debris: r.Debris,
	}}
	ids := map[string]int64{}
	for _, e := range r.Entities {
		id := m.id()
		ids[e.ID] = id
		d.ann.Entities = append(d.ann.Entities, annotate.Entity{ID: id, DocumentID: d.doc.ID, Start: e.Start, End: e.End,
			Label: e.Label, Text: e.Text, Annotator: e.Annotator, Note: e.Note})
	}
	for _, q := range r.Quotes {
		d.ann.Quotes = append(d.ann.Quotes, annotate.Quote{ID: m.id(), DocumentID: d.doc.ID, Kind: q.Kind,
			Content: q.Content, Cue: q.Cue, SpeakerID: ids[q.Speaker], Annotator: q.Annotator, Note: q.Note})
	}
	for _, rel := range r.Relations {
		d.ann.Relations = append(d.ann.Relations, annotate.Relation{ID: m.id(), DocumentID: d.doc.ID, Type: rel.Type,
			HeadID: ids[rel.Head], TailID: ids[rel.Tail], Annotator: rel.Annotator, Note: rel.Note})
	}
	m.docs = append(m.docs, d)
	m.byID[d.doc.ID] = d
	return d
}

func (m *memStore) ExportRecords(ctx context.Context, f annotate.ExportFilter, fn func(*annotate.Record) error) error {
	m.mu.Lock()
	var recs []*annotate.Record
	for _, d := range m.docs {
		if len(f.Statuses) > 0 && !containsStatus(f.Statuses, d.doc.Status) {
			continue
		}
		doc, ann := d.doc, cloneAnnotations(d.ann)
		recs = append(recs, annotate.NewRecord(&doc, &ann))
	}
	m.mu.Unlock()
	for _, r := range recs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

func containsStatus(list []annotate.Status, s annotate.Status) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func (m *memStore) Stats(context.Context) (*annotate.Stats, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	st := &annotate.Stats{
		Progress: annotate.Progress{Total: len(m.docs), ByStatus: map[annotate.Status]int{}},
		ByLabel:  map[string]int{}, ByAnnotator: map[string]int{}, ByRelation: map[string]int{},
	}
	for _, d := range m.docs {
		st.Progress.ByStatus[d.doc.Status]++
		for _, e := range d.ann.Entities {
			st.Entities++
			st.ByLabel[e.Label]++
			st.ByAnnotator[e.Annotator]++
		}
		for _, q := range d.ann.Quotes {
			st.Quotes++
			st.ByAnnotator[q.Annotator]++
		}
		for _, r := range d.ann.Relations {
			st.Relations++
			st.ByRelation[r.Type]++
			st.ByAnnotator[r.Annotator]++
		}
	}
	return st, nil
}
