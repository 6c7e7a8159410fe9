package annotate

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

func runningDoc() (*Document, *Annotations) {
	at := time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
	doc := &Document{
		ID: 7, ExternalID: "doc-0001", Text: runningExample, Status: StatusDone, ImportedAt: at,
		Meta: Meta{Title: "Bridge", Source: "Wire", Published: "2023-05-26",
			Extra: map[string]json.RawMessage{"section": json.RawMessage(`"local"`), "tags": json.RawMessage(`["infra", 2]`)}},
	}
	ann := &Annotations{
		Entities: []Entity{
			{ID: 12, Start: 18, End: 26, Label: "PERSON", Text: "Jane Doe", Annotator: "ana", Created: at, Updated: at},
			{ID: 10, Start: 0, End: 11, Label: "GPE", Text: "Springfield", Annotator: "ana", Created: at, Updated: at},
			{ID: 11, Start: 12, End: 17, Label: "TITLE", Text: "Mayor", Annotator: "ben", Note: "local office", Created: at, Updated: at},
		},
		Quotes: []Quote{{ID: 3, Kind: QuoteDirect, Content: []Segment{{33, 69, `"We will rebuild the bridge by May."`}},
			Cue: &Segment{27, 31, "said"}, SpeakerID: 12, Annotator: "ana", Created: at, Updated: at}},
		Relations: []Relation{
			{ID: 5, Type: "ROLE", HeadID: 12, TailID: 11, Annotator: "ana", Created: at, Updated: at},
			{ID: 4, Type: "AFFILIATED_WITH", HeadID: 12, TailID: 10, Annotator: "ana", Created: at, Updated: at},
		},
	}
	return doc, ann
}

func hazardDoc() (*Document, *Annotations) {
	text := "👨‍👩‍👧 Сергей Лавров said: «Мы готовы» 👍🏽\u2028🇺🇦 Jose\u0301 met قال\u200b\u0085end"
	x := NewTextIndex(text)
	find := func(s string) (int, int) {
		b := strings.Index(text, s)
		st := x.Rune(b)
		return st, st + RuneCount(s)
	}
	s1, e1 := find("Сергей Лавров")
	s2, e2 := find("«Мы готовы»")
	s3, e3 := find("Jose\u0301")
	s4, e4 := find("🇺🇦")
	s5, e5 := find("said")
	return &Document{ExternalID: "hazard", Text: text, Status: StatusTodo},
		&Annotations{
			Entities: []Entity{
				{ID: 1, Start: s1, End: e1, Label: "PERSON", Text: x.Slice(s1, e1)},
				{ID: 2, Start: s3, End: e3, Label: "PERSON", Text: x.Slice(s3, e3)},
				{ID: 3, Start: s4, End: e4, Label: "GPE", Text: x.Slice(s4, e4)},
			},
			Quotes:    []Quote{{ID: 1, Kind: QuoteDirect, Content: []Segment{{s2, e2, x.Slice(s2, e2)}}, Cue: &Segment{s5, e5, "said"}, SpeakerID: 1}},
			Relations: []Relation{{ID: 1, Type: "MET_WITH", HeadID: 2, TailID: 1}},
		}
}

func encodeRecord(t *testing.T, rec *Record) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := NewEncoder(&buf).Encode(rec); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestNativeGolden(t *testing.T) {
	for name, mk := range map[string]func() (*Document, *Annotations){"running": runningDoc, "hazard": hazardDoc} {
		t.Run(name, func(t *testing.T) {
			doc, ann := mk()
			got := encodeRecord(t, NewRecord(doc, ann))
			path := filepath.Join("testdata", "jsonl", name+".golden.jsonl")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("native JSONL differs from %s\n got: %s\nwant: %s", path, got, want)
			}
			if n := bytes.Count(got, []byte("\n")); n != 1 {
				t.Fatalf("record spans %d lines", n)
			}
			for _, bad := range []string{"\u2028", "\u2029", "\u0085"} {
				if bytes.Contains(got, []byte(bad)) {
					t.Fatalf("raw %U in output", []rune(bad)[0])
				}
			}
			// Decode, prepare and re-encode: the same bytes.
			rec, err := DecodeRecord(bytes.TrimSpace(got))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := PrepareRecord(rec, testSchema(t)); err != nil {
				t.Fatal(err)
			}
			if again := encodeRecord(t, rec); !bytes.Equal(again, got) {
				t.Fatalf("decode/encode is not lossless\n got: %s\nwant: %s", again, got)
			}
		})
	}
}

