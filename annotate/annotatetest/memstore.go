// Package annotatetest provides test support for code that uses an
// annotate.Store: MemStore, an in-memory store that keeps the rules of the
// SQLite store, and TestStore, a behavioural suite any Store must pass.
// Production code never imports it.
package annotatetest

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"byline/annotate"
)

// MemStore is an in-memory annotate.Store. It validates with annotate's own
// checks, cascades entity deletes, keeps a per-document undo history of every
// action (with the redo branch discarded by a new action) and reads back what
// it stored the way the SQLite store does. It is safe for concurrent use.
type MemStore struct {
	mu        sync.Mutex
	path      string
	annotator string
	now       func() time.Time
	schema    *annotate.Schema
	docs      []*memDoc // import order
	byID      map[int64]*memDoc
	byHash    map[string]int64
	ids       struct{ doc, entity, quote, relation, event int64 }
	events    []*memEvent
	floor     int64 // undo and redo never cross this event (schema-wide change)
	// namesSteps counts the undos and redos that could change names or
	// actors, for NamesRevision.
	namesSteps int64
	closed     bool
	reg        actorRegistry
	sugg       memSuggestions
}

// memDoc is one document. Its annotations are never changed in place: a
// change stores a new value, so events can share the states they record.
type memDoc struct {
	doc     annotate.Document
	ann     *annotate.Annotations
	ordinal int
	words   *docWords // search tokens, built on first search
}

var _ annotate.Store = (*MemStore)(nil)

// NewMemStore returns an empty store with a copy of schema, the annotator
// "tester", the path "memory" and the real clock.
func NewMemStore(schema *annotate.Schema) *MemStore {
	return &MemStore{
		path: "memory", annotator: "tester", now: time.Now, schema: schema.Clone(),
		byID: map[int64]*memDoc{}, byHash: map[string]int64{},
	}
}

// SetPath sets what Path returns.
func (m *MemStore) SetPath(path string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.path = path
}

// SetClock makes the store take the time of every change from now.
func (m *MemStore) SetClock(now func() time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.now = now
}

// Closed reports whether Close was called. Close only records the call, so
// a test can hand the same data out again as a reopened database.
func (m *MemStore) Closed() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.closed
}

// Reopen clears the closed mark.
func (m *MemStore) Reopen() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.closed = false
}

// Path returns the path set by SetPath.
func (m *MemStore) Path() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.path
}

// Annotator returns the name recorded on every change.
func (m *MemStore) Annotator() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.annotator
}

// SetAnnotator changes that name (EINVALID when empty).
func (m *MemStore) SetAnnotator(name string) error {
	name, err := annotate.CleanAnnotator(name)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.annotator = name
	return nil
}

// Close marks the store closed.
func (m *MemStore) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.closed = true
	return nil
}

// stamp is the time of a change as the SQLite store keeps it: UTC, no
// monotonic reading.
func (m *MemStore) stamp() time.Time { return m.now().UTC() }

func (m *MemStore) doc(id int64) (*memDoc, error) {
	d, ok := m.byID[id]
	if !ok {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "document %d does not exist", id)
	}
	return d, nil
}

// FindDocumentByID returns a copy of a document. ENOTFOUND.
func (m *MemStore) FindDocumentByID(_ context.Context, id int64) (*annotate.Document, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.doc(id)
	if err != nil {
		return nil, err
	}
	c := copyDocument(&d.doc)
	return &c, nil
}

func copyDocument(d *annotate.Document) annotate.Document {
	c := *d
	c.Debris = append([]annotate.Range(nil), d.Debris...)
	if len(c.Debris) == 0 {
		c.Debris = nil
	}
	if d.Meta.Extra != nil {
		c.Meta.Extra = make(map[string]json.RawMessage, len(d.Meta.Extra))
		for k, v := range d.Meta.Extra {
			c.Meta.Extra[k] = append([]byte(nil), v...)
		}
	}
	return c
}

func unfinished(s annotate.Status) bool {
	return s == annotate.StatusTodo || s == annotate.StatusInProgress
}

// NextUnfinished returns the first todo or in-progress document after id in
// import order, wrapping around (to id itself when it is the only one).
func (m *MemStore) NextUnfinished(_ context.Context, id int64) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	from := 0
	if d, ok := m.byID[id]; ok {
		from = d.ordinal
	}
	for _, after := range []int{from, 0} {
		for _, d := range m.docs {
			if d.ordinal > after && unfinished(d.doc.Status) {
				return d.doc.ID, nil
			}
		}
	}
	return 0, nil
}

// Progress counts documents by status.
func (m *MemStore) Progress(context.Context) (annotate.Progress, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.progress(), nil
}

func (m *MemStore) progress() annotate.Progress {
	p := annotate.Progress{Total: len(m.docs), ByStatus: map[annotate.Status]int{}}
	for _, d := range m.docs {
		p.ByStatus[d.doc.Status]++
	}
	return p
}

// SetStatus changes a document's status as one undoable action.
func (m *MemStore) SetStatus(_ context.Context, id int64, s annotate.Status) error {
	if !s.Valid() {
		return annotate.Errorf(annotate.EINVALID, "status %q is not one of todo, in_progress, done, skipped", s)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.doc(id)
	if err != nil {
		return err
	}
	old := d.doc.Status
	if old == s {
		return nil
	}
	return m.change(d, annotate.ActionSetStatus, annotate.ChangeSummary(string(old), string(s)), func(st *docState) (any, any, error) {
		st.status = s
		return map[string]any{"status": old}, map[string]any{"status": s}, nil
	})
}

// StripDebris removes the lines the debris ranges cover (annotate.StripLines)
// while the document has no annotations (ECONFLICT).
func (m *MemStore) StripDebris(_ context.Context, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, err := m.doc(id)
	if err != nil {
		return err
	}
	if len(d.doc.Debris) == 0 {
		return nil
	}
	if n := d.ann.Count(); n > 0 {
		return annotate.Errorf(annotate.ECONFLICT, "the text cannot change while the document has annotations (%d); delete them first", n)
	}
	return m.change(d, annotate.ActionStripDebris, annotate.DebrisStripSummary(len(d.doc.Debris)), func(st *docState) (any, any, error) {
		old := map[string]any{"text": st.text, "debris": st.debris}
		st.text, st.debris = annotate.StripLines(st.text, st.debris), nil
		return old, map[string]any{"text": st.text, "debris": []annotate.Range{}}, nil
	})
}
