package annotate

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FoldName reduces a name to what the actor filter compares: accents
// dropped (é → e), lower case, runs of spaces and punctuation turned into
// one space. "Sergeï  LAVROV" and "sergei lavrov" fold alike.
func FoldName(s string) string {
	if ascii(s) {
		return foldASCII(s)
	}
	return foldUnicode(s)
}

func foldUnicode(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // drop leading separators
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(foldLetter(r)))
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), " ")
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldASCII is FoldName for ASCII text, which has no marks to drop: most
// names in a Latin-script registry, folded when the chooser opens.
func foldASCII(s string) string {
	b := make([]byte, 0, len(s))
	space := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			b = append(b, c)
			space = false
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
			space = false
		case !space:
			b = append(b, ' ')
			space = true
		}
	}
	if len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return string(b)
}

// foldLetter maps the few Latin letters that carry no combining mark in
// NFD to their plain form.
func foldLetter(r rune) rune {
	switch r {
	case 'ø', 'Ø':
		return 'o'
	case 'ł', 'Ł':
		return 'l'
	case 'đ', 'Đ':
		return 'd'
	case 'ß':
		return 's'
	case 'ı':
		return 'i'
	}
	return r
}

// Match quality, best first.
const (
	matchExact = iota
	matchPrefix
	matchWordPrefix
	matchSubstring
	matchFuzzy // the query's letters in order, with gaps
	matchTypo  // one letter wrong, missing, extra or swapped, from a word's start
	noMatch
)

// typoMinRunes is the shortest query a typo is forgiven in: shorter ones
// would match almost every name.
const typoMinRunes = 4

// ActorMatch is one actor the filter kept: Name is the name or alias that
// matched best.
type ActorMatch struct {
	Actor *ActorSummary
	Name  string
	score int
}

// ActorIndex filters actors by name and alias as the analyst types: fuzzy
// and accent-insensitive. Build it once per list of actors; Filter then
// only compares folded strings.
type ActorIndex struct {
	actors []ActorSummary
	names  []foldedName
}

type foldedName struct {
	actor  int // index into actors
	name   string
	folded string
	runes  []rune // folded, for the typo check
}

// NewActorIndex indexes the actors' names and aliases. The index keeps the
// slice.
func NewActorIndex(actors []ActorSummary) *ActorIndex {
	ix := &ActorIndex{actors: actors}
	for i := range actors {
		for _, n := range actors[i].Names() {
			f := FoldName(n)
			ix.names = append(ix.names, foldedName{actor: i, name: n, folded: f, runes: []rune(f)})
		}
	}
	return ix
}

// Len returns the number of actors indexed.
func (ix *ActorIndex) Len() int { return len(ix.actors) }

// Filter returns at most limit actors (0 = all) matching query, best match
// first, then most mentioned, then by name. An empty query keeps every
// actor. A query of four letters or more also matches a name that starts,
// or has a word starting, within one typo of it ("lavorv" for Lavrov): one
// letter wrong, missing, extra or two swapped, the first letter right.
func (ix *ActorIndex) Filter(query string, limit int) []ActorMatch {
	q := FoldName(query)
	wordQ := " " + q
	var typoQ []rune
	if utf8.RuneCountInString(q) >= typoMinRunes {
		typoQ = []rune(q)
	}
	var out []ActorMatch
	last := -1 // an actor's names are consecutive: its match is out's last entry
	for i := range ix.names {
		n := &ix.names[i]
		s := matchScore(n.folded, q, wordQ)
		if s == noMatch && typoQ != nil && typoAtWordStart(n.runes, typoQ) {
			s = matchTypo
		}
		if s == noMatch {
			continue
		}
		if n.actor == last {
			if k := len(out) - 1; s < out[k].score {
				out[k].score, out[k].Name = s, n.name
			}
			continue
		}
		last = n.actor
		out = append(out, ActorMatch{Actor: &ix.actors[n.actor], Name: n.name, score: s})
	}
	less := func(i, j int) bool {
		x, y := &out[i], &out[j]
		if x.score != y.score {
			return x.score < y.score
		}
		if x.Actor.Mentions != y.Actor.Mentions {
			return x.Actor.Mentions > y.Actor.Mentions
		}
		if x.Actor.Name != y.Actor.Name {
			return x.Actor.Name < y.Actor.Name
		}
		return x.Actor.ID < y.Actor.ID
	}
	if limit > 0 && len(out) > limit {
		out = topN(out, limit, less)
	}
	sort.Slice(out, less)
	return out
}

