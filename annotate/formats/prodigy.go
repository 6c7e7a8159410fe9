package formats

import (
	"bytes"
	"encoding/json"
	"sort"

	"byline/annotate"
)

// prodigyWriter writes Prodigy task JSONL (FORMATS.md 3): one task per
// document with spaCy-style tokens (every character in exactly one token or a
// token's single trailing space, so words+ws rebuild the text), entity spans
// with token_start and inclusive token_end, relations whose head/child are
// the token_end of their spans, and meta. Quotes and cues go in the same task
// when they overlap nothing; when they overlap an entity (or each other) the
// document gets a second task with meta.layer "spans" (view spans_manual)
// next to the entity task (meta.layer "entities"), as FORMATS.md 3.5 asks.
// Entities nested in or overlapping others go to that spans task too, so the
// entity task feeds spaCy's doc.ents without error E1010 (the outermost,
// longest entities stay, as in the CoNLL export).
// Hashes are omitted: Prodigy assigns them on load (FORMATS.md 3.4).
type prodigyWriter struct {
	run *exportRun
	p   *part // the part being written, for spill
	err error // the first error of a spill
	buf []byte
	idx []int
}

func newProdigyWriter(run *exportRun) (docWriter, error) {
	m := &run.m.m
	m.TokenIndex = "0-based; spans token_end inclusive; relation head/child = token_end of head_span/child_span"
	m.Tokenization = "Byline's tokenizer (the words the article view snaps to, spaCy's English rules), a token split where a span starts or ends inside it (counted in counts.adjusted); whitespace other than one space after a token is a token of its own"
	m.Hashes = "omitted: Prodigy assigns _input_hash and _task_hash when the file is loaded"
	m.Labels.QuoteSpans = quoteSpanLabels
	m.Labels.QuoteRelations = quoteRelLabels
	m.Notes = append(m.Notes,
		"answer is accept for documents marked done, ignore for the others; meta.status keeps the status",
		"quote spans carry quote_id (shared by the segments of a split quote) and quote_kind",
		"a document with overlapping spans gets two tasks: meta.layer entities (outermost, longest entities, no overlaps) and meta.layer spans (quotes, cues, nested entities)",
		"quote-layer spans named by head_span/child_span carry quote_id, since two quotes may share a segment or a cue",
		carriedNote)
	return &prodigyWriter{run: run}, nil
}

func (w *prodigyWriter) begin(*part) error        { return nil }
func (w *prodigyWriter) end(*part) error          { return nil }
func (w *prodigyWriter) finish(root string) error { return nil }

func (w *prodigyWriter) doc(p *part, d *docView) error {
	declareActors(w.run.m, d.rec, flatActorsNote)
	d.alignTokens(w.run.m, true, true)
	f := d.flatten(w.run.m, true) // token indices are spaCy tokens'
	b := w.buf[:0]
	w.p, w.err = p, nil
	if !anyOverlap(f.spans, &w.idx) {
		b = w.appendTask(b, d, f, nil, false, "", "relations")
	} else {
		// The entity task keeps the outermost, longest entities; nested
		// entities, quotes and cues go to a spans task, where overlaps are fine.
		main := outermost(f.nEnt, d.ntok, func(i int) (int, int, int, int) {
			s := &f.spans[i]
			return s.tokFirst, s.tokLast, s.start, s.end
		})
		main = append(main, make([]bool, len(f.spans)-f.nEnt)...)
		b = w.appendTask(b, d, f, main, true, "entities", "relations")
		b = w.appendTask(b, d, f, main, false, "spans", "spans_manual")
	}
	w.buf = b
	if _, err := p.w.Write(b); err != nil {
		return err
	}
	return w.err
}

// anyOverlap reports whether two spans share a character; order is a
// reusable buffer.
func anyOverlap(spans []flatSpan, order *[]int) bool {
	if len(spans) < 2 {
		return false
	}
	idx := (*order)[:0]
	for i := range spans {
		idx = append(idx, i)
	}
	sort.Slice(idx, func(x, y int) bool { return spans[idx[x]].start < spans[idx[y]].start })
	*order = idx
	end := -1
	for _, i := range idx {
		if spans[i].start < end {
			return true
		}
		if spans[i].end > end {
			end = spans[i].end
		}
	}
	return false
}

