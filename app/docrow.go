package app

import (
	"strconv"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
)

// statusIcons show a document's status in the list; made once (after the
// app has started), since the list sets one per row while scrolling.
var statusIcons map[annotate.Status]fyne.Resource

func statusIcon(s annotate.Status) fyne.Resource {
	if statusIcons == nil {
		statusIcons = map[annotate.Status]fyne.Resource{
			annotate.StatusTodo:       theme.RadioButtonIcon(),
			annotate.StatusInProgress: theme.NewPrimaryThemedResource(theme.DocumentCreateIcon()),
			annotate.StatusDone:       theme.NewSuccessThemedResource(theme.ConfirmIcon()),
			annotate.StatusSkipped:    theme.NewDisabledResource(theme.MediaSkipNextIcon()),
		}
	}
	return statusIcons[s]
}

// docRow is one line of the document list: status icon, title, annotation
// count; a right click offers the statuses. It draws plain canvas texts and
// cuts the title itself, because a truncating Label shapes its text again on
// every update, which made scrolling 100,000 rows slow.
type docRow struct {
	widget.BaseWidget
	id    int64
	text  string
	menu  func(id int64) *fyne.Menu
	onTap func() // selects this row in the list
	icon  *canvas.Image
	title *canvas.Text
	count *canvas.Text
}

func newDocRow(menu func(id int64) *fyne.Menu) *docRow {
	r := &docRow{menu: menu}
	r.icon = canvas.NewImageFromResource(statusIcon(annotate.StatusTodo))
	r.icon.FillMode = canvas.ImageFillContain
	r.title = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	r.count = canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder))
	r.ExtendBaseWidget(r)
	return r
}

func (r *docRow) set(s annotate.DocumentSummary) {
	r.id = s.ID
	if res := statusIcon(s.Status); res != nil && r.icon.Resource != res {
		r.icon.Resource = res
		r.icon.Refresh()
	}
	r.text = s.Title
	r.count.Text = strconv.Itoa(s.Annotations)
	r.fit(r.Size().Width)
	r.title.Refresh()
	r.count.Refresh()
}

// fit cuts the title to the width left between icon and count, estimating
// glyph widths instead of shaping the text.
func (r *docRow) fit(width float32) {
	size := theme.TextSize()
	room := width - rowIconSize - 3*theme.Padding() - float32(len(r.count.Text))*size*0.62
	r.title.Text = cutToWidth(r.text, room, size)
}

// cutToWidth keeps as much of s as fits in room points at text size size,
// ending with an ellipsis when cut.
func cutToWidth(s string, room, size float32) string {
	used := float32(0)
	for i, c := range s {
		used += glyphWidth(c) * size
		if used > room-size {
			if used <= room && i+len(string(c)) == len(s) {
				return s
			}
			return strings.TrimRight(s[:i], " ") + "…"
		}
	}
	return s
}

// glyphWidth is a generous estimate of a glyph's advance in ems.
func glyphWidth(c rune) float32 {
	switch {
	case c >= 0x1100 && (unicode.Is(unicode.Han, c) || unicode.Is(unicode.Hangul, c) || unicode.Is(unicode.Hiragana, c) || unicode.Is(unicode.Katakana, c)):
		return 1.0
	case unicode.IsUpper(c) || c == 'm' || c == 'w' || c == 'M' || c == 'W':
		return 0.75
	case c == 'i' || c == 'l' || c == 'j' || c == 't' || c == 'f' || c == '.' || c == ',' || c == ' ' || c == '\'':
		return 0.32
	}
	return 0.58
}

const rowIconSize = 18

// Tapped selects the row. The row must handle primary taps itself: being
// SecondaryTappable, it is what the desktop driver finds under the pointer,
// so the list item behind it never sees the click.
func (r *docRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

// TappedSecondary opens the status menu for this row's document.
func (r *docRow) TappedSecondary(e *fyne.PointEvent) {
	if r.id == 0 || r.menu == nil {
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(r); c != nil {
		widget.ShowPopUpMenuAtPosition(r.menu(r.id), c, e.AbsolutePosition)
	}
}

var (
	_ fyne.Tappable          = (*docRow)(nil)
	_ fyne.SecondaryTappable = (*docRow)(nil)
)

func (r *docRow) CreateRenderer() fyne.WidgetRenderer { return &docRowRenderer{r: r} }

type docRowRenderer struct{ r *docRow }

func (d *docRowRenderer) Layout(s fyne.Size) {
	r, pad := d.r, theme.Padding()
	h := r.title.MinSize().Height
	r.icon.Move(fyne.NewPos(pad, (s.Height-rowIconSize)/2))
	r.icon.Resize(fyne.NewSquareSize(rowIconSize))
	r.title.Move(fyne.NewPos(pad*2+rowIconSize, (s.Height-h)/2))
	cw := r.count.MinSize().Width
	r.count.Move(fyne.NewPos(s.Width-cw-pad, (s.Height-h)/2))
	r.fit(s.Width)
	r.title.Refresh()
}

func (d *docRowRenderer) MinSize() fyne.Size {
	return fyne.NewSize(120, d.r.title.MinSize().Height+2*theme.Padding())
}

func (d *docRowRenderer) Refresh() {
	d.r.title.Color = theme.Color(theme.ColorNameForeground)
	d.r.count.Color = theme.Color(theme.ColorNamePlaceHolder)
	d.Layout(d.r.Size())
}

func (d *docRowRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{d.r.icon, d.r.title, d.r.count}
}

func (d *docRowRenderer) Destroy() {}
