package app

import (
	"fmt"
	"image/color"
	"sort"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
	"byline/app/article"
)

// sideItem is one row of the annotation list: a group header or an
// annotation the analyst can click.
type sideItem struct {
	header bool
	text   string
	color  color.Color
	ref    article.Ref
}

// sidePanel is the right-hand pane: label palette, annotation list and
// inspector.
type sidePanel struct {
	w       *Window
	palette *fyne.Container
	// paletteLook gives the palette's hotkeys readable colours; refreshed
	// when entries are added, as a theme override needs.
	paletteLook *container.ThemeOverride
	items       []sideItem
	list        *widget.List
	inspector   *inspector
	content     fyne.CanvasObject
	hint        fyne.CanvasObject // how to start, until the first annotation
	quiet       bool
	shownFor    *annotate.Schema // the schema the palette shows
	tabs        *container.AppTabs
	actors      *actorsTab        // the Actors tab beside the annotation list
	labels      fyne.CanvasObject // the palette with its heading
}

func newSidePanel(w *Window) *sidePanel {
	p := &sidePanel{w: w, palette: container.NewGridWithColumns(2)}
	p.list = widget.NewList(
		func() int { return len(p.items) },
		func() fyne.CanvasObject { return newSideRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*sideRow).set(p.items[i]) })
	p.list.OnSelected = func(i widget.ListItemID) {
		if p.quiet || i >= len(p.items) {
			return
		}
		it := p.items[i]
		if it.header {
			p.list.Unselect(i)
			return
		}
		if p.w.editor != nil {
			p.w.editor.Select(it.ref)
			p.w.editor.Focus()
		}
	}
	p.inspector = newInspector(w)
	heading := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	p.labels = container.NewVBox(heading("Labels"), p.palette, widget.NewSeparator())
	hint := wrappedLabel(firstRunHint)
	hint.Importance = widget.LowImportance
	p.hint = container.NewThemeOverride(container.NewVBox(hint), readableTheme{})
	p.hint.Hide()
	// A split keeps the list usable however tall the inspector grows.
	annotations := container.NewStack(p.list, p.hint)
	inspect := container.NewBorder(heading("Inspector"), nil, nil, nil, container.NewVScroll(p.inspector.content))
	p.actors = newActorsTab(w)
	p.tabs = container.NewAppTabs(container.NewTabItem("Annotations", annotations), container.NewTabItem("Actors", p.actors.content))
	split := container.NewVSplit(p.tabs, inspect)
	split.Offset = 0.45
	p.tabs.OnSelected = func(*container.TabItem) { p.actorsShown(split) }
	p.content = container.NewBorder(p.labels, nil, nil, nil, split)
	return p
}

// refresh rebuilds palette and list from the editor's schema and
// annotations.
func (p *sidePanel) refresh() {
	ed := p.w.editor
	var schema *annotate.Schema
	var ann *annotate.Annotations
	if ed != nil && ed.DocumentID() != 0 {
		schema, ann = ed.Schema(), ed.Annotations()
	}
	if schema != p.shownFor || schema == nil {
		p.buildPalette(schema)
		p.shownFor = schema
	}
	p.items = annotationItems(schema, ann)
	p.showHint(ann)
	p.list.Refresh()
	p.markSelected()
	p.inspector.show()
	p.actors.annotationsChanged()
}

func (p *sidePanel) buildPalette(s *annotate.Schema) {
	p.palette.Objects = nil
	if s != nil {
		for _, l := range s.Entities {
			p.palette.Add(newPaletteEntry(l, func(name string) {
				if p.w.editor != nil {
					p.w.editor.ApplyLabel(name)
					p.w.editor.Focus()
				}
			}))
		}
	}
	p.palette.Refresh()
}

// firstRunHint tells a new analyst how to begin; it shows in the empty
// annotation list until the first annotation is made.
const firstRunHint = "Select words, then press 1–9 (or click a label above) to label them. " +
	"Q marks a quote, R links two spans, F1 lists every key."

// prefAnnotated records that the analyst has made an annotation, after
// which the first-run hint stays away.
const prefAnnotated = "annotated"

func (p *sidePanel) showHint(ann *annotate.Annotations) {
	prefs := p.w.app.Preferences()
	if ann != nil && ann.Count() > 0 {
		prefs.SetBool(prefAnnotated, true)
	}
	if ann != nil && ann.Count() == 0 && !prefs.Bool(prefAnnotated) {
		p.hint.Show()
	} else {
		p.hint.Hide()
	}
}

// selectionChanged follows the editor's selection.
func (p *sidePanel) selectionChanged(article.Ref) {
	p.markSelected()
	p.inspector.show()
}

func (p *sidePanel) markSelected() {
	p.quiet = true
	defer func() { p.quiet = false }()
	var ref article.Ref
	if p.w.editor != nil {
		ref = p.w.editor.Selected()
	}
	for i, it := range p.items {
		if !it.header && !ref.IsZero() && it.ref == ref {
			p.list.Select(i)
			p.list.ScrollTo(i)
			return
		}
	}
	p.list.UnselectAll()
}

