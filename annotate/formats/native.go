package formats

import (
	"byline/annotate"
)

// nativeWriter writes Byline's own JSONL (DESIGN.md 6), the lossless
// reference: byte for byte what annotate.NewEncoder writes for the same
// record, only faster.
type nativeWriter struct {
	run *exportRun
	buf []byte
}

func newNativeWriter(run *exportRun) (docWriter, error) { return &nativeWriter{run: run}, nil }

func (w *nativeWriter) begin(*part) error        { return nil }
func (w *nativeWriter) end(*part) error          { return nil }
func (w *nativeWriter) finish(root string) error { return nil }

func (w *nativeWriter) doc(p *part, d *docView) error {
	rec := *d.rec
	rec.Entities, rec.Quotes, rec.Relations = d.ents, d.quotes, d.rels
	b, err := appendRecord(w.buf[:0], &rec)
	if err != nil {
		return err
	}
	w.buf = b
	m := w.run.m
	for _, e := range d.ents {
		m.entity(e.Label)
	}
	for _, q := range d.quotes {
		countQuote(m, &q)
	}
	for _, r := range d.rels {
		m.relation(r.Type)
	}
	_, err = p.w.Write(b)
	return err
}

func countQuote(m *manifestBuilder, q *annotate.RecordQuote) {
	m.m.Counts.Quotes++
	m.m.Counts.QuoteSegments += len(q.Content)
	if q.Cue != nil {
		m.m.Counts.Cues++
	}
	if q.Speaker != "" {
		m.m.Counts.Speakers++
	}
}

// appendRecord appends rec as one JSONL line in the native format.
func appendRecord(b []byte, rec *annotate.Record) ([]byte, error) {
	b = append(b, `{"id":`...)
	b = appendString(b, rec.ID)
	b = append(b, `,"text":`...)
	b = appendString(b, rec.Text)
	b = append(b, `,"meta":`...)
	var err error
	if b, err = appendMeta(b, &rec.Meta); err != nil {
		return nil, err
	}
	if rec.Status != "" {
		b = append(b, `,"status":`...)
		b = appendString(b, string(rec.Status))
	}
	if rec.Imported != "" {
		b = append(b, `,"imported":`...)
		b = appendString(b, rec.Imported)
	}
	if len(rec.Debris) > 0 {
		b = append(b, `,"debris":[`...)
		for i, r := range rec.Debris {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"start":`...)
			b = appendInt(b, r.Start)
			b = append(b, `,"end":`...)
			b = appendInt(b, r.End)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"entities":[`...)
	for i := range rec.Entities {
		e := &rec.Entities[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = appendString(b, e.ID)
		b = append(b, `,"start":`...)
		b = appendInt(b, e.Start)
		b = append(b, `,"end":`...)
		b = appendInt(b, e.End)
		b = append(b, `,"label":`...)
		b = appendString(b, e.Label)
		b = append(b, `,"text":`...)
		b = appendString(b, e.Text)
		if e.Actor != "" {
			b = append(b, `,"actor":`...)
			b = appendString(b, e.Actor)
		}
		b = appendStamps(b, e.Annotator, e.Note, e.Created, e.Updated)
		b = append(b, '}')
	}
	b = append(b, `],"quotes":[`...)
	for i := range rec.Quotes {
		q := &rec.Quotes[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = appendString(b, q.ID)
		b = append(b, `,"kind":`...)
		b = appendString(b, string(q.Kind))
		b = append(b, `,"content":`...)
		if q.Content == nil {
			b = append(b, "null"...)
		} else {
			b = append(b, '[')
			for j, s := range q.Content {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendSegment(b, s)
			}
			b = append(b, ']')
		}
		if q.Cue != nil {
			b = append(b, `,"cue":`...)
			b = appendSegment(b, *q.Cue)
		}
		if q.Speaker != "" {
			b = append(b, `,"speaker":`...)
			b = appendString(b, q.Speaker)
		}
		b = appendStamps(b, q.Annotator, q.Note, q.Created, q.Updated)
		b = append(b, '}')
	}
	b = append(b, `],"relations":[`...)
	for i := range rec.Relations {
		r := &rec.Relations[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = appendString(b, r.ID)
		b = append(b, `,"type":`...)
		b = appendString(b, r.Type)
		b = append(b, `,"head":`...)
		b = appendString(b, r.Head)
		b = append(b, `,"tail":`...)
		b = appendString(b, r.Tail)
		b = appendStamps(b, r.Annotator, r.Note, r.Created, r.Updated)
		b = append(b, '}')
	}
	b = append(b, ']')
	if len(rec.Actors) > 0 {
		b = appendActors(b, rec.Actors)
	}
	return append(b, "}\n"...), nil
}

func appendSegment(b []byte, s annotate.Segment) []byte {
	b = append(b, `{"start":`...)
	b = appendInt(b, s.Start)
	b = append(b, `,"end":`...)
	b = appendInt(b, s.End)
	b = append(b, `,"text":`...)
	b = appendString(b, s.Text)
	return append(b, '}')
}

func appendStamps(b []byte, annotator, note, created, updated string) []byte {
	for _, kv := range [4][2]string{{"annotator", annotator}, {"note", note}, {"created", created}, {"updated", updated}} {
		if kv[1] != "" {
			b = append(b, ',', '"')
			b = append(b, kv[0]...)
			b = append(b, '"', ':')
			b = appendString(b, kv[1])
		}
	}
	return b
}

// appendMeta writes metadata as annotate.Meta.MarshalJSON does; the common
// case without extra keys skips its allocations.
func appendMeta(b []byte, m *annotate.Meta) ([]byte, error) {
	if len(m.Extra) > 0 {
		mb, err := m.MarshalJSON()
		if err != nil {
			return nil, err
		}
		return append(b, mb...), nil
	}
	b = append(b, '{')
	first := true
	for _, kv := range [5][2]string{{"title", m.Title}, {"source", m.Source}, {"url", m.URL}, {"author", m.Author}, {"published", m.Published}} {
		if kv[1] == "" {
			continue
		}
		b = appendKey(b, kv[0], first)
		first = false
		b = appendString(b, kv[1])
	}
	return append(b, '}'), nil
}
