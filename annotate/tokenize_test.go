package annotate

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func tokenTexts(text string) []string {
	x := NewTextIndex(text)
	var out []string
	for _, t := range Tokenize(text) {
		out = append(out, x.Slice(t.Start, t.End))
	}
	return out
}

// TestTokenize is the rule table of Tokenize (see its comment): each case
// names the rule it shows.
func TestTokenize(t *testing.T) {
	tests := []struct {
		rule string
		text string
		want string // tokens joined by "|"
	}{
		{"running example", `Springfield Mayor Jane Doe said, "We will rebuild the bridge by May."`,
			`Springfield|Mayor|Jane|Doe|said|,|"|We|will|rebuild|the|bridge|by|May|.|"`},
		{"empty", "", ""},
		{"only space", "  \n", ""},
		{"zero-width space", "Mayor\u200bJane", "Mayor|Jane"},
		{"no-break space", "Jane\u00a0Doe", "Jane|Doe"},
		{"possessive", "China's economy", "China|'s|economy"},
		{"possessive, curly apostrophe", "Beijing’s plan", "Beijing|’s|plan"},
		{"possessive, capital S", "CHINA'S ECONOMY", "CHINA|'S|ECONOMY"},
		{"possessive, curly capital S", "NATO’S", "NATO|’S"},
		{"possessive after a name with an apostrophe", "O'Brien's office", "O'Brien|'s|office"},
		{"possessive then punctuation", "it was Russia's.", "it|was|Russia|'s|."},
		{"possessive of a number", "the 1990's", "the|1990|'s"},
		{"plural possessive", "the ministers' talks", "the|ministers|'|talks"},
		{"plural possessive, curly", "the ministers’ talks", "the|ministers|’|talks"},
		{"'s as is", "He's here", "He|'s|here"},
		{"let's", "Let's go", "Let|'s|go"},
		{"n't", "don't", "do|n't"},
		{"n't, curly", "doesn’t", "does|n’t"},
		{"n't, capitals", "DON'T", "DO|N'T"},
		{"can't", "can't", "ca|n't"},
		{"won't", "won't", "wo|n't"},
		{"n't alone", "n't", "n't"},
		{"'re after a pronoun", "we're", "we|'re"},
		{"'ve after a pronoun", "they've", "they|'ve"},
		{"'ll after a pronoun", "I'll", "I|'ll"},
		{"'d after a pronoun", "she'd", "she|'d"},
		{"'m after a pronoun", "I'm", "I|'m"},
		{"'ll after that", "That'll do", "That|'ll|do"},
		{"'d after a name stays", "Sa'd Hariri", "Sa'd|Hariri"},
		{"inner apostrophe stays", "O'Brien", "O'Brien"},
		{"hyphen between words", "Russian-Chinese talks", "Russian|-|Chinese|talks"},
		{"hyphen, compound", "Scientology-related", "Scientology|-|related"},
		{"hyphen, Arabic name", "Bashar al-Assad", "Bashar|al|-|Assad"},
		{"hyphen, several", "face-to-face", "face|-|to|-|face"},
		{"hyphen, digit then letter", "a 19-year-old", "a|19|-|year|-|old"},
		{"hyphen, numeric range", "2009-2019", "2009|-|2019"},
		{"hyphen before digits stays", "COVID-19 and F-16", "COVID-19|and|F-16"},
		{"hyphen U+2010", "Russian\u2010Chinese", "Russian|\u2010|Chinese"},
		{"hyphen at the end", "end-", "end|-"},
		{"soft hyphen stays", "news\u00adpaper", "news\u00adpaper"},
		{"en dash", "Paris–Berlin", "Paris|–|Berlin"},
		{"em dash", "said—and", "said|—|and"},
		{"initials", "U.S. troops", "U.S.|troops"},
		{"initials, end of sentence", "in the U.S.", "in|the|U.S."},
		{"initials U.K.", "the U.K. and E.U. said", "the|U.K.|and|E.U.|said"},
		{"initial", "George W. Bush", "George|W.|Bush"},
		{"initials then comma", "e.g., i.e.", "e.g.|,|i.e."},
		{"a.m.", "at 8 a.m. local", "at|8|a.m.|local"},
		{"titles", "Mr. Smith, Mrs. Lee, Dr. Ng", "Mr.|Smith|,|Mrs.|Lee|,|Dr.|Ng"},
		{"military and political titles", "Gen. Sen. Gov. Prof. St. Paul", "Gen.|Sen.|Gov.|Prof.|St.|Paul"},
		{"months", "Jan. 5 and Sept. 11 and Dec. 1", "Jan.|5|and|Sept.|11|and|Dec.|1"},
		{"May is a word", "in May. Then", "in|May|.|Then"},
		{"companies", "Apple Inc. and Acme Ltd. and Foo Corp. and Bar Co.", "Apple|Inc.|and|Acme|Ltd.|and|Foo|Corp.|and|Bar|Co."},
		{"No. vs. etc.", "No. 5 vs. No. 6 etc.", "No.|5|vs.|No.|6|etc."},
		{"sentence dot", "He left. She stayed.", "He|left|.|She|stayed|."},
		{"acronym then dot", "joined NATO.", "joined|NATO|."},
		{"lowercase letter then dot", "plan b.", "plan|b|."},
		{"decimal", "3.5 percent", "3.5|percent"},
		{"thousands", "1,000 troops and 2,500,000", "1,000|troops|and|2,500,000"},
		{"time", "at 12:30, he", "at|12:30|,|he"},
		{"comma between words", "Paris,Berlin", "Paris|,|Berlin"},
		{"colon between words", "Note:this", "Note|:|this"},
		{"currency", "$5 million", "$|5|million"},
		{"currency with decimals", "€3.5bn", "€|3.5bn"},
		{"percent", "5% rise", "5|%|rise"},
		{"URL", "see https://example.com/a/b?c=d.", "see|https://example.com/a/b?c=d|."},
		{"URL in parentheses", "(https://bbc.co.uk/news)", "(|https://bbc.co.uk/news|)"},
		{"URL with www", "at www.reuters.com/world, he", "at|www.reuters.com/world|,|he"},
		{"host and path", "bbc.co.uk/news/world", "bbc.co.uk/news/world"},
		{"host alone", "example.com", "example.com"},
		{"e-mail", "write to press@un.org.", "write|to|press@un.org|."},
		{"e-mail with dots and hyphens", "<jean-luc.picard@star-fleet.org>", "<|jean-luc.picard@star-fleet.org|>"},
		{"handle", "@UN_News said", "@UN_News|said"},
		{"handle in quotes", `"@Reuters"`, `"|@Reuters|"`},
		{"at sign alone", "meet @ noon", "meet|@|noon"},
		{"slash between words", "and/or", "and|/|or"},
		{"hashtag", "#КиївГолосує 🗳️", "#|КиївГолосує|🗳️"},
		{"French elision", "l'Union européenne", "l'|Union|européenne"},
		{"Italian elision", "d'Italia e dell'Unione", "d'|Italia|e|dell'|Unione"},
		{"elision, curly and capital", "L’Élysée", "L’|Élysée"},
		{"elision, qu'", "qu'il", "qu'|il"},
		{"quotes", "“We are ready,” he said.", "“|We|are|ready|,|”|he|said|."},
		{"parentheses and brackets", "(Reuters) [sic]", "(|Reuters|)|[|sic|]"},
		{"ellipsis", "wait...", "wait|.|.|."},
		{"Cyrillic", "«Мы готовы», — сказал Лавров.", "«|Мы|готовы|»|,|—|сказал|Лавров|."},
		{"Cyrillic hyphen stays", "Ростов-на-Дону", "Ростов-на-Дону"},
		{"Cyrillic initials as before", "С.В. Лавров", "С.В|.|Лавров"},
		{"Cyrillic quotes", "“Мы готовы”, — сказал Лавров.", "“|Мы|готовы|”|,|—|сказал|Лавров|."},
		{"Arabic", "قال الوزير", "قال|الوزير"},
		{"Arabic with punctuation", "قال الوزير، «نحن مستعدون».", "قال|الوزير|،|«|نحن|مستعدون|»|."},
		{"Arabic diacritics", "مُحَمَّد", "مُحَمَّد"},
		{"Hebrew", "אמר השר: \"אנחנו מוכנים\"", `אמר|השר|:|"|אנחנו|מוכנים|"`},
		{"Hebrew geresh stays", "ג'ורג' בוש", "ג'ורג|'|בוש"},
		{"Hebrew maqaf", "בית־ספר", "בית|־|ספר"},
		{"CJK run", "中国外交部发言人说。", "中国外交部发言人说|。"},
		{"CJK with Latin", "北京（Beijing）", "北京|（|Beijing|）"},
		{"Japanese", "東京で「はい」と言った", "東京で|「|はい|」|と言った"},
		{"Korean", "외교부 장관이 말했다.", "외교부|장관이|말했다|."},
		{"emoji ZWJ and skin tone, flag", "👨‍👩‍👧 family 👍🏽 🇺🇦 flag", "👨‍👩‍👧|family|👍🏽|🇺🇦|flag"},
		{"emoji next to a word", "fire🔥now", "fire|🔥|now"},
		{"keycap", "1️⃣ first", "1️⃣|first"},
		{"combining accent", "Jose\u0301 said", "Jose\u0301|said"},
		{"accented Latin", "Støre's deal", "Støre|'s|deal"},
		{"accented hyphen", "Lévy-Bruhl", "Lévy|-|Bruhl"},
		{"underscore word", "snake_case", "snake_case"},
	}
	if len(tests) < 60 {
		t.Fatalf("only %d cases", len(tests))
	}
	for _, tc := range tests {
		got := strings.Join(tokenTexts(tc.text), "|")
		if got != tc.want {
			t.Errorf("%s: Tokenize(%q)\n got %s\nwant %s", tc.rule, tc.text, got, tc.want)
		}
		checkTokens(t, tc.text, Tokenize(tc.text))
	}
}

