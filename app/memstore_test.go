package app

import (
	"context"
	"os"
	"sort"
	"strconv"
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

// change records an undo snapshot of d before a mutation.
func (m *memStore) change(d *memDoc) {
	d.undo = append(d.undo, cloneAnnotations(d.ann))
	d.redo = nil
	m.version++
}

func cloneAnnotations(a annotate.Annotations) annotate.Annotations {
	c := annotate.Annotations{
		Entities:  append([]annotate.Entity(nil), a.Entities...),
		Relations: append([]annotate.Relation(nil), a.Relations...),
	}
	for _, q := range a.Quotes {
		q.Content = append([]annotate.Segment(nil), q.Content...)
		c.Quotes = append(c.Quotes, q)
	}
	return c
}

func (m *memStore) FindAnnotations(_ context.Context, docID int64) (*annotate.Annotations, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.doc(docID)
	if err != nil {
		return nil, err
	}
	c := cloneAnnotations(d.ann)
	c.Sort()
	return &c, nil
}

func (m *memStore) CreateEntity(_ context.Context, e *annotate.Entity) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.doc(e.DocumentID)
	if err != nil {
		return err
	}
	x := annotate.NewTextIndex(d.doc.Text)
	e.Text = ""
	if err := annotate.ValidateEntity(x, m.schema, e); err != nil {
		return err
	}
	m.change(d)
	e.ID, e.Text, e.Annotator = m.id(), x.Slice(e.Start, e.End), m.annotator
	e.Created, e.Updated = time.Now(), time.Now()
	d.ann.Entities = append(d.ann.Entities, *e)
	return nil
}

func (m *memStore) findEntity(id int64) (*memDoc, int, error) {
	for _, d := range m.docs {
		for i := range d.ann.Entities {
			if d.ann.Entities[i].ID == id {
				return d, i, nil
			}
		}
	}
	return nil, 0, annotate.Errorf(annotate.ENOTFOUND, "entity %d does not exist", id)
}

func (m *memStore) UpdateEntity(_ context.Context, id int64, upd annotate.EntityUpdate) (*annotate.Entity, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, i, err := m.findEntity(id)
	if err != nil {
		return nil, err
	}
	if upd.Label != nil {
		if _, ok := m.schema.Label(*upd.Label); !ok {
			return nil, annotate.Errorf(annotate.EINVALID, "entity label %q is not in the schema", *upd.Label)
		}
	}
	m.change(d)
	e := &d.ann.Entities[i]
	if upd.Label != nil {
		e.Label = *upd.Label
	}
	if upd.Note != nil {
		e.Note = *upd.Note
	}
	c := *e
	return &c, nil
}

func (m *memStore) DeleteEntity(_ context.Context, id int64) (annotate.DeleteResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var res annotate.DeleteResult
	d, i, err := m.findEntity(id)
	if err != nil {
		return res, err
	}
	m.change(d)
	d.ann.Entities = append(d.ann.Entities[:i:i], d.ann.Entities[i+1:]...)
	res.Entities = 1
	rels := d.ann.Relations[:0:0]
	for _, r := range d.ann.Relations {
		if r.HeadID == id || r.TailID == id {
			res.Relations++
			continue
		}
		rels = append(rels, r)
	}
	d.ann.Relations = rels
	for j := range d.ann.Quotes {
		if d.ann.Quotes[j].SpeakerID == id {
			d.ann.Quotes[j].SpeakerID = 0
			res.Speakers++
		}
	}
	return res, nil
}

func (m *memStore) CreateQuote(_ context.Context, q *annotate.Quote) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.doc(q.DocumentID)
	if err != nil {
		return err
	}
	x := annotate.NewTextIndex(d.doc.Text)
	for i := range q.Content {
		q.Content[i].Text = x.Slice(q.Content[i].Start, q.Content[i].End)
	}
	if q.Kind == "" {
		q.Kind = annotate.QuoteKindFor(q.Content, x)
	}
	if err := annotate.ValidateQuote(x, q, annotate.EntityMap(d.ann.Entities)); err != nil {
		return err
	}
	m.change(d)
	q.ID, q.Annotator, q.Created, q.Updated = m.id(), m.annotator, time.Now(), time.Now()
	q.SortSegments()
	d.ann.Quotes = append(d.ann.Quotes, *q)
	return nil
}

func (m *memStore) findQuote(id int64) (*memDoc, int, error) {
	for _, d := range m.docs {
		for i := range d.ann.Quotes {
			if d.ann.Quotes[i].ID == id {
				return d, i, nil
			}
		}
	}
	return nil, 0, annotate.Errorf(annotate.ENOTFOUND, "quote %d does not exist", id)
}

