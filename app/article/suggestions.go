package article

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"

	"byline/annotate"
	"byline/annotate/suggest"
)

// Suggestions in the view: computed off the UI goroutine when a document
// opens and after every change of its annotations (the engine over the text
// and the corpus's marked names, minus the rejected ones, merged with those
// `byline suggest` stored), drawn in their own style and reviewed with Tab,
// Enter and Backspace. They are never annotations until accepted.

// kindSuggestion marks a chip or hit region of a suggestion; Ref.ID is the
// suggestion's index in the model's list plus one.
const kindSuggestion Kind = 100

// pieceKind says what part of a suggestion a piece draws.
type pieceKind uint8

const (
	pieceEntity  pieceKind = iota // a proposed entity span
	pieceContent                  // a proposed quote's content segment
	pieceCue                      // its cue
	pieceSpeaker                  // its proposed new speaker span
)

// sugPiece is one drawn part of a suggestion, in token terms.
type sugPiece struct {
	sug        int // index into suggestionSet.list
	kind       pieceKind
	toks       tokRange
	start, end int    // code points
	label      string // entity or speaker label
}

// suggestionSet is the open document's suggestions, indexed for drawing
// and hit testing like the annotations.
type suggestionSet struct {
	list   []annotate.Suggestion // text order
	pieces []sugPiece            // by first token
	maxLen int                   // longest piece in tokens, bounds the backward scan
	quotes int                   // how many of list are quotes
	links  int                   // how many link a mention to an actor
	// gen changes with every change of the set, so the layout knows when
	// the chips it placed for it are still good.
	gen int
}

// suggestionGens numbers the suggestion sets' changes.
var suggestionGens int

// setSuggestions replaces the model's suggestions and indexes them. The
// list is in text order, so its pieces mostly are too: token lookups walk
// forward, and the pieces are sorted only when a quote's cue or speaker
// comes before its content.
func (m *model) setSuggestions(list []annotate.Suggestion) {
	set := suggestionSet{list: list, pieces: make([]sugPiece, 0, len(list)+len(list)/4)}
	cursor := 0
	add := func(i int, k pieceKind, start, end int, label string) {
		var r tokRange
		if cursor < len(m.toks) && (cursor == 0 || m.toks[cursor-1].End <= start) {
			// Every token before cursor ends at or before start: walk on.
			cursor = seekToken(m.toks, cursor, start)
			r = tokRange{cursor, cursor}
			for r.end < len(m.toks) && m.toks[r.end].Start < end {
				r.end++
			}
		} else {
			r = m.tokensFor(start, end)
		}
		if r.empty() {
			return
		}
		set.pieces = append(set.pieces, sugPiece{sug: i, kind: k, toks: r, start: start, end: end, label: label})
		set.maxLen = max(set.maxLen, r.end-r.first)
	}
	for i := range list {
		s := &list[i]
		switch {
		case s.Entity != nil:
			add(i, pieceEntity, s.Entity.Start, s.Entity.End, s.Entity.Label)
		case s.Link != nil:
			set.links++
			add(i, pieceEntity, s.Link.Start, s.Link.End, s.Link.Label)
		case s.Quote != nil:
			set.quotes++
			for _, seg := range s.Quote.Content {
				add(i, pieceContent, seg.Start, seg.End, "")
			}
			if c := s.Quote.Cue; c != nil {
				add(i, pieceCue, c.Start, c.End, "")
			}
			if sp := s.Quote.Speaker; sp != nil && sp.EntityID == 0 {
				add(i, pieceSpeaker, sp.Start, sp.End, sp.Label)
			}
		}
	}
	byFirst := func(a, b sugPiece) int { return a.toks.first - b.toks.first }
	if !slices.IsSortedFunc(set.pieces, byFirst) {
		slices.SortStableFunc(set.pieces, byFirst)
	}
	suggestionGens++
	set.gen = suggestionGens
	m.sugg = set
}

// dropSuggestion takes suggestion i out of the model without indexing the
// others again.
func (m *model) dropSuggestion(i int) {
	set := &m.sugg
	suggestionGens++
	set.gen = suggestionGens
	switch {
	case set.list[i].Quote != nil:
		set.quotes--
	case set.list[i].Link != nil:
		set.links--
	}
	set.list = append(set.list[:i:i], set.list[i+1:]...)
	kept := set.pieces[:0]
	for _, p := range set.pieces {
		switch {
		case p.sug == i:
			continue
		case p.sug > i:
			p.sug--
		}
		kept = append(kept, p)
	}
	set.pieces = kept
}

