// Package suggest proposes annotations by deterministic rules: quotes with
// their cue and speaker (quotation marks, reporting verbs, "according to")
// and entities the corpus has already marked elsewhere (string matching).
// Every suggestion carries the reason it was made. The rules and the cue
// lexicon are documented in the README ("Suggestions").
package suggest

import (
	"sort"

	"byline/annotate"
)

// Options choose what to suggest; the zero value suggests nothing.
type Options struct {
	Quotes   bool
	Entities bool
}

// All suggests quotes and entities.
var All = Options{Quotes: true, Entities: true}

// Engine holds what suggestions are computed from, for a whole corpus: the
// cue lexicon (with the schema's cues), the corpus's marked names and the
// schema's gazetteers. It is safe for concurrent use.
type Engine struct {
	lex    *Lexicon
	names  *matcher
	labels []nameLabel // by names value
	schema map[string]bool
	// actors are the registry's actors by folded name or alias and label
	// (WithActors); nil proposes no actor.
	actors map[actorKey][]annotate.ProposedActor
	// actorNames are the registry's names by id: a mention linked in the
	// document may name an actor its annotations do not list yet.
	actorNames map[int64]string
}

type nameLabel struct {
	text, label, reason string
}

// New builds an engine. names are the corpus's marked entity texts with
// their counts (annotate.SuggestionService.EntityNames): each text is
// proposed with its most frequent label (ties: the label first in the
// schema). The schema's gazetteers add names the corpus does not have yet.
func New(schema *annotate.Schema, names []annotate.NameCount) *Engine {
	e := &Engine{lex: builtin, names: newMatcher(), schema: map[string]bool{}}
	order := map[string]int{}
	if schema != nil {
		e.lex = withCues(schema.Cues)
		for i, l := range schema.Entities {
			e.schema[l.Name] = true
			order[l.Name] = i
		}
	}
	best := map[string]annotate.NameCount{}
	for _, n := range names {
		if len(e.schema) > 0 && !e.schema[n.Label] {
			continue
		}
		b, ok := best[n.Text]
		if !ok || n.Count > b.Count || n.Count == b.Count && order[n.Label] < order[b.Label] {
			best[n.Text] = n
		}
	}
	texts := make([]string, 0, len(best))
	for t := range best {
		texts = append(texts, t)
	}
	sort.Strings(texts) // deterministic values
	for _, t := range texts {
		e.addName(t, best[t].Label, "marked "+best[t].Label+" elsewhere")
	}
	if schema != nil {
		labels := make([]string, 0, len(schema.Gazetteers))
		for l := range schema.Gazetteers {
			labels = append(labels, l)
		}
		sort.Strings(labels)
		for _, l := range labels {
			for _, t := range schema.Gazetteers[l] {
				e.addName(t, l, l+" gazetteer")
			}
		}
	}
	return e
}

// addName adds a name phrase; the first label given for a text wins.
func (e *Engine) addName(text, label, reason string) {
	toks := annotate.Tokenize(text)
	if len(toks) == 0 || toks[0].Start != 0 || toks[len(toks)-1].End != annotate.RuneCount(text) {
		return // names are matched as whole tokens; surrounding spaces cannot match
	}
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = text[t.ByteStart:t.ByteEnd]
	}
	if e.names.add(words, len(e.labels)) {
		e.labels = append(e.labels, nameLabel{text, label, reason})
	}
}

// Lexicon returns the engine's cue lexicon.
func (e *Engine) Lexicon() *Lexicon { return e.lex }

// Suggest returns the suggestions for one document in text order (quotes,
// then actor links, then entities at the same start): nothing that its
// annotations already hold (a quote overlapping an existing quote, an entity
// marked with the same span, or nested in a span with the same label) and
// nothing whose key was rejected. With actors (WithActors), names and new
// speakers carry the actor they name, and unlinked mentions get link
// suggestions (with opt.Entities).
func (e *Engine) Suggest(text string, ann *annotate.Annotations, rejected map[string]bool, opt Options) []annotate.Suggestion {
	out, _ := e.SuggestUntil(nil, text, ann, rejected, opt)
	return out
}

// SuggestUntil is Suggest that gives up when stop returns true: it asks
// every few thousand tokens and between the steps, so a run on a long
// article that a newer edit superseded ends within milliseconds. It
// returns false, and no suggestions, when it stopped. A nil stop never
// stops.
func (e *Engine) SuggestUntil(stop func() bool, text string, ann *annotate.Annotations, rejected map[string]bool, opt Options) ([]annotate.Suggestion, bool) {
	if ann == nil {
		ann = &annotate.Annotations{}
	}
	r := &run{e: e, ann: ann, stop: stop}
	if r.halted(0) {
		return nil, false
	}
	r.d = newDoc(text)
	r.indexEntities()
	if (opt.Entities || opt.Quotes) && !r.halted(0) {
		r.suggestNames() // pronouns resolve to these too
	}
	var names, quotes []annotate.Suggestion
	if opt.Entities {
		names = r.names
	}
	if opt.Quotes && !r.halted(0) {
		quotes = r.suggestQuotes()
	}
	if r.halted(0) {
		return nil, false
	}
	links := r.proposeActors(names, quotes, opt.Entities)
	if r.halted(0) {
		return nil, false
	}
	return filterRejected(mergeSorted(quotes, links, names), rejected), true
}

