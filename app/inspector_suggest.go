package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
)

// showSuggestion fills the inspector with the selected suggestion: what it
// proposes, why, and buttons that accept or reject it. It reports whether
// a suggestion is selected.
func (in *inspector) showSuggestion() bool {
	ed := in.w.editor
	i := ed.SelectedSuggestion()
	if i < 0 {
		return false
	}
	s := ed.Suggestions()[i]
	key := s.Key()
	row := func(name, value string) fyne.CanvasObject {
		return container.NewBorder(nil, nil, widget.NewLabel(name), nil, wrappedLabel(value))
	}
	in.suggestTitle.SetText(suggestionTitle(&s))
	in.content.Add(in.suggestTitle)
	if q := s.Quote; q != nil {
		in.content.Add(row("Kind", string(q.Kind)))
		if sp := q.Speaker; sp != nil {
			who := "“" + sp.Text + "” " + sp.Label
			if sp.Pronoun != nil {
				who = "“" + sp.Pronoun.Text + "” = " + who
			}
			if sp.EntityID == 0 {
				who += " (new span)"
			}
			in.content.Add(row("Speaker", who))
		}
		if q.Cue != nil {
			in.content.Add(row("Cue", "“"+q.Cue.Text+"”"))
		}
	}
	in.content.Add(row("Why", s.Reason))
	in.acceptSugg.OnTapped = func() { ed.AcceptSuggestion(key); ed.Focus() }
	in.rejectSugg.OnTapped = func() { ed.RejectSuggestion(key); ed.Focus() }
	in.content.Add(container.NewGridWithColumns(2, in.acceptSugg, in.rejectSugg))
	in.content.Refresh()
	return true
}

// suggestionTitle names what a suggestion proposes.
func suggestionTitle(s *annotate.Suggestion) string {
	switch {
	case s.Entity != nil:
		return "Suggested " + s.Entity.Label + " “" + annotate.Snippet(s.Entity.Text, 80) + "”"
	case s.Link != nil:
		return "Suggested link: “" + annotate.Snippet(s.Link.Text, 40) + "” is " + s.Link.Actor.Name
	case s.Quote != nil && len(s.Quote.Content) > 0:
		return "Suggested quote: " + annotate.Snippet(s.Quote.Content[0].Text, 80)
	}
	return "Suggestion"
}

// wrappedLabel is a label that wraps at word boundaries, so long text
// fits the narrow side panel and dialogs instead of widening them.
func wrappedLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// newSuggestionButtons makes the inspector's Accept and Reject buttons.
func newSuggestionButtons() (accept, reject *widget.Button) {
	accept = widget.NewButtonWithIcon("Accept", theme.ConfirmIcon(), nil)
	accept.Importance = widget.HighImportance
	reject = widget.NewButtonWithIcon("Reject", theme.CancelIcon(), nil)
	return accept, reject
}
