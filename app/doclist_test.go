package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"byline/annotate"
)

// listWindow shows a document list over n fake documents in a window the
// size of the real left pane.
func listWindow(tb testing.TB, n int) (*docList, *testStore) {
	test.NewTempApp(tb)
	st := newTestStore("bench.db")
	st.addDocs(tb, n)
	l := newDocList()
	win := test.NewTempWindow(tb, l.content)
	win.Resize(fyne.NewSize(300, 800))
	return l, st
}

// scrollToEnd scrolls the list one screen at a time to the bottom and
// returns the number of screens.
func scrollToEnd(l *docList) int {
	screen := l.list.Size().Height
	screens := 0
	for y := float32(0); ; y += screen {
		l.list.ScrollToOffset(y)
		l.wait() // the screen's rows arrive
		screens++
		if l.list.GetScrollOffset() < y {
			return screens // clamped: the last row is in view
		}
	}
}

func TestDocumentListPagesStayBounded(t *testing.T) {
	l, st := listWindow(t, 5000)
	l.setStore(st)
	l.wait()
	if l.pages.count != 5000 || l.list.Length() != 5000 {
		t.Fatalf("count = %d", l.pages.count)
	}
	screens := scrollToEnd(l)
	if screens < 10 {
		t.Errorf("reached the end after %d screens; the list is not scrolling by screens", screens)
	}
	if len(l.pages.pages) > listMaxPages {
		t.Errorf("%d pages cached, limit %d", len(l.pages.pages), listMaxPages)
	}
	shown := map[string]bool{}
	for _, o := range test.LaidOutObjects(l.list) {
		if r, ok := o.(*docRow); ok && r.Visible() {
			shown[r.text] = true
		}
	}
	if !shown["Article 4999"] || shown["Article 0"] {
		t.Errorf("after scrolling to the end the visible rows are %v", shown)
	}
	last, ok := l.pages.row(4999)
	if !ok || last.Title != "Article 4999" {
		t.Errorf("last row = %+v", last)
	}
	// Neighbours follow the list order, and the list refetches after a change.
	l.setCurrent(last.ID)
	neighbour := func(delta int) (id int64, ok bool) {
		l.neighbour(delta, func(i int64, o bool) { id, ok = i, o })
		l.wait()
		return id, ok
	}
	if id, ok := neighbour(-1); !ok || id != last.ID-1 {
		t.Errorf("previous of the last = %d, %v", id, ok)
	}
	if _, ok := neighbour(1); ok {
		t.Errorf("there is a next after the last row")
	}
}

// BenchmarkDocumentList opens the list on 100,000 documents and scrolls it to
// the end one screen at a time; ms/screen is the work per screen.
func BenchmarkDocumentList(b *testing.B) {
	l, st := listWindow(b, 100_000)
	var screens int
	var open time.Duration
	for b.Loop() {
		l.setStore(nil)
		t0 := time.Now()
		l.setStore(st)
		l.wait()
		open += time.Since(t0)
		screens += scrollToEnd(l)
	}
	b.ReportMetric(float64(open.Microseconds())/1000/float64(b.N), "ms-open/op")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(screens), "ms/screen")
	b.ReportMetric(float64(screens)/float64(b.N), "screens/op")
}

func TestStatusFromRowMenu(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	row := visibleRow(t, w, "Port strike")
	row.TappedSecondary(&fyne.PointEvent{})
	if w.win.Canvas().Overlays().Top() == nil {
		t.Fatal("right click showed no menu")
	}
	menu := w.docs.statusMenu(row.id)
	var labels []string
	for _, it := range menu.Items {
		labels = append(labels, it.Label)
	}
	if strings.Join(labels, ",") != "Mark To do,Mark In progress,Mark Done,Mark Skipped" {
		t.Errorf("menu = %v", labels)
	}
	menu.Items[3].Action()
	w.flush()
	doc, _ := env.store().FindDocumentByID(context.Background(), row.id)
	if doc.Status != annotate.StatusSkipped {
		t.Errorf("status = %s, want skipped", doc.Status)
	}
	if s, _ := w.docs.pages.row(3); s.Status != annotate.StatusSkipped {
		t.Errorf("list row status = %s", s.Status)
	}
	if w.currentDoc() == row.id {
		t.Errorf("marking a row opened it")
	}
}

