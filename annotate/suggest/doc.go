package suggest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"byline/annotate"
)

// doc is one text prepared for the rules: tokens, folded words, sentences.
type doc struct {
	text  string
	toks  []annotate.Token
	words []string // folded token texts
	// sentStart[i] is the first token of token i's sentence; sentEnd[i] one
	// past its last token.
	sentStart, sentEnd []int32
}

func newDoc(text string) *doc {
	d := &doc{text: text, toks: annotate.Tokenize(text)}
	d.words = make([]string, len(d.toks))
	for i, t := range d.toks {
		w := text[t.ByteStart:t.ByteEnd]
		if isASCIILower(w) {
			d.words[i] = w
		} else {
			d.words[i] = fold(w)
		}
	}
	d.sentences()
	return d
}

func isASCIILower(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// word returns token i's text as written.
func (d *doc) word(i int) string {
	if i < 0 || i >= len(d.toks) {
		return ""
	}
	t := d.toks[i]
	return d.text[t.ByteStart:t.ByteEnd]
}

// newlineBefore reports whether a line break separates token i from the one
// before.
func (d *doc) newlineBefore(i int) bool {
	if i == 0 {
		return false
	}
	return strings.IndexByte(d.text[d.toks[i-1].ByteEnd:d.toks[i].ByteStart], '\n') >= 0 ||
		strings.Contains(d.text[d.toks[i-1].ByteEnd:d.toks[i].ByteStart], "\u2029")
}

// capitalised reports whether token i starts with an uppercase letter.
func (d *doc) capitalised(i int) bool {
	r, _ := utf8.DecodeRuneInString(d.word(i))
	return unicode.IsUpper(r)
}

// isWord reports whether token i starts with a letter or digit.
func (d *doc) isWord(i int) bool {
	r, _ := utf8.DecodeRuneInString(d.word(i))
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// sentences splits the tokens into sentences: after . ! ? … (and any
// closing marks) before a capital, a digit or an opening mark, and at line
// breaks. A dot after an abbreviation or an initial ends nothing.
func (d *doc) sentences() {
	n := len(d.toks)
	d.sentStart = make([]int32, n)
	d.sentEnd = make([]int32, n)
	start := 0
	flush := func(end int) {
		for k := start; k < end; k++ {
			d.sentStart[k], d.sentEnd[k] = int32(start), int32(end)
		}
		start = end
	}
	for i := 0; i < n; i++ {
		if i > start && d.newlineBefore(i) {
			flush(i)
		}
		if !isTerminal(d.words[i]) {
			continue
		}
		j := i + 1
		for j < n && !d.spaceBefore(j) && (d.markRune(j) != 0 || d.words[j] == ")") {
			j++ // closing marks stay with the sentence they end
		}
		if j >= n {
			continue
		}
		if d.words[i] == "." && i > 0 && !d.spaceBefore(i) && abbreviation(d.word(i-1)) {
			continue
		}
		if d.newlineBefore(j) || d.capitalised(j) || d.markRune(j) != 0 || unicode.IsDigit(firstRune(d.word(j))) {
			flush(j)
			i = j - 1
		}
	}
	flush(n)
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isTerminal(w string) bool { return w == "." || w == "!" || w == "?" || w == "…" }

// abbreviation reports whether a dot after w likely marks an abbreviation:
// an initial ("J."), a dotted form ("U.S"), or a title ("Mr", "Gen").
func abbreviation(w string) bool {
	if utf8.RuneCountInString(w) == 1 && unicode.IsUpper(firstRune(w)) {
		return true
	}
	if strings.Contains(w, ".") {
		return true
	}
	return abbreviations[strings.ToLower(w)]
}

var abbreviations = set("mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "cmdr", "adm",
	"sen", "rep", "gov", "pres", "st", "jr", "sr", "rev", "hon", "no", "vs", "etc", "inc", "corp", "ltd", "co",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "m", "mme", "hr", "fr")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// cp returns the code point range of tokens [a, b).
func (d *doc) cp(a, b int) (int, int) { return d.toks[a].Start, d.toks[b-1].End }

// segment returns tokens [a, b) as a segment.
func (d *doc) segment(a, b int) annotate.Segment {
	s, e := d.cp(a, b)
	return annotate.Segment{Start: s, End: e, Text: d.text[d.toks[a].ByteStart:d.toks[b-1].ByteEnd]}
}
