package app

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
	"byline/annotate/ingest"
	"byline/app/article"
)

func TestMain(m *testing.M) {
	searchPause = 0 // tests type and look at once
	deliverOnFlush = true
	os.Exit(m.Run())
}

// testEnv is a window on a fake disk, as main builds it.
type testEnv struct {
	t    testing.TB
	app  fyne.App
	disk *memDisk
	cfg  Config
	w    *Window
}

func newTestEnv(t testing.TB) *testEnv {
	t.Helper()
	a := test.NewTempApp(t)
	disk := newMemDisk()
	dir := t.TempDir()
	cfg := Config{
		DefaultDBPath: filepath.Join(dir, "data", "byline.db"),
		OpenStore:     disk.open,
		Seed:          seedSamples,
		Readers:       []annotate.Reader{ingest.TextReader{}, ingest.JSONLReader{}},
		Version:       "test",
	}
	return &testEnv{t: t, app: a, disk: disk, cfg: cfg}
}

// open builds the window (opening the start database) at a realistic size.
func (e *testEnv) open() *Window {
	e.t.Helper()
	e.w = New(e.app, e.cfg)
	e.w.win.Resize(fyne.NewSize(1280, 800))
	e.w.flush()
	e.t.Cleanup(e.w.waitTasks)
	return e.w
}

func (e *testEnv) store() *testStore { return e.w.store.(*testStore) }

// texts returns every label and text string in the top overlay (the open
// dialog), or in the window when there is none.
func texts(w *Window) string {
	var root fyne.CanvasObject = w.win.Content()
	if top := w.win.Canvas().Overlays().Top(); top != nil {
		root = top
	}
	var b strings.Builder
	for _, o := range test.LaidOutObjects(root) {
		switch o := o.(type) {
		case *widget.Label:
			b.WriteString(o.Text + "\n")
		case *widget.Button:
			b.WriteString(o.Text + "\n")
		}
	}
	return b.String()
}

func docTitles(t *testing.T, w *Window) []string {
	t.Helper()
	var out []string
	w.flush()
	for i := 0; i < w.docs.pages.count; i++ {
		s, ok := w.docs.pages.row(i)
		if !ok {
			w.docs.row(i)
			w.flush()
			s, ok = w.docs.pages.row(i)
		}
		if !ok {
			t.Fatalf("row %d of %d missing", i, w.docs.pages.count)
		}
		out = append(out, s.Title)
	}
	return out
}

func TestFirstRunCreatesDatabaseWithSamples(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	if !fileExists(env.cfg.DefaultDBPath) {
		t.Fatalf("no database created at %s", env.cfg.DefaultDBPath)
	}
	if w.store == nil || w.store.Path() != env.cfg.DefaultDBPath {
		t.Fatalf("store = %v, want the default database", w.store)
	}
	if got := len(docTitles(t, w)); got != 4 {
		t.Errorf("document list has %d rows, want the 4 samples", got)
	}
	if w.currentDoc() == 0 || w.editor.Document().Text == "" {
		t.Errorf("no sample article is open")
	}
	if got := w.win.Title(); got != "Byline — byline" {
		t.Errorf("title = %q", got)
	}
	if got := env.app.Preferences().String(prefLastDB); got != env.cfg.DefaultDBPath {
		t.Errorf("last database preference = %q", got)
	}
	if w.lastError != "" {
		t.Errorf("unexpected error dialog %q", w.lastError)
	}

	// The second start opens the same database and does not seed again.
	first := w.currentDoc()
	w.waitTasks()
	w.win.Close()
	w2 := New(env.app, env.cfg)
	defer w2.win.Close()
	if got := len(docTitles(t, w2)); got != 4 {
		t.Errorf("after restart the list has %d rows, want 4", got)
	}
	if w2.currentDoc() != first {
		t.Errorf("restart opened document %d, want the last one (%d)", w2.currentDoc(), first)
	}
}

