package suggest

import (
	"sort"
	"strings"
	"unicode"

	"byline/annotate"
)

// cueHit is a cue found in the text, outside quotation marks: tokens [at, end).
type cueHit struct {
	at, end int
	kind    cueKind
	comma   bool // the clause may follow a bare comma (German)
	used    bool
	// speaker is who the hit was attributed to once used (nil when the
	// subject could not be resolved).
	speaker *annotate.SuggestedSpeaker
	// head is the earlier cue whose subject this one shares ("X said A and
	// added that B": "added" has "said" as head), or -1; join is the token
	// where the connector (", and", ", adding") starts.
	head int32
	join int
	// clip is the join of the first later cue sharing this one's subject:
	// this cue's clause ends there. 0 for none.
	clip int
}

// attribution is who said a quote and with which cue.
type attribution struct {
	hit     int // index into hits; -1 for none
	speaker *annotate.SuggestedSpeaker
	end     int // token after the attribution phrase
}

// quoteRun holds the quote rules' state for one document.
type quoteRun struct {
	*run
	quotes  []quoteSpan
	inQuote []bool // tokens inside quotation marks, marks included
	hits    []cueHit
	hitAt   []int32 // hitAt[token] is the hit starting there, or -1
	nextHit int     // the first hit indirect has not looked at
	out     []annotate.Suggestion
	// subjects are names standing as a clause's subject ("Her rival,
	// Anders Berg, thanked ..."), in text order: what a later pronoun may
	// refer to when nothing is marked.
	subjects []mention
	// last is the latest proposed quote with a speaker, for continuations.
	// fromSource marks the quotes whose cue is "according to" or the like.
	fromSource map[*annotate.SuggestedQuote]bool
	last       *annotate.SuggestedQuote
	lastTok    int
	lastPara   int
}

func (r *run) suggestQuotes() []annotate.Suggestion {
	d := r.d
	q := &quoteRun{run: r, quotes: d.findQuotes(), inQuote: make([]bool, len(d.toks)), hitAt: make([]int32, len(d.toks)), lastTok: -1,
		fromSource: map[*annotate.SuggestedQuote]bool{}}
	for _, s := range q.quotes {
		for k := s.open; k <= s.close; k++ {
			q.inQuote[k] = true
		}
	}
	for i := range d.toks {
		q.hitAt[i] = -1
	}
	for i := 0; i < len(d.toks); i++ {
		if r.halted(i) {
			return nil
		}
		if q.inQuote[i] {
			continue
		}
		n, v, ok := r.e.lex.phrases.match(d.words, i)
		if !ok {
			continue
		}
		if q.validCue(i) && !q.inSourcePhrase(i) {
			q.hitAt[i] = int32(len(q.hits))
			q.hits = append(q.hits, cueHit{at: i, end: i + n, kind: r.e.lex.kinds[v], comma: r.e.lex.comma[v], head: -1})
		}
		i += n - 1
	}
	q.coordinate()
	if r.halted(0) {
		return nil
	}
	q.findSubjects()
	// In text order, so that a pronoun can refer to any speaker before it.
	for k := 0; k < len(q.quotes); k++ {
		if k&63 == 0 && r.halted(0) {
			return nil
		}
		q.indirect(int(d.sentStart[q.quotes[k].open]))
		k = q.quote(k)
	}
	q.indirect(len(d.toks))
	return q.dropOverlaps()
}

// inSourcePhrase reports whether a verb at token i belongs to the
// "according to" phrase just before it in its clause ("according to a
// statement posted on its website", "a source quoted by Reuters"): a
// participle describing the source, not a cue of its own.
func (q *quoteRun) inSourcePhrase(i int) bool {
	if len(q.hits) == 0 {
		return false
	}
	h := q.hits[len(q.hits)-1]
	if h.kind != cueSource || i-h.end > 6 || q.d.sentStart[h.at] != q.d.sentStart[i] {
		return false
	}
	for k := h.end; k < i; k++ {
		if isBoundary(q.d, k) {
			return false
		}
	}
	return true
}

// sourceSpeaker finds who stands behind "according to" in tokens [a, limit):
// the holder of a document or the employer of a spokesperson ("a statement
// from the ministry", "a post by its spokeswoman Maria Zakharova"). A
// document with no holder named ("a statement posted online") is no speaker.
func (q *quoteRun) sourceSpeaker(a, limit int) *annotate.SuggestedSpeaker {
	d := q.d
	for k := a; k < limit && k < a+4; k++ {
		w := d.words[k]
		if sourceNouns[w] || spokesNouns[w] {
			if k+1 < limit && (sourceHolders[d.words[k+1]] || spokesNouns[w] && d.words[k+1] == "for") {
				if sp, _ := q.speakerAfter(k+2, limit); sp != nil {
					return sp
				}
			}
			if sourceNouns[w] {
				return nil
			}
			break
		}
		if q.possessive(k) && k > a {
			// "the bank's own projections": the bank.
			for m := k + 1; m < limit && m < k+4; m++ {
				if sourceNouns[d.words[m]] {
					return q.speakerIn(a, k, true)
				}
			}
		}
		if !determiners[w] && !(d.isWord(k) && !d.capitalised(k)) {
			break // a name holds the source: "WHO figures"
		}
	}
	sp, _ := q.speakerAfter(a, limit)
	return sp
}

