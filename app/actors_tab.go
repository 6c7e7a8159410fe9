package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
	"byline/app/article"
)

// Sort orders of the Actors tab.
const (
	sortByMentions = "By mentions"
	sortByName     = "By name"
)

// quotesShown caps the quotes listed for one actor; the CLI's
// `byline quotes` writes them all.
const quotesShown = 2000

// actorsTab is the side panel's Actors tab: the registry with mention and
// quote counts (filter, sort), and the selected actor's quotes across the
// corpus, newest first; a click on a quote opens its document there. Edit,
// merge and the registry's undo and redo act on the selected actor.
type actorsTab struct {
	w       *Window
	filter  *widget.Entry
	sort    *widget.Select
	list    *widget.List
	rows    []*annotate.ActorSummary
	current int64 // the selected actor's id, 0 for none
	quiet   bool  // set while the list's selection follows current

	header  *widget.Label
	edit    *widget.Button
	merge   *widget.Button
	remove  *widget.Button
	quotes  []annotate.ActorQuote
	qlist   *widget.List
	qnote   *widget.Label
	loadSeq int // the latest quotes read; older answers are dropped
	visible bool
	content fyne.CanvasObject
	ed      *article.Editor // the editor the tab shows the registry of

	// The open dialogs, for tests.
	editDialog            *dialog.FormDialog
	editName, editAliases *widget.Entry
	mergeDialog           *dialog.ConfirmDialog
	mergeList             *widget.List
	mergeFilter           *widget.Entry
}

func newActorsTab(w *Window) *actorsTab {
	t := &actorsTab{w: w}
	t.filter = widget.NewEntry()
	t.filter.SetPlaceHolder("Filter actors")
	t.filter.OnChanged = func(string) { t.refill() }
	t.sort = widget.NewSelect([]string{sortByMentions, sortByName}, nil)
	t.sort.SetSelected(sortByMentions)
	t.sort.OnChanged = func(string) { t.refill() }
	t.list = widget.NewList(
		func() int { return len(t.rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(t.rows) {
				o.(*widget.Label).SetText(actorLine(t.rows[i]))
			}
		})
	t.list.OnSelected = func(i widget.ListItemID) {
		if !t.quiet && i < len(t.rows) {
			t.selectActor(t.rows[i].ID)
		}
	}
	undo := widget.NewButtonWithIcon("", theme.ContentUndoIcon(), func() { t.undo(true) })
	redo := widget.NewButtonWithIcon("", theme.ContentRedoIcon(), func() { t.undo(false) })
	// The panel is narrow: the filter gets a row of its own.
	top := container.NewVBox(t.filter, container.NewBorder(nil, nil, nil, container.NewHBox(undo, redo), t.sort))

	t.header = widget.NewLabel("")
	t.header.Wrapping = fyne.TextWrapWord
	t.edit = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), t.showEdit)
	t.merge = widget.NewButton("Merge into…", t.showMerge)
	t.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), t.confirmDelete)
	t.qnote = widget.NewLabel("")
	t.qnote.Importance = widget.LowImportance
	t.qnote.Wrapping = fyne.TextWrapWord // one line would widen the panel and rewrap the article
	t.qlist = widget.NewList(
		func() int { return len(t.quotes) },
		func() fyne.CanvasObject {
			where := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			where.Truncation = fyne.TextTruncateEllipsis
			what := widget.NewLabel("")
			what.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(where, what)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(t.quotes) {
				return
			}
			where, what := quoteLines(&t.quotes[i])
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(where)
			box.Objects[1].(*widget.Label).SetText(what)
		})
	t.qlist.OnSelected = func(i widget.ListItemID) {
		t.qlist.UnselectAll()
		if i < len(t.quotes) {
			q := t.quotes[i]
			t.w.openQuote(q.DocumentID, q.QuoteID)
		}
	}
	buttons := container.NewHBox(t.edit, t.merge, t.remove)
	detail := container.NewBorder(container.NewVBox(widget.NewSeparator(), t.header, buttons, t.qnote), nil, nil, nil, t.qlist)
	split := container.NewVSplit(container.NewBorder(top, nil, nil, nil, t.list), detail)
	split.Offset = 0.4 // the quotes need the room more than the names
	t.content = split
	t.showActor()
	return t
}

// actorLine is one row of the list: name and counts (the label shows
// when the actor is selected; the panel is narrow).
func actorLine(a *annotate.ActorSummary) string {
	return fmt.Sprintf("%s — %s, %s", a.Name, annotate.Plural(a.Mentions, "mention"), annotate.Plural(a.Quotes, "quote"))
}

