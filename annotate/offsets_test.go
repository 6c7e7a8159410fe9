package annotate

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// offsetCases are FORMATS.md's fixtures F1-F12: the code point and UTF-16
// offsets of "Jane Doe" in each text.
var offsetCases = []struct {
	name       string
	text       string
	start, end int // code points
	u16s, u16e int
	b8s, b8e   int
}{
	{"ascii", "Mayor Jane Doe said", 6, 14, 6, 14, 6, 14},
	{"astral emoji", "\U0001f600 Jane Doe said", 2, 10, 3, 11, 5, 13},
	{"zwj sequence", "\U0001f468\u200d\U0001f469\u200d\U0001f467 Jane Doe said", 6, 14, 9, 17, 19, 27},
	{"skin tone", "\U0001f44d\U0001f3fd Jane Doe said", 3, 11, 5, 13, 9, 17},
	{"flag", "\U0001f1fa\U0001f1e6 Jane Doe said", 3, 11, 5, 13, 9, 17},
	{"nfc accent", "Jos\u00e9: Jane Doe said", 6, 14, 6, 14, 7, 15},
	{"nfd accent", "Jose\u0301: Jane Doe said", 7, 15, 7, 15, 8, 16},
	{"bom", "\ufeffJane Doe said", 1, 9, 1, 9, 3, 11},
	{"zwsp", "Mayor\u200b Jane Doe said", 7, 15, 7, 15, 9, 17},
	{"rtl + rlm", "\u05e9\u05dc\u05d5\u05dd\u200f Jane Doe said", 6, 14, 6, 14, 12, 20},
	{"nbsp", "Mayor\u00a0Jane Doe said", 6, 14, 6, 14, 7, 15},
	{"line separator", "Mayor\u2028Jane Doe said", 6, 14, 6, 14, 8, 16},
	{"cyrillic", "Лавров: Jane Doe said", 8, 16, 8, 16, 14, 22},
	{"arabic", "قال Jane Doe said", 4, 12, 4, 12, 7, 15},
}

func TestOffsetConversions(t *testing.T) {
	for _, tc := range offsetCases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := SliceRunes(tc.text, tc.start, tc.end)
			if !ok || got != "Jane Doe" {
				t.Fatalf("SliceRunes = %q, %v; want Jane Doe", got, ok)
			}
			b, ok := ByteOffset(tc.text, tc.start)
			if !ok || b != tc.b8s {
				t.Errorf("ByteOffset(%d) = %d, %v; want %d", tc.start, b, ok, tc.b8s)
			}
			cp, ok := RuneOffset(tc.text, tc.b8e)
			if !ok || cp != tc.end {
				t.Errorf("RuneOffset(%d) = %d, %v; want %d", tc.b8e, cp, ok, tc.end)
			}
			x := NewTextIndex(tc.text)
			if x.Len() != RuneCount(tc.text) {
				t.Errorf("Len = %d, want %d", x.Len(), RuneCount(tc.text))
			}
			if s := x.Slice(tc.start, tc.end); s != "Jane Doe" {
				t.Errorf("TextIndex.Slice = %q", s)
			}
			if x.Byte(tc.start) != tc.b8s || x.Byte(tc.end) != tc.b8e {
				t.Errorf("TextIndex.Byte = %d,%d; want %d,%d", x.Byte(tc.start), x.Byte(tc.end), tc.b8s, tc.b8e)
			}
			if x.Rune(tc.b8s) != tc.start || x.Rune(tc.b8e) != tc.end {
				t.Errorf("TextIndex.Rune = %d,%d; want %d,%d", x.Rune(tc.b8s), x.Rune(tc.b8e), tc.start, tc.end)
			}
			if x.UTF16(tc.start) != tc.u16s || x.UTF16(tc.end) != tc.u16e {
				t.Errorf("TextIndex.UTF16 = %d,%d; want %d,%d", x.UTF16(tc.start), x.UTF16(tc.end), tc.u16s, tc.u16e)
			}
		})
	}
}

func TestOffsetRefusals(t *testing.T) {
	s := "😀a"
	if _, ok := RuneOffset(s, 1); ok {
		t.Error("RuneOffset inside a UTF-8 sequence must fail")
	}
	if _, ok := ByteOffset(s, 3); ok {
		t.Error("ByteOffset past the end must fail")
	}
	if _, ok := SliceRunes(s, 1, 0); ok {
		t.Error("SliceRunes with end < start must fail")
	}
	if got, ok := SliceRunes(s, 0, 2); !ok || got != s {
		t.Errorf("SliceRunes whole = %q, %v", got, ok)
	}
}

// FuzzOffsets checks that the linear helpers and TextIndex agree with each
// other and with []rune slicing, on any text.
func FuzzOffsets(f *testing.F) {
	for _, tc := range offsetCases {
		f.Add(tc.text, tc.start, tc.end)
	}
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		if !utf8.ValidString(text) {
			return
		}
		runes := []rune(text)
		x := NewTextIndex(text)
		if x.Len() != len(runes) {
			t.Fatalf("Len %d != %d", x.Len(), len(runes))
		}
		valid := start >= 0 && start <= end && end <= len(runes)
		got, ok := SliceRunes(text, start, end)
		if ok != valid {
			t.Fatalf("SliceRunes(%d,%d) ok=%v, want %v", start, end, ok, valid)
		}
		if !valid {
			return
		}
		want := string(runes[start:end])
		if got != want || x.Slice(start, end) != want {
			t.Fatalf("slice mismatch: %q / %q, want %q", got, x.Slice(start, end), want)
		}
		b := x.Byte(start)
		if cp, ok := RuneOffset(text, b); !ok || cp != start || x.Rune(b) != start {
			t.Fatalf("round trip of %d via byte %d failed", start, b)
		}
		u := 0
		for _, r := range runes[:start] {
			u += len(utf16Units(r))
		}
		if x.UTF16(start) != u {
			t.Fatalf("UTF16(%d) = %d, want %d", start, x.UTF16(start), u)
		}
	})
}

func utf16Units(r rune) []int {
	if r > 0xFFFF {
		return []int{0, 0}
	}
	return []int{0}
}

func TestCanonicalText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
		err  string
	}{
		{"plain", "Hello", "Hello", ""},
		{"bom", "\ufeffHello", "Hello", ""},
		{"crlf", "a\r\nb\rc\n", "a\nb\nc\n", ""},
		{"nfd to nfc", "Jose\u0301", "Jos\u00e9", ""},
		{"nothing trimmed", "  Title\n\n\nBody  \n", "  Title\n\n\nBody  \n", ""},
		{"invalid", "ab\xffcd", "", "byte offset 2"},
		{"truncated sequence", "ab\xe2\x82", "", "byte offset 2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CanonicalText([]byte(tc.in))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want it to mention %q", err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("CanonicalText = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestGuessTitle(t *testing.T) {
	tests := map[string]string{
		"Ministers meet in Geneva\n\nBody.":      "Ministers meet in Geneva",
		"This is a sentence.\nMore.":             "",
		"\nTitle after blank":                    "",
		strings.Repeat("long ", 40) + "\nbody":   "",
		"Lavrov: talks were “useful”\nGENEVA —…": "Lavrov: talks were “useful”",
	}
	for in, want := range tests {
		if got := GuessTitle(in); got != want {
			t.Errorf("GuessTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkTextIndex(b *testing.B) {
	text := strings.Repeat("Сергей Лавров said “we will” 😀. ", 20000)
	for b.Loop() {
		x := NewTextIndex(text)
		_ = x.Slice(1000, 2000)
	}
}