// dropOverlaps keeps one proposal per clause: of two quotes whose content
// overlaps, the better one stays (quotation marks over an indirect quote, a
// speaker over none, the cue nearer the content). A quote reported inside
// another's content ("the bill, which critics said was rushed, would pass")
// is its own quote, unless the outer one only rests on "according to".
func (q *quoteRun) dropOverlaps() []annotate.Suggestion {
	out := q.out
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	bounds := func(i int) (int, int) {
		c := out[i].Quote.Content
		return c[0].Start, c[len(c)-1].End
	}
	sort.SliceStable(order, func(x, y int) bool {
		a, _ := bounds(order[x])
		b, _ := bounds(order[y])
		return a < b
	})
	dropped := make([]bool, len(out))
	for x, i := range order {
		_, iEnd := bounds(i)
		for _, j := range order[x+1:] {
			jStart, _ := bounds(j)
			if jStart >= iEnd {
				break
			}
			if dropped[i] || dropped[j] || !contentOverlaps(out[i].Quote, out[j].Quote) ||
				q.reportedInside(out[i].Quote, out[j].Quote) || q.reportedInside(out[j].Quote, out[i].Quote) {
				continue
			}
			if betterQuote(out[j].Quote, out[i].Quote) {
				dropped[i] = true
			} else {
				dropped[j] = true
			}
		}
	}
	kept := out[:0]
	for i, s := range out {
		if !dropped[i] {
			kept = append(kept, s)
		}
	}
	return kept
}

// reportedInside reports whether inner is a quote whose cue stands inside
// outer's content and outer's cue is a verb: two reports, both kept.
func (q *quoteRun) reportedInside(outer, inner *annotate.SuggestedQuote) bool {
	if inner.Cue == nil || outer.Cue == nil || q.fromSource[outer] {
		return false
	}
	for _, c := range outer.Content {
		if c.Start <= inner.Cue.Start && inner.Cue.End <= c.End {
			return true
		}
	}
	return false
}

func contentOverlaps(a, b *annotate.SuggestedQuote) bool {
	for _, x := range a.Content {
		for _, y := range b.Content {
			if x.Start < y.End && y.Start < x.End {
				return true
			}
		}
	}
	return false
}

// betterQuote reports whether a is the better proposal of two for one clause.
func betterQuote(a, b *annotate.SuggestedQuote) bool {
	if (a.Kind == annotate.QuoteIndirect) != (b.Kind == annotate.QuoteIndirect) {
		return b.Kind == annotate.QuoteIndirect
	}
	if (a.Speaker == nil) != (b.Speaker == nil) {
		return b.Speaker == nil
	}
	if (a.Cue == nil) != (b.Cue == nil) {
		return b.Cue == nil
	}
	return a.Cue != nil && cueDistance(a) < cueDistance(b)
}

// cueDistance is how many code points lie between a quote's cue and its content.
func cueDistance(s *annotate.SuggestedQuote) int {
	first, last := s.Content[0], s.Content[len(s.Content)-1]
	switch {
	case s.Cue.End <= first.Start:
		return first.Start - s.Cue.End
	case s.Cue.Start >= last.End:
		return s.Cue.Start - last.End
	}
	return 0
}

// coordinate links each cue that shares the subject of the cue before it in
// its sentence ("X said A and added that B", "X said A, and warned B", "X
// said A, adding that B") to that cue: each is its own quote with its own
// cue and the same speaker, and the earlier clause ends at the connector.
func (q *quoteRun) coordinate() {
	d := q.d
	for j := 1; j < len(q.hits); j++ {
		h, i := &q.hits[j], j-1
		// A cue in a relative clause ("the bill, which critics said was
		// rushed, ...") is not the verb the next one shares a subject with.
		for i > 0 && q.embedded(&q.hits[i]) && d.sentStart[q.hits[i-1].at] == d.sentStart[h.at] {
			i--
		}
		prev := &q.hits[i]
		if h.kind == cueSource || prev.kind == cueSource || d.sentStart[prev.at] != d.sentStart[h.at] {
			continue
		}
		join := q.connector(h)
		if join < prev.end {
			// "X said A, and Y added that B": A ends before ", and".
			for k := h.at - 2; k >= prev.end && k >= h.at-10 && prev.clip == 0; k-- {
				if d.words[k] == "," && conjunctions[d.words[k+1]] {
					prev.clip = k
				}
			}
			continue
		}
		h.head, h.join = int32(i), join
		// Every earlier cue's clause in the sentence ends at the connector.
		for k := j - 1; k >= 0 && d.sentStart[q.hits[k].at] == d.sentStart[h.at]; k-- {
			if x := &q.hits[k]; x.end <= join && (x.clip == 0 || x.clip > join) {
				x.clip = join
			}
		}
	}
}

// embedded reports whether a cue stands in a relative clause with a subject
// of its own ("which critics said", "who officials say"): a later verb of
// the sentence does not share that subject. "Lavrov, who said ..." is no
// such clause: "who" is the speaker.
func (q *quoteRun) embedded(h *cueHit) bool {
	d := q.d
	ss := int(d.sentStart[h.at])
	end := q.skipBack(ss, h.at)
	for k := end - 1; k >= ss && k >= h.at-6; k-- {
		if relatives[d.words[k]] {
			return k+1 < end && (k == ss || isBoundary(d, k-1))
		}
		if isBoundary(d, k) {
			return false
		}
	}
	return false
}

// connector returns the first token of what joins a cue to an earlier verb
// of the same subject: "and" (with a comma before it, and auxiliaries or
// adverbs after it: "and also warned"), or the comma before a reporting
// participle with a clause ("…, adding that"); -1 when there is none.
func (q *quoteRun) connector(h *cueHit) int {
	d := q.d
	k := h.at
	for k > 0 && beforeCue[d.words[k-1]] {
		k--
	}
	if k > 0 && conjunctions[d.words[k-1]] {
		k--
		if k > 0 && d.words[k-1] == "," {
			k--
		}
		return k
	}
	if h.at > 0 && d.words[h.at-1] == "," && strings.HasSuffix(d.words[h.at], "ing") &&
		h.end < len(d.words) && complementizers[d.words[h.end]] {
		return h.at - 1
	}
	return -1
}

