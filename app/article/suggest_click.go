package article

// A selected proposed name is a span the analyst can act on like a word
// selection: a label key labels exactly its span, Shift+click extends a
// word selection from it.

// selectedName returns the selected suggestion when it proposes a name,
// else -1.
func (e *Editor) selectedName() int {
	if i := e.SelectedSuggestion(); i >= 0 && e.m.sugg.list[i].Entity != nil {
		return i
	}
	return -1
}

// labelSuggestion accepts the selected proposed name with label instead
// of its own (one undoable action) and reports whether one was selected.
func (e *Editor) labelSuggestion(label string) bool {
	i := e.selectedName()
	if i < 0 {
		return false
	}
	s := e.m.sugg.list[i]
	ent := *s.Entity
	ent.Label = label
	s.Entity = &ent
	e.acceptSuggestionAs(i, s)
	return true
}

// suggestionAnchor returns the end of the selected proposed name farthest
// from token toward, where a Shift+click or Shift+drag to toward anchors
// its word selection; -1 when no name is selected.
func (e *Editor) suggestionAnchor(toward int) int {
	i := e.selectedName()
	if i < 0 || toward < 0 {
		return -1
	}
	r := e.m.suggestionTokens(i)
	if r.empty() {
		return -1
	}
	if toward < r.first {
		return r.end - 1
	}
	return r.first
}

// extendFromSuggestion turns the selected proposed name into a word
// selection reaching token tok and reports whether one was selected.
func (e *Editor) extendFromSuggestion(tok int) bool {
	a := e.suggestionAnchor(tok)
	if a < 0 {
		return false
	}
	e.review.sel = 0
	e.text = selection{anchor: a, caret: tok}
	e.selectionMade()
	return true
}

// Refresh redraws the view. The selected suggestion changes in many
// places (clicks, keys, accepts, a new set), and all of them redraw: here
// the side panel learns of it, to show the suggestion in its inspector.
func (t *textView) Refresh() {
	if e := t.ed; e != nil && e.OnSelect != nil {
		var now [2]int // none: a new set must not redo the inspector
		if i := e.SelectedSuggestion(); i >= 0 {
			now = [2]int{i + 1, e.m.sugg.gen}
		}
		if now != t.toldSugg {
			t.toldSugg = now
			e.OnSelect(e.sel)
		}
	}
	t.BaseWidget.Refresh()
}

// AcceptSuggestion accepts the suggestion with key in the open document.
func (e *Editor) AcceptSuggestion(key string) {
	if i := e.suggestionIndex(key); i >= 0 {
		e.acceptSuggestion(i)
	}
}

// suggestionIndex returns the index of the suggestion with key, or -1.
func (e *Editor) suggestionIndex(key string) int {
	for i := range e.m.sugg.list {
		if e.m.sugg.list[i].Key() == key {
			return i
		}
	}
	return -1
}
