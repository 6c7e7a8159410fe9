package app

import (
	"context"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
	"byline/app/article"
)

// Opening a database runs its migrations and SQLite's integrity check,
// which take seconds on a large file, so it happens off the UI goroutine.
// Meanwhile the window shows "Opening …", the previous database is set
// aside (w.store and w.editor are nil, so no command acts on either), and
// the commands that need a database are disabled. The latest open wins: a
// store whose open was overtaken is closed as soon as it is ready.

// dbOpening is the database being opened and what it replaces.
type dbOpening struct {
	path string
	// prevStore and prevEditor come back when the open fails and are
	// closed (after their queued writes) when it succeeds.
	prevStore  annotate.Store
	prevEditor *article.Editor
	// busy is the bar that moves while the file opens. It is stopped when
	// the open ends: an infinite bar's animation outlives its removal from
	// the window and had the window redrawn 60 times a second, a core's
	// worth of CPU, for as long as it ran.
	busy *widget.ProgressBarInfinite
}

// endOpening ends the open under way, stopping its bar, and returns it.
func (w *Window) endOpening() *dbOpening {
	o := w.opening
	w.opening = nil
	if o != nil && o.busy != nil {
		o.busy.Stop()
	}
	return o
}

// allowedWhileOpening are the commands that do not touch a store: another
// open (the latest wins) and help.
var allowedWhileOpening = map[string]bool{
	"Open database…": true, "New database…": true, "Keyboard shortcuts": true,
}

// openingText is what the window says while path opens.
func openingText(path string) string {
	return "Opening " + filepath.Base(path) + "… (checking integrity)"
}

// startOpen opens path off the UI goroutine (creating it, and adding the
// sample articles when seed is set, if create is set) and switches to it
// when ready; action names the attempt in error messages.
func (w *Window) startOpen(path, action string, create, seed bool) {
	w.openMu.Lock()
	w.openGen++
	gen := w.openGen
	w.openMu.Unlock()
	w.showOpening(path)
	open, addSamples := w.cfg.OpenStore, w.cfg.Seed
	w.background.Add(1)
	go func() {
		defer w.background.Done()
		s, err := open(path, create)
		var seedErr error
		if err == nil && seed && addSamples != nil {
			seedErr = addSamples(context.Background(), s)
		}
		w.openMu.Lock()
		current := gen == w.openGen && !w.shutDown
		if current && s != nil {
			w.unclaimed[s] = true
		}
		w.openMu.Unlock()
		if !current {
			closeStore(s)
			return
		}
		// Handed over as the list's reads are: fyne.Do, or the next flush.
		w.docs.post(func() { w.opened(gen, path, action, s, err, seedErr) })
	}()
}

// opened takes a finished open's result on the UI goroutine.
func (w *Window) opened(gen int, path, action string, s annotate.Store, err, seedErr error) {
	w.openMu.Lock()
	delete(w.unclaimed, s)
	current := gen == w.openGen && !w.shutDown
	w.openMu.Unlock()
	if !current {
		closeStore(s) // a later open overtook this one
		return
	}
	prev := w.endOpening()
	if err != nil {
		w.restore(prev)
		if backup := annotate.NewestBackup(path); backup != "" && action == actionOpenDB && annotate.ErrorCode(err) == annotate.EDAMAGED {
			w.offerBackup(backup, err)
			return
		}
		w.showError(action, err)
		return
	}
	w.closeLater(prev.prevEditor, prev.prevStore)
	w.commandsEnabled(true)
	w.status.prompt("")
	w.setStore(s)
	if seedErr != nil {
		w.showError("Add the sample articles", seedErr)
	}
}

// cancelOpen abandons the open under way (the analyst went back to the
// database that is open) and brings that one back.
func (w *Window) cancelOpen() {
	if w.opening == nil {
		return
	}
	w.openMu.Lock()
	w.openGen++
	w.openMu.Unlock()
	w.restore(w.endOpening())
}

