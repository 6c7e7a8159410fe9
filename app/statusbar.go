package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
)

// statusBar is the bottom line: document i of n, annotator (click to
// change), database path, and the saved state or the editor's prompt.
type statusBar struct {
	w         *Window
	position  *widget.Label
	annotator *widget.Button
	path      *widget.Label
	state     *widget.Label
	save      *widget.Label // "Saving…" while writes are queued, "Saved" after
	suggest   *widget.Label // "12 suggestions: 5 quotes, 7 names"
	content   fyne.CanvasObject
}

func newStatusBar(w *Window) *statusBar {
	b := &statusBar{w: w, position: widget.NewLabel(""), path: widget.NewLabel(""), state: widget.NewLabel(""), save: widget.NewLabel("")}
	b.annotator = widget.NewButtonWithIcon("", theme.AccountIcon(), w.showAnnotatorDialog)
	b.annotator.Importance = widget.LowImportance
	b.path.Truncation = fyne.TextTruncateEllipsis
	b.path.Importance = widget.LowImportance
	b.state.Truncation = fyne.TextTruncateEllipsis
	b.suggest = widget.NewLabel("")
	left := container.NewHBox(b.position, widget.NewSeparator(), b.annotator, widget.NewSeparator(), b.suggest)
	b.content = container.NewBorder(widget.NewSeparator(), nil, left, b.save,
		container.NewGridWithColumns(2, b.path, b.state))
	return b
}

// update redraws position, annotator and path.
func (b *statusBar) update() {
	s := b.w.store
	if o := b.w.opening; o != nil {
		b.position.SetText("Opening…")
		b.annotator.SetText("")
		b.path.SetText(o.path)
		b.suggest.SetText("") // they were the set-aside document's
		return
	}
	if s == nil {
		b.position.SetText("No database")
		b.annotator.SetText("")
		b.path.SetText("")
		b.suggest.SetText("")
		return
	}
	b.annotator.SetText(s.Annotator())
	b.path.SetText(s.Path())
	b.position.SetText(b.positionText())
	if b.save.Text == "" {
		b.save.SetText("All changes saved")
	}
}

// positionText is "Document 3 of 120" (by import order).
func (b *statusBar) positionText() string {
	id := b.w.currentDoc()
	p := b.w.docs.shown // read with the list, off the UI goroutine
	if id == 0 {
		return fmt.Sprintf("%d documents", p.Total)
	}
	ord := 0
	if i := b.w.docs.currentIndex(); i >= 0 {
		if s, ok := b.w.docs.pages.row(i); ok {
			ord = s.Ordinal
		}
	}
	if ord == 0 {
		return fmt.Sprintf("Document #%d · %d documents", id, p.Total)
	}
	return fmt.Sprintf("Document %d of %d", ord, p.Total)
}

// saving shows whether edits wait for their commit: "Saving…" until the
// last queued write is durable, "Saved" after.
func (b *statusBar) saving(busy bool) {
	if busy {
		b.save.SetText("Saving…")
	} else {
		b.save.SetText("Saved")
	}
}

// prompt shows an editor message ("Click the speaker span…"); an empty one
// clears a stale message and shows the saved state again.
func (b *statusBar) prompt(msg string) {
	b.state.SetText(msg)
}

// docBar sits above the article: status of the open document, "Done and
// next", and "Strip page debris" when the document has debris.
type docBar struct {
	w       *Window
	status  *widget.Select
	next    *widget.Button
	strip   *widget.Button
	content fyne.CanvasObject
	loading bool
}

func newDocBar(w *Window) *docBar {
	b := &docBar{w: w}
	var names []string
	for _, s := range annotate.Statuses {
		names = append(names, statusNames[s])
	}
	b.status = widget.NewSelect(names, func(string) {
		if i := b.status.SelectedIndex(); !b.loading && i >= 0 {
			w.setStatus(w.currentDoc(), annotate.Statuses[i])
		}
	})
	b.next = widget.NewButtonWithIcon("Done and next", theme.ConfirmIcon(), w.doneAndNext)
	b.next.Importance = widget.HighImportance
	b.strip = widget.NewButtonWithIcon("Strip page debris", theme.ContentClearIcon(), w.stripDebris)
	b.strip.Hide()
	b.content = container.NewHBox(widget.NewLabel("Status"), b.status, b.next, b.strip)
	return b
}

// update shows the open document's status and whether debris can go.
func (b *docBar) update() {
	b.loading = true
	defer func() { b.loading = false }()
	ed := b.w.editor
	if ed == nil || ed.DocumentID() == 0 {
		b.status.ClearSelected()
		b.status.Disable()
		b.next.Disable()
		b.strip.Hide()
		return
	}
	b.status.Enable()
	b.next.Enable()
	for i, s := range annotate.Statuses {
		if s == b.w.curStatus {
			b.status.SetSelectedIndex(i)
		}
	}
	if len(ed.Document().Debris) > 0 && ed.Annotations().Count() == 0 {
		b.strip.Show()
	} else {
		b.strip.Hide()
	}
}

// stripDebris removes the flagged page debris from the open document.
func (w *Window) stripDebris() {
	id := w.currentDoc()
	if id == 0 || w.store == nil {
		return
	}
	store := w.store
	w.editor.Queue(func(ctx context.Context) error { return store.StripDebris(ctx, id) }, func(err error) {
		if err != nil {
			w.showError("Strip page debris", err)
			return
		}
		w.openDocumentThen(id, func() { w.status.prompt("Page debris removed") })
	})
}
