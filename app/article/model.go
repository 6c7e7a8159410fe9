package article

import (
	"sort"
	"strings"

	"byline/annotate"
)

// tokRange is a half-open range of token indexes.
type tokRange struct{ first, end int }

func (r tokRange) empty() bool { return r.end <= r.first }

// entityView is what the view derives from one entity: its tokens and its
// nesting level (0 = outermost), which decides where its tag and underline go.
type entityView struct {
	toks  tokRange
	level int
}

// relEnds are a relation's head and tail as indexes into the entities.
type relEnds struct{ head, tail int }

// segmentView is one quote segment (content or cue) in token terms.
type segmentView struct {
	quote      int // index into Annotations.Quotes
	toks       tokRange
	start, end int // code points, which may fall inside toks' first and last words
	cue        bool
}

// model holds the open document and its annotations indexed for drawing and
// hit testing. It is rebuilt whenever the annotations change; building it for
// 10,000 spans takes well under a millisecond.
type model struct {
	doc    *annotate.Document
	index  *annotate.TextIndex
	toks   []annotate.Token
	ann    *annotate.Annotations
	schema *annotate.Schema

	ents      []entityView // parallel to ann.Entities
	entByID   map[int64]int
	quoteByID map[int64]int
	relByID   map[int64]int
	relEnds   []relEnds     // parallel to ann.Relations: entity indexes, -1 when missing
	segments  []segmentView // quote content and cue segments, by first token
	maxEntLen int           // longest entity in tokens, bounds the backward scan
	maxSegLen int
	levels    int // nesting levels in use (>= 1)
	debris    []tokRange
	sugg      suggestionSet // proposed, not yet annotations
}

func newModel(doc *annotate.Document) *model {
	m := &model{doc: doc, index: annotate.NewTextIndex(doc.Text)}
	m.toks = annotate.Tokenize(doc.Text)
	m.ann = &annotate.Annotations{}
	m.schema = &annotate.Schema{}
	for _, d := range doc.Debris {
		if r := m.tokensFor(d.Start, d.End); !r.empty() {
			m.debris = append(m.debris, r)
		}
	}
	sort.Slice(m.debris, func(i, j int) bool { return m.debris[i].first < m.debris[j].first })
	return m
}

// tokensFor returns the tokens that overlap the code-point range [start, end).
func (m *model) tokensFor(start, end int) tokRange {
	first := annotate.TokenAt(m.toks, start)
	last := annotate.TokenAt(m.toks, end)
	if last < len(m.toks) && m.toks[last].Start < end {
		last++
	}
	return tokRange{first, last}
}

// seekToken returns the first token at or after from that ends after cp,
// galloping forward; every token before from must end at or before cp.
func seekToken(toks []annotate.Token, from, cp int) int {
	n := len(toks)
	if from >= n || toks[from].End > cp {
		return from
	}
	lo, step := from, 1
	for lo+step < n && toks[lo+step].End <= cp {
		lo += step
		step *= 2
	}
	hi := min(lo+step, n)
	return lo + 1 + sort.Search(hi-lo-1, func(i int) bool { return toks[lo+1+i].End > cp })
}

// codePoints returns the code-point range the tokens [first, end) cover.
func (m *model) codePoints(r tokRange) (int, int) {
	if r.empty() {
		return 0, 0
	}
	return m.toks[r.first].Start, m.toks[r.end-1].End
}

// setAnnotations replaces the annotations and rebuilds every index.
func (m *model) setAnnotations(ann *annotate.Annotations) {
	if ann == nil {
		ann = &annotate.Annotations{}
	}
	ann.Sort()
	m.ann = ann
	m.reindex()
}

func (m *model) reindex() {
	ann := m.ann
	m.ents = make([]entityView, len(ann.Entities))
	m.entByID = make(map[int64]int, len(ann.Entities))
	m.maxEntLen = 0
	// Greedy interval colouring: each span takes the lowest level no earlier
	// overlapping span still holds, so nested spans stack instead of hiding.
	var levelEnd []int
	p := 0
	for i := range ann.Entities {
		e := &ann.Entities[i]
		// Entities come sorted by start, so each search starts where the
		// last one ended: a walk instead of 10,000 binary searches.
		p = seekToken(m.toks, p, e.Start)
		end := p
		for end < len(m.toks) && m.toks[end].Start < e.End {
			end++
		}
		r := tokRange{p, end}
		level := 0
		for level < len(levelEnd) && levelEnd[level] > r.first {
			level++
		}
		if level == len(levelEnd) {
			levelEnd = append(levelEnd, 0)
		}
		levelEnd[level] = r.end
		m.ents[i] = entityView{toks: r, level: level}
		m.entByID[e.ID] = i
		if n := r.end - r.first; n > m.maxEntLen {
			m.maxEntLen = n
		}
	}
	m.levels = max(1, len(levelEnd))
	m.quoteByID = make(map[int64]int, len(ann.Quotes))
	m.segments = m.segments[:0]
	m.maxSegLen = 0
	for i := range ann.Quotes {
		q := &ann.Quotes[i]
		m.quoteByID[q.ID] = i
		for _, s := range q.Content {
			m.addSegment(i, s, false)
		}
		if q.Cue != nil {
			m.addSegment(i, *q.Cue, true)
		}
	}
	sort.SliceStable(m.segments, func(i, j int) bool { return m.segments[i].toks.first < m.segments[j].toks.first })
	m.relByID = make(map[int64]int, len(ann.Relations))
	m.relEnds = m.relEnds[:0]
	for i := range ann.Relations {
		r := &ann.Relations[i]
		m.relByID[r.ID] = i
		ends := relEnds{-1, -1}
		if h, ok := m.entByID[r.HeadID]; ok {
			ends.head = h
		}
		if t, ok := m.entByID[r.TailID]; ok {
			ends.tail = t
		}
		m.relEnds = append(m.relEnds, ends)
	}
}