// quoteLines are a quote's two lines: date and title, then the content
// and cue.
func quoteLines(q *annotate.ActorQuote) (string, string) {
	where := q.Title
	if where == "" {
		where = q.ExternalID
	}
	if q.Published != "" {
		where = q.Published + " · " + where
	}
	// A direct quote's content has its own quotation marks.
	what := annotate.Snippet(q.Text(), 160)
	if q.Cue != nil {
		what += " — " + q.Cue.Text
	}
	return where, what
}

// setVisible is called when the tab is shown or hidden: shown, it reads
// the registry's counts again.
func (t *actorsTab) setVisible(v bool) {
	t.visible = v
	if v && t.w.editor != nil {
		t.w.editor.ReloadActors()
	}
}

// annotationsChanged follows the side panel: links changed the counts,
// which the rows show from the editor's registry copy; another database
// starts the tab afresh.
func (t *actorsTab) annotationsChanged() {
	if t.w.editor != t.ed {
		t.ed = t.w.editor
		t.current, t.quotes = 0, nil
		t.rows = t.rows[:0]
		t.qlist.Refresh()
		t.setVisible(t.visible)
		t.refill()
		return
	}
	if t.visible {
		t.list.Refresh()
	}
}

// registryChanged follows the editor's copy of the registry.
func (t *actorsTab) registryChanged() {
	if t.visible {
		t.refill()
	}
}

// refill rebuilds the list from the registry, the filter and the order.
func (t *actorsTab) refill() {
	t.rows = t.rows[:0]
	var ix *annotate.ActorIndex
	if t.w.editor != nil {
		ix = t.w.editor.ActorIndex()
	}
	if ix != nil {
		matches := ix.Filter(t.filter.Text, 0)
		// Filter orders by match, then mentions: with nothing typed, by
		// mentions.
		if t.sort.Selected == sortByName {
			in := make(map[int64]bool, len(matches))
			for _, m := range matches {
				in[m.Actor.ID] = true
			}
			t.rows = t.w.editor.ActorsByName(func(a *annotate.ActorSummary) bool { return in[a.ID] })
		} else {
			for _, m := range matches {
				t.rows = append(t.rows, m.Actor)
			}
		}
	}
	t.list.Refresh()
	t.markCurrent()
	t.showActor()
}

// markCurrent selects the current actor's row, quietly.
func (t *actorsTab) markCurrent() {
	t.quiet = true
	defer func() { t.quiet = false }()
	for i, a := range t.rows {
		if a.ID == t.current {
			t.list.Select(i)
			return
		}
	}
	t.list.UnselectAll()
}

// currentActor returns the selected actor as last read, nil when none.
func (t *actorsTab) currentActor() *annotate.ActorSummary {
	for _, a := range t.rows {
		if a.ID == t.current {
			return a
		}
	}
	return nil
}

// selectActor shows an actor and reads their quotes off the UI goroutine.
func (t *actorsTab) selectActor(id int64) {
	t.current = id
	t.quotes = nil
	t.qlist.Refresh()
	t.showActor()
	ed := t.w.editor
	if ed == nil || id == 0 {
		return
	}
	t.loadSeq++
	seq := t.loadSeq
	store := t.w.store
	var quotes []annotate.ActorQuote
	t.qnote.SetText("Reading quotes…")
	ed.Read(func(ctx context.Context) error {
		return store.ActorQuotes(ctx, annotate.QuoteFilter{ActorID: id, Limit: quotesShown + 1}, func(q *annotate.ActorQuote) error {
			quotes = append(quotes, *q)
			return nil
		})
	}, func(err error) {
		if seq != t.loadSeq {
			return
		}
		if err != nil {
			t.w.showError("Read the actor's quotes", err)
			t.qnote.SetText("")
			return
		}
		more := len(quotes) > quotesShown
		if more {
			quotes = quotes[:quotesShown]
		}
		t.quotes = quotes
		t.qlist.Refresh()
		switch {
		case len(quotes) == 0:
			t.qnote.SetText("No quotes: make this actor's mention the speaker of a quote.")
		case more:
			t.qnote.SetText(cutQuotesNote(t.currentActor()))
		default:
			// Short, to leave the narrow panel's height to the quotes.
			t.qnote.SetText(fmt.Sprintf("%s, newest first:", annotate.Plural(len(quotes), "quote")))
		}
	})
}

