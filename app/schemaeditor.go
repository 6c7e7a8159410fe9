package app

import (
	"context"
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
	"byline/app/article"
)

// schemaEditor is the dialog that edits entity labels and relation types.
type schemaEditor struct {
	w      *Window
	schema *annotate.Schema
	dlg    dialog.Dialog

	labels   *widget.List
	labelSel int
	lName    *article.Field
	lColor   *article.Field
	lSwatch  *canvas.Rectangle
	lKey     *article.Field
	lDesc    *article.Field
	newLabel *article.Field

	rels    *widget.List
	relSel  int
	rName   *article.Field
	rHeads  *labelChecks
	rTails  *labelChecks
	rSym    *widget.Check
	rDesc   *article.Field
	newRel  *article.Field
	content fyne.CanvasObject

	lRename, lSave, rRename, rSave *widget.Button
}

const anyLabelChoice = "* (any label)"

func (w *Window) showSchemaEditor() {
	if w.store == nil {
		return
	}
	e := newSchemaEditor(w)
	w.schemaEd = e
	e.dlg = dialog.NewCustom("Schema", "Close", e.content, w.win)
	e.dlg.SetOnClosed(func() { w.schemaEd = nil })
	e.dlg.Resize(fyne.NewSize(760, 560))
	e.w.showDialog(e.dlg)
	// The editor's copy of the schema is current unless no document was
	// ever open; then it is read, after the queued changes.
	if s := w.editor.Schema(); s != nil {
		e.start(s)
		return
	}
	store := w.store
	var s *annotate.Schema
	w.editor.Read(func(ctx context.Context) error {
		var err error
		s, err = store.Schema(ctx)
		return err
	}, func(err error) {
		if err != nil {
			w.showError("Schema", err)
			return
		}
		if w.schemaEd == e {
			e.start(s)
		}
	})
}

func newSchemaEditor(w *Window) *schemaEditor {
	e := &schemaEditor{w: w, labelSel: -1, relSel: -1}
	e.content = container.NewAppTabs(
		container.NewTabItem("Entity labels", e.buildLabels()),
		container.NewTabItem("Relation types", e.buildRelations()),
	)
	return e
}

// start shows schema s with its first label and relation type selected.
func (e *schemaEditor) start(s *annotate.Schema) {
	e.show(s)
	if len(s.Entities) > 0 {
		e.labels.Select(0)
	}
	if len(s.Relations) > 0 {
		e.rels.Select(0)
	}
}

// show shows the schema as it is after a change, keeping the selection.
func (e *schemaEditor) show(s *annotate.Schema) {
	e.schema = s
	e.labelSel = min(e.labelSel, len(s.Entities)-1)
	e.relSel = min(e.relSel, len(s.Relations)-1)
	e.labels.Refresh()
	e.rels.Refresh()
	opts := append([]string{anyLabelChoice}, s.LabelNames()...)
	e.rHeads.setOptions(opts)
	e.rTails.setOptions(opts)
	e.fillLabel()
	e.fillRelation()
}

