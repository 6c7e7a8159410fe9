package suggest

import (
	"fmt"
	"strings"
	"testing"

	"byline/annotate"
)

// describe renders quote suggestions compactly: kind, content segments,
// cue and speaker (with the pronoun it came from).
func describe(s annotate.Suggestion) string {
	if s.Entity != nil {
		return fmt.Sprintf("%s %q", s.Entity.Label, s.Entity.Text)
	}
	q := s.Quote
	var parts []string
	for _, c := range q.Content {
		parts = append(parts, c.Text)
	}
	out := string(q.Kind) + " " + strings.Join(parts, " | ")
	if q.Cue != nil {
		out += " / cue " + q.Cue.Text
	}
	if sp := q.Speaker; sp != nil {
		out += " / " + sp.Label + " " + sp.Text
		if sp.Pronoun != nil {
			out += " (" + sp.Pronoun.Text + ")"
		}
	}
	return out
}

func TestQuotes(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"split by its cue", `“We are ready,” Lavrov said, “but not at any price.”`,
			[]string{"direct “We are ready,” | “but not at any price.” / cue said / PERSON Lavrov"}},
		{"two sentences are two quotes", `"We are ready." Lavrov said. "But not at any price, not now."`,
			[]string{`direct "We are ready." / cue said / PERSON Lavrov`, `direct "But not at any price, not now." / PERSON Lavrov`}},
		{"inverted with a title", `"Talks will resume," said Russian Foreign Minister Sergei Lavrov.`,
			[]string{`direct "Talks will resume," / cue said / PERSON Sergei Lavrov`}},
		{"cue before, colon", `The Kremlin said: «We do not comment on rumours of this kind.»`,
			[]string{"direct «We do not comment on rumours of this kind.» / cue said / ORG Kremlin"}},
		{"organisation noun phrase", `"The sanctions will not work," the foreign ministry said in a statement.`,
			[]string{`direct "The sanctions will not work," / cue said / ORG the foreign ministry`}},
		{"partial quote", `The ministry said the talks were “frank and useful.”`,
			[]string{"partial “frank and useful.” / cue said / ORG The ministry"}},
		{"scare quotes are not quotes", `The so-called "peace plan" was published on Monday.`, nil},
		{"title in quotation marks", `She starred in "Casablanca Nights" last year.`, nil},
		{"long quote without a cue", `"This is the worst flood the valley has seen in a century."`,
			[]string{`direct "This is the worst flood the valley has seen in a century."`}},
		{"apostrophes are not marks", `‘We don’t accept the leaders’ proposal at all,’ said a senior official.`,
			[]string{"direct ‘We don’t accept the leaders’ proposal at all,’ / cue said / PERSON a senior official"}},
		{"straight single quotes", `'It's over,' the coach's assistant told reporters.`,
			[]string{"direct 'It's over,' / cue told / PERSON the coach's assistant"}},
		{"indirect with that", `Russian Foreign Minister Sergei Lavrov said on Tuesday that the talks had been useful.`,
			[]string{"indirect the talks had been useful / cue said / PERSON Sergei Lavrov"}},
		{"indirect, told", `Peskov told reporters the decision had not been taken yet.`,
			[]string{"indirect the decision had not been taken yet / cue told / PERSON Peskov"}},
		{"indirect, cue at the end", `The plan is dead, Lavrov, Russia's top diplomat, said.`,
			[]string{"indirect The plan is dead / cue said / PERSON Lavrov"}},
		{"indirect, inverted at the end", `The border will stay closed until March, said the governor.`,
			[]string{"indirect The border will stay closed until March / cue said / PERSON the governor"}},
		{"according to, first", `According to the Kremlin, the meeting will take place in June.`,
			[]string{"indirect the meeting will take place in June / cue According to / ORG Kremlin"}},
		{"according to, last", `The meeting will take place in June, according to two officials.`,
			[]string{"indirect The meeting will take place in June / cue according to / PERSON two officials"}},
		{"pronoun refers to a proposed speaker", "\"We are ready,\" said Sergei Lavrov.\n\"We are very close to a deal now,\" he told reporters.",
			[]string{`direct "We are ready," / cue said / PERSON Sergei Lavrov`, `direct "We are very close to a deal now," / cue told / PERSON Sergei Lavrov (he)`}},
		{"continuation keeps the speaker", "\"We are ready,\" Lavrov said.\n\"Nobody will dictate the terms to us, nobody at all.\"",
			[]string{`direct "We are ready," / cue said / PERSON Lavrov`, `direct "Nobody will dictate the terms to us, nobody at all." / PERSON Lavrov`}},
		{"negated cue", `Lavrov did not say whether the talks would resume.`, nil},
		{"a noun is no cue", `The report was published on Monday by the committee.`, nil},
		{"Russian", `«Мы готовы к переговорам», — заявил Лавров.`,
			[]string{"direct «Мы готовы к переговорам» / cue заявил / PERSON Лавров"}},
		{"Russian source", `По словам Лаврова, переговоры пройдут в июне.`,
			[]string{"indirect переговоры пройдут в июне / cue По словам / PERSON Лаврова"}},
		{"German", `„Wir sind bereit zu verhandeln“, sagte Scholz.`,
			[]string{"direct „Wir sind bereit zu verhandeln“ / cue sagte / PERSON Scholz"}},
		{"French", `« Nous sommes prêts à négocier », a déclaré Emmanuel Macron.`,
			[]string{"direct « Nous sommes prêts à négocier » / cue a déclaré / PERSON Emmanuel Macron"}},
		{"Ukrainian", `«Ми готові до переговорів», — сказав Зеленський.`,
			[]string{"direct «Ми готові до переговорів» / cue сказав / PERSON Зеленський"}},
		{"appositive holds the name", `The store's owner, Miriam Adler, said the robbers had been very calm.`,
			[]string{"indirect the robbers had been very calm / cue said / PERSON Miriam Adler"}},
		{"a possessive name is no head", `"Vaccination saves lives, every single day," WHO's regional director, Hans Kluge, said.`,
			[]string{`direct "Vaccination saves lives, every single day," / cue said / PERSON Hans Kluge`}},
		{"the name before of", `Environment Minister Vikram Rao of India accused wealthy nations of failing to pay.`,
			[]string{"indirect wealthy nations of failing to pay / cue accused / PERSON Vikram Rao"}},
		{"relative clause before the cue", `Tom Hadley, who has lived there for years, told the Gazette that the water rose fast.`,
			[]string{"indirect the water rose fast / cue told / PERSON Tom Hadley"}},
		{"German source without a comma", `Laut Ifo-Institut wird die Wirtschaft nur langsam wachsen.`,
			[]string{"indirect wird die Wirtschaft nur langsam wachsen / cue Laut / PERSON Ifo-Institut"}},
		{"comma before the complementizer", `Песков сказал, что встреча пока не планируется.`,
			[]string{"indirect встреча пока не планируется / cue сказал / PERSON Песков"}},
		{"a headline is no sentence", "Incumbent concedes as challenger sweeps coastal districts\n", nil},
		{"participle after the attribution", `Cases rose thirtyfold last year, the agency said on Tuesday, urging parents to vaccinate.`,
			[]string{"indirect Cases rose thirtyfold last year / cue said / ORG the agency"}},
		{"partial quote takes the cue before it", `A police spokesman said officers had acted "with restraint" after protesters ignored repeated warnings.`,
			[]string{`partial "with restraint" / cue said / PERSON A police spokesman`}},
		{"quoting verb", `The lawyer called the decision "a clear win for every voter in this state."`,
			[]string{`partial "a clear win for every voter in this state." / cue called / PERSON The lawyer`}},
		{"quoting verb takes no clause", `The minister called the meeting a success for everyone involved.`, nil},
		{"pronoun refers to a subject name", "Her rival, Anders Berg, thanked volunteers.\n\"Tonight is not about me at all,\" he said.",
			[]string{`direct "Tonight is not about me at all," / cue said / PERSON Anders Berg (he)`}},
		{"two verbs of one subject are two quotes", `Lavrov said the talks had been useful and added that a new round was planned.`,
			[]string{"indirect the talks had been useful / cue said / PERSON Lavrov", "indirect a new round was planned / cue added / PERSON Lavrov"}},
		{"comma and a second verb", `The ministry said the talks had failed, and warned that sanctions would follow.`,
			[]string{"indirect the talks had failed / cue said / ORG The ministry", "indirect sanctions would follow / cue warned / ORG The ministry"}},
		{"reporting participle with a clause", `Michel said the mission would start soon, adding that about 100 observers would take part.`,
			[]string{"indirect the mission would start soon / cue said / PERSON Michel", "indirect about 100 observers would take part / cue adding / PERSON Michel"}},
		{"second verb after a partial quote", `Annick Girardin said Paris would “not be intimidated” and warned that further measures were being prepared.`,
			[]string{"partial “not be intimidated” / cue said / PERSON Annick Girardin", "indirect further measures were being prepared / cue warned / PERSON Annick Girardin"}},
		{"second verb after a direct quote", `"Nobody won this strike," de Boer said, but warned that freight rates could stay high.`,
			[]string{`direct "Nobody won this strike," / cue said / PERSON Boer`, "indirect freight rates could stay high / cue warned / PERSON Boer"}},
		{"infinitive clause of a second verb", `Novak said he would not resign and promised to bring a revised bill within six weeks.`,
			[]string{"indirect he would not resign / cue said / PERSON Novak", "indirect to bring a revised bill within six weeks / cue promised / PERSON Novak"}},
		{"a second subject is its own speaker", `Jan Smit said workers were tired after nine days, and Lotte Bakker, a crane driver, added that many had borrowed money.`,
			[]string{"indirect workers were tired after nine days / cue said / PERSON Jan Smit", "indirect many had borrowed money / cue added / PERSON Lotte Bakker"}},
		{"two clauses of one verb stay one quote", `She said the plan was dead and that nobody would revive it.`,
			[]string{"indirect the plan was dead and that nobody would revive it / cue said"}},
		{"Russian, two verbs", `Лавров заявил, что переговоры были полезными, и добавил, что новый раунд уже готовится.`,
			[]string{"indirect переговоры были полезными / cue заявил / PERSON Лавров", "indirect новый раунд уже готовится / cue добавил / PERSON Лавров"}},
		{"German clause after a comma", `Scholz sagte, die Lage sei ernst, und fügte hinzu, man werde schnell handeln.`,
			[]string{"indirect die Lage sei ernst / cue sagte / PERSON Scholz", "indirect man werde schnell handeln / cue fügte hinzu / PERSON Scholz"}},
		{"inverted cue, relative clause after the speaker", `The plan is dead, said Lavrov, who arrived in Geneva on Monday.`,
			[]string{"indirect The plan is dead / cue said / PERSON Lavrov"}},
		{"inverted cue, the name in apposition", `The plan is dead, said the Russian foreign minister, Sergei Lavrov.`,
			[]string{"indirect The plan is dead / cue said / PERSON Sergei Lavrov"}},
		{"adjunct with commas before that", `The minister said Tuesday, however, that the plan was dead.`,
			[]string{"indirect the plan was dead / cue said / PERSON The minister"}},
		{"a new clause's subject after and", `Prices rose sharply, the agency said, and analysts warned that inflation would persist.`,
			[]string{"indirect Prices rose sharply / cue said / ORG the agency", "indirect inflation would persist / cue warned / PERSON analysts"}},
		{"a cue in a relative clause is no head", `The minister said that the bill, which critics said was rushed through parliament, would pass and added that talks would continue.`,
			[]string{"indirect the bill, which critics said was rushed through parliament, would pass / cue said / PERSON The minister",
				"indirect was rushed through parliament / cue said / PERSON critics", "indirect talks would continue / cue added / PERSON The minister"}},
		{"according to a statement from an organisation", `According to a statement from the Russian Foreign Ministry, the two sides discussed grain shipments.`,
			[]string{"indirect the two sides discussed grain shipments / cue According to / ORG Russian Foreign Ministry"}},
		{"according to a statement by a named spokeswoman", `According to a statement by the ministry's spokeswoman Maria Zakharova, the talks were useful.`,
			[]string{"indirect the talks were useful / cue According to / PERSON Maria Zakharova"}},
		{"according to a spokesperson for an organisation", `According to a spokesperson for the port authority, the backlog will take weeks to clear.`,
			[]string{"indirect the backlog will take weeks to clear / cue According to / ORG the port authority"}},
		{"a statement alone is no speaker", `According to a statement, the talks were useful.`,
			[]string{"indirect the talks were useful / cue According to"}},
		{"a participle of the source is no cue", `The talks were useful, according to a report posted on the ministry's website.`,
			[]string{"indirect The talks were useful / cue according to"}},
		{"a possessive holds the source", `According to the bank's own projections, inflation will average 2.3 percent.`,
			[]string{"indirect inflation will average 2.3 percent / cue According to / ORG the bank"}},
		{"one clause, one quote: the speaker wins", `A spokesperson for the port authority said the backlog would take weeks to clear, according to a statement posted on its website.`,
			[]string{"indirect the backlog would take weeks to clear / cue said / ORG the port authority"}},
		{"one clause, one quote: the nearer cue wins", `A spokesperson for the port authority said the backlog would take weeks to clear, according to a statement from the authority.`,
			[]string{"indirect the backlog would take weeks to clear / cue said / ORG the port authority"}},
		{"corner brackets", `「我们已经准备好了，随时可以开始谈判」 said the spokesman.`,
			[]string{"direct 「我们已经准备好了，随时可以开始谈判」 / cue said / PERSON the spokesman"}},
	}
	e := New(nil, nil)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, s := range e.Suggest(c.text, nil, nil, Options{Quotes: true}) {
				got = append(got, describe(s))
				checkOffsets(t, c.text, s)
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(c.want, "\n  "))
			}
		})
	}
}

