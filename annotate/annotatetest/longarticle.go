package annotatetest

import (
	"strconv"
	"strings"

	"byline/annotate"
)

// LongArticle builds a news-like article of the given number of words, in
// paragraphs of 60 words, with entities spread evenly over its tokens: the
// corpus of the "100,000-word article with 10,000 spans" benchmarks.
func LongArticle(words, entities int) *annotate.Record {
	sentence := strings.Fields(`Russian Foreign Minister Sergei Lavrov met his Turkish counterpart Hakan Fidan in Geneva on Thursday, and the ministry said the talks were “frank and useful.”`)
	var sb strings.Builder
	for i := 0; i < words; i++ {
		if i > 0 {
			if i%60 == 0 {
				sb.WriteString("\n\n")
			} else {
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(sentence[i%len(sentence)])
	}
	rec := &annotate.Record{ID: "long", Text: sb.String(), Quotes: []annotate.RecordQuote{}, Relations: []annotate.RecordRelation{}}
	toks := annotate.Tokenize(rec.Text)
	labels := []string{"PERSON", "ORG", "GPE", "DATE", "TITLE"}
	stride := max(1, len(toks)/max(1, entities))
	for i := 0; i < entities && i*stride < len(toks); i++ {
		t := toks[i*stride]
		rec.Entities = append(rec.Entities, annotate.RecordEntity{ID: "T" + strconv.Itoa(i+1), Start: t.Start, End: t.End, Label: labels[i%len(labels)]})
	}
	return rec
}
