package formats

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"byline/annotate"
	"byline/annotate/ingest"
)

// jsonlToArray turns JSONL lines into doccano's .json shape: one array,
// written as doccano writes it (one example per line, indented).
func jsonlToArray(jsonl []byte) []byte {
	var lines [][]byte
	for _, l := range bytes.Split(bytes.TrimSpace(jsonl), []byte("\n")) {
		lines = append(lines, append([]byte("  "), l...))
	}
	return append(append([]byte("[\n"), bytes.Join(lines, []byte(",\n"))...), []byte("\n]\n")...)
}

// The array form of each doccano golden export reads into the same records
// as its JSONL form, and is detected as doccano (Label Studio's export,
// also an array, still is not).
func TestDoccanoArrayMatchesJSONL(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*/doccano*/out.jsonl")
	if len(files) < 6 {
		t.Fatalf("only %d doccano golden exports", len(files))
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			jsonl, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			arr := append([]byte("\uFEFF"), jsonlToArray(jsonl)...)
			if got := detected("out.json", arr); got != "doccano" {
				t.Errorf("array detected as %q", got)
			}
			want, err := DoccanoReader{}.Read(f, jsonl, annotate.ReadOptions{ExternalID: "x"})
			if err != nil {
				t.Fatal(err)
			}
			got, err := DoccanoReader{}.Read("out.json", arr, annotate.ReadOptions{ExternalID: "x"})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range want {
				r.Line = 0
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("array records differ from the JSONL ones:\n got %+v\nwant %+v", got[0], want[0])
			}
		})
	}
	ls, err := os.ReadFile("testdata/golden/hazard/labelstudio/out.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := detected("out.json", ls); got != "labelstudio" {
		t.Errorf("Label Studio export detected as %q", got)
	}
}

func detected(path string, head []byte) string {
	for _, rd := range Readers() {
		if rd.Detect(path, head) {
			return rd.Name()
		}
	}
	return ""
}

// A bad element is refused with the file and the element's place named,
// and nothing of the file is imported.
func TestDoccanoArrayErrors(t *testing.T) {
	good := `{"id": 1, "text": "Ann met Bo", "label": [[0, 3, "PERSON"]]}`
	tests := []struct {
		name, data, want string
	}{
		{"span past the text", "[" + good + `, {"text": "Bo", "label": [[0, 9, "PERSON"]]}]`, "element 2: span [0, 9) PERSON ends past the text"},
		{"no text", "[" + good + `, ` + good + `, {"label": []}]`, `element 3: no "text" string`},
		{"bad triple", "[" + good + `, {"text": "Bo", "label": [[0, "PERSON"]]}]`, `element 2: "label" item 1 must be [start, end, label]`},
		{"not an object", "[" + good + `, 7]`, "element 2: not valid JSON"},
		{"cut off", "[" + good + `, {"text": "Bo"`, "element 2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "project.json")
			if err := os.WriteFile(path, []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			store := &importStore{schema: &annotate.Schema{}}
			im := &ingest.Importer{Store: store, Readers: append(Readers(), ingest.JSONLReader{})}
			sum, err := im.Import(context.Background(), []string{path})
			if err != nil {
				t.Fatal(err)
			}
			if sum.OK() || len(store.recs) != 0 {
				t.Fatalf("imported %d record(s) of a bad file: %s", len(store.recs), sum)
			}
			msg := sum.String()
			if !strings.Contains(msg, "project.json") || !strings.Contains(msg, tc.want) {
				t.Errorf("summary does not name the file and %q:\n%s", tc.want, msg)
			}
		})
	}
}

func FuzzDoccanoArrayReader(f *testing.F) {
	files, _ := filepath.Glob("testdata/golden/*/doccano*/out.jsonl")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(jsonlToArray(b))
		}
	}
	f.Add([]byte(`[{"text": "EU rejects German call to boycott British lamb.", "label": [[0, 2, "ORG"], [11, 17, "MISC"]]}]`))
	f.Add([]byte(`[{"id": 9, "text": "Ann met Bo", "entities": [{"id": "a", "label": "PERSON", "start_offset": 0, "end_offset": 3}, {"id": "b", "label": "PERSON", "start_offset": 8, "end_offset": 10}], "relations": [{"from_id": "a", "to_id": "b", "type": "MET_WITH"}]}]`))
	f.Fuzz(func(t *testing.T, data []byte) { checkReader(t, DoccanoReader{}, "x.json", data) })
}