// headSpeaker returns the speaker of the cue a coordinated cue shares its
// subject with: the one it was attributed to, or else the subject before it.
func (q *quoteRun) headSpeaker(h *cueHit) *annotate.SuggestedSpeaker {
	head := &q.hits[h.head]
	if head.used {
		return head.speaker
	}
	if head.head >= 0 {
		return q.headSpeaker(head)
	}
	ss := int(q.d.sentStart[head.at])
	if c := q.findWordBack(ss, head.at, ",", 12); c >= ss && c < q.skipBack(ss, head.at)-1 {
		ss = c + 1
	}
	return q.speakerBefore(ss, head.at)
}

// subjectBefore is speakerBefore for the cue h at token b: a cue coordinated
// with an earlier one takes that one's speaker.
func (q *quoteRun) subjectBefore(h *cueHit, a, b int) *annotate.SuggestedSpeaker {
	if h.head >= 0 {
		return q.headSpeaker(h)
	}
	return q.speakerBefore(a, b)
}

// findSubjects collects the names that open a sentence or follow a comma,
// outside quotation marks: two words or more, or one after a comma.
func (q *quoteRun) findSubjects() {
	d := q.d
	for k := 0; k < len(d.toks); k++ {
		atStart := k == int(d.sentStart[k])
		if q.inQuote[k] || !(atStart || k > 0 && d.words[k-1] == ",") || !d.capitalised(k) {
			continue
		}
		end := int(d.sentEnd[k])
		ra, rb := q.nameRun(k, min(end, k+6), false)
		if ra >= rb || ra != k && !titleWords[d.words[k]] || atStart && rb-ra < 2 || q.possessive(rb) {
			continue
		}
		seg := d.segment(ra, rb)
		q.subjects = append(q.subjects, mention{start: seg.Start, end: seg.End, label: q.labelFor(ra, rb), text: seg.Text})
		k = rb - 1
	}
}

// validCue rejects a cue word used otherwise: capitalised inside a sentence
// (a name), after a determiner (a noun: "the report"), or negated.
func (q *quoteRun) validCue(i int) bool {
	d := q.d
	ss := int(d.sentStart[i])
	if d.capitalised(i) && i != ss && !(i > 0 && d.markRune(i-1) != 0) {
		return false
	}
	if i > 0 && !d.spaceBefore(i) && d.isPunct(i-1) {
		return false // part of a compound: "so-called"
	}
	if i > ss {
		prev := d.words[i-1]
		if determiners[prev] || negations[prev] {
			return false
		}
	}
	return true
}

// paragraph counts the line breaks up to token i (cheaply: callers compare
// neighbouring quotes only).
func (q *quoteRun) paragraphsBetween(a, b int) int {
	n := 0
	for k := a + 1; k <= b && k < len(q.d.toks); k++ {
		if q.d.newlineBefore(k) {
			n++
		}
	}
	return n
}

// quote proposes the quote quotes[k] (merged with the next one when a cue
// splits them) and returns the index of the last quote it used.
func (q *quoteRun) quote(k int) int {
	d := q.d
	s := q.quotes[k]
	segs := []annotate.Segment{d.segment(s.open, s.close+1)}
	words := q.wordsIn(s)
	direct := q.startsClause(s.open)
	att := attribution{hit: -1}
	if !direct {
		// A partial quote sits in the reporter's clause: its cue comes first
		// ("the ministry said the talks were “frank”").
		att = q.before(s, direct)
	}
	if att.hit < 0 {
		att = q.after(s)
	}
	if att.hit >= 0 && q.hits[att.hit].at < s.open {
		// found before: nothing to merge
	} else if att.hit >= 0 && !s.openEnded {
		// “We are ready,” Lavrov said, “but not at any price.”
		if k+1 < len(q.quotes) && q.continuesAfter(s, att.end, q.quotes[k+1]) {
			k++
			next := q.quotes[k]
			segs = append(segs, d.segment(next.open, next.close+1))
			words += q.wordsIn(next)
		}
	} else if b := q.before(s, direct); b.hit >= 0 {
		att = b
	}
	sq := &annotate.SuggestedQuote{Kind: annotate.QuoteDirect, Content: segs}
	if !direct {
		sq.Kind = annotate.QuotePartial
	}
	reason := "quotation marks"
	switch {
	case att.hit >= 0:
		h := &q.hits[att.hit]
		h.used, h.speaker = true, att.speaker
		cue := d.segment(h.at, h.end)
		sq.Cue = &cue
		sq.Speaker = att.speaker
		reason += " + '" + cue.Text + "'"
	case words <= 5:
		return k // a scare quote or a title: short, and no one says it
	case direct && q.last != nil && q.paragraphsBetween(q.lastTok, s.open) <= 1:
		sp := *q.last.Speaker
		sq.Speaker = &sp
		reason += ", continuing the quote before"
	}
	if q.overlapsAny(segs) {
		return k
	}
	reason += speakerReason(sq.Speaker)
	q.out = append(q.out, annotate.Suggestion{Kind: annotate.SuggestQuote, Reason: reason, Quote: sq})
	if sq.Speaker != nil {
		q.last, q.lastTok = sq, q.quotes[k].close
		q.rememberSpeaker(sq.Speaker)
	}
	return k
}

// named reports whether text reads as a name: capitalised, not "The ...".
func named(text string) bool {
	w := text
	if i := strings.IndexAny(text, " \u00A0"); i >= 0 {
		w = text[:i]
	}
	return unicode.IsUpper(firstRune(w)) && !notNames[fold(w)]
}

func speakerReason(sp *annotate.SuggestedSpeaker) string {
	if sp == nil {
		return ""
	}
	if sp.Pronoun != nil {
		return "; '" + sp.Pronoun.Text + "' = " + sp.Text
	}
	return ""
}