// annotationItems lists entities grouped by label (schema order, with
// counts), then quotes, then relations.
func annotationItems(s *annotate.Schema, a *annotate.Annotations) []sideItem {
	if s == nil || a == nil {
		return nil
	}
	// Rebuilt on every change: group by pointer and size the list once, so
	// thousands of spans cost no copies.
	out := make([]sideItem, 0, a.Count()+len(s.Entities)+2)
	byLabel := map[string][]*annotate.Entity{}
	for i := range a.Entities {
		e := &a.Entities[i]
		byLabel[e.Label] = append(byLabel[e.Label], e)
	}
	labels := s.LabelNames()
	var gone []string // labels no longer in the schema
	for name := range byLabel {
		if _, ok := s.Label(name); !ok {
			gone = append(gone, name)
		}
	}
	sort.Strings(gone)
	for _, name := range append(labels, gone...) {
		ents := byLabel[name]
		if len(ents) == 0 {
			continue
		}
		l, _ := s.Label(name)
		col := parseColor(l.Color)
		out = append(out, sideItem{header: true, text: fmt.Sprintf("%s (%d)", name, len(ents)), color: col})
		for _, e := range ents {
			out = append(out, sideItem{text: e.Text, color: col, ref: article.Ref{Kind: article.KindEntity, ID: e.ID}})
		}
	}
	if len(a.Quotes)+len(a.Relations) == 0 {
		return out
	}
	ents := annotate.EntityMap(a.Entities)
	if len(a.Quotes) > 0 {
		qc := parseColor(s.QuoteColor)
		out = append(out, sideItem{header: true, text: fmt.Sprintf("Quotes (%d)", len(a.Quotes)), color: qc})
		for i := range a.Quotes {
			q := &a.Quotes[i]
			out = append(out, sideItem{text: quoteLine(q, ents), color: qc, ref: article.Ref{Kind: article.KindQuote, ID: q.ID}})
		}
	}
	if len(a.Relations) > 0 {
		out = append(out, sideItem{header: true, text: fmt.Sprintf("Relations (%d)", len(a.Relations))})
		for i := range a.Relations {
			r := &a.Relations[i]
			out = append(out, sideItem{text: relationLine(r, ents), ref: article.Ref{Kind: article.KindRelation, ID: r.ID}})
		}
	}
	return out
}

// quoteLine is "speaker (cue): content start… · kind", speaker first so it
// stays visible in a narrow panel.
func quoteLine(q *annotate.Quote, ents map[int64]*annotate.Entity) string {
	text := ""
	if len(q.Content) > 0 {
		text = annotate.Snippet(q.Content[0].Text, 40)
	}
	who := "no speaker"
	if e, ok := ents[q.SpeakerID]; ok {
		who = e.Text
	}
	if q.Cue != nil {
		who += " (" + q.Cue.Text + ")"
	}
	return fmt.Sprintf("%s: %s · %s", who, text, q.Kind)
}

// relationLine is "head —TYPE→ tail".
func relationLine(r *annotate.Relation, ents map[int64]*annotate.Entity) string {
	name := func(id int64) string {
		if e, ok := ents[id]; ok {
			return annotate.Snippet(e.Text, 30)
		}
		return "#" + strconv.FormatInt(id, 10)
	}
	return fmt.Sprintf("%s —%s→ %s", name(r.HeadID), r.Type, name(r.TailID))
}

// parseColor reads "#rrggbb"; nil when malformed.
func parseColor(s string) color.Color {
	if len(s) != 7 || s[0] != '#' {
		return nil
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return nil
	}
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

// paletteEntry is one label of the palette: swatch, name and hotkey; a
// click applies the label to the selection.
type paletteEntry struct {
	widget.BaseWidget
	label annotate.EntityLabel
	apply func(string)
}

func newPaletteEntry(l annotate.EntityLabel, apply func(string)) *paletteEntry {
	p := &paletteEntry{label: l, apply: apply}
	p.ExtendBaseWidget(p)
	return p
}

func (p *paletteEntry) CreateRenderer() fyne.WidgetRenderer {
	col := parseColor(p.label.Color)
	if col == nil {
		col = color.Gray{Y: 0x80}
	}
	sw := canvas.NewRectangle(col)
	sw.CornerRadius = 3
	sw.SetMinSize(fyne.NewSize(14, 14))
	// The hotkey is faint but readable (a low-importance label would be
	// drawn at about 1.3:1 in the light theme).
	key := canvas.NewText(p.label.Hotkey, nil)
	// Never cut: the palette's width keeps the side panel wide enough.
	name := widget.NewLabel(p.label.Name)
	r := &paletteRenderer{WidgetRenderer: widget.NewSimpleRenderer(container.NewBorder(nil, nil, container.NewCenter(sw), container.NewPadded(key), name)), key: key}
	r.Refresh()
	return r
}

type paletteRenderer struct {
	fyne.WidgetRenderer
	key *canvas.Text
}

func (r *paletteRenderer) Refresh() {
	r.key.Color = readableTheme{}.Color(theme.ColorNameDisabled, fyne.CurrentApp().Settings().ThemeVariant())
	r.key.TextSize = theme.TextSize()
	r.key.Refresh()
	r.WidgetRenderer.Refresh()
}

// Tapped applies the label.
func (p *paletteEntry) Tapped(*fyne.PointEvent) {
	if p.apply != nil {
		p.apply(p.label.Name)
	}
}

var _ fyne.Tappable = (*paletteEntry)(nil)
