package app

import (
	"context"
	"image/color"
	"sort"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
	"byline/app/article"
)

// showAnnotatorDialog edits the name recorded on every change.
func (w *Window) showAnnotatorDialog() {
	if w.store == nil {
		return
	}
	name := article.NewField()
	name.SetText(w.store.Annotator())
	items := []*widget.FormItem{widget.NewFormItem("Annotator", name)}
	items[0].HintText = "Recorded on every annotation you make in this database"
	w.showDialog(dialog.NewForm("Annotator name", "Save", "Cancel", items, func(ok bool) {
		if ok {
			w.setAnnotator(name.Text)
		}
	}, w.win))
}

func (w *Window) setAnnotator(name string) {
	if err := w.store.SetAnnotator(name); err != nil {
		w.showError("Change annotator", err)
		return
	}
	w.status.update()
	w.status.prompt("Annotator: " + w.store.Annotator())
}

// bar is one horizontal bar of a chart.
type bar struct {
	widget.BaseWidget
	frac float32
	fill color.Color
}

func newBar(frac float32, fill color.Color) *bar {
	b := &bar{frac: frac, fill: fill}
	b.ExtendBaseWidget(b)
	return b
}

func (b *bar) CreateRenderer() fyne.WidgetRenderer {
	fill := b.fill
	if fill == nil {
		fill = theme.Color(theme.ColorNamePrimary)
	}
	r := canvas.NewRectangle(fill)
	r.CornerRadius = 2
	return &barRenderer{b: b, rect: r}
}

type barRenderer struct {
	b    *bar
	rect *canvas.Rectangle
}

func (r *barRenderer) Layout(s fyne.Size) {
	r.rect.Move(fyne.NewPos(0, 3))
	r.rect.Resize(fyne.NewSize(max(2, s.Width*r.b.frac), max(1, s.Height-6)))
}
func (r *barRenderer) MinSize() fyne.Size           { return fyne.NewSize(120, 18) }
func (r *barRenderer) Refresh()                     { r.Layout(r.b.Size()); r.rect.Refresh() }
func (r *barRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.rect} }
func (r *barRenderer) Destroy()                     {}

// chartRow is one labelled value of a bar chart.
type chartRow struct {
	name  string
	value int
	fill  color.Color
}

// barChart draws rows as name, bar and count.
func barChart(title string, rows []chartRow) fyne.CanvasObject {
	box := container.NewVBox(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if len(rows) == 0 {
		box.Add(widget.NewLabel("none yet"))
		return box
	}
	most := 1
	for _, r := range rows {
		most = max(most, r.value)
	}
	grid := container.New(&chartLayout{})
	for _, r := range rows {
		grid.Add(widget.NewLabel(r.name))
		grid.Add(newBar(float32(r.value)/float32(most), r.fill))
		grid.Add(widget.NewLabelWithStyle(strconv.Itoa(r.value), fyne.TextAlignTrailing, fyne.TextStyle{}))
	}
	box.Add(grid)
	return box
}

// chartLayout lays out triples (name, bar, count) in rows with a shared name
// column width.
type chartLayout struct{}

func (chartLayout) widths(objs []fyne.CanvasObject) (name, count, row float32) {
	for i := 0; i+2 < len(objs); i += 3 {
		name = max(name, objs[i].MinSize().Width)
		count = max(count, objs[i+2].MinSize().Width)
		row = max(row, objs[i].MinSize().Height)
	}
	return
}

func (l chartLayout) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	name, count, row := l.widths(objs)
	for i := 0; i+2 < len(objs); i += 3 {
		y := float32(i/3) * row
		objs[i].Move(fyne.NewPos(0, y))
		objs[i].Resize(fyne.NewSize(name, row))
		objs[i+1].Move(fyne.NewPos(name, y+row/4))
		objs[i+1].Resize(fyne.NewSize(max(0, s.Width-name-count), row/2))
		objs[i+2].Move(fyne.NewPos(s.Width-count, y))
		objs[i+2].Resize(fyne.NewSize(count, row))
	}
}

func (l chartLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	name, count, row := l.widths(objs)
	return fyne.NewSize(name+count+160, row*float32(len(objs)/3))
}

// statsCharts builds the charts of the stats view.
func statsCharts(st *annotate.Stats, s *annotate.Schema) []fyne.CanvasObject {
	var docs []chartRow
	for _, status := range annotate.Statuses {
		docs = append(docs, chartRow{statusNames[status], st.Progress.ByStatus[status], nil})
	}
	var labels []chartRow
	seen := map[string]bool{}
	for _, l := range s.Entities {
		seen[l.Name] = true
		if n := st.ByLabel[l.Name]; n > 0 {
			labels = append(labels, chartRow{l.Name, n, parseColor(l.Color)})
		}
	}
	for _, name := range annotate.SortedLabels(st.ByLabel) {
		if !seen[name] {
			labels = append(labels, chartRow{name, st.ByLabel[name], nil})
		}
	}
	byCount := func(m map[string]int) []chartRow {
		var rows []chartRow
		for _, k := range annotate.SortedLabels(m) {
			rows = append(rows, chartRow{k, m[k], nil})
		}
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].value > rows[j].value })
		return rows
	}
	totals := []chartRow{{"Entities", st.Entities, nil}, {"Quotes", st.Quotes, parseColor(s.QuoteColor)}, {"Relations", st.Relations, nil}}
	return []fyne.CanvasObject{
		barChart("Documents by status", docs),
		barChart("Annotations", totals),
		barChart("Entities per label", labels),
		barChart("Relations per type", byCount(st.ByRelation)),
		barChart("Annotations per annotator", byCount(st.ByAnnotator)),
	}
}

// showStats opens the statistics view.
func (w *Window) showStats() {
	if w.store == nil {
		return
	}
	// Counting a large corpus takes a while: read off the UI goroutine.
	store := w.store
	w.tasks.Add(1)
	go func() {
		defer w.tasks.Done()
		ctx := context.Background()
		st, err := store.Stats(ctx)
		var schema *annotate.Schema
		if err == nil {
			schema, err = store.Schema(ctx)
		}
		fyne.Do(func() {
			if err != nil {
				w.showError("Statistics", err)
				return
			}
			box := container.NewVBox(statsCharts(st, schema)...)
			scroll := container.NewVScroll(box)
			scroll.SetMinSize(fyne.NewSize(560, 520))
			w.showDialog(dialog.NewCustom("Statistics", "Close", scroll, w.win))
		})
	}()
}
