package suggest

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"byline/annotate"
)

// PRF counts matches and gives precision, recall and F1.
type PRF struct {
	Matched   int     `json:"matched"`   // predictions matched to a gold item (one to one)
	Predicted int     `json:"predicted"` // predictions
	Gold      int     `json:"gold"`      // gold items
	Precision float64 `json:"precision"` // Matched / Predicted (1 when nothing was predicted)
	Recall    float64 `json:"recall"`    // Matched / Gold (1 when there is no gold item)
	F1        float64 `json:"f1"`
}

func (s *PRF) add(matched, predicted, gold int) {
	s.Matched += matched
	s.Predicted += predicted
	s.Gold += gold
	s.finish()
}

func (s *PRF) finish() {
	s.Precision, s.Recall = ratio(s.Matched, s.Predicted), ratio(s.Matched, s.Gold)
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	} else {
		s.F1 = 0
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Share is a count out of a total.
type Share struct {
	Right int     `json:"right"`
	Total int     `json:"total"`
	Rate  float64 `json:"rate"` // Right / Total (1 when Total is 0)
}

func (s *Share) add(right, total int) {
	s.Right += right
	s.Total += total
	s.Rate = ratio(s.Right, s.Total)
}

// EntityScores score entity spans, over all labels and per label.
type EntityScores struct {
	Exact   PRF                     `json:"exact"`   // same start, end and label
	Overlap PRF                     `json:"overlap"` // same label, spans share a code point
	ByLabel map[string]*LabelScores `json:"by_label"`
}

// LabelScores are one label's entity scores.
type LabelScores struct {
	Exact   PRF `json:"exact"`
	Overlap PRF `json:"overlap"`
}

// QuoteScores score quotes: their content, cue and speaker.
type QuoteScores struct {
	// Content: a predicted and a gold quote match when their content
	// segments share a code point (one to one, largest overlap first).
	Content PRF `json:"content"`
	// Cue: cue spans with the same start and end.
	Cue PRF `json:"cue"`
	// Speaker: of the matched quotes whose gold quote has a speaker, those
	// whose predicted speaker span overlaps it or names the same person
	// (the same last word: "Lavrov" for "Sergei Lavrov").
	Speaker Share `json:"speaker"`
	// InQuotationMarks: recall of the gold quotes whose content holds a
	// quotation mark.
	InQuotationMarks Share `json:"in_quotation_marks_recall"`
}

// Scores compare predicted annotations with gold ones.
type Scores struct {
	Documents int          `json:"documents"`
	Entities  EntityScores `json:"entities"`
	// Quotes scores every gold attribution; RuleQuotes only those the rules
	// are for: content in quotation marks, or a cue from the lexicon.
	Quotes     QuoteScores    `json:"quotes"`
	RuleQuotes QuoteScores    `json:"rule_quotes"`
	Relations  RelationScores `json:"relations"`
}

// RelationScores score relations: same type, head span and tail span.
type RelationScores struct {
	All    PRF             `json:"all"`
	ByType map[string]*PRF `json:"by_type"`
}

// Scorer accumulates scores document by document.
type Scorer struct {
	lex    *Lexicon
	Scores Scores
}

// NewScorer returns a scorer that counts a gold quote as one the rules are
// for when its cue is in lex (or it holds quotation marks).
func NewScorer(lex *Lexicon) *Scorer {
	if lex == nil {
		lex = builtin
	}
	return &Scorer{lex: lex, Scores: Scores{
		Entities:  EntityScores{ByLabel: map[string]*LabelScores{}},
		Relations: RelationScores{ByType: map[string]*PRF{}},
	}}
}

// Add scores one document: pred against gold (the same text).
func (s *Scorer) Add(gold, pred *annotate.Record) {
	s.Scores.Documents++
	s.entities(gold, pred)
	s.quotes(&s.Scores.Quotes, gold, pred, gold.Quotes)
	var targeted []annotate.RecordQuote
	for _, q := range gold.Quotes {
		if s.ruleTarget(&q) {
			targeted = append(targeted, q)
		}
	}
	s.quotes(&s.Scores.RuleQuotes, gold, pred, targeted)
	s.relations(gold, pred)
}

func (s *Scorer) ruleTarget(q *annotate.RecordQuote) bool {
	return hasQuoteMark(q.Content) || q.Cue != nil && s.lex.IsCue(q.Cue.Text)
}

// hasQuoteMark reports whether a quote's content holds a quotation mark:
// a double or angle mark anywhere, or a single one opening a segment
// (elsewhere it may be an apostrophe).
func hasQuoteMark(segs []annotate.Segment) bool {
	for _, c := range segs {
		if strings.ContainsAny(c.Text, "\"\u201C\u201D\u201E\u00AB\u00BB\u2039\u203A\u300C\u300D\u201A") {
			return true
		}
		t := strings.TrimSpace(c.Text)
		if strings.HasPrefix(t, "'") || strings.HasPrefix(t, "\u2018") {
			return true
		}
	}
	return false
}

func overlap(a0, a1, b0, b1 int) int {
	return max(0, min(a1, b1)-max(a0, b0))
}

// pairing is a one-to-one match between predictions and gold items, the
// largest overlaps first.
func pairing(nPred, nGold int, score func(p, g int) int) map[int]int {
	type cand struct{ p, g, v int }
	var cands []cand
	for p := 0; p < nPred; p++ {
		for g := 0; g < nGold; g++ {
			if v := score(p, g); v > 0 {
				cands = append(cands, cand{p, g, v})
			}
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].v > cands[j].v })
	out := map[int]int{}
	usedG := map[int]bool{}
	for _, c := range cands {
		if _, ok := out[c.p]; ok || usedG[c.g] {
			continue
		}
		out[c.p] = c.g
		usedG[c.g] = true
	}
	return out
}