func (e *schemaEditor) buildLabels() fyne.CanvasObject {
	e.labels = widget.NewList(
		func() int {
			if e.schema == nil {
				return 0
			}
			return len(e.schema.Entities)
		},
		func() fyne.CanvasObject {
			sw := canvas.NewRectangle(color.Transparent)
			sw.SetMinSize(fyne.NewSize(14, 14))
			return container.NewBorder(nil, nil, container.NewCenter(sw), widget.NewLabel(""), widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := e.schema.Entities[i]
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(l.Name)
			c.Objects[2].(*widget.Label).SetText(l.Hotkey)
			sw := c.Objects[1].(*fyne.Container).Objects[0].(*canvas.Rectangle)
			sw.FillColor = parseColor(l.Color)
			sw.Refresh()
		})
	e.labels.OnSelected = func(i widget.ListItemID) { e.labelSel = i; e.fillLabel() }

	e.lName, e.lColor, e.lKey, e.lDesc = article.NewField(), article.NewField(), article.NewField(), article.NewField()
	e.lSwatch = canvas.NewRectangle(color.Transparent)
	e.lSwatch.SetMinSize(fyne.NewSize(24, 24))
	e.lRename = widget.NewButton("Rename", func() {
		if l, ok := e.selectedLabel(); ok {
			e.w.renameLabel(l.Name, strings.TrimSpace(e.lName.Text))
		}
	})
	pick := widget.NewButtonWithIcon("", theme.ColorPaletteIcon(), func() {
		picker := dialog.NewColorPicker("Label colour", "", func(c color.Color) {
			r, g, b, _ := c.RGBA()
			e.lColor.SetText(fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8))
		}, e.w.win)
		e.w.showDialog(picker)
	})
	e.lSave = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() {
		if l, ok := e.selectedLabel(); ok {
			l.Color, l.Hotkey, l.Description = strings.TrimSpace(e.lColor.Text), strings.TrimSpace(e.lKey.Text), e.lDesc.Text
			e.w.updateLabel(l)
		}
	})
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { e.moveLabel(-1) })
	down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { e.moveLabel(1) })
	del := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() {
		if l, ok := e.selectedLabel(); ok {
			e.w.deleteLabel(l.Name, func(q string, yes func()) {
				e.w.showDialog(dialog.NewConfirm("Delete label", q, func(ok bool) {
					if ok {
						yes()
					}
				}, e.w.win))
			})
		}
	})
	del.Importance = widget.DangerImportance
	form := widget.NewForm(
		widget.NewFormItem("Name", container.NewBorder(nil, nil, nil, e.lRename, e.lName)),
		widget.NewFormItem("Colour", container.NewBorder(nil, nil, e.lSwatch, pick, e.lColor)),
		widget.NewFormItem("Hotkey", e.lKey),
		widget.NewFormItem("Description", e.lDesc),
	)
	e.lColor.OnChanged = func(s string) {
		if c := parseColor(s); c != nil {
			e.lSwatch.FillColor = c
			e.lSwatch.Refresh()
		}
	}
	e.newLabel = article.NewField()
	e.newLabel.SetPlaceHolder("New label name")
	add := widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), func() {
		if name := strings.TrimSpace(e.newLabel.Text); name != "" {
			e.w.addLabel(name, func() {
				e.newLabel.SetText("")
				e.labels.Select(len(e.schema.Entities) - 1)
			})
		}
	})
	right := container.NewVBox(form, container.NewHBox(e.lSave, up, down, del))
	bottom := container.NewBorder(nil, nil, nil, add, e.newLabel)
	split := container.NewHSplit(e.labels, container.NewVScroll(right))
	split.Offset = 0.35
	return container.NewBorder(nil, bottom, nil, nil, split)
}

func (e *schemaEditor) selectedLabel() (annotate.EntityLabel, bool) {
	if e.schema == nil || e.labelSel < 0 || e.labelSel >= len(e.schema.Entities) {
		return annotate.EntityLabel{}, false
	}
	return e.schema.Entities[e.labelSel], true
}

func (e *schemaEditor) fillLabel() {
	l, _ := e.selectedLabel()
	e.lName.SetText(l.Name)
	e.lColor.SetText(l.Color)
	e.lKey.SetText(l.Hotkey)
	e.lDesc.SetText(l.Description)
}

func (e *schemaEditor) moveLabel(delta int) {
	if l, ok := e.selectedLabel(); ok {
		i := e.labelSel + delta
		e.w.moveLabel(l.Name, delta, func() { e.labels.Select(min(max(i, 0), len(e.schema.Entities)-1)) })
	}
}