func (m *model) addSegment(quote int, s annotate.Segment, cue bool) {
	r := m.tokensFor(s.Start, s.End)
	m.segments = append(m.segments, segmentView{quote: quote, toks: r, start: s.Start, end: s.End, cue: cue})
	if n := r.end - r.first; n > m.maxSegLen {
		m.maxSegLen = n
	}
}

// entitiesIn calls fn for every entity overlapping the tokens [first, end),
// in canonical order. Entities are sorted by start, so the scan begins at
// most maxEntLen tokens before first.
func (m *model) entitiesIn(first, end int, fn func(i int)) {
	if len(m.ents) == 0 || first >= end {
		return
	}
	lo := sort.Search(len(m.ents), func(i int) bool { return m.ents[i].toks.first >= first-m.maxEntLen })
	for i := lo; i < len(m.ents); i++ {
		r := m.ents[i].toks
		if r.first >= end {
			break
		}
		if r.end > first {
			fn(i)
		}
	}
}

// segmentsIn calls fn for every quote segment overlapping [first, end).
func (m *model) segmentsIn(first, end int, fn func(i int)) {
	lo := sort.Search(len(m.segments), func(i int) bool { return m.segments[i].toks.first >= first-m.maxSegLen })
	for i := lo; i < len(m.segments); i++ {
		r := m.segments[i].toks
		if r.first >= end {
			break
		}
		if r.end > first {
			fn(i)
		}
	}
}

// innermostEntityAt returns the shortest entity covering token t, or -1.
func (m *model) innermostEntityAt(t int) int {
	best, bestLen := -1, 0
	m.entitiesIn(t, t+1, func(i int) {
		n := m.ents[i].toks.end - m.ents[i].toks.first
		if best < 0 || n < bestLen || (n == bestLen && m.ents[i].level > m.ents[best].level) {
			best, bestLen = i, n
		}
	})
	return best
}

// enclosingEntityAt returns the next larger entity than cur covering token
// t, so repeated clicks walk outwards through nested spans; -1 when none.
func (m *model) enclosingEntityAt(t, cur int) int {
	curLen := m.ents[cur].toks.end - m.ents[cur].toks.first
	best, bestLen := -1, 0
	m.entitiesIn(t, t+1, func(i int) {
		if i == cur {
			return
		}
		n := m.ents[i].toks.end - m.ents[i].toks.first
		if n < curLen || (n == curLen && m.ents[i].level >= m.ents[cur].level) {
			return
		}
		if best < 0 || n < bestLen {
			best, bestLen = i, n
		}
	})
	return best
}

// quoteAt returns the quote whose content covers token t, or -1.
func (m *model) quoteAt(t int) int {
	found := -1
	m.segmentsIn(t, t+1, func(i int) {
		if !m.segments[i].cue && found < 0 {
			found = m.segments[i].quote
		}
	})
	return found
}

// entity returns the entity with id and its view, or nil.
func (m *model) entity(id int64) (*annotate.Entity, *entityView) {
	i, ok := m.entByID[id]
	if !ok {
		return nil, nil
	}
	return &m.ann.Entities[i], &m.ents[i]
}

func (m *model) quote(id int64) *annotate.Quote {
	if i, ok := m.quoteByID[id]; ok {
		return &m.ann.Quotes[i]
	}
	return nil
}

func (m *model) relation(id int64) *annotate.Relation {
	if i, ok := m.relByID[id]; ok {
		return &m.ann.Relations[i]
	}
	return nil
}

func (m *model) exists(r Ref) bool {
	switch r.Kind {
	case KindEntity:
		_, ok := m.entByID[r.ID]
		return ok
	case KindQuote:
		_, ok := m.quoteByID[r.ID]
		return ok
	case KindRelation:
		_, ok := m.relByID[r.ID]
		return ok
	}
	return false
}

// tokenText returns the text of token i.
func (m *model) tokenText(i int) string {
	t := m.toks[i]
	return m.doc.Text[t.ByteStart:t.ByteEnd]
}

// inDebris reports whether token t lies in a flagged debris range.
func (m *model) inDebris(t int) bool {
	i := sort.Search(len(m.debris), func(i int) bool { return m.debris[i].end > t })
	return i < len(m.debris) && m.debris[i].first <= t
}

// entitiesAt returns the entities covering exactly the tokens r.
func (m *model) entitiesAt(r tokRange) []int {
	var out []int
	m.entitiesIn(r.first, r.first+1, func(i int) {
		if m.ents[i].toks == r {
			out = append(out, i)
		}
	})
	return out
}

// paragraphAt returns the tokens of the paragraph holding token t: the
// run of tokens between two blank lines.
func (m *model) paragraphAt(t int) tokRange {
	text := m.doc.Text
	breakBefore := func(i int) bool {
		return strings.Count(text[m.toks[i-1].ByteEnd:m.toks[i].ByteStart], "\n") > 1
	}
	first, end := t, t+1
	for first > 0 && !breakBefore(first) {
		first--
	}
	for end < len(m.toks) && !breakBefore(end) {
		end++
	}
	return tokRange{first, end}
}