// mergeSorted puts the quotes in text order and merges the three lists.
func mergeSorted(quotes, links, names []annotate.Suggestion) []annotate.Suggestion {
	sort.SliceStable(quotes, func(i, j int) bool { return quotes[i].Start() < quotes[j].Start() })
	return mergeByStart(quotes, links, names)
}

// filterRejected drops the suggestions whose key was rejected.
func filterRejected(out []annotate.Suggestion, rejected map[string]bool) []annotate.Suggestion {
	if len(rejected) == 0 {
		return out
	}
	// Keys are built only where a rejected key starts: a long article has a
	// hundred thousand suggestions and a handful of rejections.
	starts := make(map[int]bool, len(rejected))
	for key := range rejected {
		if k, ok := annotate.ParseSuggestionKey(key); ok {
			starts[k.Start] = true
		}
	}
	kept := out[:0]
	for _, s := range out {
		if !starts[s.Start()] || !rejected[s.Key()] {
			kept = append(kept, s)
		}
	}
	return kept
}

// run is the state of one Suggest call.
type run struct {
	e   *Engine
	d   *doc
	ann *annotate.Annotations
	// stop, when set, says the caller no longer wants the result; stopped
	// remembers that it did.
	stop    func() bool
	stopped bool

	entities []annotate.Entity // existing, by start
	names    []annotate.Suggestion
	// speakers are the new speaker spans proposed so far, in text order,
	// so that a later "he" can refer to them.
	speakers []mention
	quoted   []span // existing quotes' segments, by start
}

type span struct{ start, end int }

type mention struct {
	start, end int
	label      string
	entityID   int64
	text       string
}

// halted reports whether the run should end: it asks stop when i, a loop
// counter, is a multiple of 4096 (a call costs little, but a loop runs a
// hundred thousand times), and remembers a yes.
func (r *run) halted(i int) bool {
	if !r.stopped && r.stop != nil && i&4095 == 0 {
		r.stopped = r.stop()
	}
	return r.stopped
}

func (r *run) indexEntities() {
	r.entities = append([]annotate.Entity(nil), r.ann.Entities...)
	sort.SliceStable(r.entities, func(i, j int) bool { return annotate.EntityLess(&r.entities[i], &r.entities[j]) })
	for _, q := range r.ann.Quotes {
		for _, s := range q.Content {
			r.quoted = append(r.quoted, span{s.Start, s.End})
		}
	}
	sort.Slice(r.quoted, func(i, j int) bool { return r.quoted[i].start < r.quoted[j].start })
}

// firstEntityFrom returns the index of the first existing entity starting
// at or after cp.
func (r *run) firstEntityFrom(cp int) int {
	return sort.Search(len(r.entities), func(i int) bool { return r.entities[i].Start >= cp })
}

// overlapsQuote reports whether [s, e) overlaps an existing quote segment.
func (r *run) overlapsQuote(s, e int) bool {
	i := sort.Search(len(r.quoted), func(i int) bool { return r.quoted[i].start >= e })
	// Segments are short and few; look back over the ones starting before e.
	for k := i - 1; k >= 0 && k >= i-64; k-- {
		if r.quoted[k].end > s {
			return true
		}
	}
	return false
}

// suggestNames proposes the corpus's and the gazetteers' names wherever they
// occur as whole tokens, longest first, without overlaps between proposals.
// The matches are found first and the suggestions made in one allocation:
// on a long article they run to a hundred thousand.
func (r *run) suggestNames() {
	d := r.d
	raw := make([]string, len(d.toks))
	for i := range d.toks {
		raw[i] = d.word(i)
	}
	type found struct{ start, end, value int }
	var hits []found
	for i := 0; i < len(d.toks); i++ {
		if r.halted(i) {
			return
		}
		n, v, ok := r.e.names.match(raw, i)
		if !ok {
			continue
		}
		nl := r.e.labels[v]
		if d.text[d.toks[i].ByteStart:d.toks[i+n-1].ByteEnd] != nl.text {
			continue // same tokens, different spacing
		}
		s, end := d.cp(i, i+n)
		i += n - 1
		if !r.marked(s, end, nl.label) {
			hits = append(hits, found{s, end, v})
		}
	}
	ents := make([]annotate.SuggestedEntity, len(hits))
	r.names = make([]annotate.Suggestion, len(hits))
	for k, h := range hits {
		nl := r.e.labels[h.value]
		ents[k] = annotate.SuggestedEntity{Start: h.start, End: h.end, Label: nl.label, Text: nl.text}
		r.names[k] = annotate.Suggestion{Kind: annotate.SuggestEntity, Reason: nl.reason, Entity: &ents[k]}
	}
}

// marked reports whether an existing entity has span [s, e), or contains it
// with the same label.
func (r *run) marked(s, e int, label string) bool {
	i := r.firstEntityFrom(s + 1)
	for k := i - 1; k >= 0 && k >= i-32; k-- {
		x := &r.entities[k]
		if x.End >= e && (x.Start == s && x.End == e || x.Label == label) {
			return true
		}
	}
	return false
}
