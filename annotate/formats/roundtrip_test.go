package formats

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"byline/annotate"
	"byline/annotate/ingest"
)

// roundTripCorpus is everything every carrying format can hold: the running
// example, the hazard corpus (with its span inside a token) and the peer
// fixture.
func roundTripCorpus(t testing.TB) []*annotate.Record {
	recs := append(runningExample(t), hazardCorpus(t)...)
	return append(recs, peerFixture(t), carriedFixture(t))
}

// carriedFixture has annotations by two annotators and by none, and notes
// on an entity, a quote and a relation: what Prodigy and Label Studio carry
// in their task meta.
func carriedFixture(t testing.TB) *annotate.Record {
	b := newDoc(t, "carried-fixture", "Lavrov met Fidan in Geneva, and Lavrov said the talks were useful.")
	lavrov := b.ent("PERSON", "Lavrov", 0)
	fidan := b.ent("PERSON", "Fidan", 0)
	geneva := b.ent("GPE", "Geneva", 0)
	b.quote(annotate.QuoteIndirect, lavrov, "said", "the talks were useful")
	b.rel("MET_WITH", lavrov, fidan)
	b.rel("VISITED", fidan, geneva)
	r := b.rec
	r.Entities[1].Annotator, r.Entities[2].Annotator, r.Relations[1].Annotator = "bob", "", "bob"
	r.Entities[0].Note, r.Quotes[0].Note, r.Relations[0].Note = "Russia's foreign minister", "on the Geneva talks", "first meeting"
	return r
}

// peerFixture holds what peer formats find hard: a quote whose two segments
// are separated only by a paragraph break, a quote split over a paragraph
// break by its cue, two quotes sharing one content segment (each with its
// own cue and speaker), a cue shared by two quotes, and an entity inside a
// possessive. Its split quotes are discontinuous spans in brat.
func peerFixture(t testing.TB) *annotate.Record {
	b := newDoc(t, "peer-fixture", "“We will not retreat.”\n\n“Never,” the minister said.\n\n"+
		"“Not now,” he said, “and not later.”\n\n"+
		"Officials said the talks were “frank and useful,” and the ministry said the same of China's offer.")
	minister := b.ent("PERSON", "minister", 0)
	officials := b.ent("ORG", "Officials", 0)
	ministry := b.ent("ORG", "ministry", 0)
	b.ent("GPE", "China", 0)
	b.rel("AFFILIATED_WITH", minister, ministry)
	quote := func(kind annotate.QuoteKind, speaker string, cue annotate.Segment, content ...annotate.Segment) {
		b.rec.Quotes = append(b.rec.Quotes, annotate.RecordQuote{ID: "Q" + itoa(len(b.rec.Quotes)+1), Kind: kind,
			Speaker: speaker, Cue: &cue, Content: content, Annotator: "ana"})
	}
	quote(annotate.QuoteDirect, minister, b.seg("said", 0), b.seg("“We will not retreat.”", 0), b.seg("“Never,”", 0))
	quote(annotate.QuoteDirect, minister, b.seg("said", 1), b.seg("“Not now,”", 0), b.seg("“and not later.”", 0))
	quote(annotate.QuotePartial, officials, b.seg("said", 2), b.seg("“frank and useful,”", 0))
	quote(annotate.QuotePartial, ministry, b.seg("said", 3), b.seg("“frank and useful,”", 0))
	quote(annotate.QuoteIndirect, ministry, b.seg("said", 3), b.seg("the same", 0))
	b.rec.Entities[0].Note = "the foreign minister"
	return b.rec
}

// carried says what a format keeps besides spans, quotes and relations.
type carried struct {
	meta, notes, kind, annotators bool
}

// summary is a record reduced to what a round trip must keep, independent of
// ids and order.
func summary(r *annotate.Record, c carried) []string {
	ents := map[string]annotate.RecordEntity{}
	span := func(id string) string {
		e := ents[id]
		return fmt.Sprintf("%d-%d %s", e.Start, e.End, e.Label)
	}
	extra := func(annotator, note string) string {
		s := ""
		if c.annotators {
			s += " by=" + annotator
		}
		if c.notes {
			s += " note=" + note
		}
		return s
	}
	var out []string
	for _, e := range r.Entities {
		ents[e.ID] = e
		out = append(out, "entity "+span(e.ID)+extra(e.Annotator, e.Note))
	}
	for _, q := range r.Quotes {
		var segs []string
		for _, s := range q.Content {
			segs = append(segs, fmt.Sprintf("%d-%d", s.Start, s.End))
		}
		s := "quote " + strings.Join(segs, ",")
		if c.kind {
			s += " kind=" + string(q.Kind)
		}
		if q.Cue != nil {
			s += fmt.Sprintf(" cue=%d-%d", q.Cue.Start, q.Cue.End)
		}
		if q.Speaker != "" {
			s += " speaker=" + span(q.Speaker)
		}
		out = append(out, s+extra(q.Annotator, q.Note))
	}
	for _, rel := range r.Relations {
		out = append(out, "relation "+rel.Type+" "+span(rel.Head)+" -> "+span(rel.Tail)+extra(rel.Annotator, rel.Note))
	}
	sort.Strings(out)
	head := []string{"id " + r.ID, "text " + r.Text}
	if c.meta {
		mb, _ := json.Marshal(r.Meta)
		head = append(head, "status "+string(r.Status), "meta "+string(mb))
	}
	return append(head, out...)
}