// appendTask writes one task. Without a selection (main nil) it holds every
// span and relation; otherwise the spans with main[i] == want, and the
// relations whose both ends are main (want true) or not (want false).
// Relations name both spans in head_span/child_span, so a relation of the
// spans task may point at an entity of the entity task (a speaker).
func (w *prodigyWriter) appendTask(b []byte, d *docView, f *flat, main []bool, want bool, layer, view string) []byte {
	text := d.rec.Text
	b = append(b, `{"text":`...)
	b = spillString(w.p, b, text, &w.err)
	b = append(b, `,"meta":`...)
	b = appendFlatMeta(append(b, '{'), d.rec, true, layer)
	b = appendCarried(b, d)
	b = append(b, `},"tokens":[`...)
	for i, t := range d.spacyTokens() {
		if i > 0 {
			b = append(b, ',')
		}
		b = spill(w.p, b, &w.err)
		b = append(b, `{"text":`...)
		b = appendString(b, text[t.bstart:t.bend])
		b = append(b, `,"start":`...)
		b = appendInt(b, t.start)
		b = append(b, `,"end":`...)
		b = appendInt(b, t.end)
		b = append(b, `,"id":`...)
		b = appendInt(b, i)
		b = append(b, `,"ws":`...)
		b = appendBool(b, t.ws)
		b = append(b, '}')
	}
	b = append(b, `],"spans":[`...)
	w.idx = w.idx[:0]
	for i := range f.spans {
		if main == nil || main[i] == want {
			w.idx = append(w.idx, i)
		}
	}
	sort.SliceStable(w.idx, func(x, y int) bool {
		a, c := &f.spans[w.idx[x]], &f.spans[w.idx[y]]
		if a.start != c.start {
			return a.start < c.start
		}
		return a.end > c.end
	})
	for n, i := range w.idx {
		s := &f.spans[i]
		if n > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"text":`...)
		b = appendString(b, d.slice(s.start, s.end))
		b = w.appendSpanFields(append(b, ','), s)
		if s.ent >= 0 {
			if ref := kbRef(d.rec, &d.ents[s.ent]); ref != "" {
				b = append(b, `,"kb_id":`...)
				b = appendString(b, ref)
			}
		}
		if q := d.quoteOf(s); q != nil {
			b = append(b, `,"quote_id":`...)
			b = appendString(b, q.ID)
			if !s.cue {
				b = append(b, `,"quote_kind":`...)
				b = appendString(b, string(q.Kind))
			}
		}
		b = append(b, '}')
	}
	b = append(b, `],"relations":[`...)
	n := 0
	for _, r := range f.rels {
		if main != nil && (main[r.head] && main[r.tail]) != want {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		h, c := &f.spans[r.head], &f.spans[r.tail]
		b = append(b, `{"head":`...)
		b = appendInt(b, h.tokLast)
		b = append(b, `,"child":`...)
		b = appendInt(b, c.tokLast)
		b = append(b, `,"label":`...)
		b = appendString(b, r.label)
		b = append(b, `,"head_span":`...)
		b = w.appendSpanRef(b, d, h)
		b = append(b, `,"child_span":`...)
		b = w.appendSpanRef(b, d, c)
		b = append(b, '}')
	}
	b = append(b, `],"_view_id":`...)
	b = appendString(b, view)
	b = append(b, `,"answer":`...)
	if d.rec.Status == annotate.StatusDone {
		b = append(b, `"accept"`...)
	} else {
		b = append(b, `"ignore"`...)
	}
	return append(b, "}\n"...)
}

// appendSpanRef writes a relation's head_span or child_span object. A span
// of the quote layer names its quote too: two quotes may share a segment
// (or a cue), and the offsets alone would not say whose speaker a SPEAKER
// relation gives.
func (w *prodigyWriter) appendSpanRef(b []byte, d *docView, s *flatSpan) []byte {
	b = w.appendSpanFields(append(b, '{'), s)
	if q := d.quoteOf(s); q != nil {
		b = append(b, `,"quote_id":`...)
		b = appendString(b, q.ID)
	}
	return append(b, '}')
}

// appendSpanFields writes a span's offsets, token indices (token_end
// inclusive) and label, the fields Prodigy's spans and span references share.
func (w *prodigyWriter) appendSpanFields(b []byte, s *flatSpan) []byte {
	b = append(b, `"start":`...)
	b = appendInt(b, s.start)
	b = append(b, `,"end":`...)
	b = appendInt(b, s.end)
	b = append(b, `,"token_start":`...)
	b = appendInt(b, s.tokFirst)
	b = append(b, `,"token_end":`...)
	b = appendInt(b, s.tokLast)
	b = append(b, `,"label":`...)
	return appendString(b, s.label)
}

// flatMetaKeys are the keys appendFlatMeta writes itself; an extra metadata
// key with one of these names is left out rather than written twice.
var flatMetaKeys = map[string]bool{
	"article_id": true, "title": true, "source": true, "url": true, "author": true, "published": true,
	"status": true, "layer": true, "offset_unit": true, "text": true, "id": true,
	"annotators": true, "annotated_by": true, "notes": true, "actors": true,
}

// appendFlatMeta appends the document's id, metadata and status as the keys
// of an open JSON object (without braces): article_id first, then the known
// metadata, the status, the layer, the offset unit and the extra keys.
func appendFlatMeta(b []byte, rec *annotate.Record, unit bool, layer string) []byte {
	b = append(b, `"article_id":`...)
	b = appendString(b, rec.ID)
	m := &rec.Meta
	for _, kv := range [5][2]string{{"title", m.Title}, {"source", m.Source}, {"url", m.URL}, {"author", m.Author}, {"published", m.Published}} {
		if kv[1] != "" {
			b = appendKey(b, kv[0], false)
			b = appendString(b, kv[1])
		}
	}
	if rec.Status != "" {
		b = append(b, `,"status":`...)
		b = appendString(b, string(rec.Status))
	}
	if layer != "" {
		b = append(b, `,"layer":`...)
		b = appendString(b, layer)
	}
	if unit {
		b = append(b, `,"offset_unit":"codepoint"`...)
	}
	return appendFlatActors(appendExtra(b, m), rec)
}

// appendExtra appends the extra metadata keys, sorted, skipping the ones the
// flat formats use themselves.
func appendExtra(b []byte, m *annotate.Meta) []byte {
	if len(m.Extra) == 0 {
		return b
	}
	var keys []string
	for k := range m.Extra {
		if !flatMetaKeys[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var c bytes.Buffer
	for _, k := range keys {
		c.Reset()
		if json.Compact(&c, m.Extra[k]) != nil {
			continue
		}
		b = appendKey(b, k, false)
		b = append(b, c.Bytes()...)
	}
	return b
}
