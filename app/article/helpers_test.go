package article

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"byline/annotate"
	"byline/annotate/annotatetest"
)

// loadSchema reads the default schema shipped with Byline.
func loadSchema(tb testing.TB) *annotate.Schema {
	tb.Helper()
	b, err := os.ReadFile("../../assets/schema.json")
	if err != nil {
		tb.Fatal(err)
	}
	s, err := annotate.ParseSchema(b)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// testStore makes the store the GUI tests run against: the in-memory one
// here; a file built with the sqlite tag swaps in the SQLite store.
var testStore = func(tb testing.TB, schema *annotate.Schema) annotate.Store {
	now := time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)
	s := annotatetest.NewMemStore(schema)
	s.SetClock(func() time.Time { now = now.Add(time.Second); return now })
	return s
}

// harness is an editor on a test store inside a test window.
type harness struct {
	t       testing.TB
	ed      *Editor
	store   annotate.Store
	doc     int64
	win     fyne.Window
	errs    []error
	status  []string
	changes int
	serial  int
	// clock drives the text view's multi-click detection: each press is
	// clickGap after the last, a second apart unless a test says otherwise.
	clock    time.Time
	clickGap time.Duration
}

func newHarness(tb testing.TB, text string) *harness {
	tb.Helper()
	test.NewTempApp(tb)
	store := testStore(tb, loadSchema(tb))
	h := &harness{t: tb, store: store}
	h.doc = h.addDocument(text, annotate.Meta{Title: "Test article", Source: "Wire", Published: "2026-03-14"})
	h.ed = NewEditor(store)
	h.ed.DeliverOnFlush()
	h.ed.OnError = func(err error) { h.errs = append(h.errs, err) }
	h.ed.OnStatus = func(s string) { h.status = append(h.status, s) }
	h.ed.OnChanged = func() { h.changes++ }
	h.clock, h.clickGap = time.Date(2026, 3, 14, 10, 0, 0, 0, time.UTC), time.Second
	h.ed.view.text.now = func() time.Time { h.clock = h.clock.Add(h.clickGap); return h.clock }
	h.win = test.NewTempWindow(tb, h.ed.Widget())
	h.win.Resize(fyne.NewSize(700, 800))
	if err := h.ed.Open(h.doc); err != nil {
		tb.Fatal(err)
	}
	h.ed.Focus()
	return h
}

func (h *harness) tv() *textView { return h.ed.view.text }

// token returns the index of the n-th (0-based) token whose text is word.
func (h *harness) token(word string, n int) int {
	h.t.Helper()
	m := h.ed.m
	for i := range m.toks {
		if m.tokenText(i) == word {
			if n == 0 {
				return i
			}
			n--
		}
	}
	h.t.Fatalf("no token %q", word)
	return -1
}

// at returns the middle of a token in the text view's coordinates.
func (h *harness) at(word string, n int) fyne.Position {
	pos, size := h.tv().lay.tokenRect(h.token(word, n))
	return pos.Add(fyne.NewPos(size.Width/2, size.Height/2))
}

// absolute converts a text-view position to canvas coordinates.
func (h *harness) absolute(p fyne.Position) fyne.Position {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(h.tv()).Add(p)
}

// drag presses the mouse on one word and drags to another, as the driver does.
func (h *harness) drag(from, to fyne.Position) {
	// The driver finds the dragged object on screen: the words must show.
	h.tv().scrollToToken(h.tv().lay.tokenAt(from))
	h.tv().MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	end := h.absolute(to)
	test.Drag(h.win.Canvas(), end, to.X-from.X, to.Y-from.Y)
	h.tv().MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: to}, Button: desktop.MouseButtonPrimary})
	h.ed.Flush()
}

// dragWords selects from the first occurrence of one word to another.
func (h *harness) dragWords(from, to string) { h.drag(h.at(from, 0), h.at(to, 0)) }

// click taps a word (n-th occurrence).
func (h *harness) click(word string, n int) {
	p := h.at(word, n)
	h.tv().MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary})
	h.tv().MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary})
	test.TapAt(h.tv(), p)
	h.ed.Flush()
}

// multiClick clicks a word n times in quick succession (2: double-click,
// 3: triple-click), each click a press, a release and a tap as the driver
// sends them.
func (h *harness) multiClick(word string, n int) {
	h.click(word, 0)
	h.clickGap = 80 * time.Millisecond
	defer func() { h.clickGap = time.Second }()
	for range n - 1 {
		h.click(word, 0)
	}
}

// clickAt taps a point of the text view.
func (h *harness) clickAt(p fyne.Position) { test.TapAt(h.tv(), p); h.ed.Flush() }

