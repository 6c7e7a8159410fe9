package article

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// The key map. Dispatch and KeyBindings both read these tables, so the help
// overlay always shows what the keys really do.

type runeCommand struct {
	r     rune
	keys  string
	about string
	run   func(e *Editor)
}

var runeCommands = []runeCommand{
	{'q', "Q", "Make the selected words a quote (then click its speaker)", func(e *Editor) { _ = e.createQuote() }},
	{'Q', "Shift+Q", "Add the selected words to the selected quote (split quote)", func(e *Editor) { _ = e.addQuoteSegment() }},
	{'s', "S", "Set the selected quote's speaker: press, then click the speaker span", (*Editor).startSpeaker},
	{'c', "C", "Set the selected quote's cue: press, then select the cue words", (*Editor).startCue},
	{'l', "L", "Link the selected mention to an actor: type to filter, ↑↓ and Enter to link, Shift+Enter for a new actor", (*Editor).OpenActorChooser},
	{'r', "R", "Start a relation from the selected span: click the tail, then pick the type (on a selected relation: change its type)", (*Editor).startRelation},
}

type keyCommand struct {
	name  fyne.KeyName
	shift bool
	keys  string
	about string
	run   func(e *Editor)
}

var keyCommands = []keyCommand{
	{fyne.KeyEscape, false, "Esc", "Cancel the pending command, then clear the selection", (*Editor).escape},
	{fyne.KeyDelete, false, "Delete", "Delete the selected annotation (and the links that use it)", (*Editor).deleteSelected},
	{fyne.KeyBackspace, false, "Backspace", "Delete the selected annotation", (*Editor).deleteSelected},
	{fyne.KeyLeft, true, "Shift+Left", "Move the selection's end one word (token) left", func(e *Editor) { e.moveCaret(-1, true) }},
	{fyne.KeyRight, true, "Shift+Right", "Move the selection's end one word (token) right", func(e *Editor) { e.moveCaret(1, true) }},
	{fyne.KeyLeft, false, "Left", "Select the previous word (while picking a speaker or tail: the previous span)", func(e *Editor) {
		if !e.cycleCandidate(-1) {
			e.moveCaret(-1, false)
		}
	}},
	{fyne.KeyRight, false, "Right", "Select the next word (while picking a speaker or tail: the next span)", func(e *Editor) {
		if !e.cycleCandidate(1) {
			e.moveCaret(1, false)
		}
	}},
	{fyne.KeyReturn, false, "Enter", "Choose the picked span, or confirm the only offered relation type", (*Editor).enter},
	{fyne.KeyEnter, false, "Enter", "", (*Editor).enter},
}

type shortcutCommand struct {
	key   fyne.KeyName
	mod   fyne.KeyModifier
	keys  string
	about string
	run   func(e *Editor)
}

var shortcutCommands = []shortcutCommand{
	{fyne.KeyZ, fyne.KeyModifierShortcutDefault, "Ctrl+Z", "Undo", func(e *Editor) { _ = e.Undo() }},
	{fyne.KeyZ, fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift, "Ctrl+Shift+Z", "Redo", func(e *Editor) { _ = e.Redo() }},
	{fyne.KeyY, fyne.KeyModifierShortcutDefault, "Ctrl+Y", "Redo", func(e *Editor) { _ = e.Redo() }},
	{fyne.KeyF, fyne.KeyModifierShortcutDefault, "Ctrl+F", "Find in the text", func(e *Editor) { e.view.showFind() }},
	{fyne.KeyC, fyne.KeyModifierShortcutDefault, "Ctrl+C", "Copy the selected words", (*Editor).copySelection},
	{fyne.KeyLeft, fyne.KeyModifierAlt | fyne.KeyModifierShift, "Alt+Shift+Left", "Move the selection's end one character left", func(e *Editor) { e.moveCaretChar(-1) }},
	{fyne.KeyRight, fyne.KeyModifierAlt | fyne.KeyModifierShift, "Alt+Shift+Right", "Move the selection's end one character right", func(e *Editor) { e.moveCaretChar(1) }},
}

// KeyBindings lists the article view's keys for the help overlay: the
// schema's label hotkeys first, then the commands.
func (e *Editor) KeyBindings() []Binding {
	var out []Binding
	for _, l := range e.m.schema.Entities {
		if l.Hotkey != "" {
			out = append(out, Binding{Keys: l.Hotkey, Description: "Label the selection " + l.Name + " (or relabel the selected span)"})
		}
	}
	out = append(out, Binding{Keys: "1–9", Description: "While choosing a relation type: pick the numbered type"})
	for _, c := range runeCommands {
		out = append(out, Binding{Keys: c.keys, Description: c.about})
	}
	for _, c := range keyCommands {
		if c.about != "" {
			out = append(out, Binding{Keys: c.keys, Description: c.about})
		}
	}
	for _, c := range shortcutCommands {
		out = append(out, Binding{Keys: c.keys, Description: c.about})
	}
	out = append(out, suggestionBindings...)
	out = append(out,
		Binding{Keys: "Drag", Description: "Select words (snapped to whole words)"},
		Binding{Keys: "Alt+drag", Description: "Select characters (not snapped to words)"},
		Binding{Keys: "Double-click", Description: "Select one word (also inside a span)"},
		Binding{Keys: "Triple-click", Description: "Select the paragraph"},
		Binding{Keys: "Shift+click", Description: "Extend the selection"},
		Binding{Keys: "Click a span", Description: "Select it (click again for the span around it)"},
	)
	out = append(out, chooserBindings...)
	return out
}

