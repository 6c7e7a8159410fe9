package formats

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"byline/annotate"
	"byline/annotate/annotatetest"
)

// Benchmark corpus: 100,000 documents with 10 entity spans each (1,000,000
// spans), one quote with cue and speaker and two relations, built from 100
// generated templates so the corpus costs little memory; the source hands
// out a copy of a template with its own id.

const (
	benchDocs      = 100000
	benchTemplates = 100
)

// benchSource streams benchDocs copies of the templates.
type benchSource struct {
	templates []*annotate.Record
	docs      int
}

func newBenchSource(docs int) *benchSource {
	s := &benchSource{docs: docs}
	for k := 0; k < benchTemplates; k++ {
		s.templates = append(s.templates, annotatetest.NewsRecord(k))
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
