package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// drawnOnly answers CanvasForObject as the real driver does: only for the
// objects a frame has drawn. Fyne's test driver answers for every object
// at once, which hides a focus asked for before the next frame.
type drawnOnly struct {
	fyne.Driver
	drawn map[fyne.CanvasObject]fyne.Canvas
}

func (d *drawnOnly) CanvasForObject(o fyne.CanvasObject) fyne.Canvas { return d.drawn[o] }

// draw records what a frame of c shows.
func (d *drawnOnly) draw(c fyne.Canvas) {
	roots := append([]fyne.CanvasObject{c.Content()}, c.Overlays().List()...)
	for _, root := range roots {
		for _, o := range test.LaidOutObjects(root) {
			d.drawn[o] = c
		}
	}
}

type drawnOnlyApp struct {
	fyne.App
	d *drawnOnly
}

func (a drawnOnlyApp) Driver() fyne.Driver { return a.d }

// The article text holds the keyboard focus whenever a document is shown
// and nothing else holds it: at start-up, after another database opens and
// after a dialog closes, without a click into the text first.
func TestArticleHasFocusWithoutAClick(t *testing.T) {
	env := newTestEnv(t)
	d := &drawnOnly{Driver: env.app.Driver(), drawn: map[fyne.CanvasObject]fyne.Canvas{}}
	env.app = drawnOnlyApp{App: env.app, d: d}
	fyne.SetCurrentApp(env.app)
	w := New(env.app, env.cfg)
	w.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(w.waitTasks)
	c := w.win.Canvas()
	d.draw(c) // the window shows before the database is open
	w.flush()
	if w.currentDoc() == 0 {
		t.Fatal("no document shown at start-up")
	}
	if !w.editor.HasFocus() {
		t.Fatalf("at start-up the focus is on %T, want the article text", c.Focused())
	}

	other := newDatabaseFile(t, env, "other.db")
	env.disk.stores[other].addDocs(t, 2)
	d.draw(c)
	w.openDatabase(other)
	d.draw(c) // "Opening …"
	w.flush()
	if w.store.Path() != other || w.currentDoc() == 0 {
		t.Fatalf("%s did not open with a document", other)
	}
	if !w.editor.HasFocus() {
		t.Fatalf("after opening a database the focus is on %T, want the article text", c.Focused())
	}

	d.draw(c)
	c.Unfocus() // say a click on the status bar took it
	w.showHelp()
	d.draw(c)
	w.closeTopDialog()
	if !w.editor.HasFocus() {
		t.Fatalf("after a dialog closed the focus is on %T, want the article text", c.Focused())
	}

	c.Focus(w.docs.search)
	w.showHelp()
	w.closeTopDialog()
	if c.Focused() != fyne.Focusable(w.docs.search) {
		t.Errorf("closing a dialog took the focus from the search field to %T", c.Focused())
	}
}

// A key pressed while nothing has the focus (a click on blank space drops
// it) acts on the article as if the text had it, and the text keeps the
// focus; PageDown then still opens the next document, as help says.
func TestKeyWithNothingFocusedGoesToArticle(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	c := w.win.Canvas()
	doc := w.currentDoc()
	w.editor.SelectWords(0, 5)
	c.Unfocus()
	c.OnTypedRune()('1')
	w.flush()
	ann, err := env.store().FindAnnotations(t.Context(), doc)
	if err != nil || len(ann.Entities) != 1 || ann.Entities[0].Label != "PERSON" {
		t.Fatalf("the key 1 with nothing focused stored %+v, %v; want one PERSON span", ann, err)
	}
	if !w.editor.HasFocus() {
		t.Errorf("after the key the focus is on %T, want the article text", c.Focused())
	}
	c.Unfocus()
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	w.flush()
	if w.currentDoc() == doc {
		t.Error("PageDown with nothing focused did not open the next document")
	}
}