// cutQuotesNote says that the tab lists only the newest quotesShown of
// actor a's quotes, and of how many (from the registry's count, which may
// lag a change made meanwhile).
func cutQuotesNote(a *annotate.ActorSummary) string {
	of := "more than " + groupDigits(quotesShown)
	if a != nil && a.Quotes > quotesShown {
		of = groupDigits(a.Quotes)
	}
	return fmt.Sprintf("Showing the newest %s of %s quotes (byline quotes lists them all); click one to open it",
		groupDigits(quotesShown), of)
}

// groupDigits writes a count with a comma between groups of three digits.
func groupDigits(n int) string {
	s := strconv.Itoa(max(n, 0))
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// showActor fills the header and buttons for the selected actor.
func (t *actorsTab) showActor() {
	a := t.currentActor()
	if a == nil {
		t.header.SetText("Select an actor to see their quotes across the corpus. " +
			"Link a mention to an actor with L in the text.")
		t.edit.Disable()
		t.merge.Disable()
		t.remove.Disable()
		if t.current == 0 {
			t.qnote.SetText("")
		}
		return
	}
	s := actorCaption(&a.Actor)
	if len(a.Aliases) > 0 {
		s += "\nalso: " + strings.Join(a.Aliases, ", ")
	}
	if a.Note != "" {
		s += "\n" + a.Note
	}
	t.header.SetText(s)
	t.edit.Enable()
	t.merge.Enable()
	t.remove.Enable()
}

// registryWrite runs a registry change on the editor's writer, in order
// with the edits; then the window shows the registry and links as stored.
func (t *actorsTab) registryWrite(action string, run func(ctx context.Context, s annotate.Store) (string, error)) {
	ed, store := t.w.editor, t.w.store
	if ed == nil {
		return
	}
	var msg string
	ed.Queue(func(ctx context.Context) error {
		var err error
		msg, err = run(ctx, store)
		return err
	}, func(err error) {
		if err != nil {
			t.w.showError(action, err)
			return
		}
		t.w.status.prompt(msg)
		ed.ActorsChanged()
		if t.current != 0 {
			t.selectActor(t.current)
		}
	})
}

// undo reverts (or with undo false, re-applies) the latest registry change.
func (t *actorsTab) undo(undo bool) {
	t.registryWrite("Undo", func(ctx context.Context, s annotate.Store) (string, error) {
		var ev *annotate.Event
		var err error
		if undo {
			ev, err = s.UndoActors(ctx)
		} else {
			ev, err = s.RedoActors(ctx)
		}
		switch {
		case err != nil:
			return "", err
		case ev == nil && undo:
			return "No actor change to undo", nil
		case ev == nil:
			return "No actor change to redo", nil
		case undo:
			return "Undone: " + ev.Summary, nil
		}
		return "Redone: " + ev.Summary, nil
	})
}

// showEdit edits the selected actor's name, label, aliases (one a line),
// external id and note.
func (t *actorsTab) showEdit() {
	a := t.currentActor()
	if a == nil || t.w.editor == nil {
		return
	}
	id := a.ID
	name := widget.NewEntry()
	name.SetText(a.Name)
	label := widget.NewSelect(t.w.editor.Schema().LabelNames(), nil)
	label.SetSelected(a.Label)
	aliases := widget.NewMultiLineEntry()
	aliases.SetText(strings.Join(a.Aliases, "\n"))
	aliases.SetMinRowsVisible(3)
	kb := widget.NewEntry()
	kb.SetText(a.KBID)
	kb.SetPlaceHolder("e.g. Q193570")
	note := widget.NewMultiLineEntry()
	note.SetText(a.Note)
	items := []*widget.FormItem{
		widget.NewFormItem("Name", name),
		widget.NewFormItem("Label", label),
		widget.NewFormItem("Aliases", aliases),
		widget.NewFormItem("External id", kb),
		widget.NewFormItem("Note", note),
	}
	d := dialog.NewForm("Edit actor", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		upd := annotate.ActorUpdate{Name: &name.Text, Label: &label.Selected, Aliases: splitLines(aliases.Text),
			KBID: &kb.Text, Note: &note.Text}
		t.registryWrite("Edit actor", func(ctx context.Context, s annotate.Store) (string, error) {
			got, err := s.UpdateActor(ctx, id, upd)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("Saved actor %q", got.Name), nil
		})
	}, t.w.win)
	d.Resize(fyne.NewSize(460, 420))
	t.editDialog, t.editName, t.editAliases = d, name, aliases
	t.w.showDialog(d)
}

