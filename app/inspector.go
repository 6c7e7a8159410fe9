package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
	"byline/app/article"
)

// inspector edits the selected annotation: label, quote kind, speaker, cue,
// relation type and direction, note, delete.
type inspector struct {
	w       *Window
	ref     article.Ref
	loading bool // set while fields are filled from the model

	title       *widget.Label
	label       *widget.Select
	kind        *widget.Select
	speaker     *widget.Select
	speakerIDs  []int64
	cue         *widget.Label
	clearCue    *widget.Button
	relType     *widget.Select
	reverse     *widget.Button
	note        *widget.Entry
	saveNote    *widget.Button
	delete      *widget.Button
	annotateAll *widget.Button   // "annotate all occurrences" of the selected entity's text
	segRemove   []*widget.Button // one per part of a split quote
	// The selected mention's actor (inspector_actor.go), for tests.
	actorName              *widget.Label
	linkActor, unlinkActor *widget.Button
	content                *fyne.Container
	// The selected suggestion (inspector_suggest.go).
	suggestTitle           *widget.Label
	acceptSugg, rejectSugg *widget.Button
}

func newInspector(w *Window) *inspector {
	in := &inspector{w: w, content: container.NewVBox()}
	in.title = widget.NewLabel("")
	in.title.Wrapping = fyne.TextWrapWord
	in.label = widget.NewSelect(nil, func(s string) {
		if !in.loading && in.ref.Kind == article.KindEntity {
			in.w.editor.SetEntityLabel(in.ref.ID, s)
		}
	})
	var kinds []string
	for _, k := range annotate.QuoteKinds {
		kinds = append(kinds, string(k))
	}
	in.kind = widget.NewSelect(kinds, func(s string) {
		if !in.loading && in.ref.Kind == article.KindQuote {
			in.w.editor.SetQuoteKind(in.ref.ID, annotate.QuoteKind(s))
		}
	})
	in.speaker = widget.NewSelect(nil, func(string) {
		i := in.speaker.SelectedIndex()
		if !in.loading && in.ref.Kind == article.KindQuote && i >= 0 && i < len(in.speakerIDs) {
			in.w.editor.SetSpeaker(in.ref.ID, in.speakerIDs[i])
		}
	})
	in.cue = widget.NewLabel("")
	in.clearCue = widget.NewButton("Clear cue", func() { in.w.editor.ClearCue(in.ref.ID) })
	in.relType = widget.NewSelect(nil, func(s string) {
		if !in.loading && in.ref.Kind == article.KindRelation {
			in.w.editor.SetRelationType(in.ref.ID, s)
		}
	})
	in.reverse = widget.NewButtonWithIcon("Reverse", theme.ViewRefreshIcon(), func() { in.w.editor.ReverseRelation(in.ref.ID) })
	in.note = widget.NewMultiLineEntry()
	in.note.SetPlaceHolder("Note")
	in.note.SetMinRowsVisible(2)
	in.note.Wrapping = fyne.TextWrapWord
	in.saveNote = widget.NewButton("Save note", func() { in.w.editor.SetNote(in.ref, in.note.Text) })
	in.delete = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() { in.w.editor.Delete(in.ref) })
	in.delete.Importance = widget.DangerImportance
	in.suggestTitle = widget.NewLabel("")
	in.suggestTitle.Wrapping = fyne.TextWrapWord
	in.acceptSugg, in.rejectSugg = newSuggestionButtons()
	in.annotateAll = widget.NewButton("Annotate all occurrences (A)", func() { in.w.editor.AnnotateAll(in.ref.ID) })
	return in
}

