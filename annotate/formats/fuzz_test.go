package formats

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"byline/annotate"
)

// Every peer reader must refuse bad input with an *annotate.Error (never
// panic), and whatever it accepts must either pass PrepareRecord or be
// refused there with an *annotate.Error too.
func checkReader(t *testing.T, rd annotate.Reader, path string, data []byte) {
	recs, err := rd.Read(path, data, annotate.ReadOptions{ExternalID: "fuzz"})
	if err != nil {
		var ae *annotate.Error
		if !errors.As(err, &ae) {
			t.Fatalf("error is not an *annotate.Error: %T %v", err, err)
		}
		return
	}
	schema := testSchema()
	for _, r := range recs {
		if _, err := annotate.PrepareRecord(r, schema); err != nil {
			var ae *annotate.Error
			if !errors.As(err, &ae) {
				t.Fatalf("PrepareRecord error is not an *annotate.Error: %T %v", err, err)
			}
		}
	}
}

// seedExports adds the golden exports of a format as seeds.
func seedExports(f *testing.F, name string) {
	for _, corpus := range []string{"running", "hazard"} {
		matches, _ := filepath.Glob(filepath.Join("testdata", "golden", corpus, name, "out.*"))
		for _, m := range matches {
			if filepath.Ext(m) == ".json" && filepath.Ext(m[:len(m)-5]) == ".manifest" {
				continue
			}
			if b, err := os.ReadFile(m); err == nil {
				f.Add(b)
			}
		}
	}
}

func FuzzProdigyReader(f *testing.F) {
	seedExports(f, "prodigy")
	f.Add([]byte(`{"text":"Jane Doe met Bob.","spans":[{"start":0,"end":8,"label":"PERSON","token_end":1},{"start":13,"end":16,"label":"PERSON","token_end":3}],"relations":[{"head":1,"child":3,"label":"MET_WITH"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) { checkReader(t, ProdigyReader{}, "x.jsonl", data) })
}

func FuzzDoccanoReader(f *testing.F) {
	seedExports(f, "doccano")
	seedExports(f, "doccano-label")
	seedExports(f, "doccano-utf16")
	f.Add([]byte(`{"text": "EU rejects German call to boycott British lamb.", "label": [[0, 2, "ORG"], [11, 17, "MISC"]]}`))
	f.Add([]byte(`{"text":"\ud83d\ude00 Jane","entities":[{"id":7,"label":"PERSON","start_offset":3,"end_offset":7}],"relations":[],"offset_unit":"utf16"}`))
	f.Fuzz(func(t *testing.T, data []byte) { checkReader(t, DoccanoReader{}, "x.jsonl", data) })
}

func FuzzLabelStudioReader(f *testing.F) {
	seedExports(f, "labelstudio")
	f.Add([]byte(`[{"id":3,"data":{"text":"a  b"},"predictions":[{"result":[{"id":"x","type":"labels","value":{"start":0,"end":4,"text":"a b","labels":["ORG"]}}]}]}]`))
	f.Fuzz(func(t *testing.T, data []byte) { checkReader(t, LabelStudioReader{}, "x.json", data) })
}

func FuzzBratParser(f *testing.F) {
	for _, corpus := range []string{"running", "hazard"} {
		anns, _ := filepath.Glob(filepath.Join("testdata", "golden", corpus, "brat", "out", "*.ann"))
		for _, a := range anns {
			ann, _ := os.ReadFile(a)
			txt, _ := os.ReadFile(a[:len(a)-4] + ".txt")
			f.Add(txt, ann)
		}
	}
	f.Add([]byte("Jane\r\nDoe said"), []byte("T1\tPERSON 0 4;5 8\tJane Doe\n#1\tAnnotatorNotes T1\tnote\nE1\tX:T1\n"))
	f.Fuzz(func(t *testing.T, txt, ann []byte) {
		rec, err := parseBrat("doc", txt, ann)
		if err != nil {
			var ae *annotate.Error
			if !errors.As(err, &ae) {
				t.Fatalf("error is not an *annotate.Error: %T %v", err, err)
			}
			return
		}
		if _, err := annotate.PrepareRecord(rec, testSchema()); err != nil {
			var ae *annotate.Error
			if !errors.As(err, &ae) {
				t.Fatalf("PrepareRecord error is not an *annotate.Error: %T", err)
			}
		}
	})
}
