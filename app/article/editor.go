package article

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"byline/annotate"
)

// Editor is the article view and the actions on it. The window creates one,
// places Widget() in its centre and listens to the callbacks. Every action is
// one store call made before the view shows its result.
type Editor struct {
	// OnChanged is called after any change to the annotations.
	OnChanged func()
	// OnSelect is called when the selected annotation changes.
	OnSelect func(Ref)
	// OnError reports a failed action (the window shows a dialog).
	OnError func(error)
	// OnStatus shows a prompt or a confirmation in the status bar.
	OnStatus func(string)
	// OnHistory is called after Undo or Redo with the event reverted or
	// re-applied; it may be a document status change, which the window shows.
	OnHistory func(*annotate.Event)

	store annotate.Store
	ctx   context.Context
	m     *model
	view  *articleView

	sel   Ref       // the selected annotation
	text  selection // the selected words
	mode  mode
	hover Ref

	// OnSaving is called with true when writes start to queue and with
	// false when the last of them is durable.
	OnSaving func(busy bool)

	writes          *writer
	pending         int          // queued writes not yet reported back
	lastProvisional int64        // the last provisional id handed out
	gone            map[Ref]bool // deleted in the view, never to come back
	annotator       string       // recorded on new annotations until the store's copy arrives
	loads           int          // documents opened or asked for, so a late Load is dropped
	openTimes       OpenTimes
	review          reviewState // the suggestions

	actors          actorCache    // the registry, for the chooser (actors.go)
	chooser         *actorChooser // the open actor chooser, if any
	onActorsChanged func()

	// window is the canvas the editor is shown on, set by SetCanvas.
	window fyne.Canvas
}

// selection is a range of whole tokens: anchor is where it started, caret
// where it ends now (either may be the larger); anchor < 0 means none. With
// chars (Alt+drag, Alt+Shift+arrows) it is the code points between cpAnchor
// and cpCaret instead, and anchor and caret are the tokens they touch.
type selection struct {
	anchor, caret     int
	chars             bool
	cpAnchor, cpCaret int
}

func (s selection) active() bool { return s.anchor >= 0 && (!s.chars || s.cpAnchor != s.cpCaret) }

// codePoints returns the selected code points [start, end).
func (s selection) codePoints(m *model) (int, int) {
	if s.chars {
		return min(s.cpAnchor, s.cpCaret), max(s.cpAnchor, s.cpCaret)
	}
	return m.codePoints(s.tokens())
}

// charSelection selects the code points from a to c.
func (m *model) charSelection(a, c int) selection {
	lo, hi := min(a, c), max(a, c)
	r := m.tokensFor(lo, max(hi, lo+1))
	if r.empty() {
		return noSelection
	}
	return selection{anchor: r.first, caret: r.end - 1, chars: true, cpAnchor: a, cpCaret: c}
}

func (s selection) tokens() tokRange {
	if s.anchor < 0 {
		return tokRange{}
	}
	return tokRange{min(s.anchor, s.caret), max(s.anchor, s.caret) + 1}
}

var noSelection = selection{anchor: -1, caret: -1}

// NewEditor returns an editor working on store; call Open to show a document.
func NewEditor(store annotate.Store) *Editor {
	e := &Editor{store: store, ctx: context.Background(), text: noSelection, writes: newWriter(), gone: map[Ref]bool{}}
	e.annotator = store.Annotator()
	e.m = newModel(&annotate.Document{})
	e.view = newArticleView(e)
	return e
}

// Widget returns the centre pane: the header with title and metadata, and
// the scrolling annotated text.
func (e *Editor) Widget() fyne.CanvasObject { return e.view }

// Open loads a document with its annotations and the schema and shows its
// first screen, waiting for the queued writes first. Benchmarks and tests
// use it; the window uses Load, which does not wait.
func (e *Editor) Open(docID int64) error {
	// The document may be the one just edited: read it after its writes.
	e.Flush()
	e.loads++
	start := time.Now()
	doc, schema, ann, err := e.readDocument(e.ctx, docID)
	if err != nil {
		return err
	}
	e.openTimes.Read = time.Since(start)
	e.show(doc, schema, ann)
	return nil
}

