package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
)

// slowOpens makes the window's opens of the gated paths wait until the test
// releases them, as migrations and the integrity check of a large database
// do.
type slowOpens struct {
	open  func(path string, create bool) (annotate.Store, error)
	gates map[string]chan struct{}
}

func slowOpen(w *Window, paths ...string) *slowOpens {
	s := &slowOpens{open: w.cfg.OpenStore, gates: map[string]chan struct{}{}}
	for _, p := range paths {
		s.gates[p] = make(chan struct{})
	}
	w.cfg.OpenStore = func(path string, create bool) (annotate.Store, error) {
		if g, ok := s.gates[path]; ok {
			<-g
		}
		return s.open(path, create)
	}
	return s
}

func (s *slowOpens) release(path string) { close(s.gates[path]) }

// menuItem finds a main-menu item by its label.
func menuItem(t *testing.T, w *Window, label string) *fyne.MenuItem {
	t.Helper()
	for _, m := range w.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

// newDatabaseFile makes another test database at dir/name.
func newDatabaseFile(t *testing.T, env *testEnv, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	s, err := env.disk.open(path, true)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	return path
}

// While a database opens slowly the window answers at once: it says what is
// opening, help opens with F1, the commands that need a database do nothing
// (Ctrl+Enter does not mark the set-aside document done) and are disabled in
// the menu. The label made just before the switch is stored in the old
// database, which is closed once the new one is there.
func TestWindowRespondsWhileDatabaseOpens(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	old := env.store()
	first := w.currentDoc()
	big := newDatabaseFile(t, env, "big.db")
	gate := slowOpen(w, big)

	w.editor.SelectWords(0, 5)
	if err := w.editor.ApplyLabel("PERSON"); err != nil {
		t.Fatal(err)
	}
	w.openDatabase(big) // returns at once: the open waits on the gate
	shown := texts(w)
	if want := "Opening big.db… (checking integrity)"; !strings.Contains(shown, want) || w.status.state.Text != want {
		t.Errorf("the window does not say %q:\n%s\nstatus %q", want, shown, w.status.state.Text)
	}
	if w.store != nil || w.editor != nil {
		t.Fatal("a database is in use while another opens")
	}
	c := w.win.Canvas()
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF1})
	if w.helpOpen == nil || c.Overlays().Top() == nil {
		t.Fatal("F1 did not open help while the database opens")
	}
	w.closeTopDialog()
	c.(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyReturn))
	for label, disabled := range map[string]bool{"Export…": true, "Mark done and open next": true, "Open database…": false, "Keyboard shortcuts": false} {
		if got := menuItem(t, w, label).Disabled; got != disabled {
			t.Errorf("menu %q disabled = %v while opening, want %v", label, got, disabled)
		}
	}

	gate.release(big)
	w.flush()
	if w.store == nil || w.store.Path() != big || w.lastError != "" {
		t.Fatalf("after the open: store %v, error %q", w.store, w.lastError)
	}
	if menuItem(t, w, "Export…").Disabled {
		t.Error("Export stays disabled after the open")
	}
	if !old.Closed() {
		t.Error("the previous database was not closed")
	}
	doc, err := old.FindDocumentByID(t.Context(), first)
	if err != nil || doc.Status == annotate.StatusDone {
		t.Errorf("Ctrl+Enter acted while opening: %+v, %v", doc, err)
	}
	ann, err := old.FindAnnotations(t.Context(), first)
	if err != nil || len(ann.Entities) != 1 || ann.Entities[0].Label != "PERSON" {
		t.Fatalf("the label made before the switch is not in the old database: %+v, %v", ann, err)
	}
}

