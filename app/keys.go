package app

import (
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
)

// command is one window action: where it sits in the main menu and the key
// that runs it. The help overlay is generated from the same table.
type command struct {
	menu     string
	label    string
	shortcut fyne.Shortcut // nil when the action has no Ctrl/Alt shortcut
	keys     string        // keys shown in help for actions without a shortcut
	action   func()
}

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func alt(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}
}

// commands is the window's key map.
func (w *Window) commands() []*command {
	status := func(s annotate.Status) func() { return func() { w.setStatus(w.currentDoc(), s) } }
	return []*command{
		{menu: "File", label: "Open database…", shortcut: ctrl(fyne.KeyO), action: w.showOpenDatabase},
		{menu: "File", label: "New database…", shortcut: ctrl(fyne.KeyN), action: w.showNewDatabase},
		{menu: "File", label: "Import articles…", shortcut: ctrl(fyne.KeyI), action: w.showImport},
		{menu: "File", label: "Export…", shortcut: ctrl(fyne.KeyE), action: w.showExport},
		{menu: "File", label: "Annotator name…", action: w.showAnnotatorDialog},
		{menu: "Document", label: "Mark done and open next", shortcut: ctrl(fyne.KeyReturn), action: w.doneAndNext},
		{menu: "Document", label: "Next document", shortcut: alt(fyne.KeyDown), action: func() { w.step(1) }},
		{menu: "Document", label: "Previous document", shortcut: alt(fyne.KeyUp), action: func() { w.step(-1) }},
		{menu: "Document", label: "Mark in progress", action: status(annotate.StatusInProgress)},
		{menu: "Document", label: "Mark skipped", action: status(annotate.StatusSkipped)},
		{menu: "Document", label: "Mark to do", action: status(annotate.StatusTodo)},
		{menu: "Document", label: "Strip page debris", action: w.stripDebris},
		{menu: "Schema", label: "Edit schema…", action: w.showSchemaEditor},
		{menu: "Schema", label: "Import schema…", action: w.showImportSchema},
		{menu: "Schema", label: "Export schema…", action: w.showExportSchema},
		{menu: "View", label: "Statistics…", action: w.showStats},
		{menu: "View", label: "Show or hide suggestions", shortcut: alt(fyne.KeyS), action: w.toggleSuggestions},
		{menu: "View", label: "Actors", action: w.showActors},
		{menu: "View", label: "Undo actor change", action: func() { w.undoActorChange(true) }},
		{menu: "View", label: "Redo actor change", action: func() { w.undoActorChange(false) }},
		{menu: "Help", label: "Keyboard shortcuts", keys: "F1 or ?", action: w.showHelp},
	}
}

var menuOrder = []string{"File", "Document", "Schema", "View", "Help"}

func (w *Window) mainMenu() *fyne.MainMenu {
	var menus []*fyne.Menu
	for _, name := range menuOrder {
		var items []*fyne.MenuItem
		for _, c := range w.cmds {
			if c.menu != name {
				continue
			}
			it := fyne.NewMenuItem(c.label, w.unlessModal(c.action))
			it.Shortcut = c.shortcut
			items = append(items, it)
		}
		menus = append(menus, fyne.NewMenu(name, items...))
	}
	return fyne.NewMainMenu(menus...)
}

// installKeys adds the shortcuts to the canvas as well (they fire there when
// no widget holds the focus, and in tests) and binds F1 and ?.
func (w *Window) installKeys() {
	c := w.win.Canvas()
	for _, cmd := range w.cmds {
		if cmd.shortcut != nil {
			act := w.unlessModal(cmd.action)
			c.AddShortcut(cmd.shortcut, func(fyne.Shortcut) { act() })
		}
	}
	// Ctrl+F is the article's, but works too when nothing has the focus
	// (after a click beside the text), so it always finds in the text.
	find := w.unlessModal(func() {
		if w.editor != nil {
			w.editor.Find()
		}
	})
	c.AddShortcut(ctrl(fyne.KeyF), func(fyne.Shortcut) { find() })
	c.SetOnTypedKey(func(e *fyne.KeyEvent) { w.typedKey(e) })
	c.SetOnTypedRune(func(r rune) { w.typedRune(r) })
}

// unlessModal drops a shortcut that arrives while a dialog is open, so
// Ctrl+I does not stack an import over the export dialog.
func (w *Window) unlessModal(f func()) func() {
	return func() {
		if w.win.Canvas().Overlays().Top() == nil {
			f()
		}
	}
}

// typedKey handles unmodified keys that no widget took (the article view
// passes on the keys it does not use).
func (w *Window) typedKey(e *fyne.KeyEvent) bool {
	c := w.win.Canvas()
	if c.Overlays().Top() != nil {
		// Esc closes the dialog on top (help, statistics, messages,
		// file choosers) when none of its fields took the key.
		if e.Name == fyne.KeyEscape {
			return w.closeTopDialog()
		}
		return false
	}
	switch {
	case e.Name == fyne.KeyF1:
		w.showHelp()
	// PageDown/PageUp change documents only when nothing has the focus, so
	// they never surprise someone reading an article.
	case e.Name == fyne.KeyPageDown && c.Focused() == nil:
		w.step(1)
	case e.Name == fyne.KeyPageUp && c.Focused() == nil:
		w.step(-1)
	default:
		return w.toArticle(func(f fyne.Focusable) { f.TypedKey(e) })
	}
	return true
}

