package annotatetest

import (
	"strconv"
	"strings"

	"byline/annotate"
)

var (
	newsMentions = []struct{ text, label string }{
		{"Sergei Lavrov", "PERSON"}, {"Олаф Шольц", "PERSON"}, {"Recep Tayyip Erdoğan", "PERSON"}, {"Zoë Martínez", "PERSON"},
		{"NATO", "ORG"}, {"the European Commission", "ORG"}, {"Київ", "GPE"}, {"São Paulo", "GPE"}, {"the Black Sea", "LOC"},
		{"Russian", "NORP"}, {"Kremlin", "FAC"}, {"G20 summit", "EVENT"}, {"Friday", "DATE"}, {"Foreign Minister", "TITLE"},
	}
	newsWords = strings.Fields(`talks with officials in the capital would continue next week despite growing pressure from
		opposition parties and international partners after a late meeting over energy prices and trade sanctions`)
)

// NewsRecord builds document i of the export benchmarks' corpus: ten
// entities (accented and Cyrillic names among them) in filler sentences, a
// direct quote with cue and speaker, and two relations the default schema
// allows. The text varies with i, so no two documents are duplicates; every
// span lies on token boundaries.
func NewsRecord(i int) *annotate.Record {
	var sb strings.Builder
	n := 0
	write := func(s string) { sb.WriteString(s); n += annotate.RuneCount(s) }
	rec := &annotate.Record{ID: "doc-" + strconv.Itoa(i), Status: annotate.StatusDone,
		Meta: annotate.Meta{Title: "Report " + strconv.Itoa(i), Source: "wire"}}
	write("Report " + strconv.Itoa(i) + ". ")
	for j := 0; j < 10; j++ {
		m := newsMentions[(i+j*3)%len(newsMentions)]
		k := (i + j) % 10
		write(strings.Join(newsWords[k:k+4], " ") + " ")
		rec.Entities = append(rec.Entities, annotate.RecordEntity{ID: "T" + strconv.Itoa(j+1), Start: n, End: n + annotate.RuneCount(m.text), Label: m.label, Text: m.text, Annotator: "ana"})
		write(m.text)
		write(" " + newsWords[(i+2*j)%len(newsWords)] + ". ")
	}
	write("The minister ")
	cue := annotate.Segment{Start: n, End: n + 4, Text: "said"}
	write("said, ")
	quote := `“We will not accept these terms.”`
	seg := annotate.Segment{Start: n, End: n + annotate.RuneCount(quote), Text: quote}
	write(quote)
	rec.Text = sb.String()
	rec.Quotes = []annotate.RecordQuote{{ID: "Q1", Kind: annotate.QuoteDirect, Content: []annotate.Segment{seg}, Cue: &cue, Speaker: "T1", Annotator: "ana"}}
	rec.Relations = []annotate.RecordRelation{
		{ID: "R1", Type: "MET_WITH", Head: "T1", Tail: "T2", Annotator: "ana"},
		{ID: "R2", Type: "SUPPORTS", Head: "T3", Tail: "T4", Annotator: "ana"},
	}
	return rec
}
