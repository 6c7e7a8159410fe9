package suggest

import (
	"strconv"

	"byline/annotate"
)

// Record returns the document with the suggestions as its annotations, as
// accepting all of them would store them (a new speaker span becomes an
// entity once, however many quotes it speaks), with annotator.
func Record(id, text string, suggestions []annotate.Suggestion, annotator string) *annotate.Record {
	rec := &annotate.Record{ID: id, Text: text, Entities: []annotate.RecordEntity{}, Quotes: []annotate.RecordQuote{}, Relations: []annotate.RecordRelation{}}
	ids := map[[3]string]string{}
	entity := func(start, end int, label, text string) string {
		k := [3]string{strconv.Itoa(start), strconv.Itoa(end), label}
		if id, ok := ids[k]; ok {
			return id
		}
		id := "T" + strconv.Itoa(len(rec.Entities)+1)
		ids[k] = id
		rec.Entities = append(rec.Entities, annotate.RecordEntity{ID: id, Start: start, End: end, Label: label, Text: text, Annotator: annotator})
		return id
	}
	for _, s := range suggestions {
		switch {
		case s.Entity != nil:
			entity(s.Entity.Start, s.Entity.End, s.Entity.Label, s.Entity.Text)
		case s.Quote != nil:
			q := annotate.RecordQuote{ID: "Q" + strconv.Itoa(len(rec.Quotes)+1), Kind: s.Quote.Kind, Content: s.Quote.Content, Cue: s.Quote.Cue, Annotator: annotator}
			if sp := s.Quote.Speaker; sp != nil {
				q.Speaker = entity(sp.Start, sp.End, sp.Label, sp.Text)
			}
			rec.Quotes = append(rec.Quotes, q)
		}
	}
	return rec
}