// typeKeys sends runes to the focused text view.
func (h *harness) typeKeys(s string) {
	h.t.Helper()
	focused := h.win.Canvas().Focused()
	if focused != h.tv() {
		h.t.Fatalf("the text view does not have the focus (focused: %T)", focused)
	}
	for _, r := range s {
		focused.TypedRune(r)
	}
	h.ed.Flush()
}

// key sends a named key to the focused widget.
func (h *harness) key(name fyne.KeyName) {
	h.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: name})
	h.ed.Flush()
}

// shortcut sends a shortcut to the focused widget.
func (h *harness) shortcut(s fyne.Shortcut) {
	h.win.Canvas().Focused().(fyne.Shortcutable).TypedShortcut(s)
	h.ed.Flush()
}

// stored returns the store's current annotations of the document, once
// the queued writes are done.
func (h *harness) stored() *annotate.Annotations {
	h.ed.Flush()
	a, err := h.store.FindAnnotations(context.Background(), h.doc)
	if err != nil {
		h.t.Fatal(err)
	}
	return a
}

// entity returns the only stored entity with text, failing otherwise.
func (h *harness) entity(text string) annotate.Entity {
	h.t.Helper()
	var found []annotate.Entity
	for _, e := range h.stored().Entities {
		if e.Text == text {
			found = append(found, e)
		}
	}
	if len(found) != 1 {
		h.t.Fatalf("want one entity %q, have %d: %v", text, len(found), h.stored().Entities)
	}
	return found[0]
}

// offsets returns the code-point range of the n-th occurrence of s in text.
func offsets(text, s string, n int) (int, int) {
	i := 0
	for ; n >= 0; n-- {
		j := strings.Index(text[i:], s)
		if j < 0 {
			return -1, -1
		}
		i += j
		if n > 0 {
			i += len(s)
		}
	}
	start := annotate.RuneCount(text[:i])
	return start, start + annotate.RuneCount(s)
}

func (h *harness) noErrors() {
	h.t.Helper()
	if len(h.errs) > 0 {
		h.t.Fatalf("unexpected errors: %v", h.errs)
	}
}

func (h *harness) lastStatus() string {
	if len(h.status) == 0 {
		return ""
	}
	return h.status[len(h.status)-1]
}

var ctrlShiftZ = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}

type desktopShortcut struct {
	key fyne.KeyName
	mod fyne.KeyModifier
}

func (d *desktopShortcut) custom() *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: d.key, Modifier: d.mod}
}

// clickShift taps a word with Shift held.
func (h *harness) clickShift(word string) {
	p := h.at(word, 0)
	h.tv().MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary, Modifier: fyne.KeyModifierShift})
	test.TapAt(h.tv(), p)
	h.ed.Flush()
}

type (
	canvasText = canvas.Text
	canvasRect = canvas.Rectangle
)

// click2 taps a point with a mouse press first, as the driver does.
func (h *harness) click2(p fyne.Position) {
	h.tv().MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary})
	test.TapAt(h.tv(), p)
	h.ed.Flush()
}

// addDocument imports a document through the store's public API.
func (h *harness) addDocument(text string, meta annotate.Meta, debris ...annotate.Range) int64 {
	h.t.Helper()
	return h.importRecord(&annotate.Record{Text: text, Meta: meta, Debris: debris})
}

// importRecord imports one record and returns its document id.
func (h *harness) importRecord(rec *annotate.Record) int64 {
	h.t.Helper()
	h.serial++
	if rec.ID == "" {
		rec.ID = fmt.Sprintf("test-%d", h.serial)
	}
	if rec.Entities == nil {
		rec.Entities, rec.Quotes, rec.Relations = []annotate.RecordEntity{}, []annotate.RecordQuote{}, []annotate.RecordRelation{}
	}
	outs, err := h.store.ImportRecords(context.Background(), []*annotate.Record{rec}, annotate.ImportOptions{})
	if err != nil {
		h.t.Fatal(err)
	}
	if len(outs) != 1 || outs[0].Duplicate || outs[0].DocumentID == 0 {
		h.t.Fatalf("import: %+v", outs)
	}
	return outs[0].DocumentID
}

// open imports a document and opens it in the editor.
func (h *harness) open(text string, meta annotate.Meta, debris ...annotate.Range) {
	h.t.Helper()
	h.doc = h.addDocument(text, meta, debris...)
	if err := h.ed.Open(h.doc); err != nil {
		h.t.Fatal(err)
	}
}

// setSchema replaces the store's schema and reloads the editor.
func (h *harness) setSchema(s *annotate.Schema) {
	h.t.Helper()
	if err := h.store.SaveSchema(context.Background(), s); err != nil {
		h.t.Fatal(err)
	}
	if err := h.ed.Reload(); err != nil {
		h.t.Fatal(err)
	}
}
