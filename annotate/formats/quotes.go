package formats

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"byline/annotate"
)

// QuoteColumns are the columns of the "who said what" CSV.
var QuoteColumns = []string{"actor", "actor_id", "quote", "kind", "cue", "document", "title", "source", "published", "start", "end"}

// QuoteLine is one line of the "who said what" JSON Lines.
type QuoteLine struct {
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

// WriteQuotes writes who said what, newest first, as CSV with a header row
// (format "csv") or as JSON Lines ("jsonl"): the actor, the quote's text
// (segments joined with annotate.QuoteSeparator), kind, cue, the document's
// id, title, source and published date, and the quote's offsets (first
// segment's start, last segment's end, in code points).
func WriteQuotes(ctx context.Context, src annotate.ActorService, f annotate.QuoteFilter, format string, w io.Writer) error {
	if format == "jsonl" {
		enc := annotate.NewEncoder(w)
		return src.ActorQuotes(ctx, f, func(q *annotate.ActorQuote) error {
			return enc.Encode(QuoteLine{q.ActorName, q.ActorID, q.Text(), q.Content, q.Kind, cueText(q), q.ExternalID,
				q.Title, q.Source, q.Published, q.Start(), q.End()})
		})
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(QuoteColumns); err != nil {
		return err
	}
	row := make([]string, len(QuoteColumns))
	err := src.ActorQuotes(ctx, f, func(q *annotate.ActorQuote) error {
		row[0], row[1], row[2], row[3], row[4] = spreadsheetCell(q.ActorName), strconv.FormatInt(q.ActorID, 10), spreadsheetCell(q.Text()), string(q.Kind), spreadsheetCell(cueText(q))
		row[5], row[6], row[7], row[8] = spreadsheetCell(q.ExternalID), spreadsheetCell(q.Title), spreadsheetCell(q.Source), q.Published
		row[9], row[10] = strconv.Itoa(q.Start()), strconv.Itoa(q.End())
		return cw.Write(row)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// spreadsheetCell keeps a text cell from being run as a formula when the CSV
// is opened in a spreadsheet, which is where this table goes: a cell that
// starts with = + - @ or a tab or carriage return gets a leading apostrophe,
// which spreadsheets hide. The JSON Lines output keeps the text exact.
func spreadsheetCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func cueText(q *annotate.ActorQuote) string {
	if q.Cue == nil {
		return ""
	}
	return q.Cue.Text
}
