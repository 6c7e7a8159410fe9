package app

// suggestionsChanged shows the open document's suggestion counts in the
// status bar.
func (w *Window) suggestionsChanged() {
	if w.editor == nil {
		return
	}
	w.status.suggest.SetText(w.editor.SuggestionSummary())
}