// suggestionPiecesIn calls fn for every suggestion piece overlapping the
// tokens [first, end).
func (m *model) suggestionPiecesIn(first, end int, fn func(i int)) {
	ps := m.sugg.pieces
	lo := sort.Search(len(ps), func(i int) bool { return ps[i].toks.first >= first-m.sugg.maxLen })
	for i := lo; i < len(ps) && ps[i].toks.first < end; i++ {
		if ps[i].toks.end > first {
			fn(i)
		}
	}
}

// suggestionAt returns the suggestion a click on token t selects: the
// shortest proposed name (entity span) covering it, else the proposed quote
// whose dashed speaker or cue frame holds it; -1 when none. A proposed
// quote's content is not one: a click there selects a word, the quote is
// chosen by its bar or chip.
func (m *model) suggestionAt(t int) int {
	best, bestLen, framed := -1, 0, -1
	m.suggestionPiecesIn(t, t+1, func(i int) {
		p := &m.sugg.pieces[i]
		switch p.kind {
		case pieceEntity:
			if n := p.toks.end - p.toks.first; best < 0 || n < bestLen {
				best, bestLen = p.sug, n
			}
		case pieceCue, pieceSpeaker:
			if framed < 0 {
				framed = p.sug
			}
		}
	})
	if best < 0 {
		return framed
	}
	return best
}

// suggestionTokens returns the tokens a suggestion starts at.
func (m *model) suggestionTokens(i int) tokRange {
	if i < 0 || i >= len(m.sugg.list) {
		return tokRange{}
	}
	s := &m.sugg.list[i]
	return m.tokensFor(s.Start(), max(s.Start()+1, firstEnd(s)))
}

// firstEnd is where a suggestion's first piece ends.
func firstEnd(s *annotate.Suggestion) int {
	if s.Quote != nil && len(s.Quote.Content) > 0 {
		return s.Quote.Content[0].End
	}
	return s.End()
}

// reviewState is the editor's side of the suggestions: whether it shows
// them, which one is selected, and the background computation.
type reviewState struct {
	enabled bool
	sel     int // the selected suggestion's index in the model's list plus one; 0 for none
	// gen numbers the requests; a result is shown only when no change came
	// after its request.
	gen       atomic.Int64
	scheduled bool // a request waits for the current event to finish
	busy      sync.WaitGroup
	engine    engineCache
	// OnSuggestions-style listener, set by the window.
	onChange func()
}

// engineCache keeps the engine of the open document: the corpus's names
// counted without this document, plus this document's own, and the
// registry. The document's own names follow its annotations, so the
// analyst's edits in it never read the corpus again (on a large corpus
// that read costs far more than a keystroke may). Names and registry are
// read again when a document opens and the store's NamesRevision moved on,
// and after invalidate: the window changed the registry or the corpus, or
// found the revision moved by another process.
type engineCache struct {
	mu     sync.Mutex
	doc    int64
	rev    int64 // the store's NamesRevision base and actors were read at
	schema *annotate.Schema
	base   map[annotate.NameCount]int // the corpus's names outside the document; NameCount.Count is 0
	actors []annotate.ActorSummary    // the registry, read with the names
	own    map[annotate.NameCount]int // the document's, when engine was built
	engine *suggest.Engine
	corpus corpusCache
	// invalidated counts the invalidations; base and actors were read
	// after the first readAfter of them.
	invalidated, readAfter int64
}

// corpusCache keeps the corpus's names and actors across documents: reading
// them costs a count over every entity and the whole registry, and they
// change only when the store's NamesRevision moves on (every edit, undo and
// redo of a name or an actor, in any window, moves it).
type corpusCache struct {
	ok     bool
	rev    int64
	names  []annotate.NameCount
	actors []annotate.ActorSummary
	// engine is built from exactly names and actors, which is what every
	// document's engine is when it opens; nil until one is built.
	engine *suggest.Engine
	schema *annotate.Schema
}

// ShowSuggestions turns the suggestions in the view on or off; the window
// turns them on, and tests of other features leave them off.
func (e *Editor) ShowSuggestions(on bool) {
	e.review.enabled = on
	if !on {
		e.review.gen.Add(1)
		e.review.sel = 0
		e.m.setSuggestions(nil)
		e.view.annotationsChanged()
		e.suggestionsChanged()
		return
	}
	e.suggestionsStale()
}

// OnSuggestions sets a listener called whenever the suggestions change.
func (e *Editor) OnSuggestions(f func()) { e.review.onChange = f }