// rememberSpeaker lets later pronouns refer to a new speaker span.
func (q *quoteRun) rememberSpeaker(sp *annotate.SuggestedSpeaker) {
	if sp.EntityID != 0 || sp.Pronoun != nil {
		return
	}
	if !named(sp.Text) {
		return // "officials" is no antecedent for a later "he"
	}
	q.speakers = append(q.speakers, mention{start: sp.Start, end: sp.End, label: sp.Label, text: sp.Text})
}

func (q *quoteRun) overlapsAny(segs []annotate.Segment) bool {
	for _, s := range segs {
		if q.overlapsQuote(s.Start, s.End) {
			return true
		}
	}
	return false
}

// wordsIn counts the word tokens inside a quote's marks.
func (q *quoteRun) wordsIn(s quoteSpan) int {
	n := 0
	for k := s.open + 1; k < s.close; k++ {
		if q.d.isWord(k) {
			n++
		}
	}
	return n
}

// startsClause reports whether a quote opening at token o stands as a
// sentence or clause of its own (direct) rather than inside the reporter's
// words (partial).
func (q *quoteRun) startsClause(o int) bool {
	d := q.d
	if o == int(d.sentStart[o]) || o == 0 {
		return true
	}
	switch d.words[o-1] {
	case ":", ",", "—", "–", "-", "(":
		return true
	}
	if h := q.hitEndingAt(o); h >= 0 {
		return true // said “...”
	}
	return false
}

// hitEndingAt returns the cue hit ending right before token o, or -1.
func (q *quoteRun) hitEndingAt(o int) int {
	for k := o - 1; k >= 0 && k >= o-4; k-- {
		if h := q.hitAt[k]; h >= 0 {
			if q.hits[h].end == o {
				return int(h)
			}
			return -1
		}
	}
	return -1
}

// skipDashes skips the punctuation between a quote and its attribution.
func (q *quoteRun) skipDashes(j, limit int) int {
	for j < limit {
		switch q.d.words[j] {
		case ",", "—", "–", "-", ":":
			j++
			continue
		}
		break
	}
	return j
}

// after finds the attribution following a quote: “...,” Lavrov said /
// said Lavrov / the ministry said in a statement / according to X.
func (q *quoteRun) after(s quoteSpan) attribution {
	d := q.d
	none := attribution{hit: -1}
	if s.openEnded || s.close+1 >= len(d.toks) {
		return none
	}
	limit := int(d.sentEnd[s.close])
	if d.newlineBefore(s.close + 1) {
		return none
	}
	if d.sentEnd[s.close+1] != d.sentEnd[s.close] {
		// The quote ends its sentence. Only a short sentence of subject and
		// cue attributes it: “We are ready.” Lavrov said.
		limit = int(d.sentEnd[s.close+1])
		if limit-(s.close+1) > 7 {
			return none
		}
	}
	j0 := q.skipDashes(s.close+1, limit)
	for i := j0; i < limit && i < j0+10; i++ {
		if q.inQuote[i] || isTerminal(d.words[i]) {
			break
		}
		h := q.hitAt[i]
		if h < 0 || q.hits[h].used {
			continue
		}
		hit := q.hits[h]
		att := attribution{hit: int(h), end: hit.end}
		switch {
		case hit.kind == cueSource || i == j0 && hit.kind == cueVerb:
			att.speaker, att.end = q.speakerAfter(hit.end, limit)
		case i > j0 && i-j0 <= 8:
			att.speaker = q.speakerBefore(j0, i)
			if att.speaker == nil && !q.subjectLike(j0, i) {
				return none
			}
		default:
			return none
		}
		return att
	}
	return none
}

// subjectLike reports whether tokens [a, b) could be a subject the rules
// could not resolve (an unknown pronoun): short and without punctuation.
func (q *quoteRun) subjectLike(a, b int) bool {
	if b-a > 3 {
		return false
	}
	for k := a; k < b; k++ {
		if !q.d.isWord(k) {
			return false
		}
	}
	return true
}

// continuesAfter reports whether quote next continues quote s after the
// attribution ending at token end: “A,” X said, “b.”
func (q *quoteRun) continuesAfter(s quoteSpan, end int, next quoteSpan) bool {
	d := q.d
	if next.open <= end || d.sentStart[next.open] != d.sentStart[end-1] && !d.capitalisedAfterComma(next.open) {
		return false
	}
	last := d.words[s.close-1]
	if isTerminal(last) && last != "…" {
		return false // “We are ready.” Lavrov said. “But...” is two quotes
	}
	if next.open-end > 8 || !(d.words[next.open-1] == "," || d.words[next.open-1] == ":") {
		return false
	}
	for k := end; k < next.open; k++ {
		if isTerminal(d.words[k]) {
			return false
		}
	}
	return true
}

// capitalisedAfterComma: “A,” X said, “But b.” splits no sentence.
func (d *doc) capitalisedAfterComma(o int) bool {
	return o > 0 && d.words[o-1] == ","
}

// before finds the attribution preceding a quote in its sentence: Lavrov
// said: “...”, according to X, “...”, the ministry said the talks were “...”.
func (q *quoteRun) before(s quoteSpan, direct bool) attribution {
	d := q.d
	none := attribution{hit: -1}
	ss := int(d.sentStart[s.open])
	for i := s.open - 1; i >= ss; i-- {
		if q.inQuote[i] {
			return none
		}
		h := q.hitAt[i]
		if h < 0 || q.hits[h].used {
			continue
		}
		hit := q.hits[h]
		if direct && s.open-hit.end > 8 {
			return none
		}
		att := attribution{hit: int(h), end: hit.end}
		if hit.kind == cueSource {
			att.speaker, _ = q.speakerAfter(hit.end, s.open)
		} else {
			att.speaker = q.subjectBefore(&q.hits[h], ss, hit.at)
		}
		return att
	}
	return none
}