func readBack(t *testing.T, c exportCase, out string) []*annotate.Record {
	var rd annotate.Reader
	var files []string
	switch c.opt.Format {
	case "byline":
		rd, files = ingest.JSONLReader{}, []string{out}
	case "prodigy":
		rd, files = ProdigyReader{}, []string{out}
	case "doccano":
		rd, files = DoccanoReader{}, []string{out}
	case "labelstudio":
		rd, files = LabelStudioReader{}, []string{out}
	case "brat":
		rd = BratReader{}
		files, _ = filepath.Glob(filepath.Join(out, "*.txt"))
	}
	var recs []*annotate.Record
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		head := data
		if len(head) > 64<<10 {
			head = head[:64<<10]
		}
		if !rd.Detect(f, head) {
			t.Errorf("%s reader does not detect %s", rd.Name(), filepath.Base(f))
		}
		got, err := rd.Read(f, data, annotate.ReadOptions{ExternalID: filepath.Base(f)})
		if err != nil {
			t.Fatalf("read %s: %v", f, err)
		}
		recs = append(recs, got...)
	}
	schema := testSchema()
	for _, r := range recs {
		if _, err := annotate.PrepareRecord(r, schema); err != nil {
			t.Fatalf("%s: %v", r.ID, err)
		}
	}
	return recs
}

func TestRoundTrip(t *testing.T) {
	cases := []struct {
		c   exportCase
		got carried
	}{
		{exportCase{"byline", Options{Format: "byline"}}, carried{meta: true, notes: true, kind: true, annotators: true}},
		{exportCase{"prodigy", Options{Format: "prodigy"}}, carried{meta: true, kind: true, notes: true, annotators: true}},
		{exportCase{"doccano", Options{Format: "doccano"}}, carried{meta: true}},
		{exportCase{"doccano-utf16", Options{Format: "doccano", Offsets: "utf16"}}, carried{meta: true}},
		{exportCase{"labelstudio", Options{Format: "labelstudio"}}, carried{meta: true, kind: true, notes: true, annotators: true}},
		{exportCase{"brat", Options{Format: "brat"}}, carried{notes: true, kind: true}},
	}
	for _, tc := range cases {
		t.Run(tc.c.name, func(t *testing.T) {
			src := roundTripCorpus(t)
			_, out, m := runExport(t, src, tc.c.opt)
			if len(m.Counts.Dropped) > 0 {
				t.Fatalf("the export dropped %v", m.Counts.Dropped)
			}
			back := readBack(t, tc.c, out)
			byID := map[string]*annotate.Record{}
			for _, r := range back {
				byID[r.ID] = r
			}
			if len(back) != len(src) {
				t.Errorf("read %d documents back, exported %d", len(back), len(src))
			}
			for _, r := range src {
				got, ok := byID[r.ID]
				if !ok {
					t.Errorf("document %s did not come back", r.ID)
					continue
				}
				w, g := summary(r, tc.got), summary(got, tc.got)
				if strings.Join(w, "\n") != strings.Join(g, "\n") {
					t.Errorf("%s changed in the round trip:\n got: %q\nwant: %q", r.ID, g, w)
				}
			}
		})
	}
}

// TestPeerRoundTripTwice exports the round-trip corpus to each peer format,
// imports it, exports that again and imports it again: both imports keep
// every span, quote segment, cue, speaker and relation the format holds.
func TestPeerRoundTripTwice(t *testing.T) {
	for _, tc := range []struct {
		c   exportCase
		got carried
	}{
		{exportCase{"prodigy", Options{Format: "prodigy"}}, carried{meta: true, kind: true, notes: true, annotators: true}},
		{exportCase{"doccano", Options{Format: "doccano"}}, carried{meta: true}},
		{exportCase{"labelstudio", Options{Format: "labelstudio"}}, carried{meta: true, kind: true, notes: true, annotators: true}},
		{exportCase{"brat", Options{Format: "brat"}}, carried{notes: true, kind: true}},
	} {
		t.Run(tc.c.name, func(t *testing.T) {
			src := roundTripCorpus(t)
			want := map[string]string{}
			for _, r := range src {
				want[r.ID] = strings.Join(summary(r, tc.got), "\n")
			}
			recs := src
			for round := 1; round <= 2; round++ {
				_, out, m := runExport(t, recs, tc.c.opt)
				if len(m.Counts.Dropped) > 0 {
					t.Fatalf("round %d: the export dropped %v", round, m.Counts.Dropped)
				}
				recs = readBack(t, tc.c, out)
				if len(recs) != len(src) {
					t.Fatalf("round %d: %d documents back, want %d", round, len(recs), len(src))
				}
				for _, r := range recs {
					if got := strings.Join(summary(r, tc.got), "\n"); got != want[r.ID] {
						t.Errorf("round %d: %s changed:\n got: %s\nwant: %s", round, r.ID, got, want[r.ID])
					}
				}
			}
		})
	}
}

// Every format's manifest says where annotators and notes go, or that the
// format cannot hold them (nothing is dropped without a word).
func TestManifestsDeclareAnnotatorsAndNotes(t *testing.T) {
	for _, format := range Names() {
		if format == "byline" {
			continue // lossless
		}
		_, _, m := runExport(t, []*annotate.Record{carriedFixture(t)}, Options{Format: format})
		notes := strings.Join(m.Notes, "\n")
		for _, what := range []string{"annotators", "notes"} {
			if !strings.Contains(notes, what) {
				t.Errorf("%s: the manifest does not say what becomes of %s:\n%s", format, what, notes)
			}
		}
	}
}
