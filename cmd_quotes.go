package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"byline/annotate"
)

// quoteColumns are the columns of `byline quotes --format csv`.
var quoteColumns = []string{"actor", "actor_id", "quote", "kind", "cue", "document", "title", "source", "published", "start", "end"}

// quoteJSON is one line of `byline quotes --format jsonl`.
type quoteJSON struct {
	Actor     string             `json:"actor"`
	ActorID   int64              `json:"actor_id"`
	Quote     string             `json:"quote"`
	Segments  []annotate.Segment `json:"segments"`
	Kind      annotate.QuoteKind `json:"kind"`
	Cue       string             `json:"cue,omitempty"`
	Document  string             `json:"document"`
	Title     string             `json:"title"`
	Source    string             `json:"source,omitempty"`
	Published string             `json:"published,omitempty"`
	Start     int                `json:"start"`
	End       int                `json:"end"`
}

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
	store, err := openStore(*db, false)
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
	if err := writeQuotes(ctx, store, f, *format, bw); err != nil {
		return err
	}
	return bw.Flush()
}

// writeQuotes writes who said what, newest first, as CSV (with a header
// row) or JSON Lines.
func writeQuotes(ctx context.Context, store annotate.ActorService, f annotate.QuoteFilter, format string, w io.Writer) error {
	if format == "jsonl" {
		enc := annotate.NewEncoder(w)
		return store.ActorQuotes(ctx, f, func(q *annotate.ActorQuote) error {
			return enc.Encode(quoteJSON{q.ActorName, q.ActorID, q.Text(), q.Content, q.Kind, cueText(q), q.ExternalID,
				q.Title, q.Source, q.Published, q.Start(), q.End()})
		})
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(quoteColumns); err != nil {
		return err
	}
	row := make([]string, len(quoteColumns))
	err := store.ActorQuotes(ctx, f, func(q *annotate.ActorQuote) error {
		row[0], row[1], row[2], row[3], row[4] = q.ActorName, strconv.FormatInt(q.ActorID, 10), q.Text(), string(q.Kind), cueText(q)
		row[5], row[6], row[7], row[8] = q.ExternalID, q.Title, q.Source, q.Published
		row[9], row[10] = strconv.Itoa(q.Start()), strconv.Itoa(q.End())
		return cw.Write(row)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func cueText(q *annotate.ActorQuote) string {
	if q.Cue == nil {
		return ""
	}
	return q.Cue.Text
}