// indirect proposes reported speech without quotation marks for the cues no
// quote used, up to token upTo: "X said (that) ...", "..., X said.",
// "according to X, ...".
func (q *quoteRun) indirect(upTo int) {
	d := q.d
	for ; q.nextHit < len(q.hits) && q.hits[q.nextHit].at < upTo; q.nextHit++ {
		if q.nextHit&255 == 0 && q.halted(0) {
			return
		}
		h := &q.hits[q.nextHit]
		if h.used || h.kind == cueQuoting {
			continue
		}
		if h.head < 0 && h.kind != cueSource && h.at > 0 && d.words[h.at-1] == "," && strings.HasSuffix(d.words[h.at], "ing") {
			continue // ", urging parents to ...": a participle adjunct of the clause before
		}
		ss, se := int(q.d.sentStart[h.at]), int(q.d.sentEnd[h.at])
		if h.head < 0 && q.sentenceQuoted(ss, se) {
			continue // a coordinated cue's own clause is checked below
		}
		e := se
		for e > ss && (isTerminal(d.words[e-1]) || d.markRune(e-1) != 0 || d.words[e-1] == ")" || d.words[e-1] == ":" || d.words[e-1] == ",") {
			e--
		}
		if e == se || !(isTerminal(d.words[se-1]) || d.words[se-1] == ":" || d.markRune(se-1) != 0) {
			continue // a headline or a fragment: no sentence
		}
		if h.clip > 0 && h.clip < e {
			e = h.clip // "X said A and added B": A ends before "and"
		}
		if q.embedded(h) {
			if k := q.findWord(h.end, e, ",", 40); k >= 0 {
				e = k // "the bill, which critics said was rushed, would pass"
			}
		}
		var content [2]int
		var sp *annotate.SuggestedSpeaker
		reason := "'" + d.segment(h.at, h.end).Text + "' + reported clause"
		switch h.kind {
		case cueSource:
			reason = "'" + d.segment(h.at, h.end).Text + "'"
			if h.at == ss {
				c := q.findWord(h.end, e, ",", 10)
				if c < 0 {
					// "Laut Ifo-Institut wird die Wirtschaft ...": the
					// clause starts after the source's name.
					ra, rb := q.nameRun(h.end, min(e, h.end+5), false)
					if ra != h.end {
						continue
					}
					seg := d.segment(ra, rb)
					sp = &annotate.SuggestedSpeaker{Start: seg.Start, End: seg.End, Label: q.labelFor(ra, rb), Text: seg.Text}
					content = [2]int{rb, e}
					break
				}
				sp = q.sourceSpeaker(h.end, c)
				content = [2]int{c + 1, e}
			} else if d.words[h.at-1] == "," {
				sp = q.sourceSpeaker(h.end, e)
				content = [2]int{ss, h.at - 1}
			} else {
				continue
			}
		default:
			var ok bool
			content, sp, ok = q.reported(h, ss, e)
			if !ok {
				continue
			}
			// "X said CLAUSE, according to a statement": the source phrase
			// attributes the clause, it is not part of it.
			for j := q.nextHit + 1; j < len(q.hits) && q.hits[j].at < content[1]; j++ {
				if at := q.hits[j].at; q.hits[j].kind == cueSource && at > content[0] && d.words[at-1] == "," {
					content[1] = at - 1
					break
				}
			}
		}
		if q.countWords(content[0], content[1]) < 3 {
			continue
		}
		if h.head >= 0 {
			if q.sentenceQuoted(content[0], content[1]) {
				continue
			}
			reason += ", same subject as '" + d.segment(q.hits[h.head].at, q.hits[h.head].end).Text + "'"
		}
		seg := d.segment(content[0], content[1])
		if q.overlapsQuote(seg.Start, seg.End) {
			continue
		}
		h.used, h.speaker = true, sp
		cue := d.segment(h.at, h.end)
		sq := &annotate.SuggestedQuote{Kind: annotate.QuoteIndirect, Content: []annotate.Segment{seg}, Cue: &cue, Speaker: sp}
		q.out = append(q.out, annotate.Suggestion{Kind: annotate.SuggestQuote, Reason: reason + speakerReason(sp), Quote: sq})
		if h.kind == cueSource {
			q.fromSource[sq] = true
		}
		if sp != nil {
			q.rememberSpeaker(sp)
			q.last, q.lastTok = sq, content[1]
		}
	}
}

// reported finds the clause and the speaker of a reporting verb that no
// quotation uses: "X said (that) CLAUSE" or "CLAUSE, X said."
func (q *quoteRun) reported(h *cueHit, ss, e int) (content [2]int, sp *annotate.SuggestedSpeaker, ok bool) {
	d := q.d
	if h.head >= 0 {
		// "... and added (that) CLAUSE": the subject is the earlier cue's.
		c := q.clauseAfter(h, e)
		if c >= e || q.noClauseAt(c) && d.words[c] != "to" || d.words[c] == "," || d.words[c] == ":" {
			return content, nil, false // "promised to bring ..." is a clause here
		}
		return [2]int{c, e}, q.headSpeaker(h), true
	}
	// CLAUSE, said X. / CLAUSE, X (, APPOSITIVE,) said (in a statement)(, adding ...).
	if h.at > ss+1 && q.endsClause(h.end, e) {
		if d.words[h.at-1] == "," && h.end < e && !adjunctStarts[d.words[h.end]] {
			sp, _ = q.speakerAfter(h.end, e)
			return [2]int{ss, h.at - 1}, sp, true
		}
		var from int
		sp, from = q.speakerBeforeFrom(ss, h.at)
		if from > ss && d.words[from-1] == "," && (sp != nil || q.subjectLike(from, q.skipBack(from, h.at))) {
			return [2]int{ss, from - 1}, sp, true
		}
	}
	// X said (on Tuesday) (that) CLAUSE. A comma right before the cue closes
	// an appositive or a relative clause of the subject, which
	// speakerBefore reads.
	clauseStart := ss
	if c := q.findWordBack(ss, h.at, ",", 12); c >= ss && c < q.skipBack(ss, h.at)-1 {
		clauseStart = c + 1
		if conjunctions[d.words[clauseStart]] {
			clauseStart++ // "..., and analysts warned"
		}
	}
	sp, from := q.speakerBeforeFrom(clauseStart, h.at)
	if sp == nil && !q.subjectLike(from, q.skipBack(from, h.at)) {
		return content, nil, false
	}
	if q.skipBack(clauseStart, h.at) == clauseStart {
		return content, nil, false // no subject at all
	}
	c := q.clauseAfter(h, e)
	if c < e && (d.words[c] == "," || d.words[c] == ":") {
		return content, nil, false // said: (a quotation without marks) or said, ...
	}
	if c >= e || q.noClauseAt(c) {
		return content, nil, false
	}
	return [2]int{c, e}, sp, true
}