func TestTokenizeRunningExampleOffsets(t *testing.T) {
	// FORMATS.md section 2: token 4 "said" is 27-31 without a following space.
	toks := Tokenize(`Springfield Mayor Jane Doe said, "We will rebuild the bridge by May."`)
	if len(toks) != 16 {
		t.Fatalf("%d tokens, want 16", len(toks))
	}
	if tk := toks[4]; tk.Start != 27 || tk.End != 31 || tk.SpaceAfter {
		t.Errorf("token 4 = %+v", tk)
	}
	if tk := toks[6]; tk.Start != 33 || tk.End != 34 || tk.SpaceAfter {
		t.Errorf("token 6 = %+v", tk)
	}
	if TokenAt(toks, 31) != 5 || TokenAt(toks, 32) != 6 || TokenAt(toks, 0) != 0 || TokenAt(toks, 69) != 16 {
		t.Errorf("TokenAt wrong: %d %d %d %d", TokenAt(toks, 31), TokenAt(toks, 32), TokenAt(toks, 0), TokenAt(toks, 69))
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"a b", "O'Brien-x.", "👨‍👩‍👧🇺🇦👍🏽", "Jose\u0301\u200d", "«Да», — сказал",
		"China's U.S. don't l'Union", "(https://x.org/a).", "a@b.co @h_1 1,000 12:30 2009-2019"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		checkTokens(t, text, Tokenize(text))
	})
}

