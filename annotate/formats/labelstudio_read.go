package formats

import (
	"bytes"
	"encoding/json"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"byline/annotate"
)

// LabelStudioReader reads Label Studio's JSON export: an array of tasks with
// data.text and "labels" regions (code points) and "relation" items in the
// first annotation that was not cancelled (or, without annotations, the
// first prediction). A per-region "choices" item on a QUOTE region gives the
// quote's kind. value.text is checked against the text (Label Studio has
// been known to lose runs of spaces in it, so whitespace runs compare equal).
// The task meta's annotators and notes (what Byline writes there) are put
// back on the annotations.
type LabelStudioReader struct{}

// Name implements annotate.Reader.
func (LabelStudioReader) Name() string { return "labelstudio" }

// Detect implements annotate.Reader: a .json file holding an array of tasks
// with "data".
func (LabelStudioReader) Detect(path string, head []byte) bool {
	if strings.ToLower(filepath.Ext(path)) != ".json" {
		return false
	}
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\uFEFF")), " \t\r\n")
	return bytes.HasPrefix(h, []byte("[")) && bytes.Contains(h, []byte(`"data"`))
}

type lsTask struct {
	ID          json.RawMessage            `json:"id"`
	Data        map[string]json.RawMessage `json:"data"`
	Meta        map[string]json.RawMessage `json:"meta"`
	Annotations []lsAnnotation             `json:"annotations"`
	Predictions []lsAnnotation             `json:"predictions"`
}

type lsAnnotation struct {
	WasCancelled bool       `json:"was_cancelled"`
	Result       []lsResult `json:"result"`
}

type lsResult struct {
	ID        string   `json:"id"`
	FromName  string   `json:"from_name"`
	Type      string   `json:"type"`
	FromID    string   `json:"from_id"`
	ToID      string   `json:"to_id"`
	Direction string   `json:"direction"`
	Labels    []string `json:"labels"`
	Value     struct {
		Start   json.RawMessage `json:"start"`
		End     json.RawMessage `json:"end"`
		Text    *string         `json:"text"`
		Labels  []string        `json:"labels"`
		Choices []string        `json:"choices"`
	} `json:"value"`
}

var lsDataSkip = map[string]bool{"text": true, "id": true}

// Read implements annotate.Reader.
func (rd LabelStudioReader) Read(path string, data []byte, opt annotate.ReadOptions) ([]*annotate.Record, error) {
	return annotate.ReadAll(rd, path, data, opt)
}

// ReadStream implements annotate.StreamReader: the array is read task by
// task, so an export of any size takes the memory of one task.
func (LabelStudioReader) ReadStream(path string, r io.Reader, opt annotate.ReadOptions, emit func(*annotate.Record) error) error {
	return jsonArray(r, annotate.MaxLineBytes(opt.MaxRecordBytes), "not a Label Studio JSON export (an array of tasks)", func(raw []byte, ti int) error {
		var t lsTask
		if err := json.Unmarshal(raw, &t); err != nil {
			return annotate.Errorf(annotate.EFORMAT, "task %d: not a Label Studio task: %v", ti+1, err)
		}
		rec, err := lsRecord(&t, ti, opt)
		if err != nil {
			return annotate.Errorf(annotate.EFORMAT, "task %d: %s", ti+1, annotate.ErrorMessage(err))
		}
		return emit(rec)
	})
}

func lsRecord(t *lsTask, ti int, opt annotate.ReadOptions) (*annotate.Record, error) {
	var text string
	if v, ok := t.Data["text"]; !ok || json.Unmarshal(v, &text) != nil {
		return nil, annotate.Errorf(annotate.EFORMAT, `data has no "text" string`)
	}
	rec := newRecord(text, 0)
	for k, v := range t.Data {
		metaField(rec, k, v, lsDataSkip)
	}
	if rec.ID == "" && len(t.ID) > 0 {
		rec.ID = compactID(t.ID)
	}
	if rec.ID == "" {
		rec.ID = opt.ExternalID + "#" + strconv.Itoa(ti+1)
	}
	var results []lsResult
	for _, a := range t.Annotations {
		if !a.WasCancelled {
			results = a.Result
			break
		}
	}
	if results == nil && len(t.Annotations) == 0 && len(t.Predictions) > 0 {
		results = t.Predictions[0].Result
	}
	x := annotate.NewTextIndex(text)
	var spans []peerSpan
	kinds := map[string]string{}
	var rels []peerRel
	for i, r := range results {
		switch r.Type {
		case "labels":
			start, err1 := strconv.Atoi(string(r.Value.Start))
			end, err2 := strconv.Atoi(string(r.Value.End))
			if err1 != nil || err2 != nil {
				return nil, annotate.Errorf(annotate.EFORMAT, "region %d: start and end must be character offsets (HyperText XPath regions are not supported)", i+1)
			}
			if len(r.Value.Labels) == 0 {
				return nil, annotate.Errorf(annotate.EFORMAT, "region %d has no label", i+1)
			}
			if !x.InRange(start, end) {
				return nil, annotate.Errorf(annotate.EFORMAT, "region %d [%d, %d) is outside the text (%d characters)", i+1, start, end, x.Len())
			}
			if r.Value.Text != nil && !sameText(*r.Value.Text, x.Slice(start, end)) {
				return nil, annotate.Errorf(annotate.EFORMAT, "region %d: text %q does not match the task text, which has %q at [%d, %d)", i+1, *r.Value.Text, x.Slice(start, end), start, end)
			}
			key := r.ID
			if key == "" {
				key = "#" + strconv.Itoa(i)
			}
			// Several labels on one region become several spans.
			for j, l := range r.Value.Labels {
				k := key
				if j > 0 {
					k += "#" + l
				}
				spans = append(spans, peerSpan{key: k, start: start, end: end, label: l, quoteID: ""})
			}
		case "choices":
			if r.ID != "" && len(r.Value.Choices) > 0 {
				kinds[r.ID] = r.Value.Choices[0]
			}
		case "relation":
			if len(r.Labels) == 0 {
				return nil, annotate.Errorf(annotate.EFORMAT, "relation %d has no label", i+1)
			}
			h, tl := r.FromID, r.ToID
			if r.Direction == "left" {
				h, tl = tl, h
			}
			for _, l := range r.Labels {
				rels = append(rels, peerRel{head: h, tail: tl, label: l})
			}
		}
	}
	for i := range spans {
		if k, ok := kinds[spans[i].key]; ok && isQuoteLabel(spans[i].label) {
			spans[i].kind = k
		}
	}
	if err := assemble(rec, spans, rels); err != nil {
		return nil, err
	}
	if err := takeFlatActors(rec); err != nil {
		return nil, err
	}
	if err := takeCarried(rec, t.Meta); err != nil {
		return nil, err
	}
	return rec, nil
}

// sameText compares a region's claimed text with the slice, treating runs of
// whitespace as equal.
func sameText(claimed, actual string) bool {
	if claimed == actual {
		return true
	}
	return strings.Join(strings.Fields(claimed), " ") == strings.Join(strings.Fields(actual), " ")
}
