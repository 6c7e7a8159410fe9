package formats

import (
	"strings"
)

// conllWriter writes CoNLL-2003-style files (FORMATS.md 8.1) with IOB2 tags:
// "-DOCSTART- -X- O O" and a blank line before each document, then one token
// per line in four space-separated columns "TOKEN -X- _ TAG" (placeholders
// for the part-of-speech and chunk columns, so readers taking the fourth or
// the last column both work) and a blank line after each sentence. A
// sentence ends at a line break of the text. Only entities are tagged (the
// hf export has the quote layer); nested entities resolve to the outermost,
// longest one.
type conllWriter struct {
	run     *exportRun
	labels  []string
	classes map[string]int
	names   []string
	spans   []tagSpan
	buf     []byte
}

func newCoNLLWriter(run *exportRun) (docWriter, error) {
	w := &conllWriter{run: run, labels: tagLabels(run.schema, run.opt.Labels)}
	w.classes = labelIndex(w.labels)
	w.names = iobNames(w.labels)
	m := &run.m.m
	m.OffsetUnit = "none (tokens)"
	m.Tokenization = "Byline's tokenizer (the words the article view snaps to, spaCy's English rules), a token split where a span starts or ends inside it (counted in counts.adjusted); a sentence ends at a line break"
	m.Tags = map[string][]string{"ner": w.names}
	m.Notes = append(m.Notes,
		"columns: token, -X-, _, IOB2 tag; nested or overlapping entities keep the outermost, longest span",
		"quotes and relations cannot be expressed in CoNLL-2003 and are counted as dropped; use the hf export for the quote layer",
		"control characters inside a token are replaced by U+FFFD",
		"document ids, metadata, status, annotators and notes are not carried: CoNLL-2003 has no place for them; use the byline export to keep them")
	return w, nil
}

func (w *conllWriter) begin(*part) error        { return nil }
func (w *conllWriter) end(*part) error          { return nil }
func (w *conllWriter) finish(root string) error { return nil }

func (w *conllWriter) doc(p *part, d *docView) error {
	m := w.run.m
	d.alignTokens(m, false, false)
	w.spans = entityTagSpans(d, m, w.classes, w.spans)
	for _, s := range w.spans {
		m.entity(w.labels[s.label-1])
	}
	for _, q := range d.quotes {
		m.drop("quote", "CoNLL-2003 has no quote layer", d.rec.ID, q.ID)
	}
	for _, r := range d.rels {
		m.drop("relation", "CoNLL-2003 has no relations", d.rec.ID, r.ID)
	}
	tags := newTagCursor(w.spans)
	text := d.rec.Text
	b := append(w.buf[:0], "-DOCSTART- -X- O O\n\n"...)
	var werr error
	prevEnd := -1 // byte end of the token before
	for i, t := range d.words() {
		b = spill(p, b, &werr)
		tag := tags.at(i)
		if prevEnd >= 0 && strings.ContainsAny(text[prevEnd:t.ByteStart], "\n\u2028\u2029\u0085") {
			b = append(b, '\n')
			if tag%2 == 0 && tag > 0 {
				tag-- // an entity crossing the line break starts again with B-
				m.adjust("entity", "split at a line break (sentence boundary)", d.rec.ID, "")
			}
		}
		prevEnd = t.ByteEnd
		tok, changed := cleanToken(text[t.ByteStart:t.ByteEnd])
		if changed {
			m.adjust("token", "control character replaced by U+FFFD", d.rec.ID, "")
		}
		b = append(b, tok...)
		b = append(b, " -X- _ "...)
		b = append(b, w.names[tag]...)
		b = append(b, '\n')
	}
	if prevEnd >= 0 {
		b = append(b, '\n')
	}
	w.buf = b
	if _, err := p.w.Write(b); err != nil {
		return err
	}
	return werr
}
