// Package app is Byline's window: the document list on the left, the article
// editor in the centre, the label palette, annotation list and inspector on
// the right, a status bar, and the dialogs for databases, import, export,
// schema, statistics and help. It never imports Fyne's app package or the
// SQLite store: main hands both in, so this package's tests run without cgo.
package app

import (
	"context"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
	"byline/annotate/formats"
	"byline/annotate/ingest"
	"byline/app/article"
	"byline/assets"
)

// Config is what main hands the window.
type Config struct {
	DBPath        string // from --db or BYLINE_DB; "" = last used, else DefaultDBPath
	DefaultDBPath string // byline.db in the user's data directory
	// OpenStore opens a database; create=true creates it (with the default
	// schema) when missing.
	OpenStore func(path string, create bool) (annotate.Store, error)
	// Seed imports the sample articles into a freshly created database.
	Seed    func(ctx context.Context, s annotate.Store) error
	Readers []annotate.Reader // import readers, in detection order
	Version string
	// LogError records an internal error's details in Byline's log file
	// and says where they are (or gives them) for the dialog; nil keeps
	// them on standard error.
	LogError func(action string, err error) string
}

// Preference keys.
const (
	prefLastDB     = "lastDatabase"
	prefWinWidth   = "windowWidth"
	prefWinHeight  = "windowHeight"
	prefLastDocFor = "lastDocument:" // + database path
	prefLastDir    = "lastDirectory"
	prefShowSugg   = "showSuggestions"
)

// deliverOnFlush is set by tests, which drive the window from one
// goroutine and take the writer's results with Window.flush.
var deliverOnFlush bool

// Window is Byline's main window and everything it shows.
type Window struct {
	app fyne.App
	win fyne.Window
	cfg Config

	store  annotate.Store
	editor *article.Editor

	docs    *docList
	side    *sidePanel
	status  *statusBar
	docBar  *docBar
	centre  *fyne.Container
	empty   fyne.CanvasObject
	content fyne.CanvasObject
	cmds    []*command

	curStatus annotate.Status // status of the open document
	schemaEd  *schemaEditor   // the open schema editor, if any
	helpOpen  dialog.Dialog
	dialogs   []dialog.Dialog // open dialogs, newest last, for Esc

	// keepDuplicates is the import dialog's choice for a record whose text
	// is already stored: store a copy instead of skipping it. Drops use it too.
	keepDuplicates bool
	duplicatesSel  *widget.Select // the import dialog's choice, for tests

	// The database being opened off the UI goroutine, nil when none.
	opening    *dbOpening
	openMu     sync.Mutex
	openGen    int                     // the latest open's number; openMu
	shutDown   bool                    // the window has closed; openMu
	unclaimed  map[annotate.Store]bool // opened, not yet taken by the window; openMu
	background sync.WaitGroup          // opens, and closes of databases left

	tasks      sync.WaitGroup // background work (import, export), for tests
	cancelTask func()         // presses Cancel on the running task's dialog
	// What the last dialogs reported, for tests.
	lastError     string
	lastImport    *ingest.ImportSummary
	lastExport    *formats.Manifest
	lastExportErr error
}

// Run builds the window, opens the database and runs the application.
func Run(a fyne.App, cfg Config) {
	w := New(a, cfg)
	w.win.ShowAndRun()
	w.shutdown()
}

// New builds the window and starts opening the starting database without
// showing the window; the database opens off the UI goroutine.
func New(a fyne.App, cfg Config) *Window {
	w := &Window{app: a, cfg: cfg, unclaimed: map[annotate.Store]bool{}}
	w.win = a.NewWindow("Byline")
	w.win.SetIcon(fyne.NewStaticResource("byline.png", assets.Icon()))
	w.build()
	prefs := a.Preferences()
	w.win.Resize(fyne.NewSize(
		float32(prefs.FloatWithFallback(prefWinWidth, 1280)),
		float32(prefs.FloatWithFallback(prefWinHeight, 800))))
	w.win.SetOnClosed(w.saveWindowSize)
	w.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { w.importURIs(uris) })
	a.Lifecycle().SetOnEnteredForeground(w.enteredForeground)
	w.openStartDatabase()
	return w
}

// enteredForeground shows what another program (a `byline import`, a
// second window on the same file) changed while the window was in the
// background: the list's documents, the suggestions' corpus.
func (w *Window) enteredForeground() {
	w.docs.reloadIfChanged()
	if w.editor != nil {
		w.editor.CheckCorpus()
	}
}

// Editor returns the article editor of the open database, nil when none
// (for benchmarks).
func (w *Window) Editor() *article.Editor { return w.editor }

