package formats

import (
	"iter"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"byline/annotate"
)

// docView is one record as an export sees it: the annotations that pass the
// filters and the span checks, with the text index and tokens built once.
type docView struct {
	rec    *annotate.Record
	x      *textIndex
	ents   []annotate.RecordEntity
	quotes []annotate.RecordQuote
	rels   []annotate.RecordRelation

	byID map[string]int // entity id -> index in ents, for long documents

	// The token stream (words, spacyTokens): tokens are split at cuts, and
	// firstAt[k] and lastAt[k] are the indices of the tokens that start and
	// end at cuts[k] (-1 for none), set by alignTokens.
	cuts            []int
	firstAt, lastAt []int
	ntok            int              // number of tokens alignTokens counted
	raw, chunk      []annotate.Token // one chunk's tokens, before and after splitting
	cached          bool             // chunk holds the whole document's tokens
	counting        bool             // count split tokens in splits
	splits          int

	// flatten's working memory, reused from document to document
	flat    flat
	entSpan []int
	segs    []flatSpan
}

// filter applies Options.Annotators and Options.Labels.
type filter struct {
	annotators map[string]bool
	labels     map[string]bool
	d          docView // reused for every document
}

func newFilter(opt Options) *filter {
	f := &filter{}
	if len(opt.Annotators) > 0 {
		f.annotators = map[string]bool{}
		for _, a := range opt.Annotators {
			f.annotators[a] = true
		}
	}
	if len(opt.Labels) > 0 {
		f.labels = map[string]bool{}
		for _, l := range opt.Labels {
			f.labels[l] = true
		}
	}
	return f
}

func (f *filter) byAnnotator(a string) bool { return f.annotators == nil || f.annotators[a] }

// view builds the docView of rec. Annotations failing the span invariants
// (FORMATS.md 1.5.5) are dropped and counted in m; filtered ones are not
// counted (the analyst asked for them to go).
func (f *filter) view(rec *annotate.Record, m *manifestBuilder) *docView {
	d := &f.d
	if d.x == nil {
		d.x = &textIndex{}
	}
	d.rec, d.byID, d.cached, d.cuts = rec, nil, false, d.cuts[:0]
	d.x.reset(rec.Text)
	d.ents, d.quotes, d.rels = d.ents[:0], d.quotes[:0], d.rels[:0]
	for _, e := range rec.Entities {
		if !f.byAnnotator(e.Annotator) || (f.labels != nil && !f.labels[e.Label]) {
			continue
		}
		if !d.spanOK(e.Start, e.End, e.Text) {
			m.drop("entity", "offsets out of range or text not matching the document", rec.ID, e.ID)
			continue
		}
		d.checkEdges(m, "entity", e.Start, e.End, e.ID)
		d.ents = append(d.ents, e)
	}
	if len(d.ents) > 32 {
		d.byID = make(map[string]int, len(d.ents))
		for i, e := range d.ents {
			d.byID[e.ID] = i
		}
	}
	for _, q := range rec.Quotes {
		if !f.byAnnotator(q.Annotator) {
			continue
		}
		ok := len(q.Content) > 0
		for _, s := range q.Content {
			ok = ok && d.spanOK(s.Start, s.End, s.Text)
		}
		if !ok {
			m.drop("quote", "offsets out of range or text not matching the document", rec.ID, q.ID)
			continue
		}
		if q.Cue != nil && !d.spanOK(q.Cue.Start, q.Cue.End, q.Cue.Text) {
			m.drop("cue", "offsets out of range or text not matching the document", rec.ID, q.ID)
			q.Cue = nil
		}
		for _, s := range q.Content {
			d.checkEdges(m, "quote segment", s.Start, s.End, q.ID)
		}
		if q.Speaker != "" && d.entity(q.Speaker) < 0 {
			q.Speaker = "" // the speaker span was filtered out
		}
		d.quotes = append(d.quotes, q)
	}
	for _, r := range rec.Relations {
		if !f.byAnnotator(r.Annotator) {
			continue
		}
		if d.entity(r.Head) < 0 || d.entity(r.Tail) < 0 {
			if f.labels == nil && f.annotators == nil {
				m.drop("relation", "head or tail is not an exported entity", rec.ID, r.ID)
			}
			continue
		}
		d.rels = append(d.rels, r)
	}
	return d
}

