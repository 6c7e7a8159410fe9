package main

import (
	"bufio"
	"fmt"
	"io"

	"byline/annotate"
	"byline/annotate/formats"
)

func cmdQuotes(args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("quotes", "quotes [--db FILE] [--actor NAME|ID] [--since DATE] [--until DATE] [--format csv|jsonl]", stderr)
	actor := fs.String("actor", "", "only this actor's quotes: an id from `byline actors`, a name or an alias")
	since := fs.String("since", "", "only documents published on or after this `date` (2023-05-01)")
	until := fs.String("until", "", "only documents published on or before this `date`")
	format := fs.String("format", "csv", "output format: csv or jsonl")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *format != "csv" && *format != "jsonl" {
		fmt.Fprintf(stderr, "byline quotes: --format must be csv or jsonl, not %q\n", *format)
		return errUsage
	}
	f := annotate.QuoteFilter{Since: *since, Until: *until}
	if err := f.Validate(); err != nil {
		return err
	}
	store, err := openForReading(*db)
	if err != nil {
		return err
	}
	defer store.Close()
	ctx, cancel := signalContext()
	defer cancel()
	if *actor != "" {
		if f.ActorID, err = findActor(ctx, store, *actor); err != nil {
			return err
		}
	}
	bw := bufio.NewWriterSize(stdout, 64<<10)
	if err := formats.WriteQuotes(ctx, store, f, *format, bw); err != nil {
		return err
	}
	return bw.Flush()
}