// Of several opens in a row the latest wins, whichever finishes first; the
// others are closed when they are ready. Going back to the open database
// while another opens keeps it.
func TestLatestOpenWins(t *testing.T) {
	for _, tc := range []struct {
		name     string
		back     bool // the last open is the database already open
		releaseC bool // C finishes before B
	}{
		{"earlier finishes first", false, false},
		{"later finishes first", false, true},
		{"back to the open database", true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := newTestEnv(t)
			w := env.open()
			a, first := env.store(), w.currentDoc()
			b, cPath := newDatabaseFile(t, env, "b.db"), newDatabaseFile(t, env, "c.db")
			gate := slowOpen(w, b, cPath)
			var bars []*widget.ProgressBarInfinite // each open's moving bar
			w.openDatabase(b)
			bars = append(bars, w.opening.busy)
			w.openDatabase(cPath)
			bars = append(bars, w.opening.busy)
			want := cPath
			if tc.back {
				w.openDatabase(a.Path())
				want = a.Path()
				if w.store != a || w.editor == nil || w.currentDoc() != first {
					t.Fatalf("going back did not bring the open database back: %v", w.store)
				}
			}
			if tc.releaseC {
				gate.release(cPath)
				gate.release(b)
			} else {
				gate.release(b)
				gate.release(cPath)
			}
			w.flush()
			if w.store == nil || w.store.Path() != want || w.lastError != "" {
				t.Fatalf("open database %v, error %q; want %s", w.store, w.lastError, want)
			}
			// A bar left moving would have the window redrawn on every
			// frame for good.
			for i, bar := range bars {
				if bar == nil || bar.Running() {
					t.Errorf("open %d: its bar %v is still moving", i+1, bar)
				}
			}
			for _, p := range []string{a.Path(), b, cPath} {
				if got := env.disk.stores[p].Closed(); got != (p != want) {
					t.Errorf("%s closed = %v", filepath.Base(p), got)
				}
			}
		})
	}
}

// A slow open that fails says why, naming the file, and brings back the
// database that was open, with its document.
func TestFailedSlowOpenBringsBackTheOpenDatabase(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	a, first := env.store(), w.currentDoc()
	foreign := filepath.Join(t.TempDir(), "notes.db")
	writeFile(t, foreign, []byte("SQLite format 3\x00 but not Byline's"))
	gate := slowOpen(w, foreign)
	w.openDatabase(foreign)
	if w.store != nil {
		t.Fatal("the open database is still in use while another opens")
	}
	gate.release(foreign)
	w.flush()
	if !strings.Contains(w.lastError, "wrong file format") || !strings.Contains(texts(w), foreign+" is not a Byline database") {
		t.Fatalf("error %q:\n%s", w.lastError, texts(w))
	}
	w.closeTopDialog()
	if w.store != a || a.Closed() || w.currentDoc() != first || w.centre.Objects[0] != w.editor.Widget() {
		t.Fatalf("the open database did not come back: store %v, document %d", w.store, w.currentDoc())
	}
	if menuItem(t, w, "Export…").Disabled {
		t.Error("Export stays disabled after the failed open")
	}
	w.editor.SelectWords(0, 5)
	if err := w.editor.ApplyLabel("ORG"); err != nil {
		t.Fatal(err)
	}
	w.flush()
	if ann, _ := a.FindAnnotations(t.Context(), first); len(ann.Entities) != 1 {
		t.Errorf("a label after the failed open was not stored: %+v", ann)
	}
}