// checkEdges warns (FORMATS.md 1.5.5) about a span whose start or end cuts
// a grapheme cluster (a combining mark, joiner, variation selector or skin
// tone right after the boundary) or which starts or ends with whitespace.
func (d *docView) checkEdges(m *manifestBuilder, what string, start, end int, id string) {
	text := d.rec.Text
	bs, be := d.x.Byte(start), d.x.Byte(end)
	first, _ := utf8.DecodeRuneInString(text[bs:])
	last, _ := utf8.DecodeLastRuneInString(text[:be])
	next := rune(-1)
	if be < len(text) {
		next, _ = utf8.DecodeRuneInString(text[be:])
	}
	switch {
	case clusterTail(first) || (next >= 0 && clusterTail(next)) || last == '\u200D':
		m.warn(what, "a boundary falls inside a grapheme cluster", d.rec.ID, id)
	case unicode.IsSpace(first) || unicode.IsSpace(last) || first == '\u200B' || last == '\u200B':
		m.warn(what, "starts or ends with whitespace", d.rec.ID, id)
	}
}

// clusterTail reports characters that attach to the one before them.
func clusterTail(r rune) bool {
	return unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == '\u200D' ||
		(r >= 0xFE00 && r <= 0xFE0F) || (r >= 0x1F3FB && r <= 0x1F3FF)
}

// spanOK checks a span against the text; an empty text means "not given".
func (d *docView) spanOK(start, end int, text string) bool {
	if !d.x.InRange(start, end) {
		return false
	}
	return text == "" || d.x.Slice(start, end) == text
}

// entity returns the index in d.ents of the entity with id, -1 when absent.
func (d *docView) entity(id string) int {
	if d.byID != nil {
		if i, ok := d.byID[id]; ok {
			return i
		}
		return -1
	}
	for i := range d.ents {
		if d.ents[i].ID == id {
			return i
		}
	}
	return -1
}

// slice returns the text of [start, end) in code points.
func (d *docView) slice(start, end int) string { return d.x.Slice(start, end) }

// tokenChunk is how much text the token stream tokenizes at a time: a
// document up to this size is tokenized once per document, a longer one a
// chunk at a time on every pass, so that its tokens (40 bytes each, one
// every 5 or 6 bytes of text) are never all in memory. A variable for the
// tests.
var tokenChunk = 64 << 10

// words yields the document's word tokens (annotate.Tokenize: the tokens the
// article view snaps selections to) with their index, split at d.cuts.
func (d *docView) words() iter.Seq2[int, annotate.Token] {
	return func(yield func(int, annotate.Token) bool) {
		if d.cached {
			for i, t := range d.chunk {
				if !yield(i, t) {
					return
				}
			}
			return
		}
		text := d.rec.Text
		n, k, cp := 0, 0, 0
		for b := 0; b < len(text); {
			e := chunkEnd(text, b)
			d.tokenizeChunk(b, e, cp, &k)
			if b == 0 && e == len(text) {
				d.cached = true
			}
			for _, t := range d.chunk {
				if !yield(n, t) {
					return
				}
				n++
			}
			if e < len(text) {
				cp += utf8.RuneCountInString(text[b:e])
			}
			b = e
		}
	}
}

// chunkEnd returns where the chunk of text starting at byte b ends: right
// after the first space or line break tokenChunk bytes on, or at the end.
// The tokenizer never looks across whitespace, so tokenizing chunks cut
// there gives the tokens of the whole text.
func chunkEnd(text string, b int) int {
	if len(text)-b <= tokenChunk {
		return len(text)
	}
	j := strings.IndexAny(text[b+tokenChunk:], " \n")
	if j < 0 {
		return len(text)
	}
	return b + tokenChunk + j + 1
}

