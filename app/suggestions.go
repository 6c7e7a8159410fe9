package app

// suggestionsChanged shows the open document's suggestion counts in the
// status bar.
func (w *Window) suggestionsChanged() {
	if w.editor == nil {
		return
	}
	msg := w.editor.SuggestionSummary()
	if msg == "" && w.editor.Document() != nil && w.editor.Document().ID != 0 && !w.app.Preferences().BoolWithFallback(prefShowSugg, true) {
		// Say so while they are off, or an analyst may think there are none.
		msg = "Suggestions hidden (Alt+S)"
	}
	w.status.suggest.SetText(msg)
}

// toggleSuggestions shows or hides the proposals in the view and remembers
// the choice: an analyst who marks by hand gets the denser page back.
func (w *Window) toggleSuggestions() {
	prefs := w.app.Preferences()
	on := !prefs.BoolWithFallback(prefShowSugg, true)
	prefs.SetBool(prefShowSugg, on)
	if w.editor == nil {
		return
	}
	w.editor.ShowSuggestions(on)
	if on {
		w.status.prompt("Suggestions shown")
	} else {
		w.status.prompt("Suggestions hidden (Alt+S shows them)")
	}
}