// TestClickOnRowOpensDocument taps the row widget itself, which is what the
// desktop driver hands a primary click to (the row is SecondaryTappable, so
// the list item behind it is never asked).
func TestClickOnRowOpensDocument(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	row := visibleRow(t, w, "Port strike")
	if w.currentDoc() == row.id {
		t.Fatal("the fourth sample is already open")
	}
	test.Tap(row)
	w.flush()
	if w.currentDoc() != row.id {
		t.Fatalf("clicking the row opened document %d, want %d", w.currentDoc(), row.id)
	}
}

// visibleRow returns the document list's visible row whose title starts
// with prefix.
func visibleRow(t *testing.T, w *Window, prefix string) *docRow {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.docs.list) {
		if r, ok := o.(*docRow); ok && r.Visible() && strings.HasPrefix(r.text, prefix) {
			return r
		}
	}
	t.Fatalf("no visible row titled %q…", prefix)
	return nil
}

// slowCount is a store whose document count waits for a release, as a
// full-text count over a large corpus (or a locked database) would.
type slowCount struct {
	*testStore
	release chan struct{}
}

func (s slowCount) CountDocuments(ctx context.Context, f annotate.DocumentFilter) (int, error) {
	if f.Search != "" {
		<-s.release
	}
	return s.testStore.CountDocuments(ctx, f)
}

// The search runs off the UI goroutine: the list keeps its rows (and the
// window its input) until the count arrives, then shows the matches.
func TestSearchDoesNotBlockTheWindow(t *testing.T) {
	l, st := listWindow(t, 50)
	slow := slowCount{st, make(chan struct{})}
	l.setStore(slow)
	l.wait()
	l.search.SetText("Article 7")
	done := make(chan struct{})
	go func() { l.applyFilter(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("applyFilter waited for the count")
	}
	if l.pages.count != 50 {
		t.Fatalf("the list changed before the count arrived: %d rows", l.pages.count)
	}
	close(slow.release)
	l.wait()
	if l.pages.count >= 50 || l.pages.count == 0 {
		t.Fatalf("after the count: %d rows", l.pages.count)
	}
}

// gatedPage is a store whose read of one page of the unfiltered list waits
// for a release, so its answer arrives after a newer search's.
type gatedPage struct {
	*testStore
	offset  int
	release chan struct{}
}

func (s gatedPage) FindDocuments(ctx context.Context, f annotate.DocumentFilter) ([]annotate.DocumentSummary, error) {
	if f.Search == "" && f.Offset == s.offset {
		<-s.release
	}
	return s.testStore.FindDocuments(ctx, f)
}

// Pages are read off the UI goroutine while the list scrolls; a page read
// for a selection no longer shown (the analyst searched meanwhile) is
// dropped, never cached as a page of the new selection.
func TestStalePageDoesNotOverwriteNewerSearch(t *testing.T) {
	l, st := listWindow(t, 500)
	gate := gatedPage{st, listPageSize, make(chan struct{})}
	l.setStore(gate)
	l.wait()
	if _, ok := l.row(150); ok {
		t.Fatal("row 150 was cached before its page was read")
	}
	l.search.SetText("Article 3") // 111 matches: rows 100-110 are its page 1
	// The old page's read is still waiting: take the results that came.
	for deadline := time.Now().Add(10 * time.Second); l.pages.count != 111 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
		l.deliver()
	}
	if l.pages.count != 111 {
		t.Fatalf("search shows %d rows", l.pages.count)
	}
	close(gate.release) // the old page 1 arrives now
	l.wait()
	for i := range l.pages.count {
		s, ok := l.row(i)
		if !ok {
			l.wait()
			s, ok = l.row(i)
		}
		if !ok || !strings.HasPrefix(s.Title, "Article 3") {
			t.Fatalf("row %d of the search shows %+v (%v)", i, s, ok)
		}
	}
}

// Documents another program imports into the open database show in the
// list when the window comes back to the foreground; with nothing new the
// list is not read again.
func TestListShowsDocumentsImportedWhileAway(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	before := w.docs.pages.count
	enter := env.app.Lifecycle().(interface{ OnEnteredForeground() func() }).OnEnteredForeground()
	if enter == nil {
		t.Fatal("the window does not watch for coming back to the foreground")
	}
	searches := w.docs.searches
	enter()
	w.flush()
	if w.docs.searches != searches {
		t.Error("the list was read again though nothing had changed")
	}
	env.store().addDocs(t, 3)
	enter()
	w.flush()
	if got := w.docs.pages.count; got != before+3 {
		t.Fatalf("list shows %d documents after another program imported 3 more to %d", got, before)
	}
	if got := w.docs.list.Length(); got != before+3 {
		t.Errorf("list has %d rows, want %d", got, before+3)
	}
}
