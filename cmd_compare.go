package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"byline/annotate"
	"byline/annotate/suggest"
)

func cmdCompare(args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("compare", "compare [--db FILE] --gold GOLD.jsonl [--annotator NAME] [--json]", stderr)
	goldPath := fs.String("gold", "", "native JSONL `file` with the gold annotations of the same documents")
	annotator := fs.String("annotator", "", "score only the database's annotations by this `name` (e.g. "+annotate.SuggestAnnotator+")")
	asJSON := fs.Bool("json", false, "print the scores as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *goldPath == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "byline compare: --gold is required and no other arguments are taken")
		fs.Usage()
		return errUsage
	}
	gold, err := readGold(*goldPath)
	if err != nil {
		return err
	}
	store, err := openForReading(*db)
	if err != nil {
		return err
	}
	defer store.Close()
	ctx, cancel := signalContext()
	defer cancel()
	schema, err := store.Schema(ctx)
	if err != nil {
		return err
	}
	scorer := suggest.NewScorer(suggest.New(schema, nil).Lexicon())
	missing, err := scoreAgainst(ctx, store, gold, *annotator, scorer)
	if err != nil {
		return err
	}
	for _, id := range missing {
		fmt.Fprintf(stderr, "byline compare: gold document %q is not in the database (neither its id nor its text)\n", id)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(scorer.Scores)
	}
	writeScores(stdout, &scorer.Scores, len(missing))
	return nil
}

// readGold reads a native JSONL file; a bad line is an error naming the
// file and line.
func readGold(path string) ([]*annotate.Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	lr := annotate.NewLineReader(f)
	var out []*annotate.Record
	for {
		line, n, err := lr.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, &annotate.Error{Code: annotate.EFORMAT, Message: err.Error(), File: path, Line: n}
		}
		rec, err := annotate.DecodeRecord(line)
		if err == nil {
			_, err = annotate.PrepareRecord(rec, &annotate.Schema{}) // spans in range, texts matching
		}
		if err != nil {
			return nil, &annotate.Error{Code: annotate.EFORMAT, Message: annotate.ErrorMessage(err), File: path, Line: n}
		}
		out = append(out, rec)
	}
}

// scoreAgainst scores the stored annotations (only annotator's, when set)
// of each gold document, found by id, else by text; it returns the ids of
// gold documents the database lacks.
func scoreAgainst(ctx context.Context, store annotate.Store, gold []*annotate.Record, annotator string, scorer *suggest.Scorer) ([]string, error) {
	byID := map[string]*annotate.Record{}
	byHash := map[string]*annotate.Record{}
	err := store.ExportRecords(ctx, annotate.ExportFilter{}, func(r *annotate.Record) error {
		byID[r.ID] = r
		byHash[annotate.ContentHash(r.Text)] = r
		return nil
	})
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, g := range gold {
		pred := byID[g.ID]
		if pred == nil || pred.Text != g.Text {
			pred = byHash[annotate.ContentHash(g.Text)]
		}
		if pred == nil {
			missing = append(missing, g.ID)
			continue
		}
		scorer.Add(g, byAnnotator(pred, annotator))
	}
	return missing, nil
}

// byAnnotator keeps only the annotations by name ("" keeps all).
func byAnnotator(r *annotate.Record, name string) *annotate.Record {
	if name == "" {
		return r
	}
	out := *r
	out.Entities, out.Quotes, out.Relations = nil, nil, nil
	for _, e := range r.Entities {
		if e.Annotator == name {
			out.Entities = append(out.Entities, e)
		}
	}
	for _, q := range r.Quotes {
		if q.Annotator == name {
			out.Quotes = append(out.Quotes, q)
		}
	}
	for _, x := range r.Relations {
		if x.Annotator == name {
			out.Relations = append(out.Relations, x)
		}
	}
	return &out
}

func writeScores(w io.Writer, s *suggest.Scores, missing int) {
	fmt.Fprintf(w, "Documents compared: %d", s.Documents)
	if missing > 0 {
		fmt.Fprintf(w, " (%d gold documents not in the database)", missing)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	row := func(name string, p suggest.PRF) {
		fmt.Fprintf(tw, "  %s\t%.3f\t%.3f\t%.3f\t%d\t%d\t%d\n", name, p.Precision, p.Recall, p.F1, p.Gold, p.Predicted, p.Matched)
	}
	header := func(title string) {
		fmt.Fprintf(tw, "\n%s\tP\tR\tF1\tgold\tpredicted\tmatched\n", title)
	}
	header("Entities")
	row("exact", s.Entities.Exact)
	row("overlap", s.Entities.Overlap)
	for _, l := range annotate.SortedLabels(labelCounts(s.Entities.ByLabel)) {
		row(l+" exact", s.Entities.ByLabel[l].Exact)
		row(l+" overlap", s.Entities.ByLabel[l].Overlap)
	}
	for _, q := range []struct {
		title string
		qs    suggest.QuoteScores
	}{{"Quotes (all attributions)", s.Quotes}, {"Quotes (in quotation marks or with a lexicon cue)", s.RuleQuotes}} {
		header(q.title)
		row("content overlap", q.qs.Content)
		row("cue exact", q.qs.Cue)
		fmt.Fprintf(tw, "  speaker right\t%.3f\t(%d of %d matched quotes with a gold speaker)\n", q.qs.Speaker.Rate, q.qs.Speaker.Right, q.qs.Speaker.Total)
		fmt.Fprintf(tw, "  recall in quotation marks\t%.3f\t(%d of %d)\n", q.qs.InQuotationMarks.Rate, q.qs.InQuotationMarks.Right, q.qs.InQuotationMarks.Total)
	}
	header("Relations")
	row("all", s.Relations.All)
	types := map[string]int{}
	for t, p := range s.Relations.ByType {
		types[t] = p.Gold + p.Predicted
	}
	for _, t := range annotate.SortedLabels(types) {
		row(t, *s.Relations.ByType[t])
	}
	tw.Flush()
}

func labelCounts(m map[string]*suggest.LabelScores) map[string]int {
	out := map[string]int{}
	for l, s := range m {
		out[l] = s.Exact.Gold + s.Exact.Predicted
	}
	return out
}