// SuggestionCounts returns how many quotes and names are proposed now; a
// proposed link of a mention to an actor counts as a name.
func (e *Editor) SuggestionCounts() (quotes, names int) {
	return e.m.sugg.quotes, len(e.m.sugg.list) - e.m.sugg.quotes
}

// SuggestionSummary is the line for the status bar: "12 suggestions: 5
// quotes, 7 names"; "" while suggestions are off or no document is open.
func (e *Editor) SuggestionSummary() string {
	if !e.review.enabled || e.m.doc.ID == 0 {
		return ""
	}
	q, n := e.SuggestionCounts()
	if q+n == 0 {
		return "No suggestions"
	}
	msg := fmt.Sprintf("%s: %s, %s", annotate.Plural(q+n, "suggestion"), annotate.Plural(q, "quote"), annotate.Plural(n, "name"))
	if l := e.m.sugg.links; l > 0 {
		msg += " (" + annotate.Plural(l, "actor link") + ")"
	}
	return msg
}

// Suggestions returns the suggestions shown now; callers must not change
// them.
func (e *Editor) Suggestions() []annotate.Suggestion { return e.m.sugg.list }

// SelectedSuggestion returns the selected suggestion's index in
// Suggestions, -1 when none is selected.
func (e *Editor) SelectedSuggestion() int {
	i := e.review.sel - 1
	if i < 0 || i >= len(e.m.sugg.list) || !e.sel.IsZero() || e.text.active() {
		return -1
	}
	return i
}

func (e *Editor) suggestionsChanged() {
	if e.review.onChange != nil {
		e.review.onChange()
	}
}

// suggestionsStale asks for the suggestions to be computed again once the
// current event is handled, so that the read comes after the writes the
// event queues. Results of earlier requests are dropped from now on.
func (e *Editor) suggestionsStale() {
	if !e.review.enabled {
		return
	}
	e.review.gen.Add(1)
	if e.review.scheduled {
		return
	}
	e.review.scheduled = true
	e.later(func() {
		e.review.scheduled = false
		e.computeSuggestions()
	})
}

// CorpusChanged makes the open document's suggestions read the corpus's
// names and the registry again: they changed outside the document (the
// Actors tab, an import, another process).
func (e *Editor) CorpusChanged() {
	e.review.engine.invalidate()
	e.suggestionsStale()
}

// CheckCorpus calls CorpusChanged when the store's NamesRevision moved on
// since the open document's suggestions read the corpus (one cheap read,
// on the writer): the window calls it when it comes back to the
// foreground, for another process's changes. The document's own edits
// since move it too, so it costs one corpus read after them.
func (e *Editor) CheckCorpus() {
	doc := e.m.doc.ID
	if doc == 0 {
		return
	}
	var rev int64
	e.read(func(ctx context.Context) error {
		var err error
		rev, err = e.store.NamesRevision(ctx)
		return err
	}, func(err error) {
		if err != nil {
			e.status("Suggestions: " + annotate.ErrorMessage(err))
			return
		}
		if e.m.doc.ID == doc && e.review.engine.movedSince(doc, rev) {
			e.CorpusChanged()
		}
	})
}

// later runs f on the UI goroutine after the current event.
func (e *Editor) later(f func()) {
	if e.writes.deliverOnFlush {
		e.post(f)
		return
	}
	go fyne.Do(f)
}

// suggestionInputs is what one computation reads from the store.
type suggestionInputs struct {
	ann      *annotate.Annotations
	rejected map[string]bool
	stored   []annotate.Suggestion
	corpus   []annotate.NameCount // nil when the engine cache's base for this document holds
	actors   []annotate.ActorSummary
	cached   bool  // corpus and actors are the corpus cache's, unchanged
	rev      int64 // the store's NamesRevision, read before corpus
	// invalidated is the engine cache's count of invalidations before
	// rev was read.
	invalidated int64
}

// invalidate makes the next computation read the corpus's names and the
// registry again; one already reading may have read them before the change.
func (c *engineCache) invalidate() {
	c.mu.Lock()
	c.invalidated++
	c.mu.Unlock()
}

// movedSince reports whether rev is newer than the revision the open
// document's base was read at.
func (c *engineCache) movedSince(doc, rev int64) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.doc == doc && rev > c.rev
}