// clauseAfter returns the first token of the clause a cue reports, in
// tokens up to e: past a complementizer, an addressee ("told reporters")
// or an adjunct ("said on Tuesday, ...").
func (q *quoteRun) clauseAfter(h *cueHit, e int) int {
	d := q.d
	c := h.end
	if c < e && d.words[c] == "," && c+1 < e && (complementizers[d.words[c+1]] || h.comma && d.isWord(c+1)) {
		c++ // сказал, что ...; sagte, die Lage sei ernst
	}
	if t := q.findComplementizer(c, e, 8); t >= 0 {
		c = t + 1
	} else if h.kind == cueObject {
		c = q.skipAddressee(c, e)
	} else if c < e && adjunctStarts[d.words[c]] {
		if k := q.findWord(c, e, ",", 6); k >= 0 {
			c = k + 1
		}
	}
	return c
}

// noClauseAt reports whether the word at c, right after a cue, shows the
// cue takes no clause ("added to", "said by"); after "that" any word may
// open the clause ("said that about 100 ...").
func (q *quoteRun) noClauseAt(c int) bool {
	return notClause[q.d.words[c]] && !(c > 0 && complementizers[q.d.words[c-1]])
}

// endsClause reports whether nothing but an adjunct ("in a statement", "on
// Tuesday") and a participle clause (", adding that ...") follows a cue that
// ends at token a: then the cue attributes the clause before it.
func (q *quoteRun) endsClause(a, e int) bool {
	d := q.d
	if a >= e {
		return true
	}
	if d.words[a] == "," {
		return a+1 < e && strings.HasSuffix(d.words[a+1], "ing")
	}
	if !adjunctStarts[d.words[a]] {
		// Only a short noun phrase may follow: "said the governor.", or one
		// ending at a comma: "said Lavrov, who arrived on Monday."
		if !d.capitalised(a) && !determiners[d.words[a]] {
			return false
		}
		return e-a <= 3 || q.findWord(a+1, e, ",", 4) > a
	}
	for k := a; k < e && k < a+7; k++ {
		if d.words[k] == "," {
			return k+1 < e && strings.HasSuffix(d.words[k+1], "ing")
		}
		if complementizers[d.words[k]] {
			return false
		}
	}
	return e-a <= 6
}

// skipBack returns where the subject ends before a cue at token b, past
// auxiliaries and adverbs.
func (q *quoteRun) skipBack(a, b int) int {
	for b > a && beforeCue[q.d.words[b-1]] {
		b--
	}
	return b
}

// skipAddressee skips the person told: "told reporters", "told the BBC".
func (q *quoteRun) skipAddressee(c, e int) int {
	d := q.d
	if c < e && determiners[d.words[c]] {
		c++
	}
	if c < e && d.isWord(c) {
		c++
	}
	for c < e && d.capitalised(c) {
		c++
	}
	if c < e && adjunctStarts[d.words[c]] {
		if k := q.findWord(c, e, ",", 6); k >= 0 {
			c = k + 1
		}
	}
	return c
}

// findComplementizer returns the complementizer ("that") opening the clause
// of a cue ending at token a, within the next tokens up to e, past an
// adjunct ("said on Tuesday that", "said Tuesday, however, that"); -1 when
// there is none. Another cue or a conjunction ends the search ("said A and
// that B": the second "that" is inside the clause).
func (q *quoteRun) findComplementizer(a, e, within int) int {
	for k := a; k < e && k < a+within; k++ {
		w := q.d.words[k]
		if isTerminal(w) || conjunctions[w] || q.hitAt[k] >= 0 || w == "," && k-a >= 4 {
			return -1
		}
		if complementizers[w] {
			return k
		}
	}
	return -1
}

// findWord returns the first token in [a, e) within the first n equal to w.
func (q *quoteRun) findWord(a, e int, w string, n int) int {
	for k := a; k < e && k < a+n; k++ {
		if q.d.words[k] == w {
			return k
		}
	}
	return -1
}

// findWordBack returns the last token in [a, b) within n of b equal to w.
func (q *quoteRun) findWordBack(a, b int, w string, n int) int {
	for k := b - 1; k >= a && k >= b-n; k-- {
		if q.d.words[k] == w {
			return k
		}
	}
	return -1
}

func (q *quoteRun) countWords(a, b int) int {
	n := 0
	for k := a; k < b; k++ {
		if q.d.isWord(k) {
			n++
		}
	}
	return n
}

// sentenceQuoted reports whether tokens [a, b) include quotation marks.
func (q *quoteRun) sentenceQuoted(a, b int) bool {
	for k := a; k < b; k++ {
		if q.inQuote[k] {
			return true
		}
	}
	return false
}

// speakerBefore finds the subject of a cue at token b in tokens [a, b):
// the clause's last noun phrase, past auxiliaries, adverbs and an
// appositive ("Lavrov, Russia's foreign minister, said").
func (q *quoteRun) speakerBefore(a, b int) *annotate.SuggestedSpeaker {
	sp, _ := q.speakerBeforeFrom(a, b)
	return sp
}

