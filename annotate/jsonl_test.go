package annotate

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// decodeRecordTwoPass is the earlier DecodeRecord, kept as the reference
// the one-pass decoder must agree with: it splits the line into raw fields
// first and then decodes each field.
var twoPassRecordKeys = map[string]bool{
	"id": true, "text": true, "meta": true, "status": true, "imported": true, "debris": true,
	"entities": true, "quotes": true, "relations": true, "format_version": true, "actors": true,
}

func decodeRecordTwoPass(line []byte) (*Record, error) {
	if err := CheckUTF8(line); err != nil {
		return nil, Errorf(EFORMAT, "%v", err)
	}
	if err := CheckSurrogateEscapes(line); err != nil {
		return nil, err
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(line, &raw); err != nil {
		return nil, Errorf(EFORMAT, "not a JSON object: %v", jsonErrText(err))
	}
	textRaw, ok := raw["text"]
	if !ok {
		return nil, Errorf(EFORMAT, `no "text" field`)
	}
	var rec Record
	if err := json.Unmarshal(textRaw, &rec.Text); err != nil {
		return nil, Errorf(EFORMAT, `"text" must be a string`)
	}
	if v, ok := raw["id"]; ok {
		var s string
		if json.Unmarshal(v, &s) == nil {
			rec.ID = s
		} else if _, err := strconv.ParseFloat(string(bytes.TrimSpace(v)), 64); err == nil {
			rec.ID = string(bytes.TrimSpace(v))
		} else {
			return nil, Errorf(EFORMAT, `"id" must be a string or a number`)
		}
	}
	if v, ok := raw["meta"]; ok && string(v) != "null" {
		if err := json.Unmarshal(v, &rec.Meta); err != nil {
			return nil, Errorf(EFORMAT, `"meta" must be an object`)
		}
	}
	if v, ok := raw["format_version"]; ok {
		var n int
		if err := json.Unmarshal(v, &n); err != nil || n > FormatVersion {
			return nil, Errorf(EFORMAT, "format_version %s is newer than this Byline understands (%d)", v, FormatVersion)
		}
	}
	for key, dst := range map[string]any{
		"status": &rec.Status, "imported": &rec.Imported, "debris": &rec.Debris,
		"entities": &rec.Entities, "quotes": &rec.Quotes, "relations": &rec.Relations, "actors": &rec.Actors,
	} {
		v, ok := raw[key]
		if !ok || string(v) == "null" {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(v))
		dec.DisallowUnknownFields()
		if err := dec.Decode(dst); err != nil {
			return nil, Errorf(EFORMAT, "%q: %v", key, jsonErrText(err))
		}
	}
	for k, v := range raw {
		if twoPassRecordKeys[k] {
			continue
		}
		var m Meta
		if f := m.field(k); f != nil {
			var s string
			if json.Unmarshal(v, &s) == nil && *rec.Meta.field(k) == "" {
				*rec.Meta.field(k) = s
				continue
			}
		}
		if rec.Meta.Extra == nil {
			rec.Meta.Extra = map[string]json.RawMessage{}
		}
		if _, taken := rec.Meta.Extra[k]; !taken {
			rec.Meta.Extra[k] = append(json.RawMessage(nil), v...)
		}
	}
	rec.emptyNotNil()
	return &rec, nil
}

// FuzzDecodeRecord checks that the one-pass decoder accepts exactly the
// lines the two-pass reference accepts, with the same record, and that an
// error always says the line is at fault in words (never a bare panic).
func FuzzDecodeRecord(f *testing.F) {
	for _, s := range decodeSeeds {
		f.Add([]byte(s))
	}
	doc, ann := runningDoc()
	var buf bytes.Buffer
	_ = NewEncoder(&buf).Encode(NewRecord(doc, ann))
	f.Add(bytes.TrimRight(buf.Bytes(), "\n"))
	f.Fuzz(func(t *testing.T, line []byte) {
		got, err := DecodeRecord(line)
		want, wantErr := decodeRecordTwoPass(line)
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("%q: one pass: %v; two passes: %v", line, err, wantErr)
		}
		if err != nil {
			if ErrorCode(err) != EFORMAT {
				t.Fatalf("%q: error %v is not a format error", line, err)
			}
			return
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\none pass  %+v\ntwo passes %+v", line, got, want)
		}
	})
}