// show fills the inspector for the editor's selection.
func (in *inspector) show() {
	in.loading = true
	defer func() { in.loading = false }()
	in.content.Objects = nil
	in.segRemove = nil
	ed := in.w.editor
	if ed == nil || ed.DocumentID() == 0 || ed.Selected().IsZero() {
		in.ref = article.Ref{}
		if ed != nil && ed.DocumentID() != 0 && in.showSuggestion() {
			return
		}
		hint := wrappedLabel("Select an annotation in the text or the list to edit it.")
		hint.Importance = widget.LowImportance
		in.content.Add(hint)
		in.content.Refresh()
		return
	}
	in.ref = ed.Selected()
	ann, schema := ed.Annotations(), ed.Schema()
	ents := annotate.EntityMap(ann.Entities)
	row := func(name string, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewBorder(nil, nil, widget.NewLabel(name), nil, o)
	}
	note := ""
	switch in.ref.Kind {
	case article.KindEntity:
		e, ok := ents[in.ref.ID]
		if !ok {
			break
		}
		in.title.SetText(fmt.Sprintf("Entity “%s”", annotate.Snippet(e.Text, 80)))
		in.label.Options = schema.LabelNames()
		in.label.SetSelected(e.Label)
		note = e.Note
		in.content.Add(in.title)
		in.content.Add(row("Label", in.label))
		in.content.Add(in.actorRow(e))
		in.content.Add(in.annotateAll)
	case article.KindQuote:
		q := findQuote(ann, in.ref.ID)
		if q == nil {
			break
		}
		in.title.SetText("Quote: " + annotate.Snippet(q.Content[0].Text, 80))
		in.kind.SetSelected(string(q.Kind))
		in.fillSpeakers(ann, q.SpeakerID)
		cue := "none (press C, then select the cue words)"
		if q.Cue != nil {
			cue = "“" + q.Cue.Text + "”"
		}
		in.cue.SetText(cue)
		in.cue.Wrapping = fyne.TextWrapWord
		in.clearCue.Disable()
		if q.Cue != nil {
			in.clearCue.Enable()
		}
		note = q.Note
		in.content.Add(in.title)
		in.addSegments(q)
		in.content.Add(row("Kind", in.kind))
		in.content.Add(row("Speaker", in.speaker))
		in.content.Add(container.NewBorder(nil, nil, widget.NewLabel("Cue"), in.clearCue, in.cue))
	case article.KindRelation:
		r := findRelation(ann, in.ref.ID)
		if r == nil {
			break
		}
		head, tail := ents[r.HeadID], ents[r.TailID]
		if head == nil || tail == nil {
			break
		}
		in.title.SetText(fmt.Sprintf("Relation “%s” → “%s”", annotate.Snippet(head.Text, 40), annotate.Snippet(tail.Text, 40)))
		var types []string
		for _, t := range schema.RelationTypesFor(head.Label, tail.Label) {
			types = append(types, t.Name)
		}
		if !contains(types, r.Type) {
			types = append(types, r.Type)
		}
		in.relType.Options = types
		in.relType.SetSelected(r.Type)
		note = r.Note
		in.content.Add(in.title)
		in.content.Add(row("Type", in.relType))
		in.content.Add(in.reverse)
	}
	if len(in.content.Objects) == 0 {
		in.ref = article.Ref{}
		in.content.Refresh()
		return
	}
	in.note.SetText(note)
	in.content.Add(in.note)
	in.content.Add(container.NewGridWithColumns(2, in.saveNote, in.delete))
	in.content.Refresh()
}

// addSegments lists the parts of a split quote, each with a button that
// removes it from the quote (one undoable change).
func (in *inspector) addSegments(q *annotate.Quote) {
	if len(q.Content) < 2 {
		return
	}
	id := q.ID
	in.content.Add(widget.NewLabel(fmt.Sprintf("Parts (%d)", len(q.Content))))
	for i, seg := range q.Content {
		text := wrappedLabel(fmt.Sprintf("%d. “%s”", i+1, annotate.Snippet(seg.Text, 60)))
		remove := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { in.w.editor.RemoveQuoteSegment(id, i) })
		in.segRemove = append(in.segRemove, remove)
		in.content.Add(container.NewBorder(nil, nil, nil, remove, text))
	}
}

// segmentButtons returns the remove buttons of the listed quote parts.
func (in *inspector) segmentButtons() []*widget.Button { return in.segRemove }

// fillSpeakers offers every entity of the document (and "none") by its
// text and label; repeated mentions are told apart by their number.
func (in *inspector) fillSpeakers(ann *annotate.Annotations, current int64) {
	opts := []string{"(no speaker)"}
	in.speakerIDs = []int64{0}
	sel := 0
	seen := map[string]int{}
	for _, e := range ann.Entities {
		if e.ID == current {
			sel = len(opts)
		}
		name := fmt.Sprintf("%s [%s]", annotate.Snippet(e.Text, 40), e.Label)
		seen[name]++
		if n := seen[name]; n > 1 {
			name = fmt.Sprintf("%s, mention %d", name, n)
		}
		opts = append(opts, name)
		in.speakerIDs = append(in.speakerIDs, e.ID)
	}
	in.speaker.Options = opts
	in.speaker.SetSelectedIndex(sel)
}

func findQuote(a *annotate.Annotations, id int64) *annotate.Quote {
	for i := range a.Quotes {
		if a.Quotes[i].ID == id && len(a.Quotes[i].Content) > 0 {
			return &a.Quotes[i]
		}
	}
	return nil
}

func findRelation(a *annotate.Annotations, id int64) *annotate.Relation {
	for i := range a.Relations {
		if a.Relations[i].ID == id {
			return &a.Relations[i]
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
