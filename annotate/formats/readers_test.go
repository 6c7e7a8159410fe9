package formats

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"byline/annotate"
)

// Each golden export is detected by its own reader and by no other peer
// reader; Byline's native JSONL is claimed by none of them.
func TestDetection(t *testing.T) {
	files := map[string]string{
		"testdata/golden/hazard/prodigy/out.jsonl":               "prodigy",
		"testdata/golden/hazard/doccano/out.jsonl":               "doccano",
		"testdata/golden/hazard/doccano-label/out.jsonl":         "doccano",
		"testdata/golden/hazard/labelstudio/out.json":            "labelstudio",
		"testdata/golden/hazard/brat/out/F1.txt":                 "brat",
		"testdata/golden/hazard/byline/out.jsonl":                "",
		"testdata/golden/hazard/hf/out.jsonl":                    "",
		"testdata/golden/hazard/brat/out/F1.ann":                 "",
		"testdata/golden/hazard/prodigy/out.jsonl.manifest.json": "",
	}
	for path, want := range files {
		head, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, rd := range Readers() {
			if rd.Detect(path, head) {
				got = rd.Name()
				break
			}
		}
		if got != want {
			t.Errorf("%s detected as %q, want %q", path, got, want)
		}
	}
}

func readString(t *testing.T, rd annotate.Reader, name, data string) ([]*annotate.Record, error) {
	recs, err := rd.Read(name, []byte(data), annotate.ReadOptions{ExternalID: name})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		if _, err := annotate.PrepareRecord(r, testSchema()); err != nil {
			return nil, err
		}
	}
	return recs, nil
}