// showOpening sets the open database aside and says that path is opening.
func (w *Window) showOpening(path string) {
	if w.opening == nil {
		w.opening = &dbOpening{prevStore: w.store, prevEditor: w.editor}
		w.store, w.editor = nil, nil
		w.commandsEnabled(false)
	}
	w.opening.path = path
	text := openingText(path)
	if w.opening.busy != nil {
		w.opening.busy.Stop() // a newer open replaces the bar
	}
	busy := widget.NewProgressBarInfinite()
	w.opening.busy = busy
	w.centre.Objects = []fyne.CanvasObject{container.NewCenter(container.NewVBox(
		widget.NewLabelWithStyle(text, fyne.TextAlignCenter, fyne.TextStyle{Italic: true}),
		container.NewGridWrap(fyne.NewSize(320, busy.MinSize().Height), busy)))}
	w.centre.Refresh()
	w.win.Canvas().Unfocus() // no key reaches the set-aside article
	w.status.prompt(text)
	w.status.update()
	w.side.refresh()
	w.docBar.update()
	// No row of the set-aside database stays on show to be clicked.
	w.docs.setStore(nil)
	w.docs.summary.SetText("Opening " + filepath.Base(path) + "…")
}

// restore brings back the database that was open before a failed open.
func (w *Window) restore(prev *dbOpening) {
	w.commandsEnabled(true)
	w.store, w.editor = prev.prevStore, prev.prevEditor
	w.docs.setStore(w.store) // its list again, or "No database open"
	w.docs.setCurrent(w.currentDoc())
	w.centre.Objects = []fyne.CanvasObject{w.empty}
	if w.currentDoc() != 0 {
		w.centre.Objects[0] = w.editor.Widget()
	}
	w.centre.Refresh()
	w.status.prompt("")
	w.status.update()
	w.suggestionsChanged()
	w.side.refresh()
	w.docBar.update()
	if w.editor != nil {
		w.editor.Focus()
	}
}

// commandsEnabled disables (while a database opens) or enables the menu
// items and shortcuts of the commands that need a database.
func (w *Window) commandsEnabled(on bool) {
	if on {
		w.installKeys()
	} else {
		c := w.win.Canvas()
		for _, cmd := range w.cmds {
			if cmd.shortcut != nil && !allowedWhileOpening[cmd.label] {
				c.AddShortcut(cmd.shortcut, func(fyne.Shortcut) {})
			}
		}
		c.AddShortcut(ctrl(fyne.KeyF), func(fyne.Shortcut) {})
	}
	menu := w.win.MainMenu()
	if menu == nil {
		return
	}
	for _, m := range menu.Items {
		for _, it := range m.Items {
			it.Disabled = !on && !allowedWhileOpening[it.Label]
		}
	}
	menu.Refresh()
}

// closeLater closes a database the window has left: first the editor, which
// stores the writes still queued, then the store; off the UI goroutine, so
// switching never waits for them.
func (w *Window) closeLater(ed *article.Editor, s annotate.Store) {
	if ed == nil && s == nil {
		return
	}
	w.background.Add(1)
	go func() {
		defer w.background.Done()
		if ed != nil {
			ed.Close()
		}
		closeStore(s)
	}()
}

func closeStore(s annotate.Store) {
	if s != nil {
		s.Close()
	}
}

// shutdown follows the window's end: it waits for the opens and closes
// still running and closes every database the window holds.
func (w *Window) shutdown() {
	w.openMu.Lock()
	w.shutDown = true
	w.openMu.Unlock()
	w.background.Wait()
	w.openMu.Lock()
	for s := range w.unclaimed { // ready, but the window closed first
		s.Close()
	}
	w.unclaimed = map[annotate.Store]bool{}
	w.openMu.Unlock()
	if o := w.endOpening(); o != nil {
		w.closeLater(o.prevEditor, o.prevStore)
	}
	w.closeLater(w.editor, w.store)
	w.background.Wait()
}
