package annotate

import "unicode"

// quotePairs maps each opening quotation mark to the closing marks it may
// pair with; the styles of English, German, French, Russian and others.
var quotePairs = map[rune][]rune{
	'"':      {'"'},
	'\'':     {'\''},
	'\u201C': {'\u201D', '\u201C'}, // “ … ” (and Swedish ” … ”)
	'\u2018': {'\u2019'},           // ‘ … ’
	'\u00AB': {'\u00BB'},           // « … »
	'\u00BB': {'\u00AB'},           // » … « (Danish, German)
	'\u201E': {'\u201C', '\u201D'}, // „ … “
	'\u201A': {'\u2018', '\u2019'}, // ‚ … ‘
	'\u2039': {'\u203A'},           // ‹ … ›
	'\u203A': {'\u2039'},           // › … ‹
	'\u201D': {'\u201D'},           // ” … ” (Finnish, Swedish)
	'\u300C': {'\u300D'},           // 「 … 」
}

// IsQuoted reports whether text, ignoring surrounding spaces and trailing
// punctuation outside the marks, starts with an opening quotation mark and ends
// with a matching closing one.
func IsQuoted(text string) bool {
	_, _, ok := quoteMarks([]rune(text))
	return ok
}

// quoteMarks finds the opening and closing marks of quoted text r (see
// IsQuoted): r[opening] and r[closing]; ok is false when r is not quoted.
func quoteMarks(r []rune) (opening, closing int, ok bool) {
	i, j := 0, len(r)-1
	for i <= j && unicode.IsSpace(r[i]) {
		i++
	}
	for j >= i && (unicode.IsSpace(r[j]) || r[j] == ',' || r[j] == '.' || r[j] == ';') {
		j--
	}
	if j-i < 1 {
		return 0, 0, false
	}
	closers, found := quotePairs[r[i]]
	if !found {
		return 0, 0, false
	}
	for _, c := range closers {
		if r[j] == c {
			return i, j, true
		}
	}
	return 0, 0, false
}

// QuoteKindFor returns the default kind for a new quote: direct when its
// content sits inside quotation marks, indirect otherwise.
func QuoteKindFor(content []Segment, x *TextIndex) QuoteKind {
	if len(content) == 0 {
		return QuoteIndirect
	}
	for _, seg := range content {
		if !IsQuoted(x.Slice(seg.Start, seg.End)) {
			return QuoteIndirect
		}
	}
	return QuoteDirect
}

// QuoteClosers returns the closing marks an opening quotation mark pairs
// with; nil when open is not an opening mark.
func QuoteClosers(open rune) []rune { return quotePairs[open] }
