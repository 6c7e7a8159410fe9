package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// sideRow is one line of the annotation list: a colour bar and a text cut
// to the row's width. Plain canvas objects, as in docRow: a truncating Label
// shapes its text again on every update, and with thousands of annotations
// that was most of the time an edit took.
type sideRow struct {
	widget.BaseWidget
	text  string
	bar   *canvas.Rectangle
	label *canvas.Text
}

const sideBarWidth = 6

func newSideRow() *sideRow {
	r := &sideRow{bar: canvas.NewRectangle(color.Transparent), label: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	r.ExtendBaseWidget(r)
	return r
}

// set shows item it.
func (r *sideRow) set(it sideItem) {
	r.text = it.text
	r.label.TextStyle = fyne.TextStyle{Bold: it.header}
	r.bar.FillColor = color.Transparent
	if it.color != nil {
		r.bar.FillColor = it.color
	}
	r.fit(r.Size().Width)
	r.label.Refresh()
	r.bar.Refresh()
}

func (r *sideRow) fit(width float32) {
	r.label.Text = cutToWidth(r.text, width-sideBarWidth-3*theme.Padding(), theme.TextSize())
}

func (r *sideRow) CreateRenderer() fyne.WidgetRenderer { return &sideRowRenderer{r: r} }

type sideRowRenderer struct{ r *sideRow }

// lineHeight is the height of one line of text; measured once per size,
// not per row.
var lineHeights = map[float32]float32{}

func lineHeight(size float32) float32 {
	h, ok := lineHeights[size]
	if !ok {
		h = fyne.MeasureText("Ág", size, fyne.TextStyle{}).Height
		lineHeights[size] = h
	}
	return h
}

func (d *sideRowRenderer) Layout(s fyne.Size) {
	r, pad := d.r, theme.Padding()
	r.bar.Move(fyne.NewPos(0, pad/2))
	r.bar.Resize(fyne.NewSize(sideBarWidth, s.Height-pad))
	r.label.Move(fyne.NewPos(sideBarWidth+2*pad, (s.Height-lineHeight(theme.TextSize()))/2))
	r.fit(s.Width)
	r.label.Refresh()
}

func (d *sideRowRenderer) MinSize() fyne.Size {
	return fyne.NewSize(60, lineHeight(theme.TextSize())+2*theme.InnerPadding())
}

func (d *sideRowRenderer) Refresh() {
	d.r.label.Color = theme.Color(theme.ColorNameForeground)
	d.Layout(d.r.Size())
}

func (d *sideRowRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{d.r.bar, d.r.label}
}

func (d *sideRowRenderer) Destroy() {}