// everyFieldLine has every field of every annotation, and every escape.
const everyFieldLine = `{"id":"a1","text":"A \"q\" \\ \/ \b\f\n\r\t \u00e9\u00E9 \ud83d\ude00","meta":{"title":"T"},"status":"done","entities":[{"id":"T1","start":0,"end":1,"label":"PERSON","text":"A","actor":"A1","annotator":"ann","note":"n","created":"2026-01-01T00:00:00Z","updated":"2026-01-02T00:00:00Z"}],"quotes":[{"id":"Q1","kind":"direct","content":[{"start":2,"end":5,"text":"q"},{"start":6,"end":7,"text":"x"}],"cue":{"start":0,"end":1,"text":"A"},"speaker":"T1","annotator":"a","note":"","created":"","updated":""}],"relations":[{"id":"R1","type":"MET_WITH","head":"T1","tail":"T1","annotator":"a","note":"n","created":"c","updated":"u"}],"actors":[{"id":"A1","name":"A","label":"PERSON"}],"debris":[{"start":0,"end":1}],"format_version":1}`

// decodeSeeds are lines whose keys come in an order, or twice, or with
// values the decoder must treat as the reference does.
var decodeSeeds = []string{
	`{"text": "Hello", "id": 42, "title": "T", "url": "http://x", "lang": "en", "meta": {"author": "A"}}`,
	`{"title": "top", "meta": {"title": "inner", "lang": "de"}, "lang": "en", "text": "x"}`,
	`{"title": 5, "text": "x", "published": "2024-01-02"}`,
	`{"text": "a", "text": "b", "id": "1", "id": 2.5e3}`,
	`{"text": "x", "status": "done", "status": null, "entities": [{"id": "T1", "start": 0, "end": 1, "label": "X", "note": "n"}], "entities": [{"id": "T2", "start": 0, "end": 1, "label": "Y"}]}`,
	`{"text": "x", "meta": null, "debris": null, "quotes": null, "relations": [], "actors": [{"id": "A1", "name": "N", "label": "PERSON"}]}`,
	`{"text": "x", "format_version": 1}`,
	`{"text": "x", "format_version": "1"}`,
	`{"text": "x"} {"text": "y"}`,
	`{"text": "x"}   `,
	`{"text": "x",}`,
	`{"text": "x" oops}`,
	`{"text": "x"`,
	`{"text": 5}`,
	`{"text": "x", "id": true}`,
	`{"text": "x", "meta": [1]}`,
	`{"text": "x", "entities": [{"colour": 1}]}`,
	`{"text": "x", "quotes": [{"id": "Q1", "content": [{"start": 0, "end": 1}], "cue": {"start": 0, "end": 1}}]}`,
	`{"text": "x", "imported": "2026-01-01T00:00:00Z", "unknown": {"a": [1, {"b": null}]}}`,
	`[{"text": "x"}]`,
	`"text"`,
	`null`,
	`{}`,
	``,
	`{"id": "a"}`,
	`{"text": "\ud83d\ude00", "id": -0.5}`,
	// the shapes the fast path takes, and the ones just beside them
	everyFieldLine,
	` { "text" : "x" , "entities" : [ { "start" : -0 , "end" : 10 , "label" : "L" } , { } ] , "lang" :  {"a" : [ 1 , 2.5e-3 , true , false , null ] }  , "n" : 5 } `,
	`{"text": "x", "entities": [{"Start": 1}]}`,
	`{"text": "x", "entities": [{"start": 1.0}]}`,
	`{"text": "x", "entities": [{"start": 1e2}]}`,
	`{"text": "x", "entities": [{"start": 01}]}`,
	`{"text": "x", "entities": [{"start": 99999999999999999999}]}`,
	`{"text": "x", "entities": [{"label": null}]}`,
	`{"text": "x", "entities": [null]}`,
	`{"text": "x", "entities": null}`,
	`{"text": "x", "quotes": [{"content": [{"start": 1, "end": 2, "text": "a"}], "content": [{"start": 3}]}]}`,
	`{"text": "x", "quotes": [{"cue": {"start": 1, "end": 2}, "cue": {"text": "c"}}]}`,
	`{"text": "x", "quotes": [{"cue": null}]}`,
	`{"text": "x", "relations": [{"type": "A", "type": "B", "head": "T1"}], "relations": [{"type": "C"}]}`,
	`{"\u0074ext": "x"}`,
	`{"text": "a\u0000b", "status": "\u0064one"}`,
	`{"text": "x", "title": "t", "title": 5, "url": "u"}`,
	`{"text": "x", "lang": "en"}` + "\u00a0",
}

