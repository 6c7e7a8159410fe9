package app

import (
	"context"
	"fmt"
	"maps"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
	"byline/app/article"
)

// listPageSize rows are fetched per query; listMaxPages pages stay cached, so
// memory stays flat however long the list is.
const (
	listPageSize = 100
	listMaxPages = 16
)

// docPages is the document list's window onto the store: the count of the
// current selection and an LRU cache of fetched pages. Only the UI goroutine
// touches it; pages are read off it and handed in with put.
type docPages struct {
	store  annotate.DocumentService
	filter annotate.DocumentFilter
	count  int
	pages  map[int][]annotate.DocumentSummary
	lru    []int
	// gen counts the selections shown: a page read for an older one (before
	// a search, a reload or another database) is dropped when it arrives.
	gen      int
	fetching map[int][]func() // pages being read, with what waits for them
}

func newDocPages() *docPages {
	return &docPages{pages: map[int][]annotate.DocumentSummary{}, fetching: map[int][]func(){}}
}

// show replaces the cache with a count read elsewhere and its first page.
func (p *docPages) show(count int, first []annotate.DocumentSummary) {
	p.gen++
	p.pages = map[int][]annotate.DocumentSummary{}
	p.fetching = map[int][]func(){}
	p.lru = p.lru[:0]
	p.count = count
	if len(first) > 0 {
		p.put(0, first)
	}
}

// put caches page n, dropping the least recently read page when full.
func (p *docPages) put(n int, rows []annotate.DocumentSummary) {
	p.pages[n] = rows
	if len(p.lru) >= listMaxPages {
		delete(p.pages, p.lru[0])
		p.lru = p.lru[1:]
	}
	p.lru = append(p.lru, n)
}

// row returns row i of the selection when its page is cached.
func (p *docPages) row(i int) (annotate.DocumentSummary, bool) {
	if p.store == nil || i < 0 || i >= p.count {
		return annotate.DocumentSummary{}, false
	}
	n := i / listPageSize
	page, ok := p.pages[n]
	k := i - n*listPageSize
	if !ok || k >= len(page) {
		return annotate.DocumentSummary{}, false
	}
	return page[k], true
}

// indexOf finds a document among the cached rows; -1 when not cached.
func (p *docPages) indexOf(id int64) int {
	for n, page := range p.pages {
		for k, r := range page {
			if r.ID == id {
				return n*listPageSize + k
			}
		}
	}
	return -1
}

// statusNames are the words the window uses for statuses.
var statusNames = map[annotate.Status]string{
	annotate.StatusTodo:       "To do",
	annotate.StatusInProgress: "In progress",
	annotate.StatusDone:       "Done",
	annotate.StatusSkipped:    "Skipped",
}

// docList is the left pane: search, filter, sort, the virtualised list and
// the overall progress.
type docList struct {
	pages    *docPages
	list     *widget.List
	search   *article.Field
	status   *widget.Select
	sort     *widget.Select
	progress *widget.ProgressBar
	summary  *widget.Label
	content  fyne.CanvasObject
	current  int64
	quiet    bool // set while the window selects a row itself
	typing   *time.Timer
	searches int            // loads started, so a late answer to an old one is dropped
	busy     sync.WaitGroup // loads and page reads running
	mu       sync.Mutex
	results  []func()          // finished reads' results, with deliverOnFlush
	shown    annotate.Progress // the progress last read

	onOpen   func(id int64)
	onStatus func(id int64, s annotate.Status)
	onError  func(action string, err error)
	onLoaded func() // after a load has shown its count and progress
}

var (
	filterAll   = "All statuses"
	sortChoices = []string{"Import order", "Title", "Date"}
	sortOrders  = []annotate.SortOrder{annotate.SortImport, annotate.SortTitle, annotate.SortDate}
)

func newDocList() *docList {
	l := &docList{pages: newDocPages()}
	l.list = widget.NewList(
		func() int { return l.pages.count },
		func() fyne.CanvasObject { return newDocRow(l.statusMenu) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*docRow).onTap = func() { l.list.Select(i) }
			s, ok := l.row(i)
			if !ok {
				o.(*docRow).set(annotate.DocumentSummary{Title: "…"})
				return
			}
			o.(*docRow).set(s)
		})
	l.list.OnSelected = func(i widget.ListItemID) {
		if l.quiet {
			return
		}
		if s, ok := l.pages.row(i); ok && s.ID != l.current && l.onOpen != nil {
			l.onOpen(s.ID)
		}
	}
	l.search = article.NewField()
	l.search.SetPlaceHolder("Search titles and text")
	l.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	l.search.OnChanged = func(string) { l.scheduleSearch() }
	l.search.OnSubmitted = func(string) { l.applyFilter() }

	choices := []string{filterAll}
	for _, s := range annotate.Statuses {
		choices = append(choices, statusNames[s])
	}
	l.status = widget.NewSelect(choices, nil)
	l.status.SetSelectedIndex(0)
	l.status.OnChanged = func(string) { l.applyFilter() }
	l.sort = widget.NewSelect(sortChoices, nil)
	l.sort.SetSelectedIndex(0)
	l.sort.OnChanged = func(string) { l.applyFilter() }

	l.progress = widget.NewProgressBar()
	l.progress.TextFormatter = func() string {
		if l.pages.store == nil {
			return "" // no database, or one still opening: nothing counted
		}
		return fmt.Sprintf("%.0f / %.0f done", l.progress.Value, l.progress.Max)
	}
	l.summary = widget.NewLabel("")
	l.summary.Importance = widget.LowImportance

	top := container.NewVBox(l.search, container.NewGridWithColumns(2, l.status, l.sort))
	bottom := container.NewThemeOverride(container.NewVBox(l.summary, l.progress), readableTheme{})
	l.content = container.NewBorder(top, bottom, nil, nil, l.list)
	return l
}