// topN keeps the limit best matches without sorting them all: a large
// result of a one-letter query is cut by one partial selection pass.
func topN(out []ActorMatch, limit int, less func(i, j int) bool) []ActorMatch {
	// Quickselect on indexes: place the limit best in out[:limit].
	lo, hi := 0, len(out)-1
	for lo < hi {
		p := lo + (hi-lo)/2
		out[p], out[hi] = out[hi], out[p]
		store := lo
		for i := lo; i < hi; i++ {
			if less(i, hi) {
				out[i], out[store] = out[store], out[i]
				store++
			}
		}
		out[store], out[hi] = out[hi], out[store]
		switch {
		case store == limit:
			return out[:limit]
		case store < limit:
			lo = store + 1
		default:
			hi = store - 1
		}
	}
	return out[:limit]
}

// matchScore grades how name (folded) matches query (folded); wordQuery is
// query after a space, the start of a later word.
func matchScore(name, query, wordQuery string) int {
	switch {
	case query == "":
		return matchPrefix
	case len(query) > len(name):
		return noMatch // and a typo needs a word start of the query's length
	case name == query:
		return matchExact
	case strings.HasPrefix(name, query):
		return matchPrefix
	case strings.Contains(name, wordQuery):
		return matchWordPrefix
	case strings.Contains(name, query):
		return matchSubstring
	case subsequence(name, query):
		return matchFuzzy
	}
	return noMatch
}

// typoAtWordStart reports whether q is within one edit (a letter wrong,
// missing, extra, or two neighbours swapped) of the start of name or of one
// of its words, with the first letter right.
func typoAtWordStart(name, q []rune) bool {
	for s := 0; s < len(name); s++ {
		if (s == 0 || name[s-1] == ' ') && name[s] == q[0] && oneEditPrefix(name[s:], q) {
			return true
		}
	}
	return false
}

// oneEditPrefix reports whether some prefix of name is within one edit of q.
func oneEditPrefix(name, q []rune) bool {
	i := 0
	for i < len(q) && i < len(name) && q[i] == name[i] {
		i++
	}
	if i == len(q) {
		return true // no edit needed
	}
	rest := func(a, b int) bool { // q[a:] is a prefix of name[b:]
		if a > len(q) || b > len(name) || len(q)-a > len(name)-b {
			return false
		}
		for k := a; k < len(q); k++ {
			if q[k] != name[b+k-a] {
				return false
			}
		}
		return true
	}
	return rest(i+1, i+1) || // a letter wrong
		rest(i+1, i) || // a letter extra in the query
		rest(i, i+1) || // a letter missing from the query
		i+1 < len(q) && i+1 < len(name) && q[i] == name[i+1] && q[i+1] == name[i] && rest(i+2, i+2) // two swapped
}

// subsequence reports whether query's characters (spaces aside) appear in
// name in order.
func subsequence(name, query string) bool {
	i := 0
	for _, r := range query {
		var k int
		switch {
		case r == ' ':
			continue
		case r < utf8.RuneSelf:
			k = strings.IndexByte(name[i:], byte(r))
		default:
			k = strings.IndexRune(name[i:], r)
		}
		if k < 0 {
			return false
		}
		i += k + utf8.RuneLen(r)
	}
	return true
}