// tokenizeChunk fills d.chunk with the tokens of text[b:e] (code point cp at
// byte b), in document offsets, split at the cuts from d.cuts[*k] on.
func (d *docView) tokenizeChunk(b, e, cp int, k *int) {
	text, cuts := d.rec.Text, d.cuts
	if b == 0 {
		// Offsets need no moving in the first chunk, and most documents
		// (one chunk) have no span boundary inside a token: no copy then.
		d.chunk = annotate.AppendTokens(d.chunk[:0], text[:e])
		if !cutInside(d.chunk, cuts) {
			return
		}
		d.raw, d.chunk = d.chunk, d.raw
	} else {
		d.raw = annotate.AppendTokens(d.raw[:0], text[b:e])
	}
	out := d.chunk[:0]
	for _, t := range d.raw {
		t.Start, t.End, t.ByteStart, t.ByteEnd = t.Start+cp, t.End+cp, t.ByteStart+b, t.ByteEnd+b
		for *k < len(cuts) && cuts[*k] <= t.Start {
			*k++
		}
		if *k < len(cuts) && cuts[*k] < t.End && d.counting {
			d.splits++
		}
		for *k < len(cuts) && cuts[*k] < t.End {
			c := cuts[*k]
			cb := t.ByteStart
			for range c - t.Start {
				_, size := utf8.DecodeRuneInString(text[cb:])
				cb += size
			}
			out = append(out, annotate.Token{Start: t.Start, End: c, ByteStart: t.ByteStart, ByteEnd: cb})
			t.Start, t.ByteStart = c, cb
			*k++
		}
		out = append(out, t)
	}
	d.chunk = out
}

// cutInside reports whether one of the sorted cuts falls inside one of the
// tokens.
func cutInside(toks []annotate.Token, cuts []int) bool {
	k := 0
	for _, t := range toks {
		for k < len(cuts) && cuts[k] <= t.Start {
			k++
		}
		if k == len(cuts) {
			return false
		}
		if cuts[k] < t.End {
			return true
		}
	}
	return false
}

// ptoken is a token as spaCy and Prodigy see it: a word token, or a token of
// the whitespace between two words other than one space after the first
// (which is the word's ws).
type ptoken struct {
	start, end   int // code points
	bstart, bend int // bytes
	ws           bool
	space        bool // a whitespace token
}

// spacyTokens yields the document's spaCy tokens (every character in exactly
// one token, or a token's single trailing space, so words and ws rebuild the
// text) with their index.
func (d *docView) spacyTokens() iter.Seq2[int, ptoken] {
	return func(yield func(int, ptoken) bool) {
		text := d.rec.Text
		n, cp, b := 0, 0, 0 // tokens yielded; where the next one starts
		var word ptoken     // waiting for what follows it, for its ws
		waiting := false
		// gap yields the waiting word and the whitespace up to cpEnd.
		gap := func(cpEnd, bEnd int) bool {
			if waiting {
				if b < bEnd && text[b] == ' ' {
					word.ws = true
					cp++
					b++
				}
				if !yield(n, word) {
					return false
				}
				n++
				waiting = false
			}
			if b < bEnd {
				if !yield(n, ptoken{start: cp, end: cpEnd, bstart: b, bend: bEnd, space: true}) {
					return false
				}
				n++
			}
			cp, b = cpEnd, bEnd
			return true
		}
		for _, t := range d.words() {
			if !gap(t.Start, t.ByteStart) {
				return
			}
			word, waiting = ptoken{start: t.Start, end: t.End, bstart: t.ByteStart, bend: t.ByteEnd}, true
			cp, b = t.End, t.ByteEnd
		}
		gap(d.x.Len(), len(text))
	}
}