// speakerBeforeFrom is speakerBefore that also returns the first token of
// the subject phrase.
func (q *quoteRun) speakerBeforeFrom(a, b int) (*annotate.SuggestedSpeaker, int) {
	d := q.d
	b = q.skipBack(a, b)
	if b > a && d.words[b-1] == "," {
		if p := q.findWordBack(a, b-1, ",", 10); p >= a {
			// "The store's owner, Miriam Adler, said": the name, wherever
			// it is; "Lavrov, Russia's top diplomat, said": the head.
			if sp := q.speakerIn(p+1, b-1, true); sp != nil && sp.EntityID == 0 && named(sp.Text) && q.commonHead(a, p) {
				return sp, p + 1
			}
			b = p
		} else {
			b--
		}
	}
	start := b
	for start > a && start > b-8 {
		w := d.words[start-1]
		if w == "," || w == ";" || w == ":" || w == "—" || w == "–" || w == "(" || w == ")" || d.markRune(start-1) != 0 || isTerminal(w) {
			break
		}
		if conjunctions[w] && start-1 > a && d.words[start-2] == "," || relatives[w] {
			break // "..., and analysts warned", "which critics said": the subject follows
		}
		start--
	}
	if start >= b {
		return nil, start
	}
	return q.speakerIn(start, b, true), start
}

// commonHead reports whether the clause chunk before token p (back to a
// clause boundary) is a common noun phrase with no name in it.
func (q *quoteRun) commonHead(a, p int) bool {
	start := p
	for start > a && !isBoundary(q.d, start-1) && start > p-8 {
		start--
	}
	if start >= p {
		return false
	}
	if determiners[q.d.words[start]] {
		return true // "The European Union's negotiator", "Le ministre de l'Économie"
	}
	ra, rb := q.nameRun(start, p, true)
	return ra >= rb || q.possessive(rb)
}

// possessive reports whether token k is a clitic 's: the name before it
// modifies what follows ("WHO's regional director").
func (q *quoteRun) possessive(k int) bool {
	return k < len(q.d.toks) && (q.d.words[k] == "'s" || q.d.words[k] == "'")
}

func isBoundary(d *doc, k int) bool {
	w := d.words[k]
	return w == "," || w == ";" || w == ":" || w == "—" || w == "–" || w == "(" || w == ")" || d.markRune(k) != 0 || isTerminal(w)
}

// speakerAfter finds the speaker after a cue (said Lavrov; according to the
// ministry) in tokens from a up to the first stop; it returns the speaker
// and the token after the phrase.
func (q *quoteRun) speakerAfter(a, limit int) (*annotate.SuggestedSpeaker, int) {
	d := q.d
	b := a
	for b < limit && b < a+8 {
		w := d.words[b]
		if afterNameStops[w] && !d.capitalised(b) || isTerminal(w) || w == "," || w == ";" || w == ":" || w == "(" || d.markRune(b) != 0 {
			break
		}
		b++
	}
	if b == a {
		return nil, b
	}
	sp := q.speakerIn(a, b, false)
	// "said its lead actor, Emir Hadzic": the name in apposition.
	if (sp == nil || sp.EntityID == 0 && (!named(sp.Text) || determiners[d.words[a]])) && b+1 < limit && d.words[b] == "," {
		if ra, rb := q.nameRun(b+1, min(limit, b+6), false); ra < rb && ra == b+1 {
			seg := d.segment(ra, rb)
			return &annotate.SuggestedSpeaker{Start: seg.Start, End: seg.End, Label: q.labelFor(ra, rb), Text: seg.Text}, rb
		}
	}
	return sp, b
}