func (w *Window) typedRune(r rune) bool {
	if r == '?' && w.win.Canvas().Overlays().Top() == nil {
		w.showHelp()
		return true
	}
	return w.toArticle(func(f fyne.Focusable) { f.TypedRune(r) })
}

// toArticle hands a key that reached the window with nothing focused (a
// click on blank space drops the focus) to the article text, which takes
// the focus with it, as if the analyst had clicked into the text first.
// The text passes back the keys it does not use while it has the focus,
// so they end here with it focused and go no further.
func (w *Window) toArticle(deliver func(fyne.Focusable)) bool {
	f := w.focusArticle()
	if f == nil {
		return false
	}
	deliver(f)
	return true
}

// runShortcut runs the command bound to s, as the menu does.
func (w *Window) runShortcut(s fyne.Shortcut) bool {
	for _, c := range w.cmds {
		if c.shortcut != nil && c.shortcut.ShortcutName() == s.ShortcutName() {
			c.action()
			return true
		}
	}
	return false
}

// keyNames spells keys the way help shows them.
var keyNames = map[fyne.KeyName]string{
	fyne.KeyReturn: "Enter", fyne.KeyEnter: "Enter", fyne.KeyDown: "Down", fyne.KeyUp: "Up",
	fyne.KeyLeft: "Left", fyne.KeyRight: "Right", fyne.KeyPageDown: "PageDown", fyne.KeyPageUp: "PageUp",
	fyne.KeyEscape: "Esc", fyne.KeyDelete: "Delete", fyne.KeyBackspace: "Backspace",
}

// shortcutLabel writes a shortcut as "Ctrl+Shift+Z" (Cmd on macOS).
func shortcutLabel(s fyne.Shortcut) string {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok {
		return s.ShortcutName()
	}
	var parts []string
	if cs.Modifier&fyne.KeyModifierControl != 0 {
		parts = append(parts, "Ctrl")
	}
	if cs.Modifier&fyne.KeyModifierSuper != 0 {
		if runtime.GOOS == "darwin" {
			parts = append(parts, "Cmd")
		} else {
			parts = append(parts, "Super")
		}
	}
	if cs.Modifier&fyne.KeyModifierAlt != 0 {
		parts = append(parts, "Alt")
	}
	if cs.Modifier&fyne.KeyModifierShift != 0 {
		parts = append(parts, "Shift")
	}
	name, ok := keyNames[cs.KeyName]
	if !ok {
		name = string(cs.KeyName)
	}
	return strings.Join(append(parts, name), "+")
}

// helpEntry is one line of the help overlay.
type helpEntry struct {
	group, keys, description string
}

// windowKeys are the window's keys that are not menu commands; typedKey
// handles them.
var windowKeys = []helpEntry{
	{"Window", "PageDown, PageUp", "Next or previous document (when nothing has the focus)"},
}

// helpEntries lists every shortcut: the window's commands and keys, then
// the editor's own bindings, all read from the live key maps.
func (w *Window) helpEntries() []helpEntry {
	var out []helpEntry
	for _, c := range w.cmds {
		keys := c.keys
		if c.shortcut != nil {
			keys = shortcutLabel(c.shortcut)
		}
		if keys != "" {
			out = append(out, helpEntry{"Window", keys, c.label})
		}
	}
	out = append(out, windowKeys...)
	if w.editor != nil {
		for _, b := range w.editor.KeyBindings() {
			out = append(out, helpEntry{"Article", b.Keys, b.Description})
		}
	}
	return out
}

// showHelp opens the overlay listing every keyboard shortcut.
func (w *Window) showHelp() {
	grid := container.New(layout.NewFormLayout())
	group := ""
	for _, e := range w.helpEntries() {
		if e.group != group {
			group = e.group
			if len(grid.Objects) > 0 {
				grid.Add(widget.NewLabel(""))
				grid.Add(widget.NewLabel(""))
			}
			grid.Add(widget.NewLabelWithStyle(group, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
			grid.Add(widget.NewLabel(""))
		}
		grid.Add(widget.NewLabelWithStyle(e.keys, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(e.description))
	}
	scroll := container.NewVScroll(grid)
	scroll.SetMinSize(fyne.NewSize(640, 520))
	d := dialog.NewCustom("Keyboard shortcuts", "Close", scroll, w.win)
	w.helpOpen = d
	w.showDialog(d)
}

// showDialog shows d and remembers it until it closes, so Esc can close it.
func (w *Window) showDialog(d dialog.Dialog) {
	w.dialogs = append(w.dialogs, d)
	d.SetOnClosed(func() {
		for i, o := range w.dialogs {
			if o == d {
				w.dialogs = append(w.dialogs[:i], w.dialogs[i+1:]...)
				break
			}
		}
		w.focusArticle()
	})
	d.Show()
}

// closeTopDialog dismisses the most recently shown dialog still open; it
// reports whether there was one.
func (w *Window) closeTopDialog() bool {
	if len(w.dialogs) == 0 {
		return false
	}
	w.dialogs[len(w.dialogs)-1].Hide()
	return true
}