// computeSuggestions reads the document's rejections and stored
// suggestions (and its annotations, while writes are queued: on the writer,
// after them; else the view's copy is the store's), computes on a goroutine
// of its own and shows the result, unless a newer request came.
func (e *Editor) computeSuggestions() {
	doc := e.m.doc.ID
	if !e.review.enabled || doc == 0 {
		return
	}
	gen := e.review.gen.Load()
	text, schema := e.m.doc.Text, e.m.schema
	var ann *annotate.Annotations
	if e.pending == 0 {
		// Quotes are replaced, never changed in place: a shallow copy holds.
		ann = &annotate.Annotations{Entities: slices.Clone(e.m.ann.Entities), Quotes: slices.Clone(e.m.ann.Quotes)}
	}
	run := func() {
		defer e.review.busy.Done()
		if e.review.gen.Load() != gen {
			return
		}
		in, err := e.readSuggestionInputs(e.ctx, doc, ann)
		if err != nil {
			e.post(func() { e.status("Suggestions: " + annotate.ErrorMessage(err)) })
			return
		}
		if e.review.gen.Load() != gen {
			return
		}
		// A newer edit makes this run pointless: the engine stops early
		// instead of spending a long article's CPU on it.
		superseded := func() bool { return e.review.gen.Load() != gen }
		list, ok := e.review.engine.suggest(doc, text, schema, in, superseded)
		if !ok {
			return
		}
		e.post(func() {
			if e.review.gen.Load() == gen && e.m.doc.ID == doc && e.review.enabled {
				e.showSuggestions(list)
			}
		})
	}
	e.review.busy.Add(1)
	if ann != nil {
		go run()
		return
	}
	e.writes.queue(func() {
		if e.review.gen.Load() != gen {
			e.review.busy.Done()
			return
		}
		// Only the reads wait for the writes; the computation must not hold
		// back the next ones.
		var err error
		if ann, err = e.store.FindAnnotations(e.ctx, doc); err != nil {
			e.review.busy.Done()
			e.post(func() { e.status("Suggestions: " + annotate.ErrorMessage(err)) })
			return
		}
		go run()
	})
}

func (e *Editor) readSuggestionInputs(ctx context.Context, doc int64, ann *annotate.Annotations) (*suggestionInputs, error) {
	in := suggestionInputs{ann: ann}
	var err error
	if in.rejected, err = e.store.Rejections(ctx, doc); err != nil {
		return nil, err
	}
	if in.stored, err = e.store.Suggestions(ctx, doc); err != nil {
		return nil, err
	}
	// The open document's base holds until invalidated: its own edits
	// move the revision on every keystroke, and follow its annotations.
	c := &e.review.engine
	c.mu.Lock()
	known := c.doc == doc && c.readAfter == c.invalidated
	in.invalidated = c.invalidated
	c.mu.Unlock()
	if known {
		return &in, nil
	}
	// The revision is read first: a change that lands after it makes the
	// next opening or check read again, never the other way round.
	rev, err := e.store.NamesRevision(ctx)
	if err != nil {
		return nil, err
	}
	in.rev = rev
	c.mu.Lock()
	if c.corpus.ok && c.corpus.rev == rev {
		in.corpus, in.actors, in.cached = c.corpus.names, c.corpus.actors, true
	}
	c.mu.Unlock()
	if in.cached {
		return &in, nil
	}
	if in.corpus, err = e.store.EntityNames(ctx); err != nil {
		return nil, err
	}
	if in.corpus == nil {
		in.corpus = []annotate.NameCount{}
	}
	if in.actors, err = e.store.Actors(ctx); err != nil {
		return nil, err
	}
	c.mu.Lock()
	if !c.corpus.ok || c.corpus.rev < rev { // a slower read of an older revision keeps the newer
		c.corpus = corpusCache{ok: true, rev: rev, names: in.corpus, actors: in.actors}
	}
	c.mu.Unlock()
	return &in, nil
}

// ownNames counts the document's marked texts per label.
func ownNames(ann *annotate.Annotations) map[annotate.NameCount]int {
	out := map[annotate.NameCount]int{}
	for _, en := range ann.Entities {
		out[annotate.NameCount{Text: en.Text, Label: en.Label}]++
	}
	return out
}