func (m *memStore) UpdateQuote(_ context.Context, id int64, upd annotate.QuoteUpdate) (*annotate.Quote, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, i, err := m.findQuote(id)
	if err != nil {
		return nil, err
	}
	q := d.ann.Quotes[i]
	q.Content = append([]annotate.Segment(nil), q.Content...)
	x := annotate.NewTextIndex(d.doc.Text)
	if upd.Kind != nil {
		q.Kind = *upd.Kind
	}
	if upd.Content != nil {
		q.Content = append([]annotate.Segment(nil), upd.Content...)
		for j := range q.Content {
			q.Content[j].Text = x.Slice(q.Content[j].Start, q.Content[j].End)
		}
	}
	if upd.Cue != nil {
		c := *upd.Cue
		c.Text = x.Slice(c.Start, c.End)
		q.Cue = &c
	}
	if upd.ClearCue {
		q.Cue = nil
	}
	if upd.SpeakerID != nil {
		q.SpeakerID = *upd.SpeakerID
	}
	if upd.ClearSpeaker {
		q.SpeakerID = 0
	}
	if upd.Note != nil {
		q.Note = *upd.Note
	}
	if err := annotate.ValidateQuote(x, &q, annotate.EntityMap(d.ann.Entities)); err != nil {
		return nil, err
	}
	m.change(d)
	q.SortSegments()
	d.ann.Quotes[i] = q
	return &q, nil
}

func (m *memStore) DeleteQuote(_ context.Context, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, i, err := m.findQuote(id)
	if err != nil {
		return err
	}
	m.change(d)
	d.ann.Quotes = append(d.ann.Quotes[:i:i], d.ann.Quotes[i+1:]...)
	return nil
}

func (m *memStore) CreateRelation(_ context.Context, r *annotate.Relation) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.doc(r.DocumentID)
	if err != nil {
		return err
	}
	if err := annotate.ValidateRelation(m.schema, r, annotate.EntityMap(d.ann.Entities), true); err != nil {
		return err
	}
	m.change(d)
	r.ID, r.Annotator, r.Created, r.Updated = m.id(), m.annotator, time.Now(), time.Now()
	d.ann.Relations = append(d.ann.Relations, *r)
	return nil
}

func (m *memStore) findRelation(id int64) (*memDoc, int, error) {
	for _, d := range m.docs {
		for i := range d.ann.Relations {
			if d.ann.Relations[i].ID == id {
				return d, i, nil
			}
		}
	}
	return nil, 0, annotate.Errorf(annotate.ENOTFOUND, "relation %d does not exist", id)
}

func (m *memStore) UpdateRelation(_ context.Context, id int64, upd annotate.RelationUpdate) (*annotate.Relation, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, i, err := m.findRelation(id)
	if err != nil {
		return nil, err
	}
	r := d.ann.Relations[i]
	if upd.Type != nil {
		r.Type = *upd.Type
	}
	if upd.Reverse {
		r.HeadID, r.TailID = r.TailID, r.HeadID
	}
	if upd.Note != nil {
		r.Note = *upd.Note
	}
	if err := annotate.ValidateRelation(m.schema, &r, annotate.EntityMap(d.ann.Entities), true); err != nil {
		return nil, err
	}
	m.change(d)
	d.ann.Relations[i] = r
	return &r, nil
}

func (m *memStore) DeleteRelation(_ context.Context, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, i, err := m.findRelation(id)
	if err != nil {
		return err
	}
	m.change(d)
	d.ann.Relations = append(d.ann.Relations[:i:i], d.ann.Relations[i+1:]...)
	return nil
}

func (m *memStore) Schema(context.Context) (*annotate.Schema, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.schema.Clone(), nil
}

func (m *memStore) usage() (labels, types map[string]int) {
	labels, types = map[string]int{}, map[string]int{}
	for _, d := range m.docs {
		for _, e := range d.ann.Entities {
			labels[e.Label]++
		}
		for _, r := range d.ann.Relations {
			types[r.Type]++
		}
	}
	return labels, types
}

func (m *memStore) SaveSchema(_ context.Context, s *annotate.Schema) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := s.Validate(); err != nil {
		return err
	}
	labels, types := m.usage()
	for name, n := range labels {
		if _, ok := s.Label(name); !ok {
			return annotate.Errorf(annotate.ECONFLICT, "label %s is used by %d entities", name, n)
		}
	}
	for name, n := range types {
		if _, ok := s.RelationType(name); !ok {
			return annotate.Errorf(annotate.ECONFLICT, "relation type %s is used by %d relations", name, n)
		}
	}
	m.schema = s.Clone()
	m.version++
	return nil
}