func TestNewRecordIDsAndOrder(t *testing.T) {
	doc, ann := runningDoc()
	rec := NewRecord(doc, ann)
	var ids []string
	for _, e := range rec.Entities {
		ids = append(ids, e.ID+"="+e.Text)
	}
	if got := strings.Join(ids, ","); got != "T1=Springfield,T2=Mayor,T3=Jane Doe" {
		t.Errorf("entity order %s", got)
	}
	if rec.Quotes[0].Speaker != "T3" || rec.Relations[0].Type != "AFFILIATED_WITH" || rec.Relations[1].Head != "T3" || rec.Relations[1].Tail != "T2" {
		t.Errorf("links: %+v %+v", rec.Quotes[0], rec.Relations)
	}
	if len(ann.Entities) != 3 || ann.Entities[0].ID != 12 {
		t.Error("NewRecord reordered its input")
	}
}

func TestPrepareRecord(t *testing.T) {
	base := func() *Record {
		doc, ann := runningDoc()
		return NewRecord(doc, ann)
	}
	tests := []struct {
		name  string
		edit  func(*Record)
		err   string
		warns []string
	}{
		{"ok", func(*Record) {}, "", nil},
		{"missing text is filled", func(r *Record) { r.Entities[0].Text = "" }, "", nil},
		{"text mismatch", func(r *Record) { r.Entities[0].Text = "Shelbyville" }, "entity T1 [0, 11): text \"Shelbyville\" does not match", nil},
		{"out of range", func(r *Record) { r.Entities[0].End = 500 }, "out of range", nil},
		{"duplicate id", func(r *Record) { r.Entities[1].ID = "T1" }, "used twice", nil},
		{"speaker missing", func(r *Record) { r.Quotes[0].Speaker = "T9" }, "speaker T9 is not an entity", nil},
		{"head missing", func(r *Record) { r.Relations[0].Head = "Q1" }, "head Q1 is not an entity", nil},
		{"bad status", func(r *Record) { r.Status = "finished" }, "status", nil},
		{"bad time", func(r *Record) { r.Entities[0].Created = "yesterday" }, "RFC 3339", nil},
		{"unknown label added", func(r *Record) { r.Entities[0].Label = "CITY" }, "", []string{`label "CITY" added to the schema`,
			`record "doc-0001": relation R1: relation AFFILIATED_WITH is not allowed from PERSON to CITY (kept)`}},
		{"unknown relation type added", func(r *Record) { r.Relations[0].Type = "MAYOR_OF" }, "", []string{`relation type "MAYOR_OF" added to the schema`}},
		{"disallowed relation kept", func(r *Record) { r.Relations[1].Head, r.Relations[1].Tail = "T2", "T3" },
			"", []string{`record "doc-0001": relation R2: relation ROLE is not allowed from TITLE to PERSON (kept)`}},
		{"kind from marks", func(r *Record) { r.Quotes[0].Kind = "" }, "", nil},
		{"control characters quoted", func(r *Record) { r.Entities[0].Label = "CITY\x00\n\u202e" }, "", []string{`label "CITY\x00\n\u202e" added to the schema`,
			`record "doc-0001": relation R1: relation AFFILIATED_WITH is not allowed from PERSON to CITY` + "\x00\n\u202e (kept)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := base()
			tc.edit(r)
			s := testSchema(t)
			warns, err := PrepareRecord(r, s)
			if (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
				t.Fatalf("err = %v, want %q", err, tc.err)
			}
			if strings.Join(warns, ";") != strings.Join(tc.warns, ";") {
				t.Fatalf("warnings = %q, want %q", warns, tc.warns)
			}
			if err == nil {
				if r.Entities[0].Text != "Springfield" || r.Quotes[0].Kind != QuoteDirect {
					t.Fatalf("record not completed: %+v", r.Entities[0])
				}
				for _, w := range tc.warns {
					if strings.Contains(w, "added") && len(s.Entities)+len(s.Relations) == 17 {
						t.Fatalf("schema not extended")
					}
				}
			}
		})
	}
}