// setStore points the list at a database (nil for none) and reloads it.
func (l *docList) setStore(s annotate.DocumentService) {
	l.pages.store = s
	l.current = 0
	// Nothing of the old database stays clickable while the new one loads.
	l.pages.show(0, nil)
	l.list.Refresh()
	l.reload()
}

// searchPause is how long typing must pause before the list searches, so a
// full-text count over 100,000 documents does not run on every key.
var searchPause = 250 * time.Millisecond

func (l *docList) scheduleSearch() {
	if l.typing != nil {
		l.typing.Stop()
	}
	if searchPause <= 0 {
		l.applyFilter()
		return
	}
	l.typing = time.AfterFunc(searchPause, func() { fyne.Do(l.applyFilter) })
}

// applyFilter reads the search box and the choices into the filter and
// loads the list for it.
func (l *docList) applyFilter() {
	f := annotate.DocumentFilter{Search: l.search.Text, Sort: annotate.SortImport}
	if i := l.status.SelectedIndex(); i > 0 {
		st := annotate.Statuses[i-1]
		f.Status = &st
	}
	if i := l.sort.SelectedIndex(); i >= 0 {
		f.Sort = sortOrders[i]
	}
	l.load(f)
}

// load shows the documents of filter f. The count (full-text over the
// whole corpus), the first page and the progress are read off the UI
// goroutine; the list shows them when they arrive, unless a newer load has
// started meanwhile. Until then it keeps showing what it showed.
func (l *docList) load(f annotate.DocumentFilter) {
	l.searches++
	search, store := l.searches, l.pages.store
	if store == nil {
		l.pages.filter = f
		l.pages.show(0, nil)
		l.list.Refresh()
		l.markCurrent()
		l.updateProgress()
		return
	}
	l.busy.Add(1)
	go func() {
		defer l.busy.Done()
		ctx := context.Background()
		n, err := store.CountDocuments(ctx, f)
		var first []annotate.DocumentSummary
		if err == nil && n > 0 {
			page := f
			page.Offset, page.Limit = 0, listPageSize
			first, err = store.FindDocuments(ctx, page)
		}
		p, perr := store.Progress(ctx)
		l.post(func() {
			if search != l.searches || store != l.pages.store {
				return // a newer load or another database
			}
			if err != nil {
				if l.onError != nil {
					l.onError("Load the document list", err)
				}
				return
			}
			l.pages.filter = f
			l.pages.show(n, first)
			l.list.Refresh()
			l.markCurrent()
			l.showProgress(p, perr)
			if l.onLoaded != nil {
				l.onLoaded()
			}
		})
	}()
}

// row returns row i when its page is cached, and else starts reading the
// page (the list redraws when it arrives).
func (l *docList) row(i int) (annotate.DocumentSummary, bool) {
	s, ok := l.pages.row(i)
	if !ok && l.pages.store != nil && i >= 0 && i < l.pages.count {
		l.fetch(i/listPageSize, nil)
	}
	return s, ok
}

// rowThen calls then with row i, at once when its page is cached, else
// when the page has been read; ok is false when there is no such row.
func (l *docList) rowThen(i int, then func(s annotate.DocumentSummary, ok bool)) {
	if s, ok := l.pages.row(i); ok || l.pages.store == nil || i < 0 || i >= l.pages.count {
		then(s, ok)
		return
	}
	l.fetch(i/listPageSize, func() { then(l.pages.row(i)) })
}

