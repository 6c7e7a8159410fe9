package formats

import (
	"strconv"

	"byline/annotate"
)

// Formats without native quotes (Prodigy, doccano, Label Studio) carry them
// as a flat span layer (FORMATS.md 9.2): one QUOTE span per content segment,
// a CUE span, and relations SPEAKER (quote -> speaker entity), CUE (quote ->
// cue) and CONTINUES (segment -> next segment of a split quote). The head of
// SPEAKER and CUE is the quote's first segment.

// flatSpan is one span of the flat layer.
type flatSpan struct {
	start, end int
	label      string
	key        string // unique in the document: entity id, "Q1", "Q1_2", "Q1_cue"
	ent        int    // index in docView.ents, -1 for the quote layer
	quote      int    // index in docView.quotes, -1 for entities
	cue        bool
	// first and last word tokens (inclusive), when the format aligns to tokens
	tokFirst, tokLast int
}

// flatRel is one relation of the flat layer, between two flatSpans.
type flatRel struct {
	head, tail int // indices in flat.spans
	label      string
	id         string // the relation's id; "" for quote-layer relations
}

type flat struct {
	spans []flatSpan
	rels  []flatRel
	nEnt  int // spans[:nEnt] are entities
}

// flatten builds the flat layer of d. When align is set, spans that do not
// start and end on token boundaries are dropped (never moved) and counted in
// the manifest, with everything that depends on them. Everything exported is
// counted in the manifest too.
// The result, kept in d, is valid until the next document.
func (d *docView) flatten(m *manifestBuilder, align bool) *flat {
	f := &d.flat
	f.spans, f.rels, f.nEnt = f.spans[:0], f.rels[:0], 0
	entSpan := d.entSpan[:0]
	for range d.ents {
		entSpan = append(entSpan, 0)
	}
	d.entSpan = entSpan
	place := func(s *flatSpan) bool {
		if !align {
			return true
		}
		var ok bool
		s.tokFirst, s.tokLast, ok = d.tokenSpan(s.start, s.end)
		return ok
	}
	for i := range d.ents {
		e := &d.ents[i]
		s := flatSpan{start: e.Start, end: e.End, label: e.Label, key: e.ID, ent: i, quote: -1}
		if !place(&s) {
			m.drop("entity", "not aligned to tokens", d.rec.ID, e.ID)
			entSpan[i] = -1
			continue
		}
		entSpan[i] = len(f.spans)
		f.spans = append(f.spans, s)
		m.entity(e.Label)
	}
	f.nEnt = len(f.spans)
	for _, r := range d.rels {
		h, t := entSpan[d.entity(r.Head)], entSpan[d.entity(r.Tail)]
		if h < 0 || t < 0 {
			m.drop("relation", "head or tail was dropped", d.rec.ID, r.ID)
			continue
		}
		f.rels = append(f.rels, flatRel{head: h, tail: t, label: r.Type, id: r.ID})
		m.relation(r.Type)
	}
	for qi := range d.quotes {
		q := &d.quotes[qi]
		segs := d.segs[:0]
		ok := true
		for j, c := range q.Content {
			key := q.ID
			if j > 0 {
				key += "_" + strconv.Itoa(j+1)
			}
			s := flatSpan{start: c.Start, end: c.End, label: quoteLabel, key: key, ent: -1, quote: qi}
			if ok = place(&s); !ok {
				break
			}
			segs = append(segs, s)
		}
		d.segs = segs
		if !ok {
			m.drop("quote", "a content segment is not aligned to tokens", d.rec.ID, q.ID)
			continue
		}
		first := len(f.spans)
		f.spans = append(f.spans, segs...)
		for j := 1; j < len(segs); j++ {
			f.rels = append(f.rels, flatRel{head: first + j - 1, tail: first + j, label: continuesRel})
		}
		exported := *q
		cueSpan := -1
		if q.Cue != nil {
			s := flatSpan{start: q.Cue.Start, end: q.Cue.End, label: cueLabel, key: q.ID + "_cue", ent: -1, quote: qi, cue: true}
			if place(&s) {
				cueSpan = len(f.spans)
				f.spans = append(f.spans, s)
			} else {
				m.drop("cue", "not aligned to tokens", d.rec.ID, q.ID)
				exported.Cue = nil
			}
		}
		if q.Speaker != "" {
			if sp := entSpan[d.entity(q.Speaker)]; sp >= 0 {
				f.rels = append(f.rels, flatRel{head: first, tail: sp, label: speakerRel})
			} else {
				m.drop("speaker link", "the speaker span was dropped", d.rec.ID, q.ID)
				exported.Speaker = ""
			}
		}
		if cueSpan >= 0 {
			f.rels = append(f.rels, flatRel{head: first, tail: cueSpan, label: cueRel})
		}
		countQuote(m, &exported)
	}
	return f
}

// quoteOf returns the quote a quote-layer span belongs to.
func (d *docView) quoteOf(s *flatSpan) *annotate.RecordQuote {
	if s.quote < 0 {
		return nil
	}
	return &d.quotes[s.quote]
}
