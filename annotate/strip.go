package annotate

import (
	"sort"
	"strings"
)

// StripLines removes from text every line a range overlaps, with its line
// break: the page-debris ranges the import flags cover one line each. It is
// what stripping debris means at import and later in the store, so both give
// the same text. Blank lines left next to each other by a removal
// collapse into one, and blank lines a removal leaves at the start or end
// are dropped; a final line break is kept when the text had one. Lines not
// named by a range are never changed.
func StripLines(text string, ranges []Range) string {
	if len(ranges) == 0 {
		return text
	}
	ranges = sortedRanges(ranges)
	lines := strings.Split(text, "\n")
	finalNewline := strings.HasSuffix(text, "\n")
	if finalNewline {
		lines = lines[:len(lines)-1]
	}
	// A line goes when any range overlaps its characters.
	drop := make([]bool, len(lines))
	cp, r := 0, 0
	for i, l := range lines {
		n := RuneCount(l)
		for r < len(ranges) && ranges[r].End <= cp {
			r++
		}
		for k := r; k < len(ranges) && ranges[k].Start < cp+n; k++ {
			if ranges[k].End > cp && ranges[k].End > ranges[k].Start {
				drop[i] = true
				break
			}
		}
		cp += n + 1
	}
	isBlank := func(s string) bool { return strings.TrimSpace(s) == "" }
	out := make([]string, 0, len(lines))
	removed := false // a line was dropped since the last kept one
	leading := true  // nothing but blank lines kept so far
	for i, l := range lines {
		if drop[i] {
			removed = true
			continue
		}
		if isBlank(l) {
			if removed && (leading || (len(out) > 0 && isBlank(out[len(out)-1]))) {
				continue
			}
		} else {
			leading = false
			removed = false
		}
		out = append(out, l)
	}
	if removed {
		// Trailing blank lines left by removals at the end.
		for len(out) > 0 && isBlank(out[len(out)-1]) {
			out = out[:len(out)-1]
		}
	}
	s := strings.Join(out, "\n")
	if finalNewline && s != "" {
		s += "\n"
	}
	return s
}

func sortedRanges(ranges []Range) []Range {
	if sort.SliceIsSorted(ranges, func(i, j int) bool { return ranges[i].Start < ranges[j].Start }) {
		return ranges
	}
	c := append([]Range(nil), ranges...)
	sort.Slice(c, func(i, j int) bool { return c[i].Start < c[j].Start })
	return c
}