func TestDecodeRecordErrors(t *testing.T) {
	tests := []struct{ line, want string }{
		{`[{"text": "x"}]`, "not a JSON object: the line starts with an array"},
		{`{"text": "x"} {"text": "y"}`, "not a JSON object: invalid character '{' after top-level value (at byte 15 of the line)"},
		{`{"text": "x"`, "not a JSON object: unexpected end of JSON input"},
		{`{"text": "x" oops}`, "not a JSON object: invalid character 'o' after object key:value pair (at byte 14 of the line)"},
		{`{"text": "x", "meta": {"a": tru}}`, "not a JSON object: invalid character '}' in literal true (expecting 'e') (at byte 32 of the line)"},
		{`{"text": "x", "entities": [{"id": "T1", "start": "0"}]}`, `"entities": json: cannot unmarshal string into Go struct field RecordEntity.start of type int`},
		{`{"text": "x", "entities": [{"id": "T1", "start": 0,]}`, "not a JSON object: invalid character ']' looking for beginning of object key string (at byte 52 of the line)"},
	}
	for i, tc := range tests {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			_, err := DecodeRecord([]byte(tc.line))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("%s: err = %v, want %q", tc.line, err, tc.want)
			}
		})
	}
}

// BenchmarkDecodeRecord decodes annotated lines of about 4 KB of text with
// 40 entities, 8 quotes and a relation, one line per iteration (each line a
// different record, its id checked). Timed: DecodeRecord alone; "two-pass"
// is the earlier decoder on the same lines, for comparison.
func BenchmarkDecodeRecord(b *testing.B) {
	lines := make([][]byte, 64)
	for i := range lines {
		var text strings.Builder
		rec := &Record{ID: "a" + strconv.Itoa(i), Meta: Meta{Title: "Report " + strconv.Itoa(i)}}
		for j := 0; j < 40; j++ {
			text.WriteString("Officials in the capital said talks with ")
			n := RuneCount(text.String())
			text.WriteString("Zoë Martínez")
			rec.Entities = append(rec.Entities, RecordEntity{ID: "T" + strconv.Itoa(j+1), Start: n, End: n + 12, Label: "PERSON", Text: "Zoë Martínez"})
			text.WriteString(" would continue next week. ")
			if j%5 == 4 {
				n := RuneCount(text.String())
				text.WriteString("“We will not accept these terms.”\n\n")
				rec.Quotes = append(rec.Quotes, RecordQuote{ID: "Q" + strconv.Itoa(j/5+1), Kind: QuoteDirect,
					Content: []Segment{{Start: n, End: n + 33}}, Cue: &Segment{Start: n, End: n + 4}, Speaker: "T1"})
			}
		}
		rec.Text = text.String()
		rec.Relations = []RecordRelation{{ID: "R1", Type: "MET_WITH", Head: "T1", Tail: "T4"}}
		line, err := json.Marshal(rec)
		if err != nil {
			b.Fatal(err)
		}
		lines[i] = line
	}
	for _, dec := range []struct {
		name   string
		decode func([]byte) (*Record, error)
	}{{"one-pass", DecodeRecord}, {"two-pass", decodeRecordTwoPass}} {
		b.Run(dec.name, func(b *testing.B) {
			b.SetBytes(int64(len(lines[0])))
			i := 0
			for b.Loop() {
				rec, err := dec.decode(lines[i%len(lines)])
				if err != nil || rec.ID != "a"+strconv.Itoa(i%len(lines)) || len(rec.Entities) != 40 {
					b.Fatalf("line %d: %v", i, err)
				}
				i++
			}
		})
	}
}

// TestDecodeRecordFastPath checks that the lines Byline writes, and the
// common shapes of other tools' lines, take the fast path, and that it
// gives what the general decoder gives.
func TestDecodeRecordFastPath(t *testing.T) {
	doc, ann := runningDoc()
	var buf bytes.Buffer
	if err := NewEncoder(&buf).Encode(NewRecord(doc, ann)); err != nil {
		t.Fatal(err)
	}
	lines := []string{
		strings.TrimRight(buf.String(), "\n"),
		everyFieldLine,
		`{"text": "Plain \u201cquoted\u201d text.", "id": 7, "title": "T", "url": "http://x"}`,
	}
	for _, line := range lines {
		fast, ok := decodeRecordFast([]byte(line))
		if !ok {
			t.Fatalf("the fast path does not take %s", line)
		}
		want, err := decodeRecordTwoPass([]byte(line))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fast, want) {
			t.Fatalf("%s:\nfast      %+v\nreference %+v", line, fast, want)
		}
		if len(fast.Entities)+len(fast.Quotes) == 0 && strings.Contains(line, "entities") {
			t.Fatalf("%s: no annotations read", line)
		}
	}
}