func TestOpenForeignFileShowsErrorAndLeavesItUnchanged(t *testing.T) {
	foreign := filepath.Join(t.TempDir(), "notes.db")
	content := []byte("SQLite format 3\x00 but not Byline's")
	if err := os.WriteFile(foreign, content, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		start func(env *testEnv) *Window
	}{
		{"--db at start", func(env *testEnv) *Window { env.cfg.DBPath = foreign; return env.open() }},
		{"Ctrl+O while another is open", func(env *testEnv) *Window {
			w := env.open()
			w.openDatabase(foreign)
			w.flush()
			return w
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := newTestEnv(t)
			w := tc.start(env)
			if !strings.Contains(w.lastError, "wrong file format") {
				t.Errorf("error dialog title = %q, want a wrong-format error", w.lastError)
			}
			shown := texts(w)
			if !strings.Contains(shown, "not a Byline database") || !strings.Contains(shown, "The file was not changed") {
				t.Errorf("dialog does not say what is wrong and what to do:\n%s", shown)
			}
			got, err := os.ReadFile(foreign)
			if err != nil || !bytes.Equal(got, content) {
				t.Errorf("foreign file changed: %q, %v", got, err)
			}
			if w.store != nil && w.store.Path() == foreign {
				t.Errorf("the foreign file became the open database")
			}
		})
	}
}

func TestErrorTextCoversEveryCode(t *testing.T) {
	for _, tc := range []struct {
		code, title, advice string
	}{
		{annotate.EINVALID, "not possible", "bad span"},
		{annotate.ENOTFOUND, "not found", "reloaded"},
		{annotate.ECONFLICT, "conflict", "Nothing was changed"},
		{annotate.EFORMAT, "wrong file format", "not changed"},
		{annotate.EVERSION, "newer Byline", "Install the newest Byline"},
		{annotate.ELOCKED, "busy", "Close that program"},
		{annotate.EDAMAGED, "damaged", "bad span"},
		{annotate.EINTERNAL, "went wrong", "Details are in /data/byline.log."},
	} {
		err := error(annotate.Errorf(tc.code, "bad span"))
		title, body := errorText("Act", err, "Details are in /data/byline.log.")
		if !strings.HasPrefix(title, "Act: ") || !strings.Contains(title, tc.title) || !strings.Contains(body, tc.advice) {
			t.Errorf("%s: got %q / %q", tc.code, title, body)
		}
	}
}

func TestSearchAndFilter(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	st := env.store()
	// Mark the energy article done.
	for i := 0; i < w.docs.pages.count; i++ {
		s, _ := w.docs.pages.row(i)
		if strings.Contains(s.Title, "Norway") {
			if err := st.SetStatus(context.Background(), s.ID, annotate.StatusDone); err != nil {
				t.Fatal(err)
			}
		}
	}
	w.docs.reload()
	w.flush()

	for _, tc := range []struct {
		name   string
		search string
		status int // index in the filter choices; 0 = all
		sort   int
		want   []string
	}{
		{"all", "", 0, 0, []string{"Foreign ministers", "Опрос", "EU and Norway", "Port strike"}},
		{"title word", "geneva", 0, 0, []string{"Foreign ministers"}},
		{"cyrillic", "Киеве", 0, 0, []string{"Опрос"}},
		{"done only", "", 3, 0, []string{"EU and Norway"}},
		{"to do only", "", 1, 0, []string{"Foreign ministers", "Опрос", "Port strike"}},
		{"search and status", "geneva", 3, 0, nil},
		{"by title", "", 0, 1, []string{"EU and Norway", "Foreign ministers", "Port strike", "Опрос"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Each change starts a search off the UI goroutine; Fyne's
			// test driver runs its result there too, so wait for each.
			w.docs.status.SetSelectedIndex(tc.status)
			w.docs.wait()
			w.docs.sort.SetSelectedIndex(tc.sort)
			w.docs.wait()
			w.docs.search.SetText("")
			w.docs.wait()
			for _, r := range tc.search {
				test.Type(w.docs.search, string(r))
				w.docs.wait()
			}
			got := docTitles(t, w)
			if len(got) != len(tc.want) {
				t.Fatalf("rows = %q, want %d rows starting %q", got, len(tc.want), tc.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tc.want[i]) {
					t.Errorf("row %d = %q, want %q…", i, got[i], tc.want[i])
				}
			}
			if w.docs.list.Length() != len(tc.want) {
				t.Errorf("widget list length = %d", w.docs.list.Length())
			}
			summary := "4 documents"
			if len(tc.want) != 4 {
				summary = fmt.Sprintf("%d of 4 documents shown", len(tc.want))
			}
			if w.docs.summary.Text != summary {
				t.Errorf("summary = %q, want %q", w.docs.summary.Text, summary)
			}
		})
	}
	if w.docs.progress.Value != 1 || w.docs.progress.Max != 4 {
		t.Errorf("progress = %v/%v, want 1/4", w.docs.progress.Value, w.docs.progress.Max)
	}
}

