package annotate

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"time"
	"unicode"
)

// sortedCopy returns ann in canonical order, deep enough that sorting it
// leaves ann alone.
func sortedCopy(ann *Annotations) *Annotations {
	c := &Annotations{
		Entities:  append([]Entity(nil), ann.Entities...),
		Quotes:    append([]Quote(nil), ann.Quotes...),
		Relations: append([]Relation(nil), ann.Relations...),
	}
	for i := range c.Quotes {
		c.Quotes[i].Content = append([]Segment(nil), c.Quotes[i].Content...)
	}
	c.Sort()
	return c
}

// TestRecordBuilderMatchesSortedInput checks that one builder, reused across
// documents, gives for shuffled annotations the record of their sorted form,
// byte for byte, and that a record stays intact when the builder moves on.
func TestRecordBuilderMatchesSortedInput(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var b RecordBuilder
	var kept []*Record
	var want [][]byte
	for n := 0; n < 40; n++ {
		var doc *Document
		var ann *Annotations
		if n%2 == 0 {
			doc, ann = runningDoc()
		} else {
			doc, ann = hazardDoc()
		}
		// Distinct times, some with monotonic readings, so the time cache
		// is exercised with hits and misses.
		base := time.Now().Add(time.Duration(n) * time.Second)
		for i := range ann.Entities {
			ann.Entities[i].Created = base.Add(time.Duration(i%2) * time.Millisecond)
			ann.Entities[i].Updated = base.UTC().Add(time.Duration(n) * time.Nanosecond)
		}
		canon := sortedCopy(ann)
		ref := encodeRecord(t, b.Build(doc, canon))
		rng.Shuffle(len(ann.Entities), func(i, j int) { ann.Entities[i], ann.Entities[j] = ann.Entities[j], ann.Entities[i] })
		rng.Shuffle(len(ann.Relations), func(i, j int) { ann.Relations[i], ann.Relations[j] = ann.Relations[j], ann.Relations[i] })
		rec := b.Build(doc, ann)
		if got := encodeRecord(t, rec); !bytes.Equal(got, ref) {
			t.Fatalf("document %d: shuffled input gives\n%s\nsorted input gives\n%s", n, got, ref)
		}
		if fresh := encodeRecord(t, NewRecord(doc, ann)); !bytes.Equal(fresh, ref) {
			t.Fatalf("document %d: a reused builder differs from NewRecord\n%s\n%s", n, ref, fresh)
		}
		for i, e := range rec.Entities {
			c := &canon.Entities[i]
			if e.Created != FormatTime(c.Created) || e.Updated != FormatTime(c.Updated) {
				t.Fatalf("document %d, %s: times %s %s, want %s %s", n, e.ID, e.Created, e.Updated, FormatTime(c.Created), FormatTime(c.Updated))
			}
		}
		kept = append(kept, rec)
		want = append(want, ref)
	}
	for i, rec := range kept {
		if got := encodeRecord(t, rec); !bytes.Equal(got, want[i]) {
			t.Fatalf("record %d changed after later builds:\n%s\nwas\n%s", i, got, want[i])
		}
	}
}

// TestRecordBuilderLinks covers the id mapping: speakers, heads and tails
// found by store id, "" for an id that is no entity of the document, and the
// last entity winning when two share a store id (as NewRecord always did).
func TestRecordBuilderLinks(t *testing.T) {
	doc := &Document{ExternalID: "d", Text: "Ann met Bob and Cy."}
	ann := &Annotations{
		Entities: []Entity{
			{ID: 9, Start: 0, End: 3, Label: "PERSON", Text: "Ann"},
			{ID: 4, Start: 8, End: 11, Label: "PERSON", Text: "Bob"},
			{ID: 4, Start: 16, End: 18, Label: "PERSON", Text: "Cy"},
		},
		Quotes:    []Quote{{ID: 1, Kind: QuoteDirect, Content: []Segment{{0, 3, "Ann"}}, SpeakerID: 77}},
		Relations: []Relation{{ID: 1, Type: "MET_WITH", HeadID: 9, TailID: 4}, {ID: 2, Type: "MET_WITH", HeadID: 4, TailID: 0}},
	}
	var b RecordBuilder
	rec := b.Build(doc, ann)
	if rec.Quotes[0].Speaker != "" {
		t.Errorf("speaker of an unknown entity = %q, want none", rec.Quotes[0].Speaker)
	}
	if r := rec.Relations[0]; r.Head != "T1" || r.Tail != "T3" {
		t.Errorf("relation 1 = %s -> %s, want T1 -> T3", r.Head, r.Tail)
	}
	if r := rec.Relations[1]; r.Head != "T3" || r.Tail != "" {
		t.Errorf("relation 2 = %s -> %q, want T3 -> \"\"", r.Head, r.Tail)
	}
	empty := b.Build(doc, nil)
	if empty.Entities == nil || empty.Quotes == nil || empty.Relations == nil {
		t.Error("a document without annotations must give empty lists, not null")
	}
}

func TestNumberedID(t *testing.T) {
	for _, tc := range []struct {
		prefix byte
		n      int
		want   string
	}{{'T', 1, "T1"}, {'Q', 12, "Q12"}, {'R', 255, "R255"}, {'T', 256, "T256"}, {'R', 100000, "R100000"}} {
		if got := numberedID(tc.prefix, tc.n); got != tc.want {
			t.Errorf("numberedID(%c, %d) = %q, want %q", tc.prefix, tc.n, got, tc.want)
		}
	}
}

// TestWordRuneASCII checks the ASCII shortcut of isWordRune against the
// Unicode definition it stands for.
func TestWordRuneASCII(t *testing.T) {
	for r := rune(0); r < 0x80; r++ {
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_'
		if got := isWordRune(r); got != want {
			t.Errorf("isWordRune(%q) = %v, want %v", r, got, want)
		}
	}
}

func TestAppendTokensKeepsPrefix(t *testing.T) {
	text := "Ann said: «Мы готовы» 🇺🇦 U.S."
	prefix := []Token{{Start: 99, End: 100}}
	got := AppendTokens(prefix, text)
	want := Tokenize(text)
	if len(got) != 1+len(want) || got[0] != prefix[0] {
		t.Fatalf("AppendTokens lost its prefix: %v", got)
	}
	for i := range want {
		if got[i+1] != want[i] {
			t.Fatalf("token %d = %+v, want %+v", i, got[i+1], want[i])
		}
	}
}
