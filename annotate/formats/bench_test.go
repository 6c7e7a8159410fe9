package formats

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"byline/annotate"
)

// Benchmark corpus: 100,000 documents with 10 entity spans each (1,000,000
// spans), one quote with cue and speaker and two relations, built from 100
// generated templates so the corpus costs little memory; the source hands
// out a copy of a template with its own id.

const (
	benchDocs      = 100000
	benchTemplates = 100
)

var benchNames = []struct{ text, label string }{
	{"Sergei Lavrov", "PERSON"}, {"Олаф Шольц", "PERSON"}, {"Recep Tayyip Erdoğan", "PERSON"}, {"Zoë Martínez", "PERSON"},
	{"NATO", "ORG"}, {"the European Commission", "ORG"}, {"Київ", "GPE"}, {"São Paulo", "GPE"}, {"the Black Sea", "LOC"},
	{"Russian", "NORP"}, {"Kremlin", "FAC"}, {"G20 summit", "EVENT"}, {"Friday", "DATE"}, {"Foreign Minister", "TITLE"},
}

var benchFiller = strings.Fields(`talks with officials in the capital would continue next week despite growing pressure from
	opposition parties and international partners after a late meeting over energy prices and trade sanctions`)

// benchRecord builds template k: sentences of filler words around ten
// entities, then a quote.
func benchRecord(k int) *annotate.Record {
	var b strings.Builder
	n := 0
	write := func(s string) { b.WriteString(s); n += annotate.RuneCount(s) }
	rec := &annotate.Record{Status: annotate.StatusDone, Meta: annotate.Meta{Title: "Report " + strconv.Itoa(k), Source: "wire"},
		Entities: []annotate.RecordEntity{}, Quotes: []annotate.RecordQuote{}, Relations: []annotate.RecordRelation{}}
	for i := 0; i < 10; i++ {
		e := benchNames[(k+i*3)%len(benchNames)]
		write(strings.Join(benchFiller[(k+i)%10:(k+i)%10+4], " ") + " ")
		rec.Entities = append(rec.Entities, annotate.RecordEntity{ID: "T" + strconv.Itoa(i+1), Start: n, End: n + annotate.RuneCount(e.text), Label: e.label, Text: e.text, Annotator: "ana"})
		write(e.text)
		write(" " + benchFiller[(k+2*i)%len(benchFiller)] + ". ")
	}
	write("The minister ")
	cue := annotate.Segment{Start: n, End: n + 4, Text: "said"}
	write("said, ")
	quote := `“We will not accept these terms.”`
	seg := annotate.Segment{Start: n, End: n + annotate.RuneCount(quote), Text: quote}
	write(quote)
	rec.Text = b.String()
	rec.Quotes = append(rec.Quotes, annotate.RecordQuote{ID: "Q1", Kind: annotate.QuoteDirect, Content: []annotate.Segment{seg}, Cue: &cue, Speaker: "T1", Annotator: "ana"})
	rec.Relations = append(rec.Relations,
		annotate.RecordRelation{ID: "R1", Type: "MET_WITH", Head: "T1", Tail: "T2", Annotator: "ana"},
		annotate.RecordRelation{ID: "R2", Type: "SUPPORTS", Head: "T3", Tail: "T4", Annotator: "ana"})
	return rec
}

// benchSource streams benchDocs copies of the templates.
type benchSource struct {
	templates []*annotate.Record
	docs      int
}

func newBenchSource(docs int) *benchSource {
	s := &benchSource{docs: docs}
	for k := 0; k < benchTemplates; k++ {
		s.templates = append(s.templates, benchRecord(k))
	}
	return s
}

func (s *benchSource) ExportRecords(ctx context.Context, f annotate.ExportFilter, fn func(*annotate.Record) error) error {
	for i := 0; i < s.docs; i++ {
		rec := *s.templates[i%len(s.templates)]
		rec.ID = "doc-" + strconv.Itoa(i)
		if err := fn(&rec); err != nil {
			return err
		}
	}
	return nil
}

func (s *benchSource) Schema(ctx context.Context) (*annotate.Schema, error) { return testSchema(), nil }

func TestBenchCorpusIsValid(t *testing.T) {
	src := newBenchSource(benchTemplates)
	spans := 0
	src.ExportRecords(context.Background(), annotate.ExportFilter{}, func(r *annotate.Record) error {
		spans += len(r.Entities)
		if _, err := annotate.PrepareRecord(r, testSchema()); err != nil {
			t.Fatalf("%s: %v", r.ID, err)
		}
		return nil
	})
	if spans != 10*benchTemplates {
		t.Fatalf("%d spans per %d documents, want 10 each", spans, benchTemplates)
	}
	_, _, m := runExport(t, src.templates, Options{Format: "prodigy"})
	if len(m.Counts.Dropped) > 0 {
		t.Errorf("the benchmark corpus does not align to tokens: %+v", m.Counts.Dropped)
	}
}

// BenchmarkExport exports 100,000 documents with 1,000,000 entity spans in
// each format. Run with -benchtime=1x (one export per format is already
// seconds of work).
func BenchmarkExport(b *testing.B) {
	src := newBenchSource(benchDocs)
	for _, c := range exportCases() {
		if c.name == "doccano-label" {
			continue
		}
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			opt := c.opt
			opt.Out = filepath.Join(dir, "out")
			if spec := lookup(opt.Format); !spec.folder {
				opt.Out += spec.ext
			}
			b.ReportAllocs()
			runs := 0
			for b.Loop() {
				if _, err := Export(context.Background(), src, opt); err != nil {
					b.Fatal(err)
				}
				runs++
			}
			b.ReportMetric(float64(runs*benchDocs)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
