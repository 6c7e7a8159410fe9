package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"byline/annotate"
	"byline/app/article"
)

// Esc closes the dialog on top: help (F1), statistics, a message.
var errTest = annotate.Errorf(annotate.EINVALID, "test failure")

func TestEscapeClosesDialogs(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	c := w.win.Canvas()
	esc := func() {
		if f := c.Focused(); f != nil {
			f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
			return
		}
		c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	}
	tests := []struct {
		name string
		open func()
	}{
		{"help", func() { c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF1}) }},
		{"statistics", func() { w.showStats(); w.waitTasks() }},
		{"message", func() { w.showError("Edit", errTest) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.open()
			if c.Overlays().Top() == nil {
				t.Fatal("no dialog opened")
			}
			esc()
			if top := c.Overlays().Top(); top != nil {
				t.Fatalf("Esc left %T open", top)
			}
		})
	}
	// Two dialogs: Esc closes the newer one first.
	w.showStats()
	w.waitTasks()
	w.showError("Edit", errTest)
	esc()
	if c.Overlays().Top() == nil || len(w.dialogs) != 1 {
		t.Fatalf("after one Esc: %d dialogs open", len(w.dialogs))
	}
	esc()
	if c.Overlays().Top() != nil || len(w.dialogs) != 0 {
		t.Fatal("the statistics stayed open")
	}
}

// Ctrl+Enter marks the document done; going back to it and undoing puts
// the status menu, the list row and the progress bar back.
func TestUndoStatusChangeUpdatesWindow(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	first := w.currentDoc()
	w.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyReturn))
	w.flush()
	if w.currentDoc() == first || w.docs.progress.Value != 1 {
		t.Fatalf("done and next: open %d, progress %v", w.currentDoc(), w.docs.progress.Value)
	}
	w.runShortcut(alt(fyne.KeyUp))
	w.flush()
	if w.currentDoc() != first || w.docBar.status.Selected != statusNames[annotate.StatusDone] {
		t.Fatalf("back: open %d, status menu %q", w.currentDoc(), w.docBar.status.Selected)
	}
	undoDoneStatus(t, w)
}

// undoDoneStatus undoes marking the open document done and checks that
// the status menu, the list row and the progress bar show it to do again.
func undoDoneStatus(t *testing.T, w *Window) {
	t.Helper()
	if err := w.editor.Undo(); err != nil {
		t.Fatal(err)
	}
	w.flush()
	row, _ := w.docs.pages.row(w.docs.currentIndex())
	if got := w.docBar.status.Selected; got != statusNames[annotate.StatusTodo] {
		t.Errorf("status menu %q after undo, want To do", got)
	}
	if row.Status != annotate.StatusTodo {
		t.Errorf("list row status %s after undo", row.Status)
	}
	if w.docs.progress.Value != 0 {
		t.Errorf("progress %v after undo, want 0", w.docs.progress.Value)
	}
}

// Esc typed into a dialog's text field closes that dialog (a plain text
// field drops Esc); F1 typed into the list's search field opens help, and
// Esc in that field gives the focus back to the article.
func TestEscapeInTextFieldClosesDialog(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	c := w.win.Canvas()
	tests := []struct {
		name string
		open func()
	}{
		{"annotator name", w.showAnnotatorDialog},
		{"new database", w.showNewDatabase},
		{"export", w.showExport},
		{"schema editor", w.showSchemaEditor},
		{"export schema", w.showExportSchema},
		{"open database", w.showOpenDatabase},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.open()
			top := c.Overlays().Top()
			if top == nil {
				t.Fatal("no dialog opened")
			}
			// Type into the dialog's first text field, if it has one; a
			// file chooser leaves the focus with no field.
			for _, o := range test.LaidOutObjects(top) {
				if f, ok := o.(*article.Field); ok && !f.Disabled() {
					c.Focus(f)
					test.Type(f, "x")
					break
				}
			}
			if f := c.Focused(); f != nil {
				f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
			} else {
				c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
			}
			if top := c.Overlays().Top(); top != nil {
				t.Fatalf("Esc left %T open (focus on %T)", top, c.Focused())
			}
		})
	}

	c.Focus(w.docs.search)
	w.docs.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
	if w.helpOpen == nil || c.Overlays().Top() == nil {
		t.Fatal("F1 in the search field did not open help")
	}
	w.closeTopDialog()
	c.Focus(w.docs.search)
	w.docs.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if f := c.Focused(); f == nil || f == fyne.Focusable(w.docs.search) {
		t.Errorf("Esc in the search field left the focus on %T", f)
	}
}

// Ctrl+F finds in the text also when nothing has the focus: typing then
// goes to the find field.
func TestCtrlFWithNothingFocused(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	c := w.win.Canvas()
	c.Unfocus()
	c.(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyF))
	f, ok := c.Focused().(*article.Field)
	if !ok {
		t.Fatalf("focus on %T after Ctrl+F, want the find field", c.Focused())
	}
	test.Type(f, "Geneva")
	if f.Text != "Geneva" {
		t.Fatalf("find field holds %q", f.Text)
	}
}
