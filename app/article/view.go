package article

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
)

// articleView is the centre pane: header, optional find bar and the
// scrolling text. It owns the scroll container so that it can wrap the text
// to the new width before the scroller asks for the text's height.
type articleView struct {
	widget.BaseWidget
	ed     *Editor
	title  *widget.Label
	meta   *widget.Label
	header *fyne.Container
	find   *findBar
	text   *textView
	scroll *container.Scroll
	sep    *canvas.Rectangle
}

func newArticleView(e *Editor) *articleView {
	v := &articleView{ed: e}
	v.title = widget.NewLabel("")
	v.title.TextStyle = fyne.TextStyle{Bold: true}
	v.title.SizeName = theme.SizeNameSubHeadingText
	v.title.Wrapping = fyne.TextWrapWord
	v.meta = widget.NewLabel("")
	v.meta.SizeName = theme.SizeNameCaptionText
	v.meta.Wrapping = fyne.TextWrapWord
	v.meta.Truncation = fyne.TextTruncateOff
	v.header = container.NewVBox(v.title, v.meta)
	v.text = newTextView(e)
	v.scroll = container.NewVScroll(v.text)
	v.scroll.OnScrolled = func(p fyne.Position) { v.text.scrolled(p.Y, v.scroll.Size().Height) }
	v.find = newFindBar(v)
	v.find.Hide()
	v.sep = canvas.NewRectangle(theme.Color(theme.ColorNameSeparator))
	v.ExtendBaseWidget(v)
	return v
}

// documentChanged shows a newly opened document from its top.
func (v *articleView) documentChanged() {
	doc := v.ed.m.doc
	v.title.SetText(doc.Title())
	v.meta.SetText(metaLine(doc.Meta))
	if v.meta.Text == "" {
		v.meta.Hide()
	} else {
		v.meta.Show()
	}
	v.find.reset()
	// Keep the measured word widths: most words recur across articles.
	old := v.text.lay
	v.text.lay = &layout{met: old.met, widths: old.widths, advances: old.advances, kerns: old.kerns}
	if len(old.widths) > 200000 {
		v.text.lay.widths = map[string]float32{}
	}
	v.text.lay.setMetrics()
	v.text.laidOutFor = -1
	v.text.pressTok = -1
	v.scroll.Offset = fyne.Position{}
	v.relayout(v.Size())
}

// annotationsChanged redraws after the annotations changed. Lines grow or
// shrink with the bands their annotations need; then the scroller learns
// the new height, and the view scrolls by what the lines above the one
// being worked on gained or lost (as far as the text allows), so that
// line's text stays where it was on screen: the words under the pointer
// never jump when a first chip appears.
func (v *articleView) annotationsChanged() { v.restack(true) }

// manyAnnotationsChanged redraws after annotations changed all over the
// text at once (accept all): there is no one line to hold, so the view
// keeps its offset and scrolls only to bring the selection back into view.
func (v *articleView) manyAnnotationsChanged() { v.restack(false) }

func (v *articleView) restack(keepLine bool) {
	lay, t := v.text.lay, v.text
	if len(lay.tokLn) != len(v.ed.m.toks) {
		return
	}
	height := lay.height
	anchor := -1
	if keepLine {
		anchor = t.anchorLine()
	}
	var before float32
	if anchor >= 0 {
		before = lay.textTop(anchor)
	}
	lay.restack(v.ed.m)
	if anchor >= 0 {
		if moved := lay.textTop(anchor) - before; moved != 0 {
			t.keepInPlace(anchor, moved)
			return
		}
	}
	if lay.height != height {
		v.scroll.Refresh()
	}
	// A text that got shorter shows no blank room below its end.
	if top := max(0, min(t.viewTop, lay.height-t.viewH)); top != t.viewTop {
		t.scrollTo(top)
	}
	if !keepLine && t.scrollToToken(v.ed.selectionToken()) {
		return
	}
	t.Refresh()
}

func metaLine(m annotate.Meta) string {
	var parts []string
	for _, s := range []string{m.Source, m.Published, m.Author, m.URL} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}

// relayout places header, find bar and text for size.
func (v *articleView) relayout(size fyne.Size) {
	if size.Width <= 0 || size.Height <= 0 {
		return
	}
	pad := theme.Padding()
	y := float32(0)
	v.header.Resize(fyne.NewSize(size.Width, v.header.MinSize().Height))
	h := v.header.MinSize().Height
	v.header.Resize(fyne.NewSize(size.Width, h))
	v.header.Move(fyne.NewPos(0, y))
	y += h
	v.sep.Move(fyne.NewPos(pad, y))
	v.sep.Resize(fyne.NewSize(size.Width-2*pad, 1))
	y++
	if v.find.Visible() {
		fh := v.find.MinSize().Height
		v.find.Move(fyne.NewPos(0, y))
		v.find.Resize(fyne.NewSize(size.Width, fh))
		y += fh
	}
	scrollSize := fyne.NewSize(size.Width, max(size.Height-y, 0))
	width := size.Width - theme.ScrollBarSize()
	// Keep the first visible word at the top when the text re-wraps.
	anchor := -1
	if v.text.laidOutFor > 0 && width != v.text.laidOutFor && v.scroll.Offset.Y > 0 {
		anchor = v.text.firstVisibleToken()
	}
	v.text.wrapTo(width)
	v.scroll.Move(fyne.NewPos(0, y))
	v.scroll.Resize(scrollSize)
	v.scroll.Refresh()
	if lay := v.text.lay; anchor >= 0 && anchor < len(lay.tokLn) {
		top := max(0, min(lay.lines[lay.tokLn[anchor]].y, lay.height-scrollSize.Height))
		v.scroll.ScrollToOffset(fyne.NewPos(0, top))
	}
	v.text.setViewport(v.scroll.Offset.Y, scrollSize.Height)
}

func (v *articleView) showFind() {
	if !v.find.Visible() {
		v.find.Show()
		v.relayout(v.Size())
	}
	v.find.focus()
}

func (v *articleView) hideFind() {
	v.find.reset()
	v.find.Hide()
	v.relayout(v.Size())
	v.text.focus()
}

func (v *articleView) findVisible() bool { return v.find.Visible() }

// CreateRenderer implements fyne.Widget.
func (v *articleView) CreateRenderer() fyne.WidgetRenderer {
	return &articleRenderer{v: v, objects: []fyne.CanvasObject{v.header, v.sep, v.find, v.scroll}}
}

type articleRenderer struct {
	v       *articleView
	objects []fyne.CanvasObject
}

func (r *articleRenderer) Layout(size fyne.Size) { r.v.relayout(size) }

func (r *articleRenderer) MinSize() fyne.Size {
	return fyne.NewSize(200, r.v.header.MinSize().Height+100)
}

func (r *articleRenderer) Refresh() {
	r.v.sep.FillColor = theme.Color(theme.ColorNameSeparator)
	r.v.header.Refresh()
	if r.v.text.lay.setMetrics() {
		// The theme's text size changed: wrap again.
		r.v.text.laidOutFor = -1
		r.v.relayout(r.v.Size())
	}
	r.v.text.Refresh()
}

func (r *articleRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *articleRenderer) Destroy() {}
