package article

import (
	"fmt"
	"image/color"
	"sort"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// maxMatches bounds the matches one search collects.
const maxMatches = 10000

// cpRange is a code-point range of the text.
type cpRange struct{ start, end int }

// findBar is the small search bar above the text (Ctrl+F): it highlights
// every match and jumps between them with Enter and the arrow buttons.
type findBar struct {
	widget.BaseWidget
	v       *articleView
	entry   *Field
	count   *widget.Label
	box     *fyne.Container
	folded  []rune // the text lower-cased rune by rune; built on first use
	matches []cpRange
	current int
}

func newFindBar(v *articleView) *findBar {
	f := &findBar{v: v}
	f.entry = NewField()
	f.entry.OnEscape = v.hideFind
	f.entry.SetPlaceHolder("Find in text")
	f.entry.OnChanged = func(string) { f.search() }
	f.entry.OnSubmitted = func(string) { f.step(1) }
	f.count = widget.NewLabel("")
	prev := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { f.step(-1) })
	next := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { f.step(1) })
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { v.hideFind() })
	f.box = container.NewBorder(nil, nil, nil, container.NewHBox(f.count, prev, next, closeBtn), f.entry)
	f.ExtendBaseWidget(f)
	return f
}

// CreateRenderer implements fyne.Widget.
func (f *findBar) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(f.box) }

// focus puts the keyboard focus in the search field. The canvas is looked
// up through the text view: the driver knows an object's canvas only once
// it has been drawn, and the field was hidden until now.
func (f *findBar) focus() {
	if c := f.v.text.canvas(); c != nil {
		c.Focus(f.entry)
	}
}

// reset forgets the query and the folded text (a new document is open).
func (f *findBar) reset() {
	f.folded = nil
	f.matches = nil
	f.current = 0
	f.entry.OnChanged = nil
	f.entry.SetText("")
	f.entry.OnChanged = func(string) { f.search() }
	f.count.SetText("")
}

func (f *findBar) matchCount() int { return len(f.matches) }

// search finds every case-insensitive occurrence of the query.
func (f *findBar) search() {
	f.matches = findAll(f.foldedText(), []rune(f.entry.Text))
	f.current = 0
	if len(f.matches) > 0 {
		f.show()
	} else {
		f.updateCount()
		f.v.text.Refresh()
	}
}

func (f *findBar) foldedText() []rune {
	if f.folded == nil {
		f.folded = foldRunes(f.v.ed.m.doc.Text)
	}
	return f.folded
}

func foldRunes(s string) []rune {
	out := []rune(s)
	for i, r := range out {
		out[i] = unicode.ToLower(r)
	}
	return out
}

// findAll returns the ranges where query occurs in folded text.
func findAll(text, query []rune) []cpRange {
	if len(query) == 0 {
		return nil
	}
	for i, r := range query {
		query[i] = unicode.ToLower(r)
	}
	var out []cpRange
	first := query[0]
outer:
	for i := 0; i+len(query) <= len(text) && len(out) < maxMatches; i++ {
		if text[i] != first {
			continue
		}
		for j := 1; j < len(query); j++ {
			if text[i+j] != query[j] {
				continue outer
			}
		}
		out = append(out, cpRange{i, i + len(query)})
		i += len(query) - 1
	}
	return out
}

// step moves to the next (+1) or previous (-1) match.
func (f *findBar) step(d int) {
	if len(f.matches) == 0 {
		return
	}
	f.current = (f.current + d + len(f.matches)) % len(f.matches)
	f.show()
}

// show selects the current match's words and scrolls to them.
func (f *findBar) show() {
	f.updateCount()
	mt := f.matches[f.current]
	ed := f.v.ed
	toks := ed.m.tokensFor(mt.start, mt.end)
	if !toks.empty() {
		ed.text = selection{anchor: toks.first, caret: toks.end - 1}
		f.v.text.scrollToToken(toks.first)
	}
	f.v.text.Refresh()
}

func (f *findBar) updateCount() {
	switch {
	case f.entry.Text == "":
		f.count.SetText("")
	case len(f.matches) == 0:
		f.count.SetText("no match")
	default:
		f.count.SetText(fmt.Sprintf("%d of %d", f.current+1, len(f.matches)))
	}
}

// drawFindMatches highlights the matches within the visible tokens.
func (r *textRenderer) drawFindMatches(first, end int) {
	v := r.t.ed.view
	if v == nil || !v.find.Visible() || len(v.find.matches) == 0 || first >= end {
		return
	}
	m := r.t.ed.m
	ms := v.find.matches
	lo, hi := m.toks[first].Start, m.toks[end-1].End
	i := sort.Search(len(ms), func(i int) bool { return ms[i].end > lo })
	for ; i < len(ms) && ms[i].start < hi; i++ {
		col := r.pal.find
		if i == v.find.current {
			col = r.pal.findCur
		}
		r.cpBand(&r.back, ms[i].start, ms[i].end, col)
	}
}

// cpBand draws one rectangle per line fragment of the code points
// [start, end): a find match or a character selection.
func (r *textRenderer) cpBand(layer *[]fyne.CanvasObject, start, end int, col color.Color) {
	m, lay := r.t.ed.m, r.t.lay
	lay.spanFragments(m, m.tokensFor(start, end), start, end, r.first, r.last, func(li int, x0, x1 float32, _ bool) {
		r.rect(layer, x0, lay.textTop(li)-1, x1-x0, lay.met.textH+2, col)
	})
}

// Field is a one-line text field for the window's bars and dialogs. A
// text field drops the keys it has no use for, so Esc and F1 pressed in it
// would never close a dialog or open help: Field runs OnEscape on Esc when
// set, and passes Esc (without OnEscape) and F1 on to the canvas's key
// handler, as the text view does.
type Field struct {
	widget.Entry
	OnEscape func()
}

// NewField returns an empty field.
func NewField() *Field {
	f := &Field{}
	f.ExtendBaseWidget(f)
	return f
}

// TypedKey implements fyne.Focusable.
func (f *Field) TypedKey(k *fyne.KeyEvent) {
	switch {
	case k.Name == fyne.KeyEscape && f.OnEscape != nil:
		f.OnEscape()
	case k.Name == fyne.KeyEscape, k.Name == fyne.KeyF1:
		if c := fyne.CurrentApp().Driver().CanvasForObject(f); c != nil && c.OnTypedKey() != nil {
			c.OnTypedKey()(k)
		}
	default:
		f.Entry.TypedKey(k)
	}
}