func (e *schemaEditor) buildRelations() fyne.CanvasObject {
	e.rels = widget.NewList(
		func() int {
			if e.schema == nil {
				return 0
			}
			return len(e.schema.Relations)
		},
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(e.schema.Relations[i].Name) })
	e.rels.OnSelected = func(i widget.ListItemID) { e.relSel = i; e.fillRelation() }

	e.rName, e.rDesc = article.NewField(), article.NewField()
	e.rHeads, e.rTails = newLabelChecks(), newLabelChecks()
	e.rSym = widget.NewCheck("Symmetric (either direction)", nil)
	e.rRename = widget.NewButton("Rename", func() {
		if r, ok := e.selectedRelation(); ok {
			e.w.renameRelationType(r.Name, strings.TrimSpace(e.rName.Text))
		}
	})
	e.rSave = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() {
		if r, ok := e.selectedRelation(); ok {
			r.Heads, r.Tails = choiceLabels(e.rHeads.selected()), choiceLabels(e.rTails.selected())
			r.Symmetric, r.Description = e.rSym.Checked, e.rDesc.Text
			e.w.updateRelationType(r)
		}
	})
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { e.moveRelation(-1) })
	down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { e.moveRelation(1) })
	del := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() {
		if r, ok := e.selectedRelation(); ok {
			e.w.deleteRelationType(r.Name)
		}
	})
	del.Importance = widget.DangerImportance
	form := widget.NewForm(
		widget.NewFormItem("Name", container.NewBorder(nil, nil, nil, e.rRename, e.rName)),
		widget.NewFormItem("Heads", e.rHeads.box),
		widget.NewFormItem("Tails", e.rTails.box),
		widget.NewFormItem("", e.rSym),
		widget.NewFormItem("Description", e.rDesc),
	)
	e.newRel = article.NewField()
	e.newRel.SetPlaceHolder("New relation type name")
	add := widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), func() {
		if name := strings.TrimSpace(e.newRel.Text); name != "" {
			e.w.addRelationType(name, func() {
				e.newRel.SetText("")
				e.rels.Select(len(e.schema.Relations) - 1)
			})
		}
	})
	right := container.NewVBox(form, container.NewHBox(e.rSave, up, down, del))
	bottom := container.NewBorder(nil, nil, nil, add, e.newRel)
	split := container.NewHSplit(e.rels, container.NewVScroll(right))
	split.Offset = 0.3
	return container.NewBorder(nil, bottom, nil, nil, split)
}

// choiceLabels turns the check group's choices into schema label lists.
func choiceLabels(sel []string) []string {
	out := []string{}
	for _, s := range sel {
		if s == anyLabelChoice {
			return []string{annotate.AnyLabel}
		}
		out = append(out, s)
	}
	return out
}

func (e *schemaEditor) selectedRelation() (annotate.RelationType, bool) {
	if e.schema == nil || e.relSel < 0 || e.relSel >= len(e.schema.Relations) {
		return annotate.RelationType{}, false
	}
	return e.schema.Relations[e.relSel], true
}

func (e *schemaEditor) fillRelation() {
	r, _ := e.selectedRelation()
	show := func(list []string) []string {
		if len(list) == 1 && list[0] == annotate.AnyLabel {
			return []string{anyLabelChoice}
		}
		return list
	}
	e.rName.SetText(r.Name)
	e.rHeads.setSelected(show(r.Heads))
	e.rTails.setSelected(show(r.Tails))
	e.rSym.SetChecked(r.Symmetric)
	e.rDesc.SetText(r.Description)
}

func (e *schemaEditor) moveRelation(delta int) {
	if r, ok := e.selectedRelation(); ok {
		i := e.relSel + delta
		e.w.moveRelationType(r.Name, delta, func() { e.rels.Select(min(max(i, 0), len(e.schema.Relations)-1)) })
	}
}

// labelChecks is a grid of check boxes, one per label, for a relation
// type's allowed heads or tails (a horizontal CheckGroup grows too wide).
type labelChecks struct {
	box    *fyne.Container
	checks []*widget.Check
}

func newLabelChecks() *labelChecks { return &labelChecks{box: container.NewGridWithColumns(3)} }

func (c *labelChecks) setOptions(names []string) {
	c.checks = c.checks[:0]
	c.box.Objects = nil
	for _, n := range names {
		ch := widget.NewCheck(n, nil)
		c.checks = append(c.checks, ch)
		c.box.Add(ch)
	}
	c.box.Refresh()
}

func (c *labelChecks) selected() []string {
	var out []string
	for _, ch := range c.checks {
		if ch.Checked {
			out = append(out, ch.Text)
		}
	}
	return out
}

func (c *labelChecks) setSelected(names []string) {
	for _, ch := range c.checks {
		ch.SetChecked(contains(names, ch.Text))
	}
}