// Canvas returns the window's canvas (for tests and screenshots).
func (w *Window) Canvas() fyne.Canvas { return w.win.Canvas() }

func (w *Window) saveWindowSize() {
	s := w.win.Canvas().Size()
	if s.Width > 100 && s.Height > 100 {
		w.app.Preferences().SetFloat(prefWinWidth, float64(s.Width))
		w.app.Preferences().SetFloat(prefWinHeight, float64(s.Height))
	}
}

func (w *Window) build() {
	w.docs = newDocList()
	w.docs.onOpen = w.openDocument
	w.docs.onStatus = w.setStatus
	w.docs.onError = w.showError
	w.docs.onLoaded = func() { w.status.update() }
	w.docs.search.OnEscape = func() { // back to the article
		if w.editor != nil {
			w.editor.Focus()
		}
	}
	w.status = newStatusBar(w)
	w.side = newSidePanel(w)
	w.docBar = newDocBar(w)
	w.empty = widget.NewLabelWithStyle("No document open. Import articles with Ctrl+I, or open a database with Ctrl+O.",
		fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
	w.centre = container.NewStack(w.empty)
	centre := container.NewBorder(w.docBar.content, nil, nil, nil, w.centre)
	right := container.NewHSplit(centre, w.side.content)
	right.Offset = 0.72
	main := container.NewHSplit(w.docs.content, right)
	main.Offset = 0.22
	w.content = container.NewBorder(nil, w.status.content, nil, nil, main)
	w.win.SetContent(w.content)
	w.cmds = w.commands()
	w.win.SetMainMenu(w.mainMenu())
	w.installKeys()
	// Show the "no database" state until one opens.
	w.docs.reload()
	w.side.refresh()
	w.docBar.update()
	w.status.update()
}

// openStartDatabase opens --db, else the last database, else the default
// one, creating and seeding the default one on first run.
func (w *Window) openStartDatabase() {
	path := w.cfg.DBPath
	if path == "" {
		path = w.app.Preferences().String(prefLastDB)
		if path != "" && !fileExists(path) {
			path = ""
		}
	}
	if path == "" {
		path = w.cfg.DefaultDBPath
	}
	if path == "" {
		return
	}
	if fileExists(path) {
		w.openDatabase(path)
		return
	}
	w.createDatabase(path, path == w.cfg.DefaultDBPath)
}

// openDatabase starts opening an existing database; on failure the current
// one stays.
func (w *Window) openDatabase(path string) {
	if w.cfg.OpenStore == nil {
		return
	}
	if o := w.opening; o != nil {
		switch {
		case sameFile(o.path, path):
			return // already on its way
		case o.prevStore != nil && sameFile(o.prevStore.Path(), path):
			w.cancelOpen() // back to the database that is open
			return
		}
	}
	if w.store != nil && sameFile(w.store.Path(), path) {
		return
	}
	w.startOpen(path, actionOpenDB, false, false)
}

// createDatabase makes a new database at path (never over an existing
// file), seeding it with the sample articles when seed is set.
func (w *Window) createDatabase(path string, seed bool) {
	if w.cfg.OpenStore == nil {
		return
	}
	if fileExists(path) {
		w.showError("New database", annotate.Errorf(annotate.ECONFLICT,
			"%s already exists. Choose another name, or open it with Ctrl+O.", path))
		return
	}
	if err := makeParentDir(path); err != nil {
		w.showError("New database", err)
		return
	}
	w.startOpen(path, "New database", true, seed)
}

// setStore switches the window to database s, which has just opened (the
// one it replaces was set aside when the open started).
func (w *Window) setStore(s annotate.Store) {
	w.store = s
	w.app.Preferences().SetString(prefLastDB, s.Path())
	ed := article.NewEditor(s)
	ed.SetCanvas(w.win.Canvas())
	w.editor = ed
	if deliverOnFlush {
		ed.DeliverOnFlush()
	}
	// The editor's last writes may finish after the window has moved on
	// to another database: then only their errors still show.
	shown := func() bool { return ed == w.editor }
	ed.OnChanged = ifShown(shown, w.annotationsChanged)
	ed.OnSelect = ifShownWith(shown, func(r article.Ref) { w.side.selectionChanged(r) })
	ed.OnError = func(err error) { w.showError("Edit", err) }
	ed.OnStatus = ifShownWith(shown, func(msg string) { w.status.prompt(msg) })
	ed.OnHistory = ifShownWith(shown, w.historyApplied)
	ed.OnSaving = ifShownWith(shown, func(busy bool) { w.status.saving(busy) })
	ed.SetOnActorsChanged(ifShown(shown, w.actorsChanged))
	ed.OnSuggestions(ifShown(shown, w.suggestionsChanged))
	w.editor.ShowSuggestions(w.app.Preferences().BoolWithFallback(prefShowSugg, true))
	w.centre.Objects = []fyne.CanvasObject{w.empty}
	w.centre.Refresh()
	w.docs.setStore(s)
	w.updateTitle()
	w.status.update()
	w.side.refresh()
	w.docBar.update()
	w.openFirstDocument()
}

// openFirstDocument opens the document last worked on in this database, or
// the first unfinished one, or the first one; the store is asked off the UI
// goroutine.
func (w *Window) openFirstDocument() {
	store, ed := w.store, w.editor
	last := int64(w.app.Preferences().Int(prefLastDocFor + store.Path()))
	var id int64
	ed.Read(func(ctx context.Context) error {
		if last != 0 {
			if _, err := store.FindDocumentByID(ctx, last); err == nil {
				id = last
				return nil
			}
		}
		next, err := store.NextUnfinished(ctx, 0)
		if err == nil && next == 0 {
			var first []annotate.DocumentSummary
			first, err = store.FindDocuments(ctx, annotate.DocumentFilter{Sort: annotate.SortImport, Limit: 1})
			if len(first) > 0 {
				next = first[0].ID
			}
		}
		id = next
		return err
	}, func(err error) {
		if ed != w.editor {
			return // another database is open now
		}
		if err != nil {
			w.showError("Find a document", err)
		}
		if id != 0 {
			w.openDocument(id)
		}
	})
}

// openDocument shows document id in the editor once it is read (after the
// queued writes, off the UI goroutine).
func (w *Window) openDocument(id int64) { w.openDocumentThen(id, nil) }

// openDocumentThen opens document id and then (if set) runs then.
func (w *Window) openDocumentThen(id int64, then func()) {
	ed := w.editor
	if ed == nil {
		return
	}
	ed.Load(id, func(err error) {
		if ed != w.editor {
			return
		}
		if err != nil {
			w.showError("Open document", err)
			w.docs.reload()
			return
		}
		w.documentShown(id)
		if then != nil {
			then()
		}
	})
}

// documentShown follows the editor's switch to document id.
func (w *Window) documentShown(id int64) {
	if len(w.centre.Objects) != 1 || w.centre.Objects[0] != w.editor.Widget() {
		w.centre.Objects = []fyne.CanvasObject{w.editor.Widget()}
		w.centre.Refresh()
	}
	w.app.Preferences().SetInt(prefLastDocFor+w.store.Path(), int(id))
	w.curStatus = w.editor.Document().Status
	w.docs.setCurrent(id)
	w.side.refresh()
	w.docBar.update()
	w.status.prompt("") // messages about the last document are stale
	w.status.update()
	w.editor.Focus()
}

// ifShown returns f run only while shown reports true.
func ifShown(shown func() bool, f func()) func() {
	return func() {
		if shown() {
			f()
		}
	}
}

// ifShownWith is ifShown for a callback that takes a value.
func ifShownWith[T any](shown func() bool, f func(T)) func(T) {
	return func(v T) {
		if shown() {
			f(v)
		}
	}
}

// focusArticle gives the keyboard focus back to the article text when a
// document is shown and no dialog or field holds it, so keys act without a
// click; it returns what holds the focus after, nil when the text could
// not take it.
func (w *Window) focusArticle() fyne.Focusable {
	c := w.win.Canvas()
	if w.currentDoc() == 0 || c.Overlays().Top() != nil || c.Focused() != nil {
		return nil
	}
	w.editor.Focus()
	return c.Focused()
}

// flush waits for the queued writes and the list's reads and shows their
// results, and those of the work they started (tests).
func (w *Window) flush() {
	for {
		w.background.Wait() // opens hand their results to the list's queue
		if w.editor != nil {
			w.editor.WaitSuggestions() // which flushes the writes too
		}
		if !w.docs.wait() {
			return
		}
	}
}

// DeliverOnFlush makes the windows built after it hand the results of
// their background reads and writes to Flush instead of fyne.Do: Fyne's
// test driver runs fyne.Do at once on the calling goroutine. For
// benchmarks and tests outside this package.
func DeliverOnFlush() { deliverOnFlush = true }

// Flush waits for the background reads and writes and shows their results
// (with DeliverOnFlush).
func (w *Window) Flush() { w.flush() }

// currentDoc is the open document's id, 0 when none.
func (w *Window) currentDoc() int64 {
	if w.editor == nil {
		return 0
	}
	return w.editor.DocumentID()
}

// annotationsChanged follows every edit: counts in the list, side panel,
// status bar.
// It makes no list or count queries: labelling must stay within a frame.
func (w *Window) annotationsChanged() {
	id := w.currentDoc()
	if w.curStatus == annotate.StatusTodo && w.editor.Annotations().Count() > 0 {
		// Starting to annotate a document puts it in progress.
		w.curStatus = annotate.StatusInProgress
		w.docs.updateRow(id, func(s *annotate.DocumentSummary) { s.Status = annotate.StatusInProgress })
		store := w.store
		w.editor.Queue(func(ctx context.Context) error {
			return store.SetStatus(ctx, id, annotate.StatusInProgress)
		}, func(err error) {
			if err != nil {
				w.showError("Change status", err)
				w.docs.reload()
			}
		})
	}
	n := w.editor.Annotations().Count()
	w.docs.updateRow(id, func(s *annotate.DocumentSummary) { s.Annotations = n })
	w.side.refresh()
	w.docBar.update()
}

// historyApplied follows an undo or redo: when it changed the document's
// status, the status menu, the list row and the progress bar show the new one.
func (w *Window) historyApplied(ev *annotate.Event) {
	if ev.Action != annotate.ActionSetStatus || w.store == nil {
		return
	}
	store := w.store
	var doc *annotate.Document
	w.editor.Read(func(ctx context.Context) error {
		var err error
		doc, err = store.FindDocumentByID(ctx, ev.DocumentID)
		return err
	}, func(err error) {
		if err != nil {
			w.showError("Change status", err)
			return
		}
		if doc.ID == w.currentDoc() {
			w.curStatus = doc.Status
		}
		w.docs.reload()
		w.docBar.update()
	})
}

// setStatus changes a document's status from the list menu or the bar.
func (w *Window) setStatus(id int64, s annotate.Status) {
	w.changeStatus(id, s, nil)
}

// changeStatus stores a document's status through the editor's writer, in
// order with the edits, and then shows it; then (if set) runs on the writer
// after the change, and its result on the UI goroutine.
func (w *Window) changeStatus(id int64, s annotate.Status, then func(ctx context.Context) func()) {
	if w.store == nil || id == 0 || w.editor == nil {
		return
	}
	if id == w.currentDoc() {
		w.curStatus = s
		w.docBar.update()
	}
	store := w.store
	var after func()
	w.editor.Queue(func(ctx context.Context) error {
		if err := store.SetStatus(ctx, id, s); err != nil {
			return err
		}
		if then != nil {
			after = then(ctx)
		}
		return nil
	}, func(err error) {
		if err != nil {
			w.showError("Change status", err)
			if id == w.currentDoc() {
				w.curStatus = w.editor.Document().Status
			}
		}
		w.docs.reload()
		w.docBar.update()
		w.status.update()
		if err == nil && after != nil {
			after()
		}
	})
}

// doneAndNext marks the open document done and opens the next unfinished.
func (w *Window) doneAndNext() {
	id := w.currentDoc()
	if id == 0 {
		return
	}
	store := w.store
	w.changeStatus(id, annotate.StatusDone, func(ctx context.Context) func() {
		next, err := store.NextUnfinished(ctx, id)
		return func() {
			switch {
			case err != nil:
				w.showError("Find the next document", err)
			case next == 0:
				w.status.prompt("Every document is done or skipped.")
			case w.currentDoc() == id:
				w.openDocument(next)
			}
		}
	})
}

// step opens the next (delta 1) or previous (-1) document of the list.
func (w *Window) step(delta int) {
	w.docs.neighbour(delta, func(id int64, ok bool) {
		if !ok {
			return
		}
		w.openDocumentThen(id, func() {
			if i := w.docs.currentIndex(); i >= 0 {
				w.docs.list.ScrollTo(i)
			}
		})
	})
}

func (w *Window) updateTitle() {
	if w.store == nil {
		w.win.SetTitle("Byline")
		return
	}
	name := strings.TrimSuffix(filepath.Base(w.store.Path()), filepath.Ext(w.store.Path()))
	w.win.SetTitle("Byline — " + name)
}

// reloadAll re-reads everything after a schema change or an import.
func (w *Window) reloadAll() {
	if w.store == nil {
		return
	}
	if w.editor != nil {
		w.editor.ReloadLater(func(err error) {
			if err != nil {
				w.showError("Reload", err)
			}
			w.side.refresh()
			w.docBar.update()
		})
	}
	w.docs.reload()
	w.side.refresh()
	w.docBar.update()
	w.status.update()
}
