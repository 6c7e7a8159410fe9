package formats

import (
	"strings"

	"byline/annotate"
)

// labelStudioWriter writes Label Studio's JSON export (FORMATS.md 5): one
// JSON array of tasks, written element by element so memory stays flat. Each
// task has data.text (plus article_id, the metadata and the status) and one
// annotation whose result holds "labels" regions (code points, value.text the
// exact slice), "relation" items (from_id = head, direction right) and, for
// each quote, a per-region "choices" item (from_name quote_kind) with its
// kind. The manifest carries a matching labeling configuration.
type labelStudioWriter struct {
	run *exportRun
	buf []byte
}

const (
	lsLabelsName = "label"
	lsTextName   = "text"
	lsKindName   = "quote_kind"
)

func newLabelStudioWriter(run *exportRun) (docWriter, error) {
	m := &run.m.m
	m.Labels.QuoteSpans = quoteSpanLabels
	m.Labels.QuoteRelations = quoteRelLabels
	m.LabelConfig = labelStudioConfig(run.schema, run.opt.Labels)
	m.Notes = append(m.Notes, "Label Studio counts code points in <Text> regions; keep the pre-wrap style of label_config so spaces survive",
		"the task meta: "+carriedNote)
	return &labelStudioWriter{run: run}, nil
}

func (w *labelStudioWriter) begin(p *part) error {
	_, err := p.w.WriteString("[")
	return err
}

func (w *labelStudioWriter) end(p *part) error {
	if p.n > 0 {
		_, err := p.w.WriteString("\n]\n")
		return err
	}
	_, err := p.w.WriteString("]\n")
	return err
}

func (w *labelStudioWriter) finish(root string) error { return nil }

func (w *labelStudioWriter) doc(p *part, d *docView) error {
	declareActors(w.run.m, d.rec, flatActorsNote)
	f := d.flatten(w.run.m, false)
	b := w.buf[:0]
	if p.n > 0 {
		b = append(b, ',')
	}
	p.n++
	b = append(b, "\n{\"id\":"...)
	b = appendInt(b, w.run.m.m.Counts.Documents)
	var spillErr error // of handing the text over early
	b = append(b, `,"data":{"text":`...)
	b = spillString(p, b, d.rec.Text, &spillErr)
	b = append(b, ',')
	b = appendFlatMeta(b, d.rec, false, "")
	b = append(b, `},"meta":{"article_id":`...)
	b = appendString(b, d.rec.ID)
	b = appendCarried(b, d)
	b = append(b, `},"annotations":[{"was_cancelled":false,"ground_truth":false,"result":[`...)
	n := 0
	sep := func() {
		if n > 0 {
			b = append(b, ',')
		}
		n++
	}
	for i := range f.spans {
		s := &f.spans[i]
		sep()
		b = append(b, `{"id":`...)
		b = appendString(b, lsID(s.key))
		b = append(b, `,"from_name":"label","to_name":"text","type":"labels","value":{"start":`...)
		b = appendInt(b, s.start)
		b = append(b, `,"end":`...)
		b = appendInt(b, s.end)
		b = append(b, `,"text":`...)
		b = appendString(b, d.slice(s.start, s.end))
		b = append(b, `,"labels":[`...)
		b = appendString(b, s.label)
		b = append(b, `]}}`...)
		if q := d.quoteOf(s); q != nil && !s.cue && s.key == q.ID {
			sep()
			b = append(b, `{"id":`...)
			b = appendString(b, lsID(s.key))
			b = append(b, `,"from_name":"quote_kind","to_name":"text","type":"choices","value":{"start":`...)
			b = appendInt(b, s.start)
			b = append(b, `,"end":`...)
			b = appendInt(b, s.end)
			b = append(b, `,"choices":[`...)
			b = appendString(b, string(q.Kind))
			b = append(b, `]}}`...)
		}
	}
	for _, r := range f.rels {
		sep()
		b = append(b, `{"type":"relation","from_id":`...)
		b = appendString(b, lsID(f.spans[r.head].key))
		b = append(b, `,"to_id":`...)
		b = appendString(b, lsID(f.spans[r.tail].key))
		b = append(b, `,"direction":"right","labels":[`...)
		b = appendString(b, r.label)
		b = append(b, `]}`...)
	}
	b = append(b, "]}]}"...)
	w.buf = b
	if _, err := p.w.Write(b); err != nil {
		return err
	}
	return spillErr
}

// lsID makes a region id from a span key: Label Studio allows A-Za-z0-9_-.
func lsID(key string) string {
	ok := true
	for i := 0; i < len(key); i++ {
		if !isIDByte(key[i]) {
			ok = false
			break
		}
	}
	if ok {
		return key
	}
	var sb strings.Builder
	for i := 0; i < len(key); i++ {
		if isIDByte(key[i]) {
			sb.WriteByte(key[i])
		} else {
			sb.WriteByte('_')
		}
	}
	return sb.String()
}

func isIDByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// labelStudioConfig returns a labeling configuration for the export.
func labelStudioConfig(s *annotate.Schema, keep []string) string {
	keepSet := map[string]bool{}
	for _, k := range keep {
		keepSet[k] = true
	}
	var b strings.Builder
	b.WriteString("<View>\n  <Style>.htx-text { white-space: pre-wrap; }</Style>\n  <Relations>\n")
	for _, r := range s.Relations {
		b.WriteString(`    <Relation value="` + xmlAttr(r.Name) + "\"/>\n")
	}
	for _, r := range quoteRelLabels {
		b.WriteString(`    <Relation value="` + r + "\"/>\n")
	}
	b.WriteString("  </Relations>\n  <Labels name=\"label\" toName=\"text\">\n")
	for _, l := range s.Entities {
		if len(keepSet) > 0 && !keepSet[l.Name] {
			continue
		}
		b.WriteString(`    <Label value="` + xmlAttr(l.Name) + `" background="` + l.Color + "\"/>\n")
	}
	b.WriteString("    <Label value=\"QUOTE\"/>\n    <Label value=\"CUE\"/>\n  </Labels>\n")
	b.WriteString("  <Text name=\"text\" value=\"$text\"/>\n")
	b.WriteString("  <Choices name=\"quote_kind\" toName=\"text\" perRegion=\"true\">\n")
	for _, k := range annotate.QuoteKinds {
		b.WriteString(`    <Choice value="` + string(k) + "\"/>\n")
	}
	b.WriteString("  </Choices>\n</View>\n")
	return b.String()
}

func xmlAttr(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	return r.Replace(s)
}