func TestPeerReaders(t *testing.T) {
	tests := []struct {
		name    string
		rd      annotate.Reader
		file    string
		data    string
		want    string // summary lines joined, or the error's text
		wantErr bool
	}{
		{"doccano sample (label triples)", DoccanoReader{}, "d.jsonl",
			`{"text": "EU rejects German call to boycott British lamb.", "label": [[0, 2, "ORG"], [11, 17, "MISC"]]}`,
			"entity 0-2 ORG|entity 11-17 MISC", false},
		{"doccano relations with string ids", DoccanoReader{}, "d.jsonl",
			`{"id": 9, "text": "Ann met Bo", "entities": [{"id": "a", "label": "PERSON", "start_offset": 0, "end_offset": 3}, {"id": "b", "label": "PERSON", "start_offset": 8, "end_offset": 10}], "relations": [{"from_id": "a", "to_id": "b", "type": "MET_WITH"}]}`,
			"entity 0-3 PERSON|entity 8-10 PERSON|relation MET_WITH 0-3 PERSON -> 8-10 PERSON", false},
		{"doccano UTF-16 offsets past the text", DoccanoReader{}, "d.jsonl",
			`{"text": "😀😀 Ann", "label": [[5, 8, "PERSON"]]}`, "UTF-16", true},
		{"prodigy without head_span", ProdigyReader{}, "p.jsonl",
			`{"text":"Ann met Bo","spans":[{"start":0,"end":3,"label":"PERSON","token_start":0,"token_end":0},{"start":8,"end":10,"label":"PERSON","token_start":2,"token_end":2}],"relations":[{"head":0,"child":2,"label":"MET_WITH"}],"answer":"reject"}`,
			"entity 0-3 PERSON|entity 8-10 PERSON|relation MET_WITH 0-3 PERSON -> 8-10 PERSON", false},
		{"prodigy relation naming first tokens", ProdigyReader{}, "p.jsonl",
			`{"text":"Ann Lee met Bo","spans":[{"start":0,"end":7,"label":"PERSON","token_start":0,"token_end":1},{"start":12,"end":14,"label":"PERSON","token_start":3,"token_end":3}],"relations":[{"head":0,"child":3,"label":"MET_WITH"}]}`,
			"entity 0-7 PERSON|entity 12-14 PERSON|relation MET_WITH 0-7 PERSON -> 12-14 PERSON", false},
		{"prodigy span text mismatch", ProdigyReader{}, "p.jsonl",
			`{"text":"Ann met Bo","spans":[{"start":0,"end":3,"label":"PERSON","text":"Bob"}]}`, "does not match", true},
		{"label studio left relation, spaces lost in value.text", LabelStudioReader{}, "l.json",
			`[{"id":1,"data":{"text":"Ann  Lee met Bo"},"annotations":[{"result":[{"id":"a","type":"labels","value":{"start":0,"end":8,"text":"Ann Lee","labels":["PERSON"]}},{"id":"b","type":"labels","value":{"start":13,"end":15,"labels":["PERSON"]}},{"type":"relation","from_id":"b","to_id":"a","direction":"left","labels":["MET_WITH"]}]}]}]`,
			"entity 0-8 PERSON|entity 13-15 PERSON|relation MET_WITH 0-8 PERSON -> 13-15 PERSON", false},
		{"label studio hypertext regions", LabelStudioReader{}, "l.json",
			`[{"data":{"text":"Ann"},"annotations":[{"result":[{"id":"a","type":"labels","value":{"start":"/p[1]","end":"/p[1]","labels":["PERSON"]}}]}]}]`,
			"HyperText", true},
		{"label studio quote layer from foreign data", LabelStudioReader{}, "l.json",
			`[{"data":{"text":"Bo said \"no\"."},"annotations":[{"result":[{"id":"s","type":"labels","value":{"start":0,"end":2,"labels":["PERSON"]}},{"id":"c","type":"labels","value":{"start":3,"end":7,"labels":["CUE"]}},{"id":"q","type":"labels","value":{"start":8,"end":12,"labels":["QUOTE"]}},{"type":"relation","from_id":"q","to_id":"s","labels":["SPEAKER"]},{"type":"relation","from_id":"q","to_id":"c","labels":["CUE"]}]}]}]`,
			"entity 0-2 PERSON|quote 8-12 cue=3-7 speaker=0-2 PERSON", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			recs, err := readString(t, tc.rd, tc.file, tc.data)
			if tc.wantErr {
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("error = %v, want one mentioning %q", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Join(summary(recs[0], carried{})[2:], "|")
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// brat files written elsewhere: CRLF text (brat reads it with universal
// newlines), a discontinuous entity, notes, events ignored.
func TestBratForeignFiles(t *testing.T) {
	dir := t.TempDir()
	txt := filepath.Join(dir, "doc.txt")
	os.WriteFile(txt, []byte("Headline\r\nJane Doe said \"yes\"."), 0o644)
	os.WriteFile(filepath.Join(dir, "doc.ann"), []byte("T1\tPERSON 9 17\tJane Doe\nT2\tQuote 23 28\t\"yes\"\nT3\tCue 18 22\tsaid\nR1\tSPEAKER Speaker:T1 Quote:T2\nR2\tCUE Quote:T2 Cue:T3\nA1\tQuoteType T2 Partial\n#1\tAnnotatorNotes T1\tthe mayor\nE1\tSay:T3 Agent:T1\n"), 0o644)
	data, _ := os.ReadFile(txt)
	if !(BratReader{}).Detect(txt, data) {
		t.Fatal("doc.txt beside doc.ann not detected")
	}
	recs, err := BratReader{}.Read(txt, data, annotate.ReadOptions{ExternalID: "news/doc.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := annotate.PrepareRecord(recs[0], testSchema()); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(summary(recs[0], carried{notes: true, kind: true}), "|")
	want := "id news/doc|text Headline\nJane Doe said \"yes\".|entity 9-17 PERSON note=the mayor|quote 23-28 kind=partial cue=18-22 speaker=9-17 PERSON note="
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	os.WriteFile(filepath.Join(dir, "doc.ann"), []byte("T1\tPERSON 9 17\tJane Dough\n"), 0o644)
	if _, err := (BratReader{}).Read(txt, data, annotate.ReadOptions{}); err == nil || !strings.Contains(err.Error(), "does not match") {
		t.Errorf("a T text not matching the .txt: %v", err)
	}
}
