package formats

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"byline/annotate"
)

// readBrat writes DOC.txt and DOC.ann into a folder and reads them with
// BratReader, as an import does.
func readBrat(t *testing.T, txt, ann string) (*annotate.Record, []string, error) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "doc.txt")
	if err := os.WriteFile(path, []byte(txt), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "doc.ann"), []byte(ann), 0o644); err != nil {
		t.Fatal(err)
	}
	recs, err := BratReader{}.Read(path, []byte(txt), annotate.ReadOptions{ExternalID: "doc.txt"})
	if err != nil {
		return nil, nil, err
	}
	warns, err := annotate.PrepareRecord(recs[0], testSchema())
	if err != nil {
		t.Fatalf("prepare: %v", err)
	}
	return recs[0], warns, nil
}

func TestBratFragmentsOutOfOrderAreSorted(t *testing.T) {
	txt := "“We will,” he said, “not retreat.”"
	rec, _, err := readBrat(t, txt, "T1\tQuote 20 34;0 10\t“not retreat.” “We will,”\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Quotes) != 1 || len(rec.Quotes[0].Content) != 2 || rec.Quotes[0].Content[0].Start != 0 || rec.Quotes[0].Content[1].Start != 20 {
		t.Fatalf("quotes %+v", rec.Quotes)
	}
}

func TestBratErrorsNameTheAnnLine(t *testing.T) {
	txt := "Jane Doe met John Roe."
	for _, c := range []struct{ ann, want string }{
		{"T1\tPERSON 0 8\tJane Doe\nT2\tPERSON 0 6;4 8\tJane D  Doe\n", "doc.ann:2: fragments 0-6 and 4-8 overlap"},
		{"T1\tPERSON 0 8\tJane Doe\n\nT2\tPERSON 13 90\tx\n", "doc.ann:3: span 13-90 is outside the text"},
		{"T1\tPERSON 0 8\tJane Dough\n", `doc.ann:1: the text "Jane Dough" does not match`},
		{"E1\tAttribution:T9 Content:T8\n", "doc.ann: event E1: content T8 is not a text-bound annotation"},
	} {
		_, _, err := readBrat(t, txt, c.ann)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "doc.txt") {
			t.Errorf("%q: error %v, want it to name %q and not the .txt", c.ann, err, c.want)
		}
	}
}

// TestBratDiscontinuousEntityIsNotWidened: "T1 ORG 0 5;16 23" is two ORG
// entities linked by CONTINUES, never one entity over the words between.
func TestBratDiscontinuousEntityIsNotWidened(t *testing.T) {
	txt := "Apple and the Google board"
	rec, warns, err := readBrat(t, txt, "T1\tORG 14 20;0 5\tGoogle Apple\nT2\tORG 14 26\tGoogle board\n")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range rec.Entities {
		got = append(got, e.Label+" "+e.Text)
	}
	if strings.Join(got, "|") != "ORG Apple|ORG Google board|ORG Google" {
		t.Errorf("entities %q", got)
	}
	if len(rec.Relations) != 1 || rec.Relations[0].Type != continuesRel {
		t.Fatalf("relations %+v", rec.Relations)
	}
	if !strings.Contains(strings.Join(warns, "\n"), "1 discontinuous span(s) imported as one entity per fragment, linked by CONTINUES") {
		t.Errorf("the summary does not count the fragments: %q", warns)
	}
}

// TestBratAttributionEvents maps PolNeAR-style events to quotes, roles in
// any case, and counts the events that are not attributions.
func TestBratAttributionEvents(t *testing.T) {
	txt := "“We are ready,” Lavrov said, adding that “talks will go on.” Fidan met Lavrov."
	ann := strings.Join([]string{
		"T1\tSource 16 22\tLavrov",
		"T2\tContent 0 15\t“We are ready,”",
		"T3\tCue 23 27\tsaid",
		"T4\tContent 41 60\t“talks will go on.”",
		"T5\tAttribution 29 35\tadding",
		"T6\tPERSON 61 66\tFidan",
		"T7\tMeeting 67 70\tmet",
		"E1\tAttribution:T3 Source:T1 Content:T2",
		"E2\tAttribution:T5 source:T1 CONTENT1:T4 content2:T2",
		"E3\tMeeting:T7 Arg1:T6",
		"",
	}, "\n")
	rec, warns, err := readBrat(t, txt, ann)
	if err != nil {
		t.Fatal(err)
	}
	x := annotate.NewTextIndex(txt)
	var got []string
	for _, q := range rec.Quotes {
		s := "quote"
		for _, c := range q.Content {
			s += " [" + x.Slice(c.Start, c.End) + "]"
		}
		if q.Cue != nil {
			s += " cue=" + x.Slice(q.Cue.Start, q.Cue.End)
		}
		for _, e := range rec.Entities {
			if e.ID == q.Speaker {
				s += " speaker=" + e.Label + ":" + e.Text
			}
		}
		got = append(got, s)
	}
	want := []string{
		"quote [“We are ready,”] cue=said speaker=Source:Lavrov",
		"quote [“We are ready,”] [“talks will go on.”] cue=adding speaker=Source:Lavrov",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("quotes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var ents []string
	for _, e := range rec.Entities {
		ents = append(ents, e.Label+":"+e.Text)
	}
	// Content, cue and trigger spans are used up; the speaker and the
	// entities of the skipped event stay.
	if strings.Join(ents, " ") != "Source:Lavrov PERSON:Fidan Meeting:met" {
		t.Errorf("entities %q", ents)
	}
	w := strings.Join(warns, "\n")
	if !strings.Contains(w, "2 attribution event(s) imported as quotes") || !strings.Contains(w, "1 event(s) skipped") {
		t.Errorf("summary warnings %q", warns)
	}
}