func (m *memStore) RenameLabel(_ context.Context, from, to string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	next := m.schema.Clone()
	found := false
	for i := range next.Entities {
		if next.Entities[i].Name == from {
			next.Entities[i].Name, found = to, true
		}
	}
	if !found {
		return annotate.Errorf(annotate.ENOTFOUND, "label %s does not exist", from)
	}
	for i := range next.Relations {
		for _, side := range [][]string{next.Relations[i].Heads, next.Relations[i].Tails} {
			for j := range side {
				if side[j] == from {
					side[j] = to
				}
			}
		}
	}
	if err := next.Validate(); err != nil {
		return err
	}
	m.schema = next
	for _, d := range m.docs {
		for i := range d.ann.Entities {
			if d.ann.Entities[i].Label == from {
				d.ann.Entities[i].Label = to
			}
		}
	}
	m.version++
	return nil
}

func (m *memStore) RenameRelationType(_ context.Context, from, to string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	next := m.schema.Clone()
	found := false
	for i := range next.Relations {
		if next.Relations[i].Name == from {
			next.Relations[i].Name, found = to, true
		}
	}
	if !found {
		return annotate.Errorf(annotate.ENOTFOUND, "relation type %s does not exist", from)
	}
	if err := next.Validate(); err != nil {
		return err
	}
	m.schema = next
	for _, d := range m.docs {
		for i := range d.ann.Relations {
			if d.ann.Relations[i].Type == from {
				d.ann.Relations[i].Type = to
			}
		}
	}
	m.version++
	return nil
}

func (m *memStore) LabelUsage(_ context.Context, name string) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	labels, _ := m.usage()
	return labels[name], nil
}

func (m *memStore) DeleteLabel(ctx context.Context, name string) (int, error) {
	m.mu.Lock()
	var ids []int64
	for _, d := range m.docs {
		for _, e := range d.ann.Entities {
			if e.Label == name {
				ids = append(ids, e.ID)
			}
		}
	}
	m.mu.Unlock()
	for _, id := range ids {
		if _, err := m.DeleteEntity(ctx, id); err != nil {
			return 0, err
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	next := m.schema.Clone()
	next.Entities = next.Entities[:0]
	for _, l := range m.schema.Entities {
		if l.Name != name {
			next.Entities = append(next.Entities, l)
		}
	}
	for i := range next.Relations {
		next.Relations[i].Heads = without(next.Relations[i].Heads, name)
		next.Relations[i].Tails = without(next.Relations[i].Tails, name)
	}
	m.schema = next
	m.version++
	return len(ids), nil
}

func without(list []string, name string) []string {
	out := list[:0]
	for _, s := range list {
		if s != name {
			out = append(out, s)
		}
	}
	return out
}

func (m *memStore) Undo(_ context.Context, docID int64) (*annotate.Event, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.doc(docID)
	if err != nil || len(d.undo) == 0 {
		return nil, err
	}
	d.redo = append(d.redo, cloneAnnotations(d.ann))
	d.ann = d.undo[len(d.undo)-1]
	d.undo = d.undo[:len(d.undo)-1]
	m.version++
	return &annotate.Event{DocumentID: docID, Action: "undo", Undone: true}, nil
}

func (m *memStore) Redo(_ context.Context, docID int64) (*annotate.Event, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.doc(docID)
	if err != nil || len(d.redo) == 0 {
		return nil, err
	}
	d.undo = append(d.undo, cloneAnnotations(d.ann))
	d.ann = d.redo[len(d.redo)-1]
	d.redo = d.redo[:len(d.redo)-1]
	m.version++
	return &annotate.Event{DocumentID: docID, Action: "redo"}, nil
}

func (m *memStore) History(context.Context, int64, int) ([]annotate.Event, error) { return nil, nil }

func (m *memStore) ImportRecords(ctx context.Context, recs []*annotate.Record, opt annotate.ImportOptions) ([]annotate.ImportOutcome, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var outs []annotate.ImportOutcome
	for _, r := range recs {
		h := annotate.ContentHash(r.Text)
		if m.hashes[h] {
			outs = append(outs, annotate.ImportOutcome{ExternalID: r.ID, Duplicate: true})
			continue
		}
		m.hashes[h] = true
		d := m.addRecord(r)
		outs = append(outs, annotate.ImportOutcome{ExternalID: r.ID, DocumentID: d.doc.ID})
	}
	if opt.Schema != nil {
		m.schema = opt.Schema.Clone()
	}
	m.version++
	return outs, nil
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
