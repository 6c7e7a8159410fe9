package article

import (
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// textView is the tall widget inside the scroll container that shows the
// laid-out text and takes the mouse and keyboard. Its renderer draws only
// the lines inside the viewport.
type textView struct {
	widget.BaseWidget
	ed         *Editor
	lay        *layout
	laidOutFor float32
	viewTop    float32
	viewH      float32
	// pressTok is the word of the last mouse press: the line worked on.
	pressTok int

	dragAnchor int
	dragging   bool
	charDrag   bool // Alt held at the press: select characters, not words
	cpAnchor   int  // the code point where a character drag started
	mouseMod   fyne.KeyModifier
	shiftHeld  bool
	focused    bool
	hits       []hitRegion // clickable things of the last drawing, topmost last
	// toldSugg is the selected suggestion (index plus one, and its set)
	// the side panel was last told of; zero for none.
	toldSugg [2]int

	// Multi-click detection: the driver's own double-tap handling holds
	// every single click back for its double-tap delay, so the view counts
	// presses itself and acts on each one at once.
	now       func() time.Time
	lastPress time.Time
	pressPos  fyne.Position
	clicks    int // presses in the current run: 1 single, 2 double, 3 triple
}

// multiClickSlop is how far (in pixels) the pointer may move between the
// presses of a double- or triple-click.
const multiClickSlop = 4

// hitKind says what a clickable region of the drawing is.
type hitKind int

const (
	hitAnnotation hitKind = iota // a tag, relation caption or quote bar
	hitChooser                   // a row of the relation type chooser
)

type hitRegion struct {
	pos  fyne.Position
	size fyne.Size
	kind hitKind
	ref  Ref
	n    int
}

func (h hitRegion) contains(p fyne.Position) bool {
	return p.X >= h.pos.X && p.Y >= h.pos.Y && p.X < h.pos.X+h.size.Width && p.Y < h.pos.Y+h.size.Height
}

func newTextView(e *Editor) *textView {
	t := &textView{ed: e, lay: newLayout(), laidOutFor: -1, dragAnchor: -1, pressTok: -1, now: time.Now}
	t.ExtendBaseWidget(t)
	return t
}

// wrapTo lays the text out for width unless it already is.
func (t *textView) wrapTo(width float32) {
	if width <= 0 || width == t.laidOutFor {
		return
	}
	t.lay.setMetrics()
	t.lay.relayout(t.ed.m, width)
	t.laidOutFor = width
}

// setViewport tells the view which part of it is visible and redraws.
func (t *textView) setViewport(top, height float32) {
	t.viewTop, t.viewH = top, height
	t.Refresh()
}

// scrolled follows the analyst's scrolling.
func (t *textView) scrolled(top, height float32) { t.setViewport(top, height) }

// anchorLine is the line whose text must not move when the annotations
// change: that of the selected annotation or words, else of the last
// press, else the first visible line; -1 when none is on screen.
func (t *textView) anchorLine() int {
	lay, e := t.lay, t.ed
	if len(lay.lines) == 0 || t.viewH <= 0 {
		return -1
	}
	visible := func(tok int) bool {
		if tok < 0 || tok >= len(lay.tokLn) {
			return false
		}
		ln := &lay.lines[lay.tokLn[tok]]
		return ln.y+ln.h > t.viewTop && ln.y < t.viewTop+t.viewH
	}
	for _, tok := range []int{e.selectionToken(), t.pressTok, t.firstVisibleToken()} {
		if visible(tok) {
			return int(lay.tokLn[tok])
		}
	}
	return -1
}

// keepInPlace scrolls by moved, what line li and the lines above it grew
// by, as far as the text allows: never above its top nor past its end, so a
// text that fits stays at its top and no blank room shows below the text.
// It scrolls no further than line li's top, so the line's own chips stay in
// view, and not into the arc band or chips of the line at the top edge,
// which would be cut.
func (t *textView) keepInPlace(li int, moved float32) {
	lay := t.lay
	top := min(t.viewTop+moved, lay.lines[li].y, lay.height-t.viewH)
	t.scrollTo(t.clearOfBands(max(0, top)))
}

// clearOfBands moves a viewport top that falls inside the arc band or the
// chips of a line, above its text, up to that line's top, so the arcs and
// chips of the line at the top edge are not cut.
func (t *textView) clearOfBands(top float32) float32 {
	lay := t.lay
	if len(lay.lines) == 0 {
		return top
	}
	k := lay.lineAt(top)
	ln := &lay.lines[k]
	bands := lay.textTop(k) // where the bands above the text begin
	switch {
	case ln.arcs:
		bands = ln.y
	case ln.rows > 0:
		bands = lay.chipsTop(k)
	}
	if bands < top && top < lay.textTop(k) {
		return ln.y
	}
	return top
}

// scrollTo scrolls the viewport's top to y.
func (t *textView) scrollTo(y float32) {
	scroll := t.ed.view.scroll
	scroll.Refresh() // the new height, before the offset that needs it
	scroll.ScrollToOffset(fyne.NewPos(0, y))
	// ScrollToOffset does not call OnScrolled.
	t.setViewport(scroll.Offset.Y, t.viewH)
}

// scrollToToken scrolls so that token i is visible; it reports whether it
// scrolled (and so redrew).
func (t *textView) scrollToToken(i int) bool {
	if i < 0 || i >= len(t.lay.tokLn) || t.viewH <= 0 {
		return false
	}
	ln := t.lay.lines[t.lay.tokLn[i]]
	if ln.y >= t.viewTop && ln.y+ln.h <= t.viewTop+t.viewH {
		return false
	}
	t.scrollTo(t.clearOfBands(max(0, min(ln.y-t.viewH/3, t.lay.height-t.viewH))))
	return true
}

// firstVisibleToken returns the first word of the viewport, 0 when none.
func (t *textView) firstVisibleToken() int {
	if len(t.lay.lines) == 0 || len(t.lay.tokX) == 0 {
		return 0
	}
	for li := t.lay.lineAt(t.viewTop); li < len(t.lay.lines); li++ {
		if ln := t.lay.lines[li]; ln.end > ln.first {
			return ln.first
		}
	}
	return 0
}

func (t *textView) focus() {
	if c := t.canvas(); c != nil {
		c.Focus(t)
	}
}

func (t *textView) hitAt(p fyne.Position) (hitRegion, bool) {
	for i := len(t.hits) - 1; i >= 0; i-- {
		if t.hits[i].contains(p) {
			return t.hits[i], true
		}
	}
	return hitRegion{}, false
}

// MouseDown anchors a drag selection where the button went down and counts
// the presses of a double- or triple-click.
func (t *textView) MouseDown(ev *desktop.MouseEvent) {
	t.focus()
	t.mouseMod = ev.Modifier
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	t.countClick(ev.Position)
	t.charDrag = ev.Modifier&fyne.KeyModifierAlt != 0
	if t.charDrag {
		t.cpAnchor = t.codePointAt(ev.Position)
	}
	t.dragAnchor = t.lay.tokenAt(ev.Position)
	t.pressTok = t.dragAnchor
	if ev.Modifier&fyne.KeyModifierShift != 0 {
		if t.ed.text.active() {
			t.dragAnchor = t.ed.text.anchor
		} else if a := t.ed.suggestionAnchor(t.dragAnchor); a >= 0 {
			t.dragAnchor = a
		}
	}
}

// MouseUp implements desktop.Mouseable.
func (t *textView) MouseUp(*desktop.MouseEvent) {}

// Dragged extends the selection to the word under the pointer.
func (t *textView) Dragged(ev *fyne.DragEvent) {
	if !t.dragging {
		t.dragging = true
		if t.dragAnchor < 0 {
			start := ev.Position.Subtract(fyne.NewPos(ev.Dragged.DX, ev.Dragged.DY))
			t.dragAnchor = t.lay.tokenAt(start)
		}
	}
	caret := t.lay.tokenAt(ev.Position)
	if t.dragAnchor < 0 || caret < 0 {
		return
	}
	if t.charDrag {
		t.ed.text = t.ed.m.charSelection(t.cpAnchor, t.codePointAt(ev.Position))
	} else {
		t.ed.text = selection{anchor: t.dragAnchor, caret: caret}
	}
	t.followPointer(ev.Position.Y)
	t.Refresh()
}

// codePointAt returns the character boundary nearest to p within the
// nearest word, in either direction (charX).
func (t *textView) codePointAt(p fyne.Position) int {
	tok := t.lay.tokenAt(p)
	if tok < 0 {
		return 0
	}
	m, lay := t.ed.m, t.lay
	tk := m.toks[tok]
	x := p.X - padX - lay.tokX[tok]
	best, bestD := tk.Start, float32(math.MaxFloat32)
	for cp := tk.Start; cp <= tk.End; cp++ {
		d := x - lay.charX(m, tok, cp)
		if d = max(d, -d); d < bestD {
			best, bestD = cp, d
		}
	}
	return best
}

// followPointer scrolls while a drag goes past the top or bottom of the
// viewport, so a selection can grow beyond the first screen.
func (t *textView) followPointer(y float32) {
	if t.viewH <= 0 {
		return
	}
	var top float32
	switch {
	case y < t.viewTop:
		top = max(0, y-20)
	case y > t.viewTop+t.viewH:
		top = min(t.lay.height-t.viewH, y+20-t.viewH)
	default:
		return
	}
	scroll := t.ed.view.scroll
	scroll.ScrollToOffset(fyne.NewPos(0, top))
	t.viewTop = scroll.Offset.Y
}

// countClick records a primary press at p: the next in a run of clicks
// when it follows the last one quickly and close by, else the first.
func (t *textView) countClick(p fyne.Position) {
	now := t.now()
	d := p.Subtract(t.pressPos)
	if t.clicks > 0 && t.clicks < 3 && now.Sub(t.lastPress) <= multiClickInterval() &&
		max(d.X, -d.X) <= multiClickSlop && max(d.Y, -d.Y) <= multiClickSlop {
		t.clicks++
	} else {
		t.clicks = 1
	}
	t.lastPress, t.pressPos = now, p
}

// multiClickInterval is the longest pause between the presses of a
// double-click: the driver's double-tap delay.
func multiClickInterval() time.Duration {
	if a := fyne.CurrentApp(); a != nil {
		if d := a.Driver().DoubleTapDelay(); d > 0 {
			return d
		}
	}
	return 300 * time.Millisecond
}

// DragEnd finishes a drag selection.
func (t *textView) DragEnd() {
	t.clicks = 0
	t.charDrag = false
	t.dragging = false
	t.dragAnchor = -1
	t.mouseMod = 0
	t.ed.selectionMade()
	t.Refresh()
}

// Tapped selects the clicked annotation, or the clicked word; the second
// click of a double-click selects the word even inside a span, the third
// the paragraph. The driver calls it right after MouseUp, because the view
// does not implement fyne.DoubleTappable.
func (t *textView) Tapped(ev *fyne.PointEvent) {
	t.focus()
	shift := t.mouseMod&fyne.KeyModifierShift != 0 || t.shiftHeld
	t.mouseMod = 0
	t.dragAnchor = -1
	clicks := t.clicks
	if clicks >= 3 {
		t.clicks = 0 // a fourth press starts a new run
	}
	e := t.ed
	if clicks >= 2 {
		t.multiClicked(ev.Position, clicks)
		return
	}
	if h, ok := t.hitAt(ev.Position); ok {
		if h.kind == hitChooser {
			_ = e.pickRelationType(h.n)
		} else {
			t.annotationClicked(h.ref, -1)
		}
		t.Refresh()
		return
	}
	tok := t.lay.wordAt(ev.Position)
	if tok < 0 {
		t.blankClicked()
		return
	}
	if shift && e.text.active() {
		e.text.caret = tok
		e.selectionMade()
		t.Refresh()
		return
	}
	if shift && e.extendFromSuggestion(tok) {
		t.Refresh()
		return
	}
	if i := e.m.innermostEntityAt(tok); i >= 0 && e.mode.kind != modeCue {
		t.annotationClicked(Ref{KindEntity, e.m.ann.Entities[i].ID}, tok)
	} else if q := e.m.quoteAt(tok); q >= 0 && e.mode.kind == modeNormal {
		t.annotationClicked(Ref{KindQuote, e.m.ann.Quotes[q].ID}, tok)
	} else if sg := e.m.suggestionAt(tok); sg >= 0 && e.mode.kind == modeNormal {
		e.selectSuggestion(sg)
	} else {
		if e.mode.kind != modeCue {
			e.cancelMode()
			e.setSelected(Ref{})
		}
		e.text = selection{anchor: tok, caret: tok}
		e.selectionMade()
	}
	t.Refresh()
}

// blankClicked clears the selection, as a click on blank space beside or
// below the text should; a pending cue keeps waiting for its words.
func (t *textView) blankClicked() {
	e := t.ed
	if e.mode.kind != modeCue {
		e.cancelMode()
		e.setSelected(Ref{})
	}
	e.text = noSelection
	t.Refresh()
}

// annotationClicked selects ref, or hands it to a waiting command. tok is
// the clicked word (-1 for a tag), used to walk out through nested spans.
func (t *textView) annotationClicked(ref Ref, tok int) {
	e := t.ed
	if ref.Kind == kindSuggestion {
		e.selectSuggestion(int(ref.ID) - 1)
		return
	}
	if ref.Kind == KindEntity && e.entityClicked(ref.ID) {
		return
	}
	if e.mode.kind != modeNormal {
		e.cancelMode()
	}
	if ref == e.sel && tok >= 0 && ref.Kind == KindEntity {
		if j := e.m.enclosingEntityAt(tok, e.m.entByID[ref.ID]); j >= 0 {
			ref = Ref{KindEntity, e.m.ann.Entities[j].ID}
		} else if q := e.m.quoteAt(tok); q >= 0 {
			ref = Ref{KindQuote, e.m.ann.Quotes[q].ID}
		}
	}
	e.text = noSelection
	e.setSelected(ref)
}

// multiClicked selects the word under p (a double-click) or its paragraph
// (a triple-click) as text, even where spans cover it.
func (t *textView) multiClicked(p fyne.Position, clicks int) {
	tok := t.lay.wordAt(p)
	if tok < 0 {
		t.blankClicked()
		return
	}
	e := t.ed
	if e.mode.kind != modeNormal && e.mode.kind != modeCue {
		e.cancelMode()
	}
	sel := selection{anchor: tok, caret: tok}
	if clicks >= 3 {
		r := e.m.paragraphAt(tok)
		sel = selection{anchor: r.first, caret: r.end - 1}
	}
	e.setSelected(Ref{})
	e.text = sel
	e.selectionMade()
	t.Refresh()
}

// MouseIn implements desktop.Hoverable.
func (t *textView) MouseIn(ev *desktop.MouseEvent) { t.MouseMoved(ev) }

// MouseMoved shows the tooltip of the annotation under the pointer.
func (t *textView) MouseMoved(ev *desktop.MouseEvent) {
	var ref Ref
	if h, ok := t.hitAt(ev.Position); ok && h.kind == hitAnnotation {
		ref = h.ref
	} else if tok := t.lay.tokenAt(ev.Position); tok >= 0 && t.overToken(tok, ev.Position) {
		if i := t.ed.m.innermostEntityAt(tok); i >= 0 {
			ref = Ref{KindEntity, t.ed.m.ann.Entities[i].ID}
		} else if q := t.ed.m.quoteAt(tok); q >= 0 {
			ref = Ref{KindQuote, t.ed.m.ann.Quotes[q].ID}
		}
	}
	t.setHover(ref)
}

// overToken reports whether p is on token i itself, not just nearest to it.
func (t *textView) overToken(i int, p fyne.Position) bool {
	pos, size := t.lay.tokenRect(i)
	bottom := t.lay.quoteTop(int(t.lay.tokLn[i])) + quoteBand
	return p.X >= pos.X-2 && p.X <= pos.X+size.Width+2 && p.Y >= pos.Y-2 && p.Y <= bottom
}

// MouseOut hides the tooltip.
func (t *textView) MouseOut() { t.setHover(Ref{}) }

func (t *textView) setHover(ref Ref) {
	if ref != t.ed.hover {
		t.ed.hover = ref
		t.Refresh()
	}
}

// FocusGained implements fyne.Focusable.
func (t *textView) FocusGained() { t.focused = true; t.Refresh() }

// FocusLost implements fyne.Focusable.
func (t *textView) FocusLost() { t.focused = false; t.shiftHeld = false; t.Refresh() }

// TypedRune handles label hotkeys and the one-key commands. Other keys
// (such as the window's "?") go on to the canvas's handler.
func (t *textView) TypedRune(r rune) {
	if t.ed.typedRune(r) {
		return
	}
	if c := t.canvas(); c != nil && c.OnTypedRune() != nil {
		c.OnTypedRune()(r)
	}
}

// TypedKey handles Esc, Delete, arrows and Enter; other keys (such as F1)
// go on to the canvas's handler.
func (t *textView) TypedKey(ev *fyne.KeyEvent) {
	if t.ed.typedKey(ev.Name, t.shiftHeld) {
		return
	}
	if c := t.canvas(); c != nil && c.OnTypedKey() != nil {
		c.OnTypedKey()(ev)
	}
}

// canvas is the canvas the text is shown on, nil when none.
func (t *textView) canvas() fyne.Canvas {
	if t.ed.window != nil {
		return t.ed.window
	}
	return fyne.CurrentApp().Driver().CanvasForObject(t)
}

// KeyDown tracks Shift, which Fyne does not pass with TypedKey.
func (t *textView) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		t.shiftHeld = true
	}
}

// KeyUp implements desktop.Keyable.
func (t *textView) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		t.shiftHeld = false
	}
}

// TypedShortcut runs the view's shortcuts and passes every other one to the
// canvas, so the window's shortcuts keep working while the text has focus.
func (t *textView) TypedShortcut(s fyne.Shortcut) {
	if t.ed.typedShortcut(s) {
		return
	}
	if c := t.canvas(); c != nil {
		if sc, ok := c.(fyne.Shortcutable); ok {
			sc.TypedShortcut(s)
		}
	}
}

// CreateRenderer implements fyne.Widget.
func (t *textView) CreateRenderer() fyne.WidgetRenderer { return newTextRenderer(t) }
