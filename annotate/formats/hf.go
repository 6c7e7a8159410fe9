package formats

// hfWriter writes JSONL for Hugging Face datasets token classification
// (FORMATS.md 8.3): one row per document with "id", "tokens", "ner_tags"
// (integers, IOB2), "quote_tags" (integers: O, B-QUOTE, I-QUOTE, B-CUE,
// I-CUE) and "token_offsets" ([start, end] in code points, to map predictions
// back to the text). The tag names, in integer order, are in the manifest
// ("tags"), ready for Sequence(ClassLabel(names=...)).
type hfWriter struct {
	run     *exportRun
	labels  []string
	classes map[string]int
	spans   []tagSpan
	qspans  []tagSpan
	buf     []byte
}

var quoteTagNames = iobNames([]string{quoteLabel, cueLabel})

func newHFWriter(run *exportRun) (docWriter, error) {
	w := &hfWriter{run: run, labels: tagLabels(run.schema, run.opt.Labels)}
	w.classes = labelIndex(w.labels)
	m := &run.m.m
	m.Tokenization = "Byline's tokenizer (the words the article view snaps to, spaCy's English rules), a token split where a span starts or ends inside it (counted in counts.adjusted); one row per document"
	m.TokenIndex = "token_offsets are [start, end) in code points"
	m.Tags = map[string][]string{"ner_tags": iobNames(w.labels), "quote_tags": quoteTagNames}
	m.Labels.QuoteSpans = quoteSpanLabels
	m.Notes = append(m.Notes,
		"load with datasets.load_dataset(\"json\", ...) and features Sequence(ClassLabel(names=tags[column]))",
		"nested or overlapping spans keep the outermost, longest one per tag column; relations and speaker links are not representable and are counted as dropped",
		"quote kinds, which segments make one split quote, the document metadata, status, annotators and notes are not carried: a row holds only the id, tokens and tags; use the byline export to keep them")
	return w, nil
}

func (w *hfWriter) begin(*part) error        { return nil }
func (w *hfWriter) end(*part) error          { return nil }
func (w *hfWriter) finish(root string) error { return nil }

func (w *hfWriter) doc(p *part, d *docView) error {
	m := w.run.m
	d.alignTokens(m, true, false)
	w.spans = entityTagSpans(d, m, w.classes, w.spans)
	for _, s := range w.spans {
		m.entity(w.labels[s.label-1])
	}
	for _, r := range d.rels {
		m.drop("relation", "token classification has no relations", d.rec.ID, r.ID)
	}
	w.qspans = w.qspans[:0]
	for _, q := range d.quotes {
		ok := true
		start := len(w.qspans)
		for _, c := range q.Content {
			first, last, aligned := d.tokenSpan(c.Start, c.End)
			if !aligned {
				ok = false
				break
			}
			w.qspans = append(w.qspans, tagSpan{first: first, last: last, start: c.Start, end: c.End, label: 1, id: q.ID})
		}
		if !ok {
			w.qspans = w.qspans[:start]
			m.drop("quote", "a content segment is not aligned to tokens", d.rec.ID, q.ID)
			continue
		}
		exported := q
		exported.Speaker = ""
		if q.Speaker != "" {
			m.drop("speaker link", "token classification has no links", d.rec.ID, q.ID)
		}
		if q.Cue != nil {
			if first, last, aligned := d.tokenSpan(q.Cue.Start, q.Cue.End); aligned {
				w.qspans = append(w.qspans, tagSpan{first: first, last: last, start: q.Cue.Start, end: q.Cue.End, label: 2, id: q.ID + "_cue"})
			} else {
				exported.Cue = nil
				m.drop("cue", "not aligned to tokens", d.rec.ID, q.ID)
			}
		}
		countQuote(m, &exported)
	}
	// A tag column holds one of two identical or overlapping segments or
	// cues (two quotes may share one): the counts follow what is tagged.
	before := w.qspans
	w.qspans = resolveOverlaps(w.qspans, d.ntok, m, "quote segment or cue", d.rec.ID)
	if len(w.qspans) < len(before) {
		for _, s := range before {
			if s.label == 1 {
				m.m.Counts.QuoteSegments--
			} else {
				m.m.Counts.Cues--
			}
		}
		for _, s := range w.qspans {
			if s.label == 1 {
				m.m.Counts.QuoteSegments++
			} else {
				m.m.Counts.Cues++
			}
		}
	}
	text := d.rec.Text
	b := append(w.buf[:0], `{"id":`...)
	b = appendString(b, d.rec.ID)
	b = append(b, `,"tokens":[`...)
	var werr error
	for i, t := range d.words() {
		if i > 0 {
			b = append(b, ',')
		}
		b = spill(p, b, &werr)
		b = appendString(b, text[t.ByteStart:t.ByteEnd])
	}
	b = append(b, `],"ner_tags":`...)
	b = w.appendTags(p, b, w.spans, d.ntok, &werr)
	b = append(b, `,"quote_tags":`...)
	b = w.appendTags(p, b, w.qspans, d.ntok, &werr)
	b = append(b, `,"token_offsets":[`...)
	for i, t := range d.words() {
		if i > 0 {
			b = append(b, ',')
		}
		b = spill(p, b, &werr)
		b = appendPair(b, t.Start, t.End)
	}
	b = append(b, "]}\n"...)
	w.buf = b
	if _, err := p.w.Write(b); err != nil {
		return err
	}
	return werr
}

// appendTags appends the IOB2 tag indices of ntok tokens for spans (which
// overlap no other; reordered) as a JSON array.
func (w *hfWriter) appendTags(p *part, b []byte, spans []tagSpan, ntok int, err *error) []byte {
	tags := newTagCursor(spans)
	b = append(b, '[')
	for i := range ntok {
		if i > 0 {
			b = append(b, ',')
		}
		b = spill(p, b, err)
		b = appendInt(b, tags.at(i))
	}
	return append(b, ']')
}