func TestDoneAndNext(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	ids := make([]int64, 0, 4)
	for i := 0; i < 4; i++ {
		s, _ := w.docs.pages.row(i)
		ids = append(ids, s.ID)
	}
	if w.currentDoc() != ids[0] {
		t.Fatalf("opened %d, want the first unfinished %d", w.currentDoc(), ids[0])
	}
	// Skip the second, so done-and-next jumps over it.
	w.setStatus(ids[1], annotate.StatusSkipped)
	shortcut := ctrl(fyne.KeyReturn)
	w.win.Canvas().(fyne.Shortcutable).TypedShortcut(shortcut)
	w.flush()

	doc, _ := env.store().FindDocumentByID(context.Background(), ids[0])
	if doc.Status != annotate.StatusDone {
		t.Errorf("first document status = %s, want done", doc.Status)
	}
	if w.currentDoc() != ids[2] {
		t.Errorf("opened %d, want the next unfinished %d", w.currentDoc(), ids[2])
	}
	if w.docs.progress.Value != 1 {
		t.Errorf("progress shows %v done", w.docs.progress.Value)
	}
	if got := w.docs.list; got.Length() != 4 {
		t.Errorf("list length %d", got.Length())
	}
	if !strings.Contains(w.status.position.Text, "Document 3 of 4") {
		t.Errorf("status bar position = %q", w.status.position.Text)
	}

	// Alt+Up and Alt+Down walk the list order.
	w.runShortcut(alt(fyne.KeyUp))
	w.flush()
	if w.currentDoc() != ids[1] {
		t.Errorf("Alt+Up opened %d, want %d", w.currentDoc(), ids[1])
	}
	w.runShortcut(alt(fyne.KeyDown))
	w.flush()
	w.runShortcut(alt(fyne.KeyDown))
	w.flush()
	if w.currentDoc() != ids[3] {
		t.Errorf("Alt+Down twice opened %d, want %d", w.currentDoc(), ids[3])
	}

	// Finishing the rest ends on a message, not an error.
	w.doneAndNext()
	w.flush()
	w.doneAndNext()
	w.flush()
	if w.currentDoc() != ids[3] && w.status.state.Text == "" {
		t.Errorf("state = %q", w.status.state.Text)
	}
	p, _ := env.store().Progress(context.Background())
	if p.Done() != 3 || p.ByStatus[annotate.StatusSkipped] != 1 {
		t.Errorf("progress = %v, want 3 done and 1 skipped", p.ByStatus)
	}
	if !strings.Contains(w.status.state.Text, "Every document is done") {
		t.Errorf("state = %q, want the all-done message", w.status.state.Text)
	}
}

func TestEditPutsDocumentInProgressWithoutListQueries(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	st := env.store()
	ctx := context.Background()
	id := w.currentDoc()
	ent := annotate.Entity{DocumentID: id, Start: 0, End: 7, Label: "PERSON"}
	if err := st.CreateEntity(ctx, &ent); err != nil {
		t.Fatal(err)
	}
	if err := w.editor.Reload(); err != nil {
		t.Fatal(err)
	}
	w.editor.Select(article.Ref{Kind: article.KindEntity, ID: ent.ID})
	before := st.queries.Load()
	if err := w.editor.ApplyLabel("ORG"); err != nil {
		t.Fatal(err)
	}
	w.flush()
	if st.queries.Load() != before {
		t.Errorf("an edit made %d list/count queries, want none", st.queries.Load()-before)
	}
	doc, _ := st.FindDocumentByID(ctx, id)
	if doc.Status != annotate.StatusInProgress {
		t.Errorf("status after the first edit = %s, want in_progress", doc.Status)
	}
	row, _ := w.docs.pages.row(w.docs.currentIndex())
	if row.Annotations != 1 || row.Status != annotate.StatusInProgress {
		t.Errorf("list row = %+v, want 1 annotation, in progress", row)
	}
	if w.docBar.status.Selected != "In progress" {
		t.Errorf("status choice = %q", w.docBar.status.Selected)
	}
	if !hasItem(w.side.items, "ORG (1)") {
		t.Errorf("side panel items = %+v", w.side.items)
	}
}