func (s *Scorer) entities(gold, pred *annotate.Record) {
	labels := map[string]bool{}
	for _, e := range gold.Entities {
		labels[e.Label] = true
	}
	for _, e := range pred.Entities {
		labels[e.Label] = true
	}
	for l := range labels {
		var g, p []annotate.RecordEntity
		for _, e := range gold.Entities {
			if e.Label == l {
				g = append(g, e)
			}
		}
		for _, e := range pred.Entities {
			if e.Label == l {
				p = append(p, e)
			}
		}
		exact := len(pairing(len(p), len(g), func(i, j int) int {
			if p[i].Start == g[j].Start && p[i].End == g[j].End {
				return 1
			}
			return 0
		}))
		over := len(pairing(len(p), len(g), func(i, j int) int { return overlap(p[i].Start, p[i].End, g[j].Start, g[j].End) }))
		ls := s.Scores.Entities.ByLabel[l]
		if ls == nil {
			ls = &LabelScores{}
			s.Scores.Entities.ByLabel[l] = ls
		}
		ls.Exact.add(exact, len(p), len(g))
		ls.Overlap.add(over, len(p), len(g))
		s.Scores.Entities.Exact.add(exact, len(p), len(g))
		s.Scores.Entities.Overlap.add(over, len(p), len(g))
	}
}

func contentOverlap(a, b []annotate.Segment) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			n += overlap(x.Start, x.End, y.Start, y.End)
		}
	}
	return n
}