var labelRank = map[string]int{"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3}

func rank(label string) int {
	if r, ok := labelRank[label]; ok {
		return r
	}
	return 9
}

// speakerIn picks the speaker in the phrase [a, b): an entity already
// marked there, a proposed name, a pronoun's antecedent, a capitalised name
// or a common noun phrase.
func (q *quoteRun) speakerIn(a, b int, preferLast bool) *annotate.SuggestedSpeaker {
	d := q.d
	s, e := d.cp(a, b)
	// An entity marked there (PERSON before ORG before GPE).
	var best *annotate.Entity
	for k := q.firstEntityFrom(s); k < len(q.entities) && q.entities[k].Start < e; k++ {
		x := &q.entities[k]
		if x.End > e || rank(x.Label) > 3 {
			continue
		}
		if best == nil || rank(x.Label) < rank(best.Label) || rank(x.Label) == rank(best.Label) && preferLast {
			best = x
		}
	}
	if best != nil {
		return &annotate.SuggestedSpeaker{EntityID: best.ID, Start: best.Start, End: best.End, Label: best.Label, Text: best.Text}
	}
	if b-a == 1 {
		if labels, ok := pronounLabels[d.words[a]]; ok {
			return q.resolve(d.segment(a, b), labels)
		}
	}
	// A proposed name there.
	i := sort.Search(len(q.names), func(i int) bool { return q.names[i].Entity.Start >= s })
	var name *annotate.SuggestedEntity
	for ; i < len(q.names) && q.names[i].Entity.Start < e; i++ {
		x := q.names[i].Entity
		if x.End > e || rank(x.Label) > 3 {
			continue
		}
		if name == nil || rank(x.Label) < rank(name.Label) || rank(x.Label) == rank(name.Label) && preferLast {
			name = x
		}
	}
	if name != nil {
		return &annotate.SuggestedSpeaker{Start: name.Start, End: name.End, Label: name.Label, Text: name.Text}
	}
	if preferLast {
		// "Environment Minister Vikram Rao of India": the name before "of".
		for k := a + 1; k < b-1; k++ {
			if prepositions[d.words[k]] && d.capitalised(k-1) {
				if ra, rb := q.nameRun(a, k, true); ra < rb {
					b = k
				}
				break
			}
		}
	}
	if ra, rb := q.nameRun(a, b, preferLast); ra < rb {
		seg := d.segment(ra, rb)
		return &annotate.SuggestedSpeaker{Start: seg.Start, End: seg.End, Label: q.labelFor(ra, rb), Text: seg.Text}
	}
	return q.nounPhrase(a, b)
}

// nameRun returns the last (or first) run of capitalised tokens in [a, b),
// titles stripped from its front; an empty range when there is none.
func (q *quoteRun) nameRun(a, b int, last bool) (int, int) {
	d := q.d
	isName := func(k int) bool {
		return d.capitalised(k) && !notNames[d.words[k]] && d.isWord(k)
	}
	ra, rb := -1, -1
	for k := a; k < b; k++ {
		if !isName(k) {
			continue
		}
		end := k + 1
		for end < b {
			switch {
			case isName(end):
				end++
				continue
			case particles[d.words[end]] && end+1 < b && isName(end+1):
				end++
				continue
			case d.words[end] == "-" && !d.spaceBefore(end) && !d.spaceAfter(end) && end+1 < b && d.isWord(end+1):
				end += 2 // "Ifo-Institut", "Jean-Luc"
				continue
			}
			break
		}
		ra, rb = k, end
		if !last {
			break
		}
		k = end - 1
	}
	if ra < 0 {
		return 0, 0
	}
	// Strip titles and nationalities in front: the name is what follows the
	// last title word ("Russian Foreign Minister Sergei Lavrov").
	for k := rb - 1; k >= ra && !orgWords[d.words[rb-1]]; k-- { // "Russian Foreign Ministry" is whole
		if titleWords[d.words[k]] {
			if k+1 < rb {
				ra = k + 1
			} else if !orgWords[d.words[k]] {
				return 0, 0 // only a title: "the President"
			}
			break
		}
	}
	for rb > ra && (strings.HasSuffix(d.words[rb-1], "'s")) {
		rb--
	}
	return ra, rb
}

// labelFor guesses a new speaker span's label: what the corpus marks the
// text as, else ORG for organisation words and acronyms, else PERSON.
func (q *quoteRun) labelFor(a, b int) string {
	d := q.d
	text := d.segment(a, b).Text
	if n, v, ok := q.e.names.match([]string{text}, 0); ok && n == 1 {
		return q.e.labels[v].label
	}
	if titleWords[d.words[b-1]] {
		return "PERSON" // "a police spokesman", "the ministry's director"
	}
	for k := a; k < b; k++ {
		if orgWords[d.words[k]] {
			return "ORG"
		}
	}
	if b-a == 1 && isAcronym(d.word(a)) {
		return "ORG"
	}
	return "PERSON"
}

func isAcronym(w string) bool {
	if len(w) < 2 {
		return false
	}
	for _, r := range w {
		if !('A' <= r && r <= 'Z') && r != '.' && !(r >= 'А' && r <= 'Я') {
			return false
		}
	}
	return true
}

// nounPhrase proposes a common noun phrase as the speaker: "the foreign
// ministry" (ORG), "a senior official" (PERSON).
func (q *quoteRun) nounPhrase(a, b int) *annotate.SuggestedSpeaker {
	d := q.d
	for k := a; k < b; k++ { // from the last determiner
		if determiners[d.words[k]] {
			a = k
		}
	}
	if b-a > 6 || !d.isWord(b-1) || pronounLabels[d.words[a]] != nil || notNames[d.words[b-1]] {
		return nil
	}
	if b-a > 2 && !determiners[d.words[a]] {
		return nil // too long to be a bare noun phrase ("officials in Kyiv")
	}
	seg := d.segment(a, b)
	return &annotate.SuggestedSpeaker{Start: seg.Start, End: seg.End, Label: q.labelFor(a, b), Text: seg.Text}
}

// resolve finds the nearest entity before a pronoun with a fitting label:
// marked, proposed by name, or an earlier proposed speaker.
func (q *quoteRun) resolve(pron annotate.Segment, labels []string) *annotate.SuggestedSpeaker {
	fits := func(l string) bool {
		for _, x := range labels {
			if x == l {
				return true
			}
		}
		return false
	}
	var best *annotate.SuggestedSpeaker
	consider := func(m mention) {
		if m.end <= pron.Start && fits(m.label) && (best == nil || m.start > best.Start) {
			best = &annotate.SuggestedSpeaker{EntityID: m.entityID, Start: m.start, End: m.end, Label: m.label, Text: m.text}
		}
	}
	for k, n := q.firstEntityFrom(pron.Start)-1, 0; k >= 0 && n < 200; k, n = k-1, n+1 {
		x := &q.entities[k]
		if x.End <= pron.Start && fits(x.Label) {
			consider(mention{x.Start, x.End, x.Label, x.ID, x.Text})
			break
		}
	}
	i := sort.Search(len(q.names), func(i int) bool { return q.names[i].Entity.Start >= pron.Start })
	for k, n := i-1, 0; k >= 0 && n < 200; k, n = k-1, n+1 {
		x := q.names[k].Entity
		if x.End <= pron.Start && fits(x.Label) {
			consider(mention{x.Start, x.End, x.Label, 0, x.Text})
			break
		}
	}
	j := sort.Search(len(q.subjects), func(i int) bool { return q.subjects[i].start >= pron.Start })
	for k := j - 1; k >= 0 && k >= j-20; k-- {
		if fits(q.subjects[k].label) && q.subjects[k].end <= pron.Start {
			consider(q.subjects[k])
			break
		}
	}
	for k := len(q.speakers) - 1; k >= 0 && k >= len(q.speakers)-20; k-- {
		if fits(q.speakers[k].label) && q.speakers[k].end <= pron.Start {
			consider(q.speakers[k])
			break
		}
	}
	if best != nil {
		p := pron
		best.Pronoun = &p
	}
	return best
}