// checkOffsets fails unless every span of s is its text's code points.
func checkOffsets(t *testing.T, text string, s annotate.Suggestion) {
	t.Helper()
	x := annotate.NewTextIndex(text)
	check := func(what string, start, end int, want string) {
		if !x.InRange(start, end) || x.Slice(start, end) != want {
			t.Errorf("%s [%d,%d) %q is not the text's %q", what, start, end, want, x.Slice(start, end))
		}
	}
	if s.Entity != nil {
		check("entity", s.Entity.Start, s.Entity.End, s.Entity.Text)
	}
	if s.Link != nil {
		check("link", s.Link.Start, s.Link.End, s.Link.Text)
	}
	if q := s.Quote; q != nil {
		if len(q.Content) == 0 {
			t.Errorf("quote without content")
		}
		for _, c := range q.Content {
			check("content", c.Start, c.End, c.Text)
		}
		if q.Cue != nil {
			check("cue", q.Cue.Start, q.Cue.End, q.Cue.Text)
		}
		if sp := q.Speaker; sp != nil {
			check("speaker", sp.Start, sp.End, sp.Text)
			if sp.Pronoun != nil {
				check("pronoun", sp.Pronoun.Start, sp.Pronoun.End, sp.Pronoun.Text)
			}
		}
	}
}
