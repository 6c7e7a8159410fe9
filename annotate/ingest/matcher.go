package ingest

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// lineMatcher matches whole lines against a set of patterns, fast enough to
// run on every line of a large import. It splits the patterns into their
// alternatives and indexes each by the first letters of the lines it can
// match, so a line of prose usually meets no regular expression at all and a
// debris line meets only the few alternatives that start like it, each a
// small expression. Every alternative also knows the longest line it can
// match.
type lineMatcher struct {
	all     *regexp.Regexp   // every alternative, for lines too short to index
	alts    []lineAlt        // one per alternative
	byStart map[string][]int // linePrefix -> alternatives whose lines start so
	wilds   []wildStart      // alternatives indexed by a shorter start
	always  []int            // alternatives that may start with anything
}

type lineAlt struct {
	re     *regexp.Regexp
	maxLen int // longest line it can match, in code points
}

// wildStart: lines starting with prefix (shorter than prefixLen) may match
// alternative alt, whatever follows.
type wildStart struct {
	prefix string
	alt    int
}

const unbounded = 1 << 30

func newLineMatcher(patterns []string) *lineMatcher {
	m := &lineMatcher{byStart: map[string][]int{}}
	var all []string
	for _, p := range patterns {
		re, err := syntax.Parse(p, syntax.Perl)
		if err != nil {
			panic("ingest: bad built-in debris pattern " + p + ": " + err.Error())
		}
		for re.Op == syntax.OpCapture {
			re = re.Sub[0]
		}
		alts := []*syntax.Regexp{re}
		if re.Op == syntax.OpAlternate {
			alts = re.Sub
		}
		for _, a := range alts {
			s := a.String()
			all = append(all, s)
			i := len(m.alts)
			m.alts = append(m.alts, lineAlt{re: regexp.MustCompile(anchor([]string{s})), maxLen: maxRunes(a)})
			set, wilds, ok := prefixSet(a)
			if !ok {
				m.always = append(m.always, i)
				continue
			}
			for p := range set {
				m.byStart[p] = append(m.byStart[p], i)
			}
			for _, w := range wilds {
				m.wilds = append(m.wilds, wildStart{w, i})
			}
		}
	}
	m.all = regexp.MustCompile(anchor(all))
	return m
}

// match reports whether line, n code points long, matches.
func (m *lineMatcher) match(line string, n int) bool {
	if n < prefixLen {
		return m.all.MatchString(line)
	}
	try := func(i int) bool {
		a := m.alts[i]
		return n <= a.maxLen && a.re.MatchString(line)
	}
	p := linePrefix(line)
	for _, i := range m.byStart[p] {
		if try(i) {
			return true
		}
	}
	for _, w := range m.wilds {
		if strings.HasPrefix(p, w.prefix) && try(w.alt) {
			return true
		}
	}
	for _, i := range m.always {
		if try(i) {
			return true
		}
	}
	return false
}

// maxRunes returns the longest text re can match, in code points, or
// unbounded.
func maxRunes(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune)
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpCapture, syntax.OpQuest:
		return maxRunes(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		return unbounded
	case syntax.OpRepeat:
		sub := maxRunes(re.Sub[0])
		if re.Max < 0 || sub >= unbounded || re.Max*sub >= unbounded {
			return unbounded
		}
		return re.Max * sub
	case syntax.OpConcat:
		total := 0
		for _, s := range re.Sub {
			total += maxRunes(s)
			if total >= unbounded {
				return unbounded
			}
		}
		return total
	case syntax.OpAlternate:
		longest := 0
		for _, s := range re.Sub {
			longest = max(longest, maxRunes(s))
		}
		return longest
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpNoMatch:
		return 0
	}
	return unbounded
}
