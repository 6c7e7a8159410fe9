package suggest

import (
	"unicode"
	"unicode/utf8"

	"byline/annotate"
)

// quoteSpan is a top-level passage in quotation marks: the tokens of its
// opening and closing marks (close is the last token of the paragraph when
// the quote runs on into the next one, the newswire convention).
type quoteSpan struct {
	open, close int
	openEnded   bool
}

// markRune returns the quotation mark a token consists of, or 0.
func (d *doc) markRune(i int) rune {
	t := d.toks[i]
	if t.ByteEnd-t.ByteStart > 4 {
		return 0
	}
	r, n := utf8.DecodeRuneInString(d.text[t.ByteStart:t.ByteEnd])
	if n != t.ByteEnd-t.ByteStart {
		return 0
	}
	switch r {
	case '"', '\'', '\u201C', '\u201D', '\u2018', '\u2019', '\u00AB', '\u00BB', '\u201E', '\u201A', '\u2039', '\u203A', '\u300C', '\u300D':
		return r
	}
	return 0
}

// spaceBefore reports whether token i follows whitespace or starts the text.
func (d *doc) spaceBefore(i int) bool { return i == 0 || d.toks[i-1].SpaceAfter }

// spaceAfter reports whether whitespace or the end of the text follows token i.
func (d *doc) spaceAfter(i int) bool { return i == len(d.toks)-1 || d.toks[i].SpaceAfter }

// isPunct reports whether token i is a single punctuation character.
func (d *doc) isPunct(i int) bool {
	t := d.toks[i]
	r, n := utf8.DecodeRuneInString(d.text[t.ByteStart:t.ByteEnd])
	return n == t.ByteEnd-t.ByteStart && (unicode.IsPunct(r) || unicode.IsSymbol(r))
}

// opensLeft: the mark is attached to what follows (an opening position).
func (d *doc) opensLeft(i int) bool {
	if d.spaceAfter(i) {
		return false
	}
	return d.spaceBefore(i) || d.isPunct(i-1) && d.markRune(i-1) == 0 && !isClosingPunct(d.word(i-1))
}

// closesRight: the mark is attached to what precedes (a closing position).
func (d *doc) closesRight(i int) bool {
	if d.spaceBefore(i) {
		return false
	}
	return d.spaceAfter(i) || d.isPunct(i+1)
}

func isClosingPunct(w string) bool {
	switch w {
	case ".", ",", "!", "?", ";", ":", ")", "]", "…":
		return true
	}
	return false
}

// findQuotes pairs the quotation marks of the text and returns the
// top-level quotes in text order. Apostrophes (don't, the leaders' talks)
// are told apart from single quotation marks by position.
func (d *doc) findQuotes() []quoteSpan {
	var out []quoteSpan
	var stack []int // token indexes of open marks
	closeParagraph := func(last int) {
		if len(stack) > 0 {
			r := d.markRune(stack[0])
			// Only double marks run on across paragraphs; a single one left
			// open is more likely an apostrophe.
			if r != '\'' && r != '\u2018' && r != '\u201A' && last > stack[0]+1 {
				out = append(out, quoteSpan{open: stack[0], close: last, openEnded: true})
			}
		}
		stack = stack[:0]
	}
	for i := range d.toks {
		if i > 0 && d.newlineBefore(i) {
			closeParagraph(i - 1)
		}
		r := d.markRune(i)
		if r == 0 {
			continue
		}
		left, right := d.opensLeft(i), d.closesRight(i)
		closes := func() bool {
			for k := len(stack) - 1; k >= 0; k-- {
				for _, c := range annotate.QuoteClosers(d.markRune(stack[k])) {
					if c == r {
						if k == 0 {
							out = append(out, quoteSpan{open: stack[0], close: i})
						}
						stack = stack[:k]
						return true
					}
				}
			}
			return false
		}
		switch r {
		case '\u2019', '\'':
			// A closing single mark, unless it is an apostrophe: inside a
			// word the tokenizer keeps it; a plural possessive ("the
			// leaders' talks") is followed by a lowercase word.
			if right && !d.possessive(i) && closes() {
				continue
			}
			if r == '\'' && left && !right {
				stack = append(stack, i)
			}
		case '\u201D', '\u00BB', '\u203A', '\u300D':
			if closes() {
				continue
			}
			if left && r != '\u300D' { // Swedish ” … ”, Danish » … «
				stack = append(stack, i)
			}
		case '"':
			switch {
			case right && !left:
				closes()
			case left || !closes():
				stack = append(stack, i)
			}
		case '\u201C', '\u2018', '\u00AB', '\u2039':
			// „ … “ and ‚ … ‘ close with what opens elsewhere.
			if right && !left && closes() {
				continue
			}
			stack = append(stack, i)
		case '\u201E', '\u201A', '\u300C':
			stack = append(stack, i)
		}
	}
	if len(d.toks) > 0 {
		closeParagraph(len(d.toks) - 1)
	}
	return out
}

// possessive reports whether the single mark at token i reads as the
// apostrophe of a plural possessive: after an s, before a lowercase word.
func (d *doc) possessive(i int) bool {
	if i == 0 || i+1 >= len(d.toks) || d.spaceBefore(i) || !d.spaceAfter(i) {
		return false
	}
	prev := d.word(i - 1)
	if prev == "" || (prev[len(prev)-1] != 's' && prev[len(prev)-1] != 'S') {
		return false
	}
	r, _ := utf8.DecodeRuneInString(d.word(i + 1))
	return unicode.IsLower(r)
}
