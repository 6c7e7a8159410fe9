package formats

import (
	"context"
	"strings"
	"testing"

	"byline/annotate"
	"byline/annotate/ingest"
)

// importStore is an in-memory ingest.Store.
type importStore struct {
	schema *annotate.Schema
	recs   []*annotate.Record
}

func (s *importStore) ImportRecords(ctx context.Context, recs []*annotate.Record, opt annotate.ImportOptions) ([]annotate.ImportOutcome, error) {
	var out []annotate.ImportOutcome
	for _, r := range recs {
		s.recs = append(s.recs, r)
		out = append(out, annotate.ImportOutcome{ExternalID: r.ID})
	}
	if opt.Schema != nil {
		s.schema = opt.Schema
	}
	return out, nil
}

func (s *importStore) ExportRecords(ctx context.Context, f annotate.ExportFilter, fn func(*annotate.Record) error) error {
	return nil
}
func (s *importStore) Stats(ctx context.Context) (*annotate.Stats, error) {
	return &annotate.Stats{}, nil
}
func (s *importStore) Schema(ctx context.Context) (*annotate.Schema, error) {
	return s.schema.Clone(), nil
}

// Importing export folders through ingest.Importer, with the readers in
// the order the command line uses: each export is detected, brat's .ann,
// annotation.conf and the manifests are skipped (not failed), and labels the
// schema lacks are added and reported.
func TestImporterReadsExportFolders(t *testing.T) {
	readers := append(Readers(), ingest.TextReader{}, ingest.JSONLReader{})
	for _, format := range []string{"brat", "prodigy", "doccano", "labelstudio"} {
		t.Run(format, func(t *testing.T) {
			recs := roundTripCorpus(t)
			dir, _, _ := runExport(t, recs, Options{Format: format, Split: "50/50", Seed: 1})
			store := &importStore{schema: &annotate.Schema{}}
			im := &ingest.Importer{Store: store, Readers: readers}
			sum, err := im.Import(context.Background(), []string{dir})
			if err != nil {
				t.Fatal(err)
			}
			if !sum.OK() || sum.Imported != len(recs) {
				t.Fatalf("summary: %s", sum)
			}
			if sum.Detected[format] == 0 || len(sum.Detected) != 1 {
				t.Errorf("detected %v, want only %s", sum.Detected, format)
			}
			if !strings.Contains(strings.Join(sum.Warnings.Items, "\n"), `label "PERSON" added to the schema`) {
				t.Errorf("no warning about the added label: %v", sum.Warnings.Items)
			}
			if _, ok := store.schema.Label("PERSON"); !ok {
				t.Error("PERSON was not added to the schema")
			}
		})
	}
}