// splitLines returns the non-blank lines of s (an empty, non-nil list for
// none, which clears the aliases).
func splitLines(s string) []string {
	out := []string{}
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// showMerge merges the selected actor into another one, chosen by filter:
// the other keeps its name and gains this one's names as aliases and all
// its mentions.
func (t *actorsTab) showMerge() {
	a := t.currentActor()
	ix := t.w.editor.ActorIndex()
	if a == nil || ix == nil {
		return
	}
	drop := a.Actor
	var matches []annotate.ActorMatch
	var keep *annotate.ActorSummary
	into := wrappedLabel("Choose the actor to keep.")
	list := widget.NewList(
		func() int { return len(matches) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(matches) {
				o.(*widget.Label).SetText(actorLine(matches[i].Actor))
			}
		})
	filter := widget.NewEntry()
	filter.SetPlaceHolder("Filter by name or alias")
	refill := func(q string) {
		matches = matches[:0]
		for _, m := range ix.Filter(q, 50) {
			if m.Actor.ID != drop.ID {
				matches = append(matches, m)
			}
		}
		list.UnselectAll()
		list.Refresh()
	}
	filter.OnChanged = refill
	list.OnSelected = func(i widget.ListItemID) {
		if i < len(matches) {
			keep = matches[i].Actor
			into.SetText(fmt.Sprintf("Merge “%s” into “%s”: its %s move there and its names become aliases.",
				drop.Name, keep.Name, annotate.Plural(a.Mentions, "mention")))
		}
	}
	refill(drop.Name)
	filter.SetText(drop.Name)
	content := container.NewBorder(container.NewVBox(filter), into, nil, nil, list)
	d := dialog.NewCustomConfirm("Merge actor “"+annotate.Snippet(drop.Name, 40)+"”", "Merge", "Cancel", content, func(ok bool) {
		if !ok || keep == nil {
			return
		}
		keepID := keep.ID
		t.current = keepID
		t.registryWrite("Merge actors", func(ctx context.Context, s annotate.Store) (string, error) {
			got, err := s.MergeActors(ctx, keepID, drop.ID)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("Merged %q into %q", drop.Name, got.Name), nil
		})
	}, t.w.win)
	d.Resize(fyne.NewSize(480, 420))
	t.mergeDialog, t.mergeList, t.mergeFilter = d, list, filter
	t.w.showDialog(d)
}

// confirmDelete deletes the selected actor after asking; its mentions are
// unlinked (undo brings both back).
func (t *actorsTab) confirmDelete() {
	a := t.currentActor()
	if a == nil {
		return
	}
	id, name := a.ID, a.Name
	msg := fmt.Sprintf("Delete actor “%s”? Its %s are unlinked. The ↶ button above undoes it.", name, annotate.Plural(a.Mentions, "mention"))
	d := dialog.NewConfirm("Delete actor", msg, func(ok bool) {
		if !ok {
			return
		}
		t.current = 0
		t.registryWrite("Delete actor", func(ctx context.Context, s annotate.Store) (string, error) {
			return fmt.Sprintf("Deleted actor %q", name), s.DeleteActor(ctx, id)
		})
	}, t.w.win)
	t.w.showDialog(d)
}

// openQuote opens a document and selects the quote there.
func (w *Window) openQuote(docID, quoteID int64) {
	selectQuote := func() {
		if w.editor != nil && w.currentDoc() == docID {
			w.editor.Select(article.Ref{Kind: article.KindQuote, ID: quoteID})
			w.editor.Focus()
		}
	}
	if w.currentDoc() != docID {
		w.openDocumentThen(docID, selectQuote) // the document shows once read
		return
	}
	selectQuote()
}

// actorsShown follows the side panel's tabs: the Actors tab takes most of
// the height from the inspector while it shows, and the label palette
// folds away (the label keys still work): in the default window the tab
// showed one actor and one quote.
func (p *sidePanel) actorsShown(split *container.Split) {
	shown := p.tabs.SelectedIndex() == 1
	if shown {
		p.labels.Hide()
		split.SetOffset(0.88)
	} else {
		p.labels.Show()
		split.SetOffset(0.45)
	}
	p.content.Refresh()
	p.actors.setVisible(shown)
}

// showActorsTab brings the Actors tab to the front.
func (p *sidePanel) showActorsTab() { p.tabs.SelectIndex(1) }

// actorsChanged follows the editor's copy of the registry: the Actors tab
// and the inspector's actor name.
func (w *Window) actorsChanged() {
	w.side.actors.registryChanged()
	w.side.inspector.show()
}

// showActors brings the Actors tab to the front (the View menu).
func (w *Window) showActors() { w.side.showActorsTab() }

// undoActorChange reverts (undo) or re-applies the latest registry change
// (the View menu; the Actors tab's ↶ and ↷ do the same).
func (w *Window) undoActorChange(undo bool) { w.side.actors.undo(undo) }
