package ingest

import (
	"regexp/syntax"
	"strings"
	"unicode"
)

// A prefix filter answers "can this line possibly match?" from its first few
// letters, before the regular expression runs: the long-line patterns start
// with words ("read more", "to suggest", "we use cookies"), while a line of
// prose almost never does.

// prefixLen is how many leading code points the filter looks at.
const prefixLen = 3

// maxPrefixes bounds the filter; a pattern with more starts is not filtered.
const maxPrefixes = 4096

// foldRune maps a rune to the smallest rune that matches it case-insensitively
// (the same folding (?i) uses), so "K", "k" and the Kelvin sign agree.
func foldRune(r rune) rune {
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}

// wild marks a prefix cut short by a wide class (such as \S or .): any line
// that starts with the rest of it may match.
const wild = "\x00"

// complete reports whether a prefix needs no more code points.
func complete(p string) bool {
	return strings.HasSuffix(p, wild) || len([]rune(p)) >= prefixLen
}

// prefixSet returns the case-folded first prefixLen code points of every text
// re can match that is at least prefixLen long, and the shorter starts after
// which re allows a wide class. ok is false when re can start with a wide
// class, or with too many letters to list.
func prefixSet(re *syntax.Regexp) (set map[string]bool, wilds []string, ok bool) {
	out, ok := expand(re, []string{""})
	if !ok {
		return nil, nil, false
	}
	set = map[string]bool{}
	for _, p := range out {
		switch {
		case p == wild:
			return nil, nil, false
		case strings.HasSuffix(p, wild):
			wilds = append(wilds, strings.TrimSuffix(p, wild))
		case len([]rune(p)) == prefixLen:
			set[p] = true
		}
	}
	return set, wilds, true
}

// expand extends each partial prefix in in (shorter than prefixLen) by what
// re can match; complete prefixes pass through unchanged.
func expand(re *syntax.Regexp, in []string) ([]string, bool) {
	var done, open []string
	for _, p := range in {
		if complete(p) {
			done = append(done, p)
		} else {
			open = append(open, p)
		}
	}
	if len(open) == 0 {
		return in, true
	}
	out, ok := expandOpen(re, open)
	if !ok {
		return nil, false
	}
	out = dedupe(append(done, out...))
	return out, len(out) <= maxPrefixes
}

func expandOpen(re *syntax.Regexp, in []string) ([]string, bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return in, true
	case syntax.OpNoMatch:
		return nil, true
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return wildcard(in), true
	case syntax.OpLiteral:
		out := in
		for _, r := range re.Rune {
			var ok bool
			if out, ok = appendRunes(out, []rune{r}); !ok {
				return nil, false
			}
		}
		return out, true
	case syntax.OpCharClass:
		var runes []rune
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if hi-lo > 16 || len(runes) > 32 {
				return wildcard(in), true
			}
			for r := lo; r <= hi; r++ {
				runes = append(runes, r)
			}
		}
		return appendRunes(in, runes)
	case syntax.OpCapture:
		return expand(re.Sub[0], in)
	case syntax.OpConcat:
		out := in
		for _, s := range re.Sub {
			var ok bool
			if out, ok = expand(s, out); !ok {
				return nil, false
			}
		}
		return out, true
	case syntax.OpAlternate:
		var out []string
		for _, s := range re.Sub {
			o, ok := expand(s, in)
			if !ok {
				return nil, false
			}
			out = append(out, o...)
		}
		return dedupe(out), true
	case syntax.OpQuest:
		o, ok := expand(re.Sub[0], in)
		return dedupe(append(append([]string(nil), in...), o...)), ok
	case syntax.OpStar, syntax.OpPlus, syntax.OpRepeat:
		lo, hi := 0, -1
		switch re.Op {
		case syntax.OpPlus:
			lo = 1
		case syntax.OpRepeat:
			lo, hi = re.Min, re.Max
		}
		if lo > 64 {
			return nil, false
		}
		// Rounds past lo+prefixLen add nothing: an open prefix has by then
		// had at most prefixLen-1 rounds that added a code point.
		limit := lo + prefixLen
		if hi >= 0 && hi < limit {
			limit = hi
		}
		var out []string
		cur := in
		for i := 0; ; i++ {
			if i >= lo {
				out = append(out, cur...)
			}
			if i == limit {
				break
			}
			var ok bool
			if cur, ok = expand(re.Sub[0], cur); !ok {
				return nil, false
			}
		}
		return dedupe(out), true
	}
	return nil, false
}

// appendRunes extends every open prefix by each of runes, lower-cased.
func appendRunes(in []string, runes []rune) ([]string, bool) {
	var out []string
	for _, p := range in {
		if complete(p) {
			out = append(out, p)
			continue
		}
		for _, r := range runes {
			out = append(out, p+string(foldRune(r)))
		}
	}
	out = dedupe(out)
	return out, len(out) <= maxPrefixes
}

// wildcard ends every open prefix with a wide class.
func wildcard(in []string) []string {
	out := make([]string, len(in))
	for i, p := range in {
		if complete(p) {
			out[i] = p
		} else {
			out[i] = p + wild
		}
	}
	return out
}

func dedupe(list []string) []string {
	seen := make(map[string]bool, len(list))
	out := list[:0:0]
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// linePrefix returns the case-folded first prefixLen code points of line.
func linePrefix(line string) string {
	var b strings.Builder
	n := 0
	for _, r := range line {
		if n == prefixLen {
			break
		}
		b.WriteRune(foldRune(r))
		n++
	}
	return b.String()
}
