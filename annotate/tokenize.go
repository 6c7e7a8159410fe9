package annotate

import (
	"strings"
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

// Tokenize splits text deterministically, following spaCy's English
// tokenizer where it matters for news (Prodigy and most consumers retokenize
// with it), so a span the analyst selects lines up with their tokens:
//   - whitespace (including no-break, zero-width and line/paragraph
//     separators) separates tokens and belongs to none;
//   - a word is a run of letters, digits and combining marks; an inner
//     apostrophe or dot between word characters stays in it ("O'Brien",
//     "3.5", "example.com"), and so do a comma or colon between digits
//     ("1,000", "12:30");
//   - clitics split off: "China's" -> "China" "'s" (also ’s, 'S), "don't" ->
//     "do" "n't", and 're 've 'll 'd 'm after a pronoun ("we" "'re"); a bare
//     plural possessive keeps its apostrophe apart ("ministers" "'");
//   - a hyphen splits between a Latin letter or digit and a Latin letter
//     ("Russian" "-" "Chinese", "al" "-" "Assad") and between digits ("2009"
//     "-" "2019"); it stays inside "COVID-19" and "F-16", as in spaCy;
//   - French and Italian elision splits after the apostrophe ("l'" "Union",
//     "d'" "Italia", "dell'" "Unione");
//   - a word keeps its final dot when it is an abbreviation (titles "Mr."
//     "Dr." "Gen." "Sen." "Gov." "Prof." "St.", months "Jan."-"Dec." but not
//     "May", "Inc." "Ltd." "Corp." "Co." "No." "vs." "etc.") or initials
//     ("J.", "U.S.", "e.g.", "a.m."); any other final dot is a token;
//   - URLs ("https://...", "www...", "bbc.co.uk/news"), e-mail addresses and
//     @handles are one token, without the punctuation around them;
//   - an emoji with its modifiers, variation selectors and zero-width-joined
//     parts, or a pair of regional indicators (a flag), is one token;
//   - every other non-space character ("$", "%", quotation marks, dashes) is
//     a token of its own, with any combining marks after it.
//
// The clitic, hyphen, elision and abbreviation rules are for Latin script;
// Cyrillic, Greek, Arabic, Hebrew and CJK words follow only the word rule
// ("Ростов-на-Дону" stays one token, a run of Han characters is one token).
func Tokenize(text string) []Token {
	return AppendTokens(make([]Token, 0, len(text)/5+1), text)
}

// AppendTokens appends the tokens of text to toks and returns the result,
// for callers that tokenize many texts with one buffer (exports).
func AppendTokens(toks []Token, text string) []Token {
	cp, i := 0, 0
	chunkB, chunkCp := 0, 0 // where the current run of non-space characters began
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if isSpace(r) {
			if n := len(toks); n > 0 {
				toks[n-1].SpaceAfter = true
			}
			i += size
			cp++
			chunkB, chunkCp = i, cp
			continue
		}
		if isWordRune(r) {
			// Scan the run of word characters here, ASCII without decoding;
			// appendWord takes over only where a rule may apply.
			b, c := i, cp
			i += size
			cp++
			prev := r
			for i < len(text) {
				if ch := text[i]; ch < utf8.RuneSelf {
					if !asciiWord[ch] {
						break
					}
					prev = rune(ch)
					i++
					cp++
					continue
				}
				r2, s2 := utf8.DecodeRuneInString(text[i:])
				if !isWordRune(r2) {
					break
				}
				prev = r2
				i += s2
				cp++
			}
			if i < len(text) && (text[i] >= utf8.RuneSelf || asciiRule[text[i]]) {
				toks, i, cp = appendWord(toks, text, b, c, i, cp, prev)
			} else {
				toks = appendTok(toks, b, c, i, cp)
			}
			continue
		}
		start, bstart := cp, i
		i += size
		cp++
		switch {
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
			if r == '@' || r == '/' || r == ':' {
				// Rare characters that may sit inside a URL, an e-mail
				// address or a handle: look at the whole run of non-space
				// characters and, if it is one, make it a single token.
				if b, e, ok := linkAround(text, chunkB, bstart); ok {
					n := len(toks)
					for n > 0 && toks[n-1].ByteStart >= b {
						n--
					}
					c := chunkCp + utf8.RuneCountInString(text[chunkB:b])
					cp = c + utf8.RuneCountInString(text[b:e])
					toks = append(toks[:n], Token{Start: c, End: cp, ByteStart: b, ByteEnd: e})
					i = e
					continue
				}
			}
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

// appendWord appends the tokens of the word that starts at byte b (code
// point c) and whose first word characters, up to byte i (code point cp,
// last rune prev), are scanned, applying the number, clitic, hyphen, elision
// and abbreviation rules, and returns where scanning goes on.
func appendWord(toks []Token, text string, b, c, i, cp int, prev rune) ([]Token, int, int) {
	for i < len(text) {
		r, s := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) {
			prev = r
			i += s
			cp++
			continue
		}
		if !isInnerJoiner(r) || i+s >= len(text) {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[i+s:])
		if !isWordRune(next) || unicode.IsMark(next) {
			break
		}
		switch r {
		case ',', ':': // 1,000 and 12:30
			if !isDigit(prev) || !isDigit(next) {
				return appendTok(toks, b, c, i, cp), i, cp
			}
		case '-', '\u2010':
			if (isLatinAlnum(prev) && isLatinLetter(next)) || (isDigit(prev) && isDigit(next)) {
				return appendTok(toks, b, c, i, cp), i, cp
			}
		case '\'', '\u2019':
			tailEnd := i + s
			for tailEnd < len(text) && tailEnd-i-s < 4 {
				r3, s3 := utf8.DecodeRuneInString(text[tailEnd:])
				if !isWordRune(r3) {
					break
				}
				tailEnd += s3
			}
			tail := text[i+s : tailEnd]
			if tailEnd < len(text) {
				if r3, _ := utf8.DecodeRuneInString(text[tailEnd:]); isWordRune(r3) {
					tail = "" // longer than any clitic
				}
			}
			word := text[b:i]
			switch {
			case (prev == 'n' || prev == 'N') && (tail == "t" || tail == "T") && i-1 > b:
				// don't -> do n't
				toks = appendTok(toks, b, c, i-1, cp-1)
				return appendTok(toks, i-1, cp-1, tailEnd, cp+2), tailEnd, cp + 2
			case tail == "s" || tail == "S" || (isContraction(tail) && isPronoun(word)):
				toks = appendTok(toks, b, c, i, cp)
				end := cp + 1 + len(tail)
				return appendTok(toks, i, cp, tailEnd, end), tailEnd, end
			case isElision(word) && unicode.IsLetter(next) && tail != "t" && tail != "T":
				toks = appendTok(toks, b, c, i+s, cp+1)
				b, c = i+s, cp+1
			}
		}
		prev = r
		i += s
		cp++
	}
	if i < len(text) && text[i] == '.' && isAbbreviation(text[b:i]) {
		i++
		cp++
	}
	return appendTok(toks, b, c, i, cp), i, cp
}

// appendTok appends the token of bytes [b, e), code points [c, cpEnd).
func appendTok(toks []Token, b, c, e, cpEnd int) []Token {
	return append(toks, Token{Start: c, End: cpEnd, ByteStart: b, ByteEnd: e})
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200B' || r == '\u2060' || r == '\uFEFF' || r == '\u200E' || r == '\u200F'
}

// asciiWord marks the ASCII word characters; asciiRule the ASCII characters
// after a word that a rule looks at (inner joiners and the abbreviation dot).
var asciiWord, asciiRule = func() (w, j [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		w[c] = isWordRune(rune(c))
		j[c] = isInnerJoiner(rune(c))
	}
	return
}()

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf { // most text: skip the table searches
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isInnerJoiner(r rune) bool {
	switch r {
	case '\'', '\u2019', '-', '\u2010', '.', ',', ':', '\u00AD', '\u200C':
		return true
	}
	return false
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// isLatinLetter reports letters of the Latin script (Basic Latin to Latin
// Extended-B, and Latin Extended Additional), the script the English rules
// are for.
func isLatinLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return (r < 0x250 || (r >= 0x1E00 && r <= 0x1EFF)) && unicode.IsLetter(r)
}

func isLatinAlnum(r rune) bool { return isDigit(r) || isLatinLetter(r) }

// isContraction reports the clitics that split off after a pronoun.
func isContraction(tail string) bool {
	switch strings.ToLower(tail) {
	case "re", "ve", "ll", "d", "m":
		return true
	}
	return false
}

// isPronoun reports the words spaCy splits 're 've 'll 'd 'm from.
func isPronoun(w string) bool {
	if len(w) > 5 {
		return false
	}
	switch strings.ToLower(w) {
	case "i", "you", "he", "she", "it", "we", "they", "who", "what", "where", "when", "why", "how", "there", "that":
		return true
	}
	return false
}

// isElision reports French and Italian articles and prepositions that lose
// their vowel before an apostrophe: l'Union, d'Italia, qu'il, dell'Unione.
func isElision(w string) bool {
	if len(w) > 7 {
		return false
	}
	switch strings.ToLower(w) {
	case "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu",
		"dell", "all", "dall", "nell", "sull", "coll", "un", "quell", "quest", "sant":
		return true
	}
	return false
}

// isAbbreviation reports words that keep a following dot: the listed
// abbreviations, one capital letter (an initial), or single letters joined
// by dots ("U.S", "e.g").
func isAbbreviation(w string) bool {
	switch w {
	case "Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Gov", "Prof", "St", "Jr", "Sr", "Rep", "Lt", "Col",
		"Capt", "Sgt", "Adm", "Maj", "Rev", "Hon", "Mt", "Ft", "Ave", "Dept",
		"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
		"Inc", "Ltd", "Corp", "Co", "No", "Nos", "vs", "etc", "approx", "Bros":
		return true
	}
	if len(w)%2 == 0 {
		return false
	}
	for k := 0; k < len(w); k++ {
		if k%2 == 1 {
			if w[k] != '.' {
				return false
			}
		} else if !isLatinLetter(rune(w[k])) {
			return false
		}
	}
	return len(w) > 1 || ('A' <= w[0] && w[0] <= 'Z')
}

func isRegionalIndicator(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

func isEmojiBase(r rune) bool {
	return (r >= 0x1F000 && r <= 0x1FAFF) || (r >= 0x2600 && r <= 0x27BF) || (r >= 0x2B00 && r <= 0x2BFF)
}

func isEmojiTail(r rune) bool {
	return (r >= 0x1F3FB && r <= 0x1F3FF) || r == '\uFE0F' || r == '\uFE0E' || r == '\u20E3' || (r >= 0xE0020 && r <= 0xE007F)
}

// linkAround reports whether the run of non-space characters starting at
// byte chunk holds a URL, an e-mail address or an @handle around byte at,
// once the punctuation around it is set aside; b and e delimit it.
func linkAround(text string, chunk, at int) (b, e int, ok bool) {
	e = chunk
	for e < len(text) {
		r, s := utf8.DecodeRuneInString(text[e:])
		if isSpace(r) {
			break
		}
		e += s
	}
	b = chunk
	for b < e {
		r, s := utf8.DecodeRuneInString(text[b:])
		if !strings.ContainsRune("(\"'“‘«<[{", r) {
			break
		}
		b += s
	}
	for e > b {
		r, s := utf8.DecodeLastRuneInString(text[b:e])
		if r == ')' && strings.Count(text[b:e], "(") >= strings.Count(text[b:e], ")") {
			break
		}
		if !strings.ContainsRune(".,;:!?'\"”’»)]}>", r) {
			break
		}
		e -= s
	}
	if at < b || at >= e {
		return 0, 0, false
	}
	return b, e, isLink(text[b:e])
}

// isLink reports URLs (a scheme and "://", "www.", or a host name followed
// by a path), e-mail addresses and @handles.
func isLink(s string) bool {
	if k := strings.Index(s, "://"); k > 0 {
		for _, r := range s[:k] {
			if !isLatinLetter(r) {
				return false
			}
		}
		return len(s) > k+3
	}
	if len(s) > 4 && strings.EqualFold(s[:4], "www.") {
		return true
	}
	if s[0] == '@' {
		for _, r := range s[1:] {
			if !isWordRune(r) {
				return false
			}
		}
		return len(s) > 1
	}
	if k := strings.IndexByte(s, '@'); k > 0 {
		for _, r := range s[:k] {
			if !isWordRune(r) && !strings.ContainsRune(".-+%", r) {
				return false
			}
		}
		return isHost(s[k+1:])
	}
	if k := strings.IndexByte(s, '/'); k > 0 {
		return isHost(s[:k])
	}
	return false
}

// isHost reports a dotted host name whose last label is a word of two or
// more letters (a top-level domain).
func isHost(s string) bool {
	labels := strings.Split(s, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" {
			return false
		}
		for _, r := range l {
			if !isWordRune(r) && r != '-' {
				return false
			}
		}
	}
	tld := labels[len(labels)-1]
	for _, r := range tld {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return len(tld) >= 2
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