// quotes scores pred's quotes against the gold quotes given (all of them, or
// the ones the rules are for: then predictions matching another gold quote
// are left out).
func (s *Scorer) quotes(qs *QuoteScores, gold, pred *annotate.Record, goldQuotes []annotate.RecordQuote) {
	predQuotes := pred.Quotes
	if len(goldQuotes) != len(gold.Quotes) {
		others := pairing(len(pred.Quotes), len(gold.Quotes), func(p, g int) int {
			return contentOverlap(pred.Quotes[p].Content, gold.Quotes[g].Content)
		})
		predQuotes = nil
		for p, q := range pred.Quotes {
			if g, ok := others[p]; ok && !s.ruleTarget(&gold.Quotes[g]) {
				continue
			}
			predQuotes = append(predQuotes, q)
		}
	}
	match := pairing(len(predQuotes), len(goldQuotes), func(p, g int) int {
		return contentOverlap(predQuotes[p].Content, goldQuotes[g].Content)
	})
	qs.Content.add(len(match), len(predQuotes), len(goldQuotes))
	// Cues: exact spans.
	var pc, gc []annotate.Segment
	for _, q := range predQuotes {
		if q.Cue != nil {
			pc = append(pc, *q.Cue)
		}
	}
	for _, q := range goldQuotes {
		if q.Cue != nil {
			gc = append(gc, *q.Cue)
		}
	}
	cues := pairing(len(pc), len(gc), func(p, g int) int {
		if pc[p].Start == gc[g].Start && pc[p].End == gc[g].End {
			return 1
		}
		return 0
	})
	qs.Cue.add(len(cues), len(pc), len(gc))
	// Speakers of matched quotes.
	for p, g := range match {
		gq := goldQuotes[g]
		if gq.Speaker == "" {
			continue
		}
		right := 0
		if sameSpeaker(entityByID(pred, predQuotes[p].Speaker), entityByID(gold, gq.Speaker)) {
			right = 1
		}
		qs.Speaker.add(right, 1)
	}
	// Recall of quotes in quotation marks.
	matchedGold := map[int]bool{}
	for _, g := range match {
		matchedGold[g] = true
	}
	for g, q := range goldQuotes {
		if hasQuoteMark(q.Content) {
			r := 0
			if matchedGold[g] {
				r = 1
			}
			qs.InQuotationMarks.add(r, 1)
		}
	}
}

func entityByID(r *annotate.Record, id string) *annotate.RecordEntity {
	if id == "" {
		return nil
	}
	for i := range r.Entities {
		if r.Entities[i].ID == id {
			return &r.Entities[i]
		}
	}
	return nil
}

// sameSpeaker: the spans overlap, or both end in the same word (another
// mention of the same name).
func sameSpeaker(p, g *annotate.RecordEntity) bool {
	if p == nil || g == nil {
		return false
	}
	if overlap(p.Start, p.End, g.Start, g.End) > 0 {
		return true
	}
	return lastWord(p.Text) != "" && lastWord(p.Text) == lastWord(g.Text)
}

func lastWord(s string) string {
	f := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' })
	if len(f) == 0 {
		return ""
	}
	return strings.ToLower(f[len(f)-1])
}

func (s *Scorer) relations(gold, pred *annotate.Record) {
	key := func(r *annotate.Record, rel annotate.RecordRelation) string {
		h, t := entityByID(r, rel.Head), entityByID(r, rel.Tail)
		if h == nil || t == nil {
			return ""
		}
		return rel.Type + "|" + spanKey(h) + "|" + spanKey(t)
	}
	types := map[string]bool{}
	for _, r := range gold.Relations {
		types[r.Type] = true
	}
	for _, r := range pred.Relations {
		types[r.Type] = true
	}
	for typ := range types {
		var g, p []string
		for _, r := range gold.Relations {
			if r.Type == typ {
				g = append(g, key(gold, r))
			}
		}
		for _, r := range pred.Relations {
			if r.Type == typ {
				p = append(p, key(pred, r))
			}
		}
		m := len(pairing(len(p), len(g), func(i, j int) int {
			if p[i] != "" && p[i] == g[j] {
				return 1
			}
			return 0
		}))
		ts := s.Scores.Relations.ByType[typ]
		if ts == nil {
			ts = &PRF{}
			s.Scores.Relations.ByType[typ] = ts
		}
		ts.add(m, len(p), len(g))
		s.Scores.Relations.All.add(m, len(p), len(g))
	}
}

func spanKey(e *annotate.RecordEntity) string {
	return strconv.Itoa(e.Start) + "-" + strconv.Itoa(e.End)
}
