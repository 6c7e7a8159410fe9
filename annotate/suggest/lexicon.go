package suggest

import (
	"embed"
	"fmt"
	"slices"
	"sort"
	"strings"

	"byline/annotate"
)

// The cue lexicon: lexicon/en.txt (English, the longest), ru.txt, uk.txt,
// de.txt and fr.txt. Each file lists reporting verbs with their inflections
// and "according to"-style phrases; the schema's Cues add to them.
//
//go:embed lexicon/*.txt
var lexiconFiles embed.FS

// cueKind says where a cue's speaker and clause are.
type cueKind uint8

const (
	cueVerb    cueKind = iota + 1 // "X said (that) ...", "..., X said", "said X"
	cueObject                     // "X told reporters (that) ...": an addressee follows
	cueSource                     // "according to X, ...": the speaker follows
	cueQuoting                    // "called it “a disaster”": only for quotation marks
)

// Lexicon is a set of cue phrases matched by whole tokens, case-insensitively.
type Lexicon struct {
	phrases *matcher
	kinds   []cueKind // by phrase value
	texts   []string
	// comma marks cues whose clause may follow a bare comma, as German
	// reports it without "dass" ("Scholz sagte, die Lage sei ernst").
	comma []bool
}

// commaClauseFiles are the lexicon files whose verbs take a clause after a
// comma.
var commaClauseFiles = map[string]bool{"de.txt": true}

// CueCount returns the number of cue forms in the lexicon.
func (l *Lexicon) CueCount() int { return len(l.texts) }

// IsCue reports whether text (a cue span's text) is one of the lexicon's cues.
func (l *Lexicon) IsCue(text string) bool {
	words := foldWords(text)
	if len(words) == 0 {
		return false
	}
	n, _, ok := l.phrases.match(words, 0)
	return ok && n == len(words)
}

var builtin = mustLexicon()

func mustLexicon() *Lexicon {
	l, err := parseLexicon()
	if err != nil {
		panic(err)
	}
	return l
}

func parseLexicon() (*Lexicon, error) {
	l := &Lexicon{phrases: newMatcher()}
	names, err := lexiconFiles.ReadDir("lexicon")
	if err != nil {
		return nil, err
	}
	for _, f := range names {
		b, err := lexiconFiles.ReadFile("lexicon/" + f.Name())
		if err != nil {
			return nil, err
		}
		kind := cueKind(0)
		for i, line := range strings.Split(string(b), "\n") {
			line = strings.TrimSpace(line)
			switch {
			case line == "" || strings.HasPrefix(line, "#"):
				continue
			case line == "[verbs]":
				kind = cueVerb
				continue
			case line == "[object]":
				kind = cueObject
				continue
			case line == "[sources]":
				kind = cueSource
				continue
			case line == "[quoting]":
				kind = cueQuoting
				continue
			case kind == 0:
				return nil, fmt.Errorf("lexicon/%s:%d: cue before a section", f.Name(), i+1)
			}
			for _, form := range strings.Split(line, ",") {
				l.add(strings.TrimSpace(form), kind, commaClauseFiles[f.Name()])
			}
		}
	}
	return l, nil
}

func (l *Lexicon) add(form string, kind cueKind, comma bool) {
	if form == "" {
		return
	}
	if l.phrases.add(foldWords(form), len(l.kinds)) {
		l.kinds = append(l.kinds, kind)
		l.texts = append(l.texts, form)
		l.comma = append(l.comma, comma)
	}
}

// withCues returns the built-in lexicon plus extra cue forms (the schema's),
// which count as reporting verbs.
func withCues(extra []string) *Lexicon {
	if len(extra) == 0 {
		return builtin
	}
	l := &Lexicon{phrases: builtin.phrases.clone(), kinds: append([]cueKind(nil), builtin.kinds...),
		texts: append([]string(nil), builtin.texts...), comma: append([]bool(nil), builtin.comma...)}
	for _, c := range extra {
		l.add(strings.TrimSpace(c), cueVerb, false)
	}
	return l
}

// Builtin returns the lexicon that ships with Byline.
func Builtin() *Lexicon { return builtin }

// foldWords returns the tokens of s, case-folded, with typographic
// apostrophes made plain, as the cue matcher compares them.
func foldWords(s string) []string {
	toks := annotate.Tokenize(s)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = fold(s[t.ByteStart:t.ByteEnd])
	}
	return out
}

func fold(w string) string {
	return strings.ReplaceAll(strings.ToLower(w), "\u2019", "'")
}

// matcher finds the longest phrase (a token sequence) starting at a token.
type matcher struct {
	byFirst map[string][]phrase
}

type phrase struct {
	words []string
	value int
}

func newMatcher() *matcher { return &matcher{byFirst: map[string][]phrase{}} }

func (m *matcher) clone() *matcher {
	c := newMatcher()
	for k, v := range m.byFirst {
		c.byFirst[k] = append([]phrase(nil), v...)
	}
	return c
}

// add adds a phrase; false when it is empty or already there.
func (m *matcher) add(words []string, value int) bool {
	if len(words) == 0 {
		return false
	}
	list := m.byFirst[words[0]]
	for _, p := range list {
		if slices.Equal(p.words, words) {
			return false
		}
	}
	list = append(list, phrase{words, value})
	sort.SliceStable(list, func(i, j int) bool { return len(list[i].words) > len(list[j].words) })
	m.byFirst[words[0]] = list
	return true
}

// match returns the longest phrase starting at words[i]: its length in
// tokens and its value.
func (m *matcher) match(words []string, i int) (n, value int, ok bool) {
	for _, p := range m.byFirst[words[i]] {
		if i+len(p.words) > len(words) {
			continue
		}
		if slices.Equal(p.words, words[i:i+len(p.words)]) {
			return len(p.words), p.value, true
		}
	}
	return 0, 0, false
}
