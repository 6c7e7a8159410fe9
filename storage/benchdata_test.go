package storage

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"byline/annotate"
)

// Generated news-like text for the benchmarks: sentences of common words
// with people, organisations and places (some Cyrillic or accented), quotes
// and dates, and the entity spans they contain.

var (
	benchWords = strings.Fields(`the a minister said on that talks with officials in capital would continue next week despite
		growing pressure from opposition parties and international partners government spokesman told reporters after
		meeting late evening agreement over energy prices trade sanctions security council resolution vote parliament
		budget deficit inflation rose percent analysts expected central bank interest rates border ceasefire humanitarian
		aid convoy reached region officials confirmed statement issued ministry foreign defence election campaign
		candidates polls showed support among voters younger cities rural areas protest thousands gathered square
		demanding reforms police said several arrests were made overnight`)
	benchEntities = []struct{ text, label string }{
		{"Sergei Lavrov", "PERSON"}, {"Antony Blinken", "PERSON"}, {"Олаф Шольц", "PERSON"}, {"Emmanuel Macron", "PERSON"},
		{"Recep Tayyip Erdoğan", "PERSON"}, {"Zoë Martínez", "PERSON"}, {"NATO", "ORG"}, {"the European Commission", "ORG"},
		{"Gazprom", "ORG"}, {"the United Nations", "ORG"}, {"Geneva", "GPE"}, {"Київ", "GPE"}, {"São Paulo", "GPE"},
		{"Zürich", "GPE"}, {"the Black Sea", "LOC"}, {"Russian", "NORP"}, {"Kremlin", "FAC"}, {"G20 summit", "EVENT"},
		{"Friday", "DATE"}, {"Foreign Minister", "TITLE"},
	}
)

// benchText builds text with entity spans (offsets in code points).
type benchText struct {
	b     strings.Builder
	runes int
	ents  []annotate.RecordEntity
}

func (t *benchText) write(s string) {
	t.b.WriteString(s)
	t.runes += annotate.RuneCount(s)
}

func (t *benchText) entity(rng *rand.Rand) {
	e := benchEntities[rng.IntN(len(benchEntities))]
	start := t.runes
	t.write(e.text)
	t.ents = append(t.ents, annotate.RecordEntity{ID: "T" + strconv.Itoa(len(t.ents)+1), Start: start, End: t.runes, Label: e.label, Text: e.text})
}

// sentence writes about words words, with one entity when withEntity is
// set, sometimes as a quotation.
func (t *benchText) sentence(rng *rand.Rand, words int, withEntity bool) {
	quoted := rng.IntN(6) == 0
	if quoted {
		t.write("\u201c")
	}
	at := -1
	if withEntity {
		at = rng.IntN(words)
	}
	for i := range words {
		if i > 0 {
			t.write(" ")
		}
		if i == at && !quoted {
			t.entity(rng)
			continue
		}
		w := benchWords[rng.IntN(len(benchWords))]
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		t.write(w)
	}
	if quoted {
		t.write(",\u201d ")
		if withEntity {
			t.entity(rng)
		} else {
			t.write("a spokesman")
		}
		t.write(" said. ")
		return
	}
	t.write(". ")
}

// benchArticle returns a title and an article of about size code points
// with up to maxEntities entity spans.
func benchArticle(rng *rand.Rand, size, maxEntities int) (string, string, []annotate.RecordEntity) {
	var t benchText
	title := "Talks resume in " + benchEntities[10+rng.IntN(4)].text + " as pressure grows " + strconv.Itoa(rng.IntN(1e6))
	t.write(title + "\n\n")
	for n := 0; t.runes < size; n++ {
		t.sentence(rng, 6+rng.IntN(14), len(t.ents) < maxEntities)
		if n%5 == 4 {
			t.write("\n\n")
		}
	}
	return title, t.b.String(), t.ents
}

// benchDocument returns a single text of about words words with spans
// entity spans, one per sentence of words/spans words.
func benchDocument(seed uint64, words, spans int) (string, []annotate.RecordEntity) {
	rng := rand.New(rand.NewPCG(seed, 2))
	var t benchText
	per := words / spans
	for range spans {
		t.sentence(rng, per, true)
	}
	return t.b.String(), t.ents
}
