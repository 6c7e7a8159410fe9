package formats

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"byline/annotate"
)

// DoccanoReader reads doccano JSONL in both shapes: "entities" objects (id,
// label, start_offset, end_offset) with "relations" (from_id, to_id, type),
// and [start, end, label] triples under "label" (or "labels", or "entities"
// in older exports). Offsets are taken as code points: a file cannot say
// whether doccano counted UTF-16 units, except Byline's own exports, whose
// "offset_unit": "utf16" is converted back. Span texts are validated by the
// import (every span must lie inside the text).
type DoccanoReader struct{}

// Name implements annotate.Reader.
func (DoccanoReader) Name() string { return "doccano" }

// Detect implements annotate.Reader: a .jsonl file whose first line has
// "text" and doccano's span keys, or a .json array of such examples.
func (DoccanoReader) Detect(path string, head []byte) bool {
	if detectDoccanoArray(path, head) {
		return true
	}
	if !isJSONLPath(path) {
		return false
	}
	line := firstLine(head)
	var raw map[string]json.RawMessage
	if json.Unmarshal(line, &raw) != nil {
		return bytes.Contains(line, []byte(`"start_offset"`))
	}
	if _, ok := raw["text"]; !ok {
		return false
	}
	if _, ok := raw["quotes"]; ok {
		return false
	}
	for _, k := range []string{"label", "labels"} {
		if v, ok := raw[k]; ok && bytes.HasPrefix(bytes.TrimSpace(v), []byte("[")) {
			return true
		}
	}
	if v, ok := raw["entities"]; ok {
		v = bytes.TrimSpace(v)
		return bytes.HasPrefix(v, []byte("[[")) || bytes.Contains(v, []byte(`"start_offset"`)) || string(v) == "[]" && raw["relations"] != nil && raw["Comments"] != nil
	}
	return false
}

type doccanoEntity struct {
	ID          json.RawMessage `json:"id"`
	Label       string          `json:"label"`
	StartOffset *int            `json:"start_offset"`
	EndOffset   *int            `json:"end_offset"`
}

type doccanoRelation struct {
	FromID json.RawMessage `json:"from_id"`
	ToID   json.RawMessage `json:"to_id"`
	Type   string          `json:"type"`
}

var doccanoSkip = map[string]bool{
	"text": true, "entities": true, "relations": true, "label": true, "labels": true,
	"Comments": true, "comments": true, "id": true, "offset_unit": true,
}

// Read implements annotate.Reader.
func (rd DoccanoReader) Read(path string, data []byte, opt annotate.ReadOptions) ([]*annotate.Record, error) {
	return annotate.ReadAll(rd, path, data, opt)
}

// ReadStream implements annotate.StreamReader: JSONL line by line, or a
// JSON array (doccano's .json export) element by element.
func (DoccanoReader) ReadStream(path string, r io.Reader, opt annotate.ReadOptions, emit func(*annotate.Record) error) error {
	br := bufio.NewReaderSize(r, 1<<16)
	if startsArray(br) {
		return doccanoArray(br, opt, emit)
	}
	return jsonlLines(br, annotate.MaxLineBytes(opt.MaxRecordBytes), func(line []byte, n int) error {
		rec, err := doccanoRecord(line, n, n, opt)
		if err != nil {
			return err
		}
		return emit(rec)
	})
}

