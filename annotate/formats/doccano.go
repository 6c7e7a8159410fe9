package formats

import (
	"sort"

	"byline/annotate"
)

// doccanoWriter writes doccano JSONL (FORMATS.md 4). The default shape is
// the one of projects with relation labeling: "entities" objects (id, label,
// start_offset, end_offset) and "relations" objects (id, from_id, to_id,
// type), ids 1..n per line. DoccanoShape "label" writes the sequence-labeling
// shape, [start, end, label] triples under "label", which cannot carry
// relations (they are counted as dropped). Offsets are code points, or UTF-16
// code units with Offsets "utf16" (doccano's default projects count like
// JavaScript). Each line also has "Comments", the document id as article_id,
// its metadata flattened and "offset_unit", which doccano keeps as metadata.
type doccanoWriter struct {
	run    *exportRun
	labels bool
	buf    []byte
	order  []int
}

func newDoccanoWriter(run *exportRun) (docWriter, error) {
	w := &doccanoWriter{run: run}
	switch run.opt.DoccanoShape {
	case "", "relations":
		run.m.m.Shape = "relations"
	case "label":
		w.labels = true
		run.m.m.Shape = "label"
	default:
		return nil, annotate.Errorf(annotate.EINVALID, "doccano shape %q must be relations or label", run.opt.DoccanoShape)
	}
	m := &run.m.m
	m.Labels.QuoteSpans = quoteSpanLabels
	if !w.labels {
		m.Labels.QuoteRelations = quoteRelLabels
	}
	m.Notes = append(m.Notes, "quotes are QUOTE spans (one per content segment) and CUE spans; quote kinds are not carried (re-import infers them from the quotation marks)",
		"annotators and notes are not carried: doccano's JSONL has no place for them (use the byline export to keep them)")
	if run.utf16 {
		m.Notes = append(m.Notes, "offsets count UTF-16 code units, as doccano's default projects do; Python needs text.encode('utf-16-le') to slice them")
	}
	return w, nil
}

func (w *doccanoWriter) begin(*part) error        { return nil }
func (w *doccanoWriter) end(*part) error          { return nil }
func (w *doccanoWriter) finish(root string) error { return nil }

func (w *doccanoWriter) off(d *docView, cp int) int {
	if w.run.utf16 {
		return d.x.UTF16(cp)
	}
	return cp
}

func (w *doccanoWriter) doc(p *part, d *docView) error {
	declareActors(w.run.m, d.rec, flatActorsNote)
	m := w.run.m
	f := d.flatten(m, false)
	b := append(w.buf[:0], `{"id":`...)
	b = appendInt(b, m.m.Counts.Documents)
	var spillErr error // of handing the text over early
	b = append(b, `,"text":`...)
	b = spillString(p, b, d.rec.Text, &spillErr)
	if w.labels {
		w.order = w.order[:0]
		for i := range f.spans {
			w.order = append(w.order, i)
		}
		sort.SliceStable(w.order, func(x, y int) bool {
			a, c := &f.spans[w.order[x]], &f.spans[w.order[y]]
			if a.start != c.start {
				return a.start < c.start
			}
			return a.end < c.end
		})
		b = append(b, `,"label":[`...)
		for n, i := range w.order {
			s := &f.spans[i]
			if n > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = appendInt(b, w.off(d, s.start))
			b = append(b, ',')
			b = appendInt(b, w.off(d, s.end))
			b = append(b, ',')
			b = appendString(b, s.label)
			b = append(b, ']')
		}
		b = append(b, ']')
		const why = "the doccano label shape has no relations"
		for _, r := range f.rels {
			q := d.quoteOf(&f.spans[r.head])
			switch {
			case r.id != "":
				m.m.Counts.Relations--
				m.drop("relation", why, d.rec.ID, r.id)
			case r.label == speakerRel:
				m.m.Counts.Speakers--
				m.drop("speaker link", why, d.rec.ID, q.ID)
			case r.label == cueRel:
				m.drop("cue link", why, d.rec.ID, q.ID)
			default:
				m.drop("split quote link", why, d.rec.ID, q.ID)
			}
		}
	} else {
		b = append(b, `,"entities":[`...)
		for i := range f.spans {
			s := &f.spans[i]
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"id":`...)
			b = appendInt(b, i+1)
			b = append(b, `,"label":`...)
			b = appendString(b, s.label)
			b = append(b, `,"start_offset":`...)
			b = appendInt(b, w.off(d, s.start))
			b = append(b, `,"end_offset":`...)
			b = appendInt(b, w.off(d, s.end))
			b = append(b, '}')
		}
		b = append(b, `],"relations":[`...)
		for i, r := range f.rels {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"id":`...)
			b = appendInt(b, i+1)
			b = append(b, `,"from_id":`...)
			b = appendInt(b, r.head+1)
			b = append(b, `,"to_id":`...)
			b = appendInt(b, r.tail+1)
			b = append(b, `,"type":`...)
			b = appendString(b, r.label)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"Comments":[],`...)
	b = appendFlatMeta(b, d.rec, false, "")
	b = append(b, `,"offset_unit":`...)
	b = appendString(b, m.m.OffsetUnit)
	b = append(b, "}\n"...)
	w.buf = b
	if _, err := p.w.Write(b); err != nil {
		return err
	}
	return spillErr
}
