package annotate

import (
	"unicode"
	"unicode/utf8"
)

// Token is a word or punctuation mark, in code points, half-open. The view
// snaps selections to tokens; the token-based exports (Prodigy, CoNLL, Hugging
// Face) use the same tokens, so what the analyst selected is what they export.
type Token struct {
	Start, End int  // code points
	ByteStart  int  // byte offsets, for slicing the Go string
	ByteEnd    int  //
	SpaceAfter bool // followed by whitespace (Prodigy's "ws")
}

// Tokenize splits text deterministically:
//   - a word is a maximal run of letters, digits and combining marks, with
//     inner apostrophes, hyphens and dots between word characters kept
//     ("O'Brien", "al-Assad", "U.S", "3.5");
//   - an emoji with its modifiers, variation selectors and zero-width-joined
//     parts, or a pair of regional indicators (a flag), is one token;
//   - every other non-space character is a token of its own;
//   - whitespace (including no-break, zero-width and line/paragraph
//     separators) separates tokens and belongs to none.
func Tokenize(text string) []Token {
	return AppendTokens(make([]Token, 0, len(text)/5+1), text)
}

// AppendTokens appends the tokens of text to toks and returns the result,
// for callers that tokenize many texts with one buffer (exports).
func AppendTokens(toks []Token, text string) []Token {
	cp := 0
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if isSpace(r) {
			if n := len(toks); n > 0 {
				toks[n-1].SpaceAfter = true
			}
			i += size
			cp++
			continue
		}
		start, bstart := cp, i
		i += size
		cp++
		switch {
		case isWordRune(r):
			for i < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[i:])
				if isWordRune(r2) {
					i += s2
					cp++
					continue
				}
				if isInnerJoiner(r2) && i+s2 < len(text) {
					r3, s3 := utf8.DecodeRuneInString(text[i+s2:])
					if isWordRune(r3) && !unicode.IsMark(r3) {
						i += s2 + s3
						cp += 2
						continue
					}
				}
				break
			}
		case isRegionalIndicator(r):
			if i < len(text) {
				if r2, s2 := utf8.DecodeRuneInString(text[i:]); isRegionalIndicator(r2) {
					i += s2
					cp++
				}
			}
		case isEmojiBase(r):
			for i < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[i:])
				if isEmojiTail(r2) {
					i += s2
					cp++
					continue
				}
				if r2 == '\u200D' && i+s2 < len(text) { // ZWJ joins the next emoji
					if r3, s3 := utf8.DecodeRuneInString(text[i+s2:]); isEmojiBase(r3) {
						i += s2 + s3
						cp += 2
						continue
					}
				}
				break
			}
		default:
			// Combining marks after punctuation stay with it.
			for i < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[i:])
				if r2 < utf8.RuneSelf || !unicode.IsMark(r2) {
					break
				}
				i += s2
				cp++
			}
		}
		toks = append(toks, Token{Start: start, End: cp, ByteStart: bstart, ByteEnd: i})
	}
	return toks
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200B' || r == '\u2060' || r == '\uFEFF' || r == '\u200E' || r == '\u200F'
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf { // most text: skip the table searches
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isInnerJoiner(r rune) bool {
	switch r {
	case '\'', '\u2019', '-', '\u2010', '.', '\u00AD', '\u200C':
		return true
	}
	return false
}

func isRegionalIndicator(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

func isEmojiBase(r rune) bool {
	return (r >= 0x1F000 && r <= 0x1FAFF) || (r >= 0x2600 && r <= 0x27BF) || (r >= 0x2B00 && r <= 0x2BFF)
}

func isEmojiTail(r rune) bool {
	return (r >= 0x1F3FB && r <= 0x1F3FF) || r == '\uFE0F' || r == '\uFE0E' || r == '\u20E3' || (r >= 0xE0020 && r <= 0xE007F)
}

// TokenAt returns the index of the token containing code point cp, or of the
// nearest token after it when cp is whitespace; len(toks) when none follows.
func TokenAt(toks []Token, cp int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		mid := (lo + hi) / 2
		if toks[mid].End <= cp {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}