// alignTokens makes every exported span line up with tokens: a token inside
// which a span starts or ends is split at that boundary, so that the span is
// exported as it is (what spaCy does to align a char_span after
// retokenizing); each split token is counted in the manifest. Entities are
// always aligned, quote segments and cues when quotes is set (the formats
// that export them). It counts the tokens (spaCy's when spacy is set, else
// the words) and where spans start and end among them, for tokenSpan. Token
// writers call it before using tokens.
func (d *docView) alignTokens(m *manifestBuilder, quotes, spacy bool) {
	cuts := d.cuts[:0]
	for _, e := range d.ents {
		cuts = append(cuts, e.Start, e.End)
	}
	if quotes {
		for _, q := range d.quotes {
			for _, c := range q.Content {
				cuts = append(cuts, c.Start, c.End)
			}
			if q.Cue != nil {
				cuts = append(cuts, q.Cue.Start, q.Cue.End)
			}
		}
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	d.cuts, d.cached = cuts, false
	d.firstAt, d.lastAt = d.firstAt[:0], d.lastAt[:0]
	for range cuts {
		d.firstAt, d.lastAt = append(d.firstAt, -1), append(d.lastAt, -1)
	}
	ks, ke := 0, 0
	mark := func(i, start, end int) {
		for ks < len(cuts) && cuts[ks] < start {
			ks++
		}
		if ks < len(cuts) && cuts[ks] == start {
			d.firstAt[ks] = i
		}
		for ke < len(cuts) && cuts[ke] < end {
			ke++
		}
		if ke < len(cuts) && cuts[ke] == end {
			d.lastAt[ke] = i
		}
	}
	d.counting, d.splits, d.ntok = true, 0, 0
	if spacy {
		for i, t := range d.spacyTokens() {
			if !t.space {
				mark(i, t.start, t.end)
			}
			d.ntok = i + 1
		}
	} else {
		for i, t := range d.words() {
			mark(i, t.Start, t.End)
			d.ntok = i + 1
		}
	}
	d.counting = false
	for range d.splits {
		m.adjust("token", "split where a span starts or ends inside it (the span is exported as it is)", d.rec.ID, "")
	}
}

// tokenSpan returns the first and last (inclusive) tokens of [start, end),
// a span alignTokens aligned; ok is false when the span does not start and
// end on token boundaries (it starts or ends in whitespace).
func (d *docView) tokenSpan(start, end int) (first, last int, ok bool) {
	ks, ok1 := slices.BinarySearch(d.cuts, start)
	ke, ok2 := slices.BinarySearch(d.cuts, end)
	if !ok1 || !ok2 {
		return 0, 0, false
	}
	first, last = d.firstAt[ks], d.lastAt[ke]
	return first, last, first >= 0 && last >= first
}

// overlaps reports whether [a0, a1) and [b0, b1) share a code point.
func overlaps(a0, a1, b0, b1 int) bool { return a0 < b1 && b0 < a1 }

// Names of the quote layer in formats without native quotes (FORMATS.md 9.2).
const (
	quoteLabel     = "QUOTE"
	cueLabel       = "CUE"
	speakerRel     = "SPEAKER"
	cueRel         = "CUE"
	continuesRel   = "CONTINUES"
	quoteKindField = "quote_kind"
)

// quoteSpanLabels and quoteRelLabels are the inventories the quote layer adds.
var (
	quoteSpanLabels = []string{quoteLabel, cueLabel}
	quoteRelLabels  = []string{speakerRel, cueRel, continuesRel}
)

// spillSize is how large a document's output buffer may grow before it is
// handed to the file writer: a document of many megabytes is then never
// held whole, encoded, in memory.
const spillSize = 256 << 10

// spill writes b to p once it holds spillSize bytes and returns it emptied;
// a write error is kept in *err (the first one).
func spill(p *part, b []byte, err *error) []byte {
	if len(b) < spillSize {
		return b
	}
	if _, e := p.w.Write(b); e != nil && *err == nil {
		*err = e
	}
	return b[:0]
}