// Load opens a document without holding up the window: the reads queue on
// the writer behind the edits made so far (so the document shows them),
// and the document shows when they are done; then done runs, on the UI
// goroutine, with nil or the reads' error. A Load made while another is
// queued wins: the older one neither shows nor calls done.
func (e *Editor) Load(docID int64, done func(err error)) {
	e.loads++
	load := e.loads
	var (
		doc    *annotate.Document
		schema *annotate.Schema
		ann    *annotate.Annotations
		took   time.Duration
	)
	e.read(func(ctx context.Context) error {
		start := time.Now()
		var err error
		doc, schema, ann, err = e.readDocument(ctx, docID)
		took = time.Since(start)
		return err
	}, func(err error) {
		if load != e.loads {
			return // a newer open is on its way
		}
		if err == nil {
			e.openTimes.Read = took
			e.show(doc, schema, ann)
		}
		done(err)
	})
}

// readDocument reads what showing a document needs.
func (e *Editor) readDocument(ctx context.Context, docID int64) (*annotate.Document, *annotate.Schema, *annotate.Annotations, error) {
	doc, err := e.store.FindDocumentByID(ctx, docID)
	if err != nil {
		return nil, nil, nil, err
	}
	schema, err := e.store.Schema(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	ann, err := e.store.FindAnnotations(ctx, docID)
	if err != nil {
		return nil, nil, nil, err
	}
	return doc, schema, ann, nil
}

// show makes doc the open document.
func (e *Editor) show(doc *annotate.Document, schema *annotate.Schema, ann *annotate.Annotations) {
	start := time.Now()
	defer func() { e.openTimes.Show = time.Since(start) }()
	m := newModel(doc)
	m.schema = schema
	m.setAnnotations(ann)
	e.m = m
	e.hover, e.text, e.mode = Ref{}, noSelection, mode{}
	e.annotator = e.store.Annotator()
	clear(e.gone)
	e.setSelected(Ref{})
	e.view.documentChanged()
	e.suggestionsOpened()
}

// OpenTimes says how long the last Open took: Read for the store's reads,
// Show for indexing, laying out and drawing the first screen.
type OpenTimes struct{ Read, Show time.Duration }

// LastOpen returns the times of the last Open, for benchmarks.
func (e *Editor) LastOpen() OpenTimes { return e.openTimes }

// DocumentID returns the open document's id, 0 when none is open.
func (e *Editor) DocumentID() int64 { return e.m.doc.ID }

// Document returns the open document.
func (e *Editor) Document() *annotate.Document { return e.m.doc }

// Annotations returns the open document's annotations; callers must not
// change them.
func (e *Editor) Annotations() *annotate.Annotations { return e.m.ann }

// Schema returns the schema in use.
func (e *Editor) Schema() *annotate.Schema { return e.m.schema }

// Reload re-reads the schema and the annotations, after schema edits,
// imports or undo, waiting for the queued writes (tests); the window uses
// ReloadLater.
func (e *Editor) Reload() error {
	if e.m.doc.ID == 0 {
		return nil
	}
	e.Flush()
	schema, err := e.store.Schema(e.ctx)
	if err != nil {
		return err
	}
	e.m.schema = schema
	return e.reloadAnnotations()
}

// ReloadLater re-reads the schema and the annotations off the UI goroutine,
// after the queued writes, and shows them, and the suggestions read the
// corpus again (an import, a schema edit); done (if set) runs on the UI
// goroutine with the error.
func (e *Editor) ReloadLater(done func(err error)) {
	doc, load := e.m.doc.ID, e.loads
	var (
		schema *annotate.Schema
		ann    *annotate.Annotations
	)
	e.read(func(ctx context.Context) error {
		var err error
		if schema, err = e.store.Schema(ctx); err != nil || doc == 0 {
			return err
		}
		ann, err = e.store.FindAnnotations(ctx, doc)
		return err
	}, func(err error) {
		if err == nil && load == e.loads && e.m.doc.ID == doc {
			e.m.schema = schema
			if doc != 0 {
				e.applyAnnotations(ann)
				e.CorpusChanged()
			}
		}
		if done != nil {
			done(err)
		}
	})
}

func (e *Editor) reloadAnnotations() error {
	ann, err := e.store.FindAnnotations(e.ctx, e.m.doc.ID)
	if err != nil {
		return err
	}
	e.applyAnnotations(ann)
	return nil
}

// applyAnnotations shows annotations read from the store, keeping the
// selection and hover when they still exist.
func (e *Editor) applyAnnotations(ann *annotate.Annotations) {
	e.takeAnnotations(ann)
	e.view.annotationsChanged()
}

// takeAnnotations puts annotations read from the store in the model,
// keeping the selection and hover when they still exist; the caller redraws.
func (e *Editor) takeAnnotations(ann *annotate.Annotations) {
	e.m.setAnnotations(ann)
	if !e.m.exists(e.sel) {
		e.setSelected(Ref{})
	}
	if !e.m.exists(e.hover) {
		e.hover = Ref{}
	}
}

// Selected returns the selected annotation.
func (e *Editor) Selected() Ref { return e.sel }

// Select selects an annotation and scrolls it into view. While a quote
// waits for its speaker or a relation for its tail, selecting an entity
// (e.g. in the side panel) answers the question instead.
func (e *Editor) Select(ref Ref) {
	if !e.m.exists(ref) {
		ref = Ref{}
	}
	if ref.Kind == KindEntity && (e.mode.kind == modeSpeaker || e.mode.kind == modeRelTail) {
		if r := e.refTokens(ref); !r.empty() {
			e.view.text.scrollToToken(r.first)
		}
		e.entityClicked(ref.ID)
		e.view.text.Refresh()
		return
	}
	e.cancelMode()
	e.setSelected(ref)
	if r := e.refTokens(ref); !r.empty() && e.view.text.scrollToToken(r.first) {
		return
	}
	e.view.text.Refresh()
}

// SelectWords selects the words covering the code points [start, end), as
// a drag over them would.
func (e *Editor) SelectWords(start, end int) {
	r := e.m.tokensFor(start, end)
	if r.empty() {
		return
	}
	e.cancelMode()
	e.setSelected(Ref{})
	e.text = selection{anchor: r.first, caret: r.end - 1}
	e.view.text.Refresh()
}

func (e *Editor) setSelected(ref Ref) {
	if ref == e.sel {
		return
	}
	e.sel = ref
	if !ref.IsZero() {
		e.review.sel = 0
	}
	e.status("") // a message about the old selection is stale now
	if e.OnSelect != nil {
		e.OnSelect(ref)
	}
}

// refTokens returns the tokens an annotation starts at, for scrolling.
// selectionToken is the first word of the selected words or annotation, -1
// when nothing is selected.
func (e *Editor) selectionToken() int {
	if e.text.active() {
		return e.text.caret
	}
	if r := e.refTokens(e.sel); !r.empty() {
		return r.first
	}
	return -1
}

func (e *Editor) refTokens(ref Ref) tokRange {
	switch ref.Kind {
	case KindEntity:
		if _, v := e.m.entity(ref.ID); v != nil {
			return v.toks
		}
	case KindQuote:
		if q := e.m.quote(ref.ID); q != nil && len(q.Content) > 0 {
			return e.m.tokensFor(q.Content[0].Start, q.Content[0].End)
		}
	case KindRelation:
		if r := e.m.relation(ref.ID); r != nil {
			return e.refTokens(Ref{KindEntity, r.HeadID})
		}
	}
	return tokRange{}
}

// Find opens the find bar of an open document and puts the focus in it.
func (e *Editor) Find() {
	if e.m.doc.ID != 0 {
		e.view.showFind()
	}
}

// Focus gives the keyboard focus to the text.
func (e *Editor) Focus() { e.view.text.focus() }

// SetCanvas names the canvas the editor is shown on. The driver knows an
// object's canvas only once a frame has drawn it, so without this the text
// could not take the focus the moment it is put on screen.
func (e *Editor) SetCanvas(c fyne.Canvas) { e.window = c }

// HasFocus reports whether the text holds the keyboard focus (for tests).
func (e *Editor) HasFocus() bool {
	c := e.view.text.canvas()
	return c != nil && c.Focused() == fyne.Focusable(e.view.text)
}

func (e *Editor) changed() {
	e.suggestionsStale()
	if e.OnChanged != nil {
		e.OnChanged()
	}
}

func (e *Editor) status(msg string) {
	if e.OnStatus != nil {
		e.OnStatus(msg)
	}
}

// fail reports err through OnError and returns it.
func (e *Editor) fail(err error) error {
	if err != nil && e.OnError != nil {
		e.OnError(err)
	}
	return err
}

var errNoDocument = annotate.Errorf(annotate.EINVALID, "no document is open")

func (e *Editor) requireDocument() error {
	if e.m.doc.ID == 0 {
		return errNoDocument
	}
	return nil
}
