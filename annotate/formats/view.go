package formats

import (
	"slices"
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

	byID  map[string]int // entity id -> index in ents, for long documents
	words []annotate.Token
	tokOK bool
	cuts  []int            // span boundaries, for alignTokens
	split []annotate.Token // alignTokens' second token buffer

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
	d.rec, d.byID, d.tokOK = rec, nil, false
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

// tokens returns the document's word tokens (annotate.Tokenize, the same
// tokens the article view snaps selections to), split by alignTokens when
// the writer called it first.
func (d *docView) tokens() []annotate.Token {
	if !d.tokOK {
		d.words = annotate.AppendTokens(tokenBuf(d.words, d.rec.Text), d.rec.Text) // valid until the next document
		d.tokOK = true
	}
	return d.words
}

// alignTokens splits every token inside which an exported span starts or
// ends, at that boundary, so that the span lines up with tokens and is
// exported as it is (what spaCy does to align a char_span after
// retokenizing); each split token is counted in the manifest. Entities are
// always aligned, quote segments and cues when quotes is set (the formats
// that export them). Token writers call it before using tokens.
func (d *docView) alignTokens(m *manifestBuilder, quotes bool) {
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
	d.cuts = cuts
	words := annotate.AppendTokens(tokenBuf(d.words, d.rec.Text), d.rec.Text)
	d.words, d.tokOK = words, true
	if len(cuts) == 0 {
		return
	}
	slices.Sort(cuts)
	// Walk tokens and sorted cuts together; split tokens go to a second
	// buffer, which becomes d.words, only when a cut falls inside a token.
	out := d.split[:0]
	k, split := 0, false
	for i, t := range words {
		for k < len(cuts) && cuts[k] <= t.Start {
			k++
		}
		if k == len(cuts) || cuts[k] >= t.End {
			if split {
				out = append(out, t)
			}
			continue
		}
		if !split {
			if cap(out) < len(words)+len(cuts) {
				out = make([]annotate.Token, 0, len(words)+len(cuts))
			}
			out = append(out, words[:i]...) // the tokens before, unsplit
			split = true
		}
		m.adjust("token", "split where a span starts or ends inside it (the span is exported as it is)", d.rec.ID, "")
		for k < len(cuts) && cuts[k] < t.End {
			c := cuts[k]
			b := d.x.Byte(c)
			out = append(out, annotate.Token{Start: t.Start, End: c, ByteStart: t.ByteStart, ByteEnd: b})
			t.Start, t.ByteStart = c, b
			for k < len(cuts) && cuts[k] == c {
				k++
			}
		}
		out = append(out, t)
	}
	if split {
		d.words, d.split = out, words
	} else {
		d.split = out
	}
}

// tokenSpan returns the first and last (inclusive) word tokens of
// [start, end); ok is false when the span does not start and end on token
// boundaries.
func (d *docView) tokenSpan(start, end int) (first, last int, ok bool) {
	toks := d.tokens()
	first = annotate.TokenAt(toks, start)
	if first >= len(toks) || toks[first].Start != start {
		return 0, 0, false
	}
	last = annotate.TokenAt(toks, end-1)
	if last >= len(toks) || toks[last].End != end || last < first {
		return 0, 0, false
	}
	return first, last, true
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

// tokenBuf returns buf emptied, with room for the tokens of text (about one
// every five bytes), so that a very large document's tokens are allocated
// once rather than regrown.
func tokenBuf(buf []annotate.Token, text string) []annotate.Token {
	if want := len(text)/5 + 16; cap(buf) < want && want > 4096 {
		return make([]annotate.Token, 0, want)
	}
	return buf[:0]
}

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
