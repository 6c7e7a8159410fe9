package formats

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"byline/annotate"
)

// The token-tag exports (CoNLL, Hugging Face) use Byline's word tokens and
// IOB2 tags. A tag layer cannot hold overlapping spans, so nested and
// overlapping spans are resolved by one documented rule: keep the outermost,
// longest span (longest in code points first, then the earliest), drop the
// spans that overlap a kept one, and count them in the manifest.

// tagSpan is a token-aligned span to tag.
type tagSpan struct {
	first, last int // word tokens, inclusive
	start, end  int // code points
	label       int // tag class index (1-based; B = 2*label-1, I = 2*label)
	id          string
}

// iobNames returns the IOB2 tag names for labels: O, B-X, I-X, ...
func iobNames(labels []string) []string {
	out := []string{"O"}
	for _, l := range labels {
		out = append(out, "B-"+l, "I-"+l)
	}
	return out
}

// resolveOverlaps keeps the outermost, longest spans and reports the others.
func resolveOverlaps(spans []tagSpan, ntok int, m *manifestBuilder, what, doc string) []tagSpan {
	if len(spans) < 2 {
		return spans
	}
	keep := outermost(len(spans), ntok, func(i int) (int, int, int, int) {
		return spans[i].first, spans[i].last, spans[i].start, spans[i].end
	})
	kept := spans[:0:0]
	for i, s := range spans {
		if keep[i] {
			kept = append(kept, s)
		} else {
			m.drop(what, "nested in or overlapping a longer span (the outermost, longest is kept)", doc, s.id)
		}
	}
	return kept
}

// outermost picks, among n token ranges (span(i) gives the first and last
// token and the code-point start and end of range i), the ones the rule
// keeps: longest first (in code points), then earliest, each kept unless it
// overlaps one kept before. Tokens taken are marked in a table, so the cost
// is the total length of the ranges, not their number squared.
func outermost(n, ntok int, span func(i int) (first, last, start, end int)) []bool {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool {
		_, _, s1, e1 := span(order[x])
		_, _, s2, e2 := span(order[y])
		if e1-s1 != e2-s2 {
			return e1-s1 > e2-s2
		}
		return s1 < s2
	})
	taken := make([]bool, ntok)
	keep := make([]bool, n)
	for _, i := range order {
		first, last, _, _ := span(i)
		free := true
		for t := first; t <= last && free; t++ {
			free = !taken[t]
		}
		if !free {
			continue
		}
		keep[i] = true
		for t := first; t <= last; t++ {
			taken[t] = true
		}
	}
	return keep
}

// tagCursor gives the IOB2 tag index of each token in turn, from spans
// that overlap no other (what resolveOverlaps keeps), without a tag array
// as long as the document.
type tagCursor struct {
	spans []tagSpan // sorted by first token
	j     int
}

// newTagCursor sorts spans by their first token and returns a cursor over
// them; spans is reordered.
func newTagCursor(spans []tagSpan) tagCursor {
	slices.SortFunc(spans, func(a, b tagSpan) int { return a.first - b.first })
	return tagCursor{spans: spans}
}

// at returns the tag index of token i; i must not decrease between calls.
func (c *tagCursor) at(i int) int {
	for c.j < len(c.spans) && c.spans[c.j].last < i {
		c.j++
	}
	if c.j == len(c.spans) || c.spans[c.j].first > i {
		return 0
	}
	if s := &c.spans[c.j]; s.first == i {
		return 2*s.label - 1
	}
	return 2 * c.spans[c.j].label
}

// labelIndex maps label names to 1-based class indices.
func labelIndex(labels []string) map[string]int {
	m := make(map[string]int, len(labels))
	for i, l := range labels {
		m[l] = i + 1
	}
	return m
}

// entityTagSpans collects the document's entities as tag spans.
func entityTagSpans(d *docView, m *manifestBuilder, classes map[string]int, buf []tagSpan) []tagSpan {
	buf = buf[:0]
	for _, e := range d.ents {
		c, ok := classes[e.Label]
		if !ok {
			m.drop("entity", "label not in the export's tag list", d.rec.ID, e.ID)
			continue
		}
		first, last, ok := d.tokenSpan(e.Start, e.End)
		if !ok {
			m.drop("entity", "not aligned to tokens", d.rec.ID, e.ID)
			continue
		}
		buf = append(buf, tagSpan{first: first, last: last, start: e.Start, end: e.End, label: c, id: e.ID})
	}
	return resolveOverlaps(buf, d.ntok, m, "entity", d.rec.ID)
}

// tagLabels is the entity label list of a tag export: the schema's labels,
// restricted to opt.Labels when given.
func tagLabels(s *annotate.Schema, keep []string) []string {
	return inventory(s.LabelNames(), nil, keep)
}

// cleanToken replaces characters that tag-file readers would split on or
// choke on (control characters, including U+001C-U+001F, which Python's
// str.split treats as whitespace) with U+FFFD. Byline's tokens never hold
// whitespace, so other tokens pass unchanged.
func cleanToken(s string) (string, bool) {
	bad := false
	for _, r := range s {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			bad = true
			break
		}
	}
	if !bad {
		return s, false
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return '\uFFFD'
		}
		return r
	}, s), true
}