// typedRune dispatches a printable key and reports whether it was used.
func (e *Editor) typedRune(r rune) bool {
	if e.mode.kind == modeRelType {
		if r >= '1' && r <= '9' {
			_ = e.pickRelationType(int(r - '1'))
			return true
		}
		e.cancelMode()
	}
	if e.suggestionRune(r) {
		return true
	}
	for _, c := range runeCommands {
		if c.r == r {
			c.run(e)
			return true
		}
	}
	if l, ok := e.m.schema.LabelForHotkey(string(r)); ok {
		_ = e.ApplyLabel(l.Name)
		return true
	}
	return false
}

// typedKey dispatches a named key and reports whether it was used; shift
// says whether Shift is held.
func (e *Editor) typedKey(name fyne.KeyName, shift bool) bool {
	if e.suggestionKey(name, shift) {
		return true
	}
	for _, c := range keyCommands {
		if c.name == name && (c.shift == shift || (!c.shift && !hasShiftVariant(name))) {
			c.run(e)
			return true
		}
	}
	return false
}

func hasShiftVariant(name fyne.KeyName) bool {
	for _, c := range keyCommands {
		if c.name == name && c.shift {
			return true
		}
	}
	return false
}

// typedShortcut runs a shortcut of the key map and reports whether it did.
func (e *Editor) typedShortcut(s fyne.Shortcut) bool {
	key, mod := shortcutKey(s)
	if e.suggestionShortcut(key, mod) {
		return true
	}
	for _, c := range shortcutCommands {
		if c.key == key && c.mod == mod {
			c.run(e)
			return true
		}
	}
	return false
}

// shortcutKey reduces Fyne's standard shortcuts to key and modifier.
func shortcutKey(s fyne.Shortcut) (fyne.KeyName, fyne.KeyModifier) {
	switch s := s.(type) {
	case *fyne.ShortcutUndo:
		return fyne.KeyZ, fyne.KeyModifierShortcutDefault
	case *fyne.ShortcutRedo:
		return fyne.KeyY, fyne.KeyModifierShortcutDefault
	case *fyne.ShortcutCopy:
		return fyne.KeyC, fyne.KeyModifierShortcutDefault
	case *desktop.CustomShortcut:
		return s.KeyName, s.Modifier
	}
	return "", 0
}

func (e *Editor) escape() {
	switch {
	case e.cancelMode():
	case e.view.findVisible() && e.view.find.matchCount() > 0:
		e.view.hideFind()
	case e.text.active():
		e.text = noSelection
	default:
		e.setSelected(Ref{})
	}
	e.view.text.Refresh()
}

func (e *Editor) deleteSelected() {
	if e.sel.IsZero() {
		return
	}
	_ = e.Delete(e.sel)
}

func (e *Editor) enter() {
	if !e.confirmCandidate() {
		e.confirmSingleType()
	}
}

func (e *Editor) confirmSingleType() {
	if e.mode.kind == modeRelType && len(e.mode.types) == 1 {
		_ = e.pickRelationType(0)
	}
}

// moveCaret moves the selection's end by one word (extend) or moves a
// one-word selection (no extend).
func (e *Editor) moveCaret(delta int, extend bool) {
	n := len(e.m.toks)
	if n == 0 {
		return
	}
	if !e.text.active() {
		start := e.view.text.firstVisibleToken()
		if r := e.refTokens(e.sel); !r.empty() {
			start = r.first
		}
		e.text = selection{anchor: start, caret: start}
		e.view.text.scrollToToken(start)
		e.view.text.Refresh()
		return
	}
	c := min(max(e.text.caret+delta, 0), n-1)
	if extend {
		e.text.caret = c
	} else {
		e.text = selection{anchor: c, caret: c}
	}
	e.view.text.scrollToToken(c)
	e.view.text.Refresh()
}

// moveCaretChar moves the selection's end by one character, turning a
// selection of words into one of characters.
func (e *Editor) moveCaretChar(delta int) {
	if !e.text.active() {
		e.moveCaret(delta, false)
		return
	}
	sel := e.text
	if !sel.chars {
		start, end := sel.codePoints(e.m)
		a, c := start, end
		if sel.caret < sel.anchor {
			a, c = end, start
		}
		sel = e.m.charSelection(a, c)
	}
	c := min(max(sel.cpCaret+delta, 0), e.m.index.Len())
	if c == sel.cpAnchor {
		return // keep at least one character
	}
	e.text = e.m.charSelection(sel.cpAnchor, c)
	e.view.text.scrollToToken(e.text.caret)
	e.view.text.Refresh()
}

func (e *Editor) copySelection() {
	if !e.text.active() {
		return
	}
	start, end := e.text.codePoints(e.m)
	if app := fyne.CurrentApp(); app != nil {
		app.Clipboard().SetContent(e.m.index.Slice(start, end))
	}
}
