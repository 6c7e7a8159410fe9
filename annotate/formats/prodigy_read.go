package formats

import (
	"encoding/json"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"byline/annotate"
)

// ProdigyReader reads Prodigy task JSONL: text, spans (character offsets)
// and relations (head_span/child_span, or token indices matched to a span's
// token_end). Consecutive tasks with the same text and meta.article_id are
// one document (Byline writes entity and quote layers as two tasks). answer
// accept means done and reject skipped, unless meta.status says otherwise.
// meta.annotators, meta.annotated_by and meta.notes (what Byline writes
// there) are put back on the annotations.
type ProdigyReader struct{}

// Name implements annotate.Reader.
func (ProdigyReader) Name() string { return "prodigy" }

// Detect implements annotate.Reader: a .jsonl file whose first task has
// Prodigy's keys (tokens, spans with token_start, _input_hash, answer).
func (ProdigyReader) Detect(path string, head []byte) bool {
	if !isJSONLPath(path) {
		return false
	}
	keys := lineKeys(firstLine(head))
	if keys == nil {
		l := string(firstLine(head))
		return strings.Contains(l, `"token_start"`) || strings.Contains(l, `"_input_hash"`)
	}
	if !keys["text"] || keys["quotes"] || keys["entities"] {
		return false
	}
	return keys["tokens"] || keys["spans"] || keys["_input_hash"] || keys["_task_hash"] || keys["answer"]
}

func isJSONLPath(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson":
		return true
	}
	return false
}

// lineKeys returns the top-level keys of a JSON object line, nil when the
// line is not one (for instance cut off by the detection head).
func lineKeys(line []byte) map[string]bool {
	var raw map[string]json.RawMessage
	if json.Unmarshal(line, &raw) != nil {
		return nil
	}
	keys := make(map[string]bool, len(raw))
	for k := range raw {
		keys[k] = true
	}
	return keys
}

type prodigySpanRef struct {
	Start      int    `json:"start"`
	End        int    `json:"end"`
	TokenStart *int   `json:"token_start"`
	TokenEnd   *int   `json:"token_end"`
	Label      string `json:"label"`
	QuoteID    string `json:"quote_id"`
}

// key names the span: its offsets and label, and for a span of the quote
// layer its quote, since two quotes may share a segment or a cue.
func (r *prodigySpanRef) key() string {
	k := spanKey(r.Start, r.End, r.Label)
	if r.QuoteID != "" && (isQuoteLabel(r.Label) || isCueLabel(r.Label)) {
		k += "#" + r.QuoteID
	}
	return k
}

type prodigyTask struct {
	Text   *string                    `json:"text"`
	Meta   map[string]json.RawMessage `json:"meta"`
	Tokens []struct {
		Start int `json:"start"`
		End   int `json:"end"`
		ID    *int
	} `json:"tokens"`
	Spans []struct {
		prodigySpanRef
		Text      *string `json:"text"`
		QuoteKind string  `json:"quote_kind"`
	} `json:"spans"`
	Relations []struct {
		Head      *int            `json:"head"`
		Child     *int            `json:"child"`
		Label     string          `json:"label"`
		HeadSpan  *prodigySpanRef `json:"head_span"`
		ChildSpan *prodigySpanRef `json:"child_span"`
	} `json:"relations"`
	Answer string `json:"answer"`
}

var prodigyMetaSkip = map[string]bool{"layer": true, "offset_unit": true, "annotators": true, "annotated_by": true, "notes": true}

func spanKey(start, end int, label string) string {
	return strconv.Itoa(start) + ":" + strconv.Itoa(end) + ":" + label
}

// Read implements annotate.Reader.
func (rd ProdigyReader) Read(path string, data []byte, opt annotate.ReadOptions) ([]*annotate.Record, error) {
	return annotate.ReadAll(rd, path, data, opt)
}