// fetch reads page n off the UI goroutine, once however often it is asked
// for; then (if set) runs after the page is shown.
func (l *docList) fetch(n int, then func()) {
	p := l.pages
	waiting, busy := p.fetching[n]
	if then != nil {
		waiting = append(waiting, then)
	}
	p.fetching[n] = waiting
	if busy {
		return
	}
	gen, store, f := p.gen, p.store, p.filter
	f.Offset, f.Limit = n*listPageSize, listPageSize
	l.busy.Add(1)
	go func() {
		defer l.busy.Done()
		rows, err := store.FindDocuments(context.Background(), f)
		l.post(func() {
			if gen != p.gen {
				return // read for a selection no longer shown
			}
			then := p.fetching[n]
			delete(p.fetching, n)
			if err != nil {
				if l.onError != nil {
					l.onError("Load the document list", err)
				}
				return
			}
			p.put(n, rows)
			l.list.Refresh()
			l.markCurrent()
			for _, f := range then {
				f()
			}
		})
	}()
}

// post hands a search's result to the UI goroutine, or with
// deliverOnFlush (tests) to the next wait.
func (l *docList) post(f func()) {
	if !deliverOnFlush {
		fyne.Do(f)
		return
	}
	l.mu.Lock()
	l.results = append(l.results, f)
	l.mu.Unlock()
}

// wait returns when the reads started so far, and those their results
// started, have shown their results (tests); it reports whether there were
// any.
func (l *docList) wait() bool {
	ran := false
	for {
		l.busy.Wait()
		if !l.deliver() {
			return ran
		}
		ran = true
	}
}

// deliver shows the results of the reads finished so far, with
// deliverOnFlush; it reports whether there were any.
func (l *docList) deliver() bool {
	l.mu.Lock()
	results := l.results
	l.results = nil
	l.mu.Unlock()
	for _, f := range results {
		f()
	}
	return len(results) > 0
}

// reload reads the count, the first page and the progress again, off the
// UI goroutine, and then redraws the list.
func (l *docList) reload() { l.load(l.pages.filter) }

// reloadIfChanged reloads the list when the database's counts differ from
// those shown: another program (a `byline import` on the same file) added
// or marked documents while the window was in the background.
func (l *docList) reloadIfChanged() {
	store, shown := l.pages.store, l.shown
	if store == nil {
		return
	}
	l.busy.Add(1)
	go func() {
		defer l.busy.Done()
		p, err := store.Progress(context.Background())
		l.post(func() {
			if err == nil && store == l.pages.store && !sameProgress(p, shown) {
				l.reload()
			}
		})
	}()
}

func sameProgress(a, b annotate.Progress) bool {
	return a.Total == b.Total && maps.Equal(a.ByStatus, b.ByStatus)
}

// updateProgress shows that no database is open.
func (l *docList) updateProgress() {
	l.shown = annotate.Progress{}
	l.progress.Max, l.progress.Value = 1, 0
	l.progress.Refresh()
	l.summary.SetText("No database open")
}

// showProgress shows the progress bar and the count of documents shown.
func (l *docList) showProgress(p annotate.Progress, err error) {
	if err != nil {
		if l.onError != nil {
			l.onError("Count documents", err)
		}
		return
	}
	l.shown = p
	l.progress.Max = float64(max(p.Total, 1))
	l.progress.Value = float64(p.Done())
	l.progress.Refresh()
	shown := fmt.Sprintf("%d documents", p.Total)
	if l.pages.count != p.Total {
		shown = fmt.Sprintf("%d of %d documents shown", l.pages.count, p.Total)
	}
	l.summary.SetText(shown)
}

// setCurrent marks the open document and selects its row when it is loaded.
func (l *docList) setCurrent(id int64) {
	l.current = id
	l.markCurrent()
}

func (l *docList) markCurrent() {
	i := l.pages.indexOf(l.current)
	l.quiet = true
	defer func() { l.quiet = false }()
	if i < 0 {
		l.list.UnselectAll()
		return
	}
	l.list.Select(i)
}

// updateRow changes a cached row in place and redraws it, so an edit does
// not cost a list query.
func (l *docList) updateRow(id int64, change func(*annotate.DocumentSummary)) {
	for n, page := range l.pages.pages {
		for k := range page {
			if page[k].ID == id {
				change(&page[k])
				l.list.RefreshItem(n*listPageSize + k)
				return
			}
		}
	}
}

// currentIndex is the open document's row among the cached pages; -1 when
// it is not there.
func (l *docList) currentIndex() int {
	return l.pages.indexOf(l.current)
}

// neighbour calls then with the document delta rows away from the open
// one, reading its page first when it is not cached.
func (l *docList) neighbour(delta int, then func(id int64, ok bool)) {
	i := l.currentIndex()
	if i < 0 {
		i = -1
		if delta < 0 {
			i = l.pages.count
		}
	}
	l.rowThen(i+delta, func(s annotate.DocumentSummary, ok bool) { then(s.ID, ok) })
}

func (l *docList) statusMenu(id int64) *fyne.Menu {
	var items []*fyne.MenuItem
	for _, s := range annotate.Statuses {
		items = append(items, fyne.NewMenuItem("Mark "+statusNames[s], func() {
			if l.onStatus != nil {
				l.onStatus(id, s)
			}
		}))
	}
	return fyne.NewMenu("", items...)
}