func TestNewDatabase(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	path := filepath.Join(t.TempDir(), "projects", "elections.db")
	w.createDatabase(path, false)
	w.flush()
	if w.store == nil || w.store.Path() != path {
		t.Fatalf("store = %v, want the new database", w.store)
	}
	if w.currentDoc() != 0 || w.docs.pages.count != 0 {
		t.Errorf("a new database shows document %d and %d rows", w.currentDoc(), w.docs.pages.count)
	}
	if got := w.win.Title(); got != "Byline — elections" {
		t.Errorf("title = %q", got)
	}
	if !env.disk.stores[env.cfg.DefaultDBPath].Closed() {
		t.Errorf("the previous database was not closed")
	}
	// Creating over an existing file is refused, keeps the open one and
	// leaves the file as it was.
	before, _ := os.ReadFile(env.cfg.DefaultDBPath)
	w.createDatabase(env.cfg.DefaultDBPath, false)
	w.flush()
	if !strings.Contains(w.lastError, "conflict") || w.store.Path() != path {
		t.Errorf("creating over an existing file: error %q, open %s", w.lastError, w.store.Path())
	}
	if after, _ := os.ReadFile(env.cfg.DefaultDBPath); !bytes.Equal(before, after) || len(after) == 0 {
		t.Errorf("the existing file changed: %q -> %q", before, after)
	}
}

func TestNewDatabasePath(t *testing.T) {
	for _, tc := range []struct{ folder, name, want string }{
		{"/data", "elections", "/data/elections.db"},
		{"/data", " elections.sqlite ", "/data/elections.sqlite"},
		{" /data/ ", "a.b.db", "/data/a.b.db"},
		{"", "x", "x.db"},
	} {
		// Paths come out in the system's own spelling (\ on Windows).
		if got, want := newDatabasePath(tc.folder, tc.name), filepath.FromSlash(tc.want); got != want {
			t.Errorf("newDatabasePath(%q, %q) = %q, want %q", tc.folder, tc.name, got, want)
		}
	}
}

func TestCommandsWithoutDatabase(t *testing.T) {
	env := newTestEnv(t)
	env.cfg.OpenStore = func(string, bool) (annotate.Store, error) {
		return nil, annotate.Errorf(annotate.ELOCKED, "the database is locked")
	}
	w := env.open()
	if w.store != nil || !strings.Contains(w.lastError, "busy") {
		t.Fatalf("store %v, error %q", w.store, w.lastError)
	}
	for _, c := range w.cmds {
		c.action() // none may fail without a database
	}
	w.typedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	w.flush()
	w.status.annotator.OnTapped()
}

func TestWindowSizeIsRemembered(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	w.win.Resize(fyne.NewSize(1000, 700))
	w.win.Close()
	p := env.app.Preferences()
	if p.Float(prefWinWidth) != 1000 || p.Float(prefWinHeight) != 700 {
		t.Errorf("saved size %vx%v, want 1000x700", p.Float(prefWinWidth), p.Float(prefWinHeight))
	}
}

func TestPageKeysAndHelpUnderDialogs(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	first := w.currentDoc()
	c := w.win.Canvas()
	c.Unfocus()
	w.typedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	w.flush()
	second := w.currentDoc()
	if second == first {
		t.Fatalf("PageDown with nothing focused stayed on %d", first)
	}
	// openDocument focuses the article: now PageDown is the reader's.
	if c.Focused() == nil {
		t.Fatal("the article does not hold the focus after opening")
	}
	w.typedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	w.flush()
	if w.currentDoc() != second {
		t.Errorf("PageDown in the article changed the document")
	}
	// Help opens once; F1 or ? over an open dialog adds nothing.
	w.typedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
	top := c.Overlays().Top()
	if top == nil {
		t.Fatal("F1 opened no help")
	}
	w.typedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
	w.typedRune('?')
	if c.Overlays().Top() != top || len(c.Overlays().List()) != 1 {
		t.Errorf("help stacked: %d overlays", len(c.Overlays().List()))
	}
}