// doccanoRecord decodes one doccano example: line is its line number (0
// for an element of an array), n its 1-based place in the file, which names
// a record without an id.
func doccanoRecord(raw []byte, line, n int, opt annotate.ReadOptions) (*annotate.Record, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, jsonErr(err)
	}
	var text string
	if v, ok := fields["text"]; !ok || json.Unmarshal(v, &text) != nil {
		return nil, annotate.Errorf(annotate.EFORMAT, `no "text" string`)
	}
	rec := newRecord(text, line)
	for k, v := range fields {
		metaField(rec, k, v, doccanoSkip)
	}
	if rec.ID == "" {
		if v, ok := fields["id"]; ok {
			var s string
			if json.Unmarshal(v, &s) == nil {
				rec.ID = s
			} else if _, err := strconv.ParseFloat(string(bytes.TrimSpace(v)), 64); err == nil {
				rec.ID = string(bytes.TrimSpace(v))
			}
		}
	}
	if rec.ID == "" {
		rec.ID = opt.ExternalID + "#" + strconv.Itoa(n)
	}
	var unit string
	if v, ok := fields["offset_unit"]; ok {
		json.Unmarshal(v, &unit)
	}
	conv, err := offsetConverter(text, unit)
	if err != nil {
		return nil, err
	}
	var spans []peerSpan
	var rels []peerRel
	for _, k := range []string{"entities", "label", "labels"} {
		v, ok := fields[k]
		if !ok || string(bytes.TrimSpace(v)) == "null" {
			continue
		}
		got, err := doccanoSpans(k, v, conv)
		if err != nil {
			return nil, err
		}
		spans = append(spans, got...)
	}
	if v, ok := fields["relations"]; ok && string(bytes.TrimSpace(v)) != "null" {
		var list []doccanoRelation
		if err := json.Unmarshal(v, &list); err != nil {
			return nil, annotate.Errorf(annotate.EFORMAT, `"relations": %v`, err)
		}
		for i, r := range list {
			if r.Type == "" || len(r.FromID) == 0 || len(r.ToID) == 0 {
				return nil, annotate.Errorf(annotate.EFORMAT, "relation %d needs from_id, to_id and type", i+1)
			}
			rels = append(rels, peerRel{head: "e" + compactID(r.FromID), tail: "e" + compactID(r.ToID), label: r.Type})
		}
	}
	n0 := annotate.RuneCount(text)
	for _, s := range spans {
		if s.end > n0 && unit == "" {
			return nil, annotate.Errorf(annotate.EFORMAT, "span [%d, %d) %s ends past the text (%d characters); if the file came from a doccano project counting UTF-16 units, export it again with grapheme or code point offsets", s.start, s.end, s.label, n0)
		}
	}
	if err := assemble(rec, spans, rels); err != nil {
		return nil, err
	}
	if err := takeFlatActors(rec); err != nil {
		return nil, err
	}
	return rec, nil
}

// doccanoSpans decodes one span list: objects with start_offset/end_offset
// or [start, end, label] triples.
func doccanoSpans(key string, v json.RawMessage, conv func(int) (int, error)) ([]peerSpan, error) {
	var items []json.RawMessage
	if err := json.Unmarshal(v, &items); err != nil {
		return nil, annotate.Errorf(annotate.EFORMAT, "%q must be a list: %v", key, err)
	}
	var out []peerSpan
	for i, it := range items {
		it = bytes.TrimSpace(it)
		var s peerSpan
		var start, end int
		if bytes.HasPrefix(it, []byte("[")) {
			var triple []json.RawMessage
			if err := json.Unmarshal(it, &triple); err != nil || len(triple) != 3 ||
				json.Unmarshal(triple[0], &start) != nil || json.Unmarshal(triple[1], &end) != nil || json.Unmarshal(triple[2], &s.label) != nil {
				return nil, annotate.Errorf(annotate.EFORMAT, "%q item %d must be [start, end, label]", key, i+1)
			}
			s.key = key + strconv.Itoa(i)
		} else {
			var e doccanoEntity
			if err := json.Unmarshal(it, &e); err != nil || e.StartOffset == nil || e.EndOffset == nil {
				return nil, annotate.Errorf(annotate.EFORMAT, "%q item %d needs start_offset, end_offset and label", key, i+1)
			}
			start, end, s.label = *e.StartOffset, *e.EndOffset, e.Label
			s.key = key + strconv.Itoa(i)
			if len(e.ID) > 0 {
				s.key = "e" + compactID(e.ID)
			}
		}
		var err error
		if s.start, err = conv(start); err != nil {
			return nil, err
		}
		if s.end, err = conv(end); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func compactID(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return strings.TrimSpace(string(raw))
}

// offsetConverter maps a file's offsets to code points.
func offsetConverter(text, unit string) (func(int) (int, error), error) {
	switch unit {
	case "", "codepoint":
		return func(n int) (int, error) { return n, nil }, nil
	case "utf16":
		x := annotate.NewTextIndex(text)
		table := make(map[int]int, x.Len()+1)
		for cp := 0; cp <= x.Len(); cp++ {
			table[x.UTF16(cp)] = cp
		}
		return func(n int) (int, error) {
			cp, ok := table[n]
			if !ok {
				return 0, annotate.Errorf(annotate.EFORMAT, "UTF-16 offset %d is out of range or splits a character", n)
			}
			return cp, nil
		}, nil
	}
	return nil, annotate.Errorf(annotate.EFORMAT, "offset_unit %q is not supported (codepoint or utf16)", unit)
}