// checkTokens asserts what every tokenization must be: tokens in order,
// non-empty, byte and code point offsets agreeing, whitespace between them
// and nothing else left out, SpaceAfter exactly when whitespace follows.
func checkTokens(t *testing.T, text string, toks []Token) {
	t.Helper()
	x := NewTextIndex(text)
	prev := 0
	for i, tk := range toks {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > x.Len() {
			t.Fatalf("%q: token %d %+v out of order or range", text, i, tk)
		}
		if text[tk.ByteStart:tk.ByteEnd] != x.Slice(tk.Start, tk.End) {
			t.Fatalf("%q: token %d byte and code point offsets disagree", text, i)
		}
		for _, r := range x.Slice(prev, tk.Start) {
			if !isSpace(r) {
				t.Fatalf("%q: non-space %q between tokens", text, r)
			}
		}
		if i > 0 && toks[i-1].SpaceAfter != (toks[i-1].End < tk.Start) {
			t.Fatalf("%q: token %d SpaceAfter %v", text, i-1, toks[i-1].SpaceAfter)
		}
		prev = tk.End
	}
	for _, r := range x.Slice(prev, x.Len()) {
		if !isSpace(r) {
			t.Fatalf("%q: trailing non-space %q not in a token", text, r)
		}
	}
}

func BenchmarkTokenize(b *testing.B) {
	text := strings.Repeat(`Russian Foreign Minister Sergei Lavrov said, “We are ready.” `, 10000)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Tokenize(text)
	}
}

func TestIsQuoted(t *testing.T) {
	tests := map[string]bool{
		`"We will rebuild."`:    true,
		`“We are ready,”`:       true,
		`«Мы готовы»`:           true,
		`„Wir sind bereit“`:     true,
		`‹Prêts›`:               true,
		`'yes'`:                 true,
		`the talks were useful`: false,
		`"unbalanced`:           false,
		`“frank and useful.”`:   true,
		`he said "yes"`:         false,
		`"`:                     false,
	}
	for in, want := range tests {
		if got := IsQuoted(in); got != want {
			t.Errorf("IsQuoted(%q) = %v, want %v", in, got, want)
		}
	}
	x := NewTextIndex(`“We will,” he said, “not retreat.”`)
	segs := []Segment{{Start: 0, End: 10}, {Start: 20, End: 34}}
	if k := QuoteKindFor(segs, x); k != QuoteDirect {
		t.Errorf("split direct quote kind = %s", k)
	}
	if k := QuoteKindFor([]Segment{{Start: 11, End: 18}}, x); k != QuoteIndirect {
		t.Errorf("unquoted kind = %s", k)
	}
}
