package ingest

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// lineMatcher matches whole lines against a set of patterns. It splits the
// patterns into their alternatives and sorts those by the longest line each
// can match, so a long line of prose is only tried against the few
// alternatives that allow long lines ("Read more: ...", cookie notices,
// links). On a large import this is most of the debris check's time.
type lineMatcher struct {
	shortMax int             // longest line (code points) a short alternative can match
	all      *regexp.Regexp  // every alternative
	long     *regexp.Regexp  // alternatives that can match longer lines; nil if none
	starts   map[string]bool // linePrefix of every line long can match; nil: no filter
	wilds    []string        // shorter starts after which anything may follow
}

// shortLimit separates short alternatives from long ones.
const shortLimit = 80

const unbounded = 1 << 30

func newLineMatcher(patterns []string) *lineMatcher {
	var all, long []string
	m := &lineMatcher{starts: map[string]bool{}}
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
			if n := maxRunes(a); n > shortLimit {
				long = append(long, s)
				m.addStarts(a)
			} else {
				m.shortMax = max(m.shortMax, n)
			}
		}
	}
	m.all = regexp.MustCompile(anchor(all))
	if len(long) > 0 {
		m.long = regexp.MustCompile(anchor(long))
		m.shortMax = max(m.shortMax, shortLimit)
	}
	return m
}

func (m *lineMatcher) addStarts(re *syntax.Regexp) {
	if m.starts == nil {
		return
	}
	set, wilds, ok := prefixSet(re)
	if !ok {
		m.starts = nil // this alternative may start anyhow: no filter
		return
	}
	for p := range set {
		m.starts[p] = true
	}
	m.wilds = append(m.wilds, wilds...)
}

// match reports whether line, n code points long, matches.
func (m *lineMatcher) match(line string, n int) bool {
	if n <= m.shortMax {
		return m.all.MatchString(line)
	}
	if m.long == nil || !m.mayStart(line) {
		return false
	}
	return m.long.MatchString(line)
}

func (m *lineMatcher) mayStart(line string) bool {
	if m.starts == nil {
		return true
	}
	p := linePrefix(line)
	if m.starts[p] {
		return true
	}
	for _, w := range m.wilds {
		if strings.HasPrefix(p, w) {
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
