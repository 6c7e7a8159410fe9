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

func TestTokenize(t *testing.T) {
	tests := []struct {
		text string
		want string // tokens joined by "|"
	}{
		{`Springfield Mayor Jane Doe said, "We will rebuild the bridge by May."`,
			`Springfield|Mayor|Jane|Doe|said|,|"|We|will|rebuild|the|bridge|by|May|.|"`},
		{"O'Brien met al-Assad in the U.S. on 3.5", "O'Brien|met|al-Assad|in|the|U.S|.|on|3.5"},
		{"“Мы готовы”, — сказал Лавров.", "“|Мы|готовы|”|,|—|сказал|Лавров|."},
		{"👨‍👩‍👧 family 👍🏽 🇺🇦 flag", "👨‍👩‍👧|family|👍🏽|🇺🇦|flag"},
		{"Jose\u0301 said", "Jose\u0301|said"},
		{"Mayor\u200bJane", "Mayor|Jane"},
		{"قال الوزير", "قال|الوزير"},
		{"end-", "end|-"},
		{"  \n", ""},
	}
	for _, tc := range tests {
		got := strings.Join(tokenTexts(tc.text), "|")
		if got != tc.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", tc.text, got, tc.want)
		}
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
	for _, s := range []string{"a b", "O'Brien-x.", "👨‍👩‍👧🇺🇦👍🏽", "Jose\u0301\u200d", "«Да», — сказал"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		toks := Tokenize(text)
		x := NewTextIndex(text)
		prev := 0
		for i, tk := range toks {
			if tk.Start < prev || tk.End <= tk.Start || tk.End > x.Len() {
				t.Fatalf("token %d %+v out of order or range", i, tk)
			}
			if text[tk.ByteStart:tk.ByteEnd] != x.Slice(tk.Start, tk.End) {
				t.Fatalf("token %d byte and code point offsets disagree", i)
			}
			gap := x.Slice(prev, tk.Start)
			for _, r := range gap {
				if !isSpace(r) {
					t.Fatalf("non-space %q between tokens", r)
				}
			}
			prev = tk.End
		}
		for _, r := range x.Slice(prev, x.Len()) {
			if !isSpace(r) {
				t.Fatalf("trailing non-space %q not in a token", r)
			}
		}
	})
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
