package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"byline/annotate"
)

func cmdStats(args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("stats", "stats [--db FILE] [--json]", stderr)
	asJSON := fs.Bool("json", false, "print the figures as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	store, err := openForReading(*db)
	if err != nil {
		return err
	}
	defer store.Close()
	st, err := store.Stats(context.Background())
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	writeStats(stdout, store.Path(), st)
	return nil
}

func writeStats(w io.Writer, path string, st *annotate.Stats) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "Database: %s\n\nDocuments\n", path)
	for _, s := range annotate.Statuses {
		fmt.Fprintf(tw, "  %s\t%d\t\n", s, st.Progress.ByStatus[s])
	}
	fmt.Fprintf(tw, "  total\t%d\t\n", st.Progress.Total)
	tw.Flush()
	fmt.Fprintf(w, "\nAnnotations: %d entities, %d quotes, %d relations\n", st.Entities, st.Quotes, st.Relations)
	section := func(title string, m map[string]int) {
		if len(m) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s\n", title)
		for _, k := range annotate.SortedLabels(m) {
			fmt.Fprintf(tw, "  %s\t%d\t\n", k, m[k])
		}
		tw.Flush()
	}
	section("Entities by label", st.ByLabel)
	section("Relations by type", st.ByRelation)
	section("Annotations by annotator", st.ByAnnotator)
}