// The schema file is read and written off the UI goroutine: the window
// reports it once the writer has done it.
func TestExportSchemaInBackground(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	path := filepath.Join(t.TempDir(), "schema.json")
	w.writeSchema(path)
	if strings.HasPrefix(w.status.state.Text, "Schema written") {
		t.Fatal("the schema was written on the UI goroutine")
	}
	w.flush()
	if got := w.status.state.Text; got != "Schema written to "+path {
		t.Fatalf("status %q", got)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := annotate.ParseSchema(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Label("PERSON"); !ok {
		t.Errorf("the exported schema lacks PERSON: %s", data)
	}
}

// At start-up the window shows while the starting database opens, and the
// list says so; the database's first document shows when it is open.
func TestStartDatabaseOpensAfterTheWindowShows(t *testing.T) {
	env := newTestEnv(t)
	path := newDatabaseFile(t, env, "start.db")
	if err := seedSamples(t.Context(), env.disk.stores[path]); err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	open := env.cfg.OpenStore
	env.cfg.OpenStore = func(p string, create bool) (annotate.Store, error) {
		<-release
		return open(p, create)
	}
	env.cfg.DBPath = path
	w := New(env.app, env.cfg) // returns while the open waits
	t.Cleanup(w.waitTasks)
	if got := w.docs.summary.Text; got != "Opening start.db…" {
		t.Errorf("list summary %q while opening", got)
	}
	if got := w.status.position.Text; got != "Opening…" {
		t.Errorf("status bar %q while opening", got)
	}
	close(release)
	w.flush()
	if w.store == nil || w.store.Path() != path || w.currentDoc() == 0 {
		t.Fatalf("after the open: store %v, document %d", w.store, w.currentDoc())
	}
	if got := w.docs.summary.Text; strings.HasPrefix(got, "Opening") {
		t.Errorf("list summary still %q", got)
	}
}

// visibleTitles lists the titles of the document list's visible rows.
func visibleTitles(w *Window) []string {
	var out []string
	for _, o := range test.LaidOutObjects(w.docs.list) {
		if r, ok := o.(*docRow); ok && r.Visible() {
			out = append(out, r.text)
		}
	}
	return out
}

// While a database opens, the list shows none of the documents of the
// database set aside (a click on one could not open it) and says what is
// opening; when the open fails, that database's list comes back with its
// open document marked, and a click on a row opens it again.
func TestListEmptyWhileDatabaseOpens(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	first := w.currentDoc()
	before := visibleTitles(w)
	if len(before) != 4 {
		t.Fatalf("list shows %q, want the 4 samples", before)
	}
	suggestions := w.status.suggest.Text
	if suggestions == "" {
		t.Fatal("the status bar shows no suggestion count for the open document")
	}
	foreign := filepath.Join(t.TempDir(), "notes.db")
	writeFile(t, foreign, []byte("SQLite format 3\x00 but not Byline's"))
	gate := slowOpen(w, foreign)
	w.openDatabase(foreign)
	if got := visibleTitles(w); len(got) != 0 || w.docs.list.Length() != 0 {
		t.Errorf("while %s opens the list shows %q (%d rows)", foreign, got, w.docs.list.Length())
	}
	if shown := texts(w); strings.Contains(shown, "Port strike") || strings.Contains(shown, "Foreign ministers") {
		t.Errorf("while opening the window shows a document of the database set aside:\n%s", shown)
	}
	if got, want := w.docs.summary.Text, "Opening notes.db…"; got != want {
		t.Errorf("list summary %q while opening, want %q", got, want)
	}
	if got := w.docs.progress.TextFormatter(); got != "" {
		t.Errorf("progress %q while opening, want none", got)
	}
	if got := w.status.suggest.Text; got != "" {
		t.Errorf("the status bar counts the set-aside document's suggestions while opening: %q", got)
	}

	gate.release(foreign)
	w.flush()
	w.closeTopDialog()
	if got := visibleTitles(w); strings.Join(got, "|") != strings.Join(before, "|") {
		t.Fatalf("after the failed open the list shows %q, want %q", got, before)
	}
	if w.docs.currentIndex() < 0 || w.docs.current != first {
		t.Errorf("the open document %d is not marked in the list (current %d)", first, w.docs.current)
	}
	if w.docs.summary.Text != "4 documents" || w.docs.progress.TextFormatter() != "0 / 4 done" {
		t.Errorf("list summary %q, progress %q after the failed open", w.docs.summary.Text, w.docs.progress.TextFormatter())
	}
	if got := w.status.suggest.Text; got != suggestions {
		t.Errorf("status bar suggestions %q after the failed open, want %q again", got, suggestions)
	}
	row := visibleRow(t, w, "Port strike")
	test.Tap(row)
	w.flush()
	if w.currentDoc() != row.id {
		t.Errorf("a click on a row after the failed open opened %d, want %d", w.currentDoc(), row.id)
	}
}