// suggest computes the document's suggestions: the engine's, then the
// stored ones that still apply, minus the rejected ones; false when stop
// said to give up.
func (c *engineCache) suggest(doc int64, text string, schema *annotate.Schema, in *suggestionInputs, stop func() bool) ([]annotate.Suggestion, bool) {
	own := ownNames(in.ann)
	c.mu.Lock()
	if in.corpus == nil && c.doc != doc {
		// Another document opened since the inputs were read: this
		// request is stale, and its base is gone.
		c.mu.Unlock()
		return nil, false
	}
	switch {
	case c.doc != doc:
		c.readAfter = in.invalidated
	case in.corpus != nil:
		// A base read at a later revision was read later: it covers the
		// invalidations this read started after too.
		c.readAfter = max(c.readAfter, in.invalidated)
	}
	// A computation that read an older revision than the one the cache
	// has for this document keeps the newer base.
	if c.doc != doc || in.corpus != nil && in.rev >= c.rev {
		c.doc, c.rev, c.engine, c.actors = doc, in.rev, nil, in.actors
		c.base = map[annotate.NameCount]int{}
		for _, n := range in.corpus {
			c.base[annotate.NameCount{Text: n.Text, Label: n.Label}] += n.Count
		}
		for k, n := range own {
			if c.base[k] -= n; c.base[k] <= 0 {
				delete(c.base, k)
			}
		}
		// Base plus own is the whole corpus again: the engine built for
		// it fits every document until the corpus changes.
		if in.cached && c.corpus.rev == in.rev && c.corpus.engine != nil && c.corpus.schema == schema {
			c.engine, c.schema, c.own = c.corpus.engine, schema, own
		}
	}
	if c.engine == nil || c.schema != schema || !maps.Equal(c.own, own) {
		names := make([]annotate.NameCount, 0, len(c.base)+len(own))
		for k, n := range c.base {
			names = append(names, annotate.NameCount{Text: k.Text, Label: k.Label, Count: n + own[k]})
		}
		for k, n := range own {
			if _, ok := c.base[k]; !ok {
				names = append(names, annotate.NameCount{Text: k.Text, Label: k.Label, Count: n})
			}
		}
		c.engine, c.schema, c.own = suggest.New(schema, names).WithActors(c.actors), schema, own
		if in.corpus != nil && c.corpus.ok && c.corpus.rev == in.rev && c.corpus.engine == nil {
			c.corpus.engine, c.corpus.schema = c.engine, schema
		}
	}
	engine := c.engine
	c.mu.Unlock()
	list, ok := engine.SuggestUntil(stop, text, in.ann, in.rejected, suggest.All)
	if !ok {
		return nil, false
	}
	return mergeStored(list, in.stored, in.ann, in.rejected), true
}

// mergeStored adds the stored suggestions the engine did not make again,
// unless rejected or already marked (a stored quote overlapping a quote, an
// entity with the same span and label), keeping the text order.
func mergeStored(list, stored []annotate.Suggestion, ann *annotate.Annotations, rejected map[string]bool) []annotate.Suggestion {
	if len(stored) == 0 {
		return list
	}
	have := make(map[string]bool, len(list))
	for i := range list {
		have[list[i].Key()] = true
	}
	marked := map[[3]any]bool{}
	for _, en := range ann.Entities {
		marked[[3]any{en.Start, en.End, en.Label}] = true
	}
	overlapsQuote := func(s *annotate.Suggestion) bool {
		for _, q := range ann.Quotes {
			for _, a := range q.Content {
				for _, b := range s.Quote.Content {
					if a.Start < b.End && b.Start < a.End {
						return true
					}
				}
			}
		}
		return false
	}
	added := false
	for i := range stored {
		s := &stored[i]
		k := s.Key()
		switch {
		case have[k] || rejected[k]:
		case s.Entity != nil && marked[[3]any{s.Entity.Start, s.Entity.End, s.Entity.Label}]:
		case s.Quote != nil && overlapsQuote(s):
		default:
			have[k] = true
			list = append(list, *s)
			added = true
		}
	}
	if added {
		sort.SliceStable(list, func(i, j int) bool {
			a, b := &list[i], &list[j]
			if a.Start() != b.Start() {
				return a.Start() < b.Start()
			}
			return a.Kind == annotate.SuggestQuote && b.Kind != annotate.SuggestQuote
		})
	}
	return list
}

// showSuggestions puts a computed list in the view, keeping the selected
// suggestion selected when it is still proposed.
func (e *Editor) showSuggestions(list []annotate.Suggestion) {
	key := ""
	if i := e.SelectedSuggestion(); i >= 0 {
		key = e.m.sugg.list[i].Key()
	}
	e.m.setSuggestions(list)
	e.review.sel = 0
	if key != "" {
		e.review.sel = e.suggestionIndex(key) + 1 // 0 when no longer proposed
	}
	e.view.annotationsChanged()
	e.suggestionsChanged()
}

// WaitSuggestions waits until the suggestions requested so far are shown,
// running the queued results on the caller's goroutine (with
// DeliverOnFlush); for tests and benchmarks.
func (e *Editor) WaitSuggestions() {
	for {
		e.Flush()
		e.review.busy.Wait()
		e.writes.mu.Lock()
		n := len(e.writes.results)
		e.writes.mu.Unlock()
		if n == 0 && !e.review.scheduled {
			return
		}
	}
}