func TestDecodeRecord(t *testing.T) {
	tests := []struct {
		name, line string
		check      func(*Record) string
		err        string
	}{
		{"plain line", `{"text": "Hello", "id": 42, "title": "T", "url": "http://x", "lang": "en", "meta": {"author": "A"}}`,
			func(r *Record) string {
				if r.ID != "42" || r.Meta.Title != "T" || r.Meta.URL != "http://x" || r.Meta.Author != "A" || string(r.Meta.Extra["lang"]) != `"en"` {
					return "fields not mapped"
				}
				return ""
			}, ""},
		{"not json", `{"text": "x"`, nil, "not a JSON object"},
		{"no text", `{"id": "a"}`, nil, `no "text" field`},
		{"text not string", `{"text": 5}`, nil, `"text" must be a string`},
		{"lone surrogate", `{"text": "a\ud83d b"}`, nil, "lone surrogate"},
		{"escaped backslash then u", `{"text": "a\\ud83d"}`, func(r *Record) string {
			if r.Text != `a\ud83d` {
				return "wrong text " + r.Text
			}
			return ""
		}, ""},
		{"pair ok", `{"text": "\ud83d\ude00"}`, func(r *Record) string {
			if r.Text != "😀" {
				return "pair not decoded"
			}
			return ""
		}, ""},
		{"unknown entity field", `{"text": "ab", "entities": [{"id": "T1", "start": 0, "end": 1, "label": "X", "colour": 1}]}`, nil, "unknown field"},
		{"newer format", `{"text": "ab", "format_version": 9}`, nil, "newer"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := DecodeRecord([]byte(tc.line))
			if (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
				t.Fatalf("err = %v, want %q", err, tc.err)
			}
			if err == nil && tc.check != nil {
				if msg := tc.check(r); msg != "" {
					t.Fatal(msg)
				}
			}
		})
	}
}

// FuzzJSONLImport feeds arbitrary lines through the record decoder and record
// preparation: never a panic, and whatever is accepted encodes and decodes
// back to the same record, with every span's text equal to its slice.
func FuzzJSONLImport(f *testing.F) {
	doc, ann := runningDoc()
	var buf bytes.Buffer
	_ = NewEncoder(&buf).Encode(NewRecord(doc, ann))
	f.Add(buf.Bytes())
	hd, ha := hazardDoc()
	buf.Reset()
	_ = NewEncoder(&buf).Encode(NewRecord(hd, ha))
	f.Add(buf.Bytes())
	f.Add([]byte(`{"text": "plain", "id": 1}` + "\n" + `{"text": "x", "entities": [{"id": "T1", "start": 0, "end": 1, "label": "NEW"}]}`))
	f.Add([]byte(`{"text": "a\u2028b", "quotes": [{"id": "Q1", "content": [{"start": 0, "end": 3}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := testSchema(t)
		lr := NewLineReader(bytes.NewReader(data))
		for {
			line, _, err := lr.Next()
			if err != nil {
				break
			}
			r, err := DecodeRecord(line)
			if err != nil {
				continue
			}
			if _, err := PrepareRecord(r, s); err != nil {
				continue
			}
			x := NewTextIndex(r.Text)
			for _, e := range r.Entities {
				if x.Slice(e.Start, e.End) != e.Text {
					t.Fatalf("entity text %q != slice", e.Text)
				}
			}
			enc := encodeRecord(t, r)
			back, err := DecodeRecord(bytes.TrimRight(enc, "\n"))
			if err != nil {
				t.Fatalf("re-decode: %v\n%s", err, enc)
			}
			if _, err := PrepareRecord(back, s); err != nil {
				t.Fatalf("re-prepare: %v", err)
			}
			if again := encodeRecord(t, back); !bytes.Equal(again, enc) {
				t.Fatalf("round trip differs\n%s\n%s", enc, again)
			}
		}
	})
}