// ReadStream implements annotate.StreamReader.
func (ProdigyReader) ReadStream(path string, r io.Reader, opt annotate.ReadOptions, emit func(*annotate.Record) error) error {
	var cur *annotate.Record
	var curMeta map[string]json.RawMessage // the first task's meta, for takeCarried
	var spans []peerSpan
	var rels []peerRel
	known := map[string]bool{}
	plain := map[string]string{} // offsets and label -> key, for references without quote_id
	flush := func() error {
		if cur == nil {
			return nil
		}
		if err := assemble(cur, spans, rels); err != nil {
			return annotate.AtLine(err, "", cur.Line)
		}
		if err := takeFlatActors(cur); err != nil {
			return annotate.AtLine(err, "", cur.Line)
		}
		if err := takeCarried(cur, curMeta); err != nil {
			return annotate.AtLine(err, "", cur.Line)
		}
		done := cur
		cur, spans, rels = nil, nil, nil
		known, plain = map[string]bool{}, map[string]string{}
		return emit(done)
	}
	err := jsonlLines(r, annotate.MaxLineBytes(opt.MaxRecordBytes), func(line []byte, n int) error {
		var t prodigyTask
		if err := json.Unmarshal(line, &t); err != nil {
			return jsonErr(err)
		}
		if t.Text == nil {
			return annotate.Errorf(annotate.EFORMAT, `no "text" field`)
		}
		rec := newRecord(*t.Text, n)
		for k, v := range t.Meta {
			metaField(rec, k, v, prodigyMetaSkip)
		}
		if rec.Status == "" {
			switch t.Answer {
			case "accept":
				rec.Status = annotate.StatusDone
			case "reject":
				rec.Status = annotate.StatusSkipped
			}
		}
		if rec.ID == "" {
			rec.ID = opt.ExternalID + "#" + strconv.Itoa(n)
		}
		if cur == nil || cur.ID != rec.ID || cur.Text != rec.Text {
			if err := flush(); err != nil {
				return err
			}
			cur, curMeta = rec, t.Meta
		}
		byTokenEnd, byTokenStart := map[int]string{}, map[int]string{}
		for i, s := range t.Spans {
			ps := peerSpan{key: s.key(), start: s.Start, end: s.End, label: s.Label, quoteID: s.QuoteID, kind: s.QuoteKind}
			if p := spanKey(s.Start, s.End, s.Label); plain[p] == "" {
				plain[p] = ps.key
			}
			if s.Text != nil {
				ps.text = *s.Text
				if ps.text == "" {
					return annotate.Errorf(annotate.EFORMAT, "span %d has an empty text", i+1)
				}
			}
			if s.TokenEnd != nil {
				byTokenEnd[*s.TokenEnd] = ps.key
			}
			if s.TokenStart != nil {
				byTokenStart[*s.TokenStart] = ps.key
			}
			spans = append(spans, ps)
			known[ps.key] = true
		}
		for i, r := range t.Relations {
			end := func(ref *prodigySpanRef, tok *int, what string) (string, error) {
				if ref != nil {
					if k := ref.key(); ref.QuoteID != "" || known[k] {
						return k, nil
					}
					if k, ok := plain[spanKey(ref.Start, ref.End, ref.Label)]; ok {
						return k, nil
					}
					return ref.key(), nil
				}
				if tok != nil {
					// Prodigy names a span by its last token; some tools
					// write the first.
					if k, ok := byTokenEnd[*tok]; ok {
						return k, nil
					}
					if k, ok := byTokenStart[*tok]; ok {
						return k, nil
					}
				}
				return "", annotate.Errorf(annotate.EFORMAT, "relation %d: its %s is no span of the task", i+1, what)
			}
			h, err := end(r.HeadSpan, r.Head, "head")
			if err != nil {
				return err
			}
			c, err := end(r.ChildSpan, r.Child, "child")
			if err != nil {
				return err
			}
			if r.Label == "" {
				return annotate.Errorf(annotate.EFORMAT, "relation %d has no label", i+1)
			}
			// A span named only by a relation still needs to exist.
			for _, ref := range []*prodigySpanRef{r.HeadSpan, r.ChildSpan} {
				if ref == nil || isQuoteLabel(ref.Label) {
					continue
				}
				if k := ref.key(); !known[k] && plain[spanKey(ref.Start, ref.End, ref.Label)] == "" {
					known[k] = true
					spans = append(spans, peerSpan{key: k, start: ref.Start, end: ref.End, label: ref.Label})
				}
			}
			rels = append(rels, peerRel{head: h, tail: c, label: r.Label})
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}
