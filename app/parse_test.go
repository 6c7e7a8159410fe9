package app

import (
	"fmt"
	"image/color"
	"strings"
	"testing"
	"unicode/utf8"
)

var colorCases = []struct {
	in   string
	want color.Color
}{
	{"#e15759", color.NRGBA{0xe1, 0x57, 0x59, 0xff}},
	{"#FFFFFF", color.NRGBA{0xff, 0xff, 0xff, 0xff}},
	{"#000000", color.NRGBA{0, 0, 0, 0xff}},
	{"e15759", nil},
	{"#e1575", nil},
	{"#e1575g", nil},
	{"#+12345", nil},
	{"", nil},
	{"#e15759 ", nil},
}

func TestParseColor(t *testing.T) {
	for _, tc := range colorCases {
		if got := parseColor(tc.in); got != tc.want {
			t.Errorf("parseColor(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// FuzzParseColor checks parseColor against formatting: whatever it accepts
// must print back as the (lower-cased) input, and it accepts exactly the
// strings of the form #rrggbb.
func FuzzParseColor(f *testing.F) {
	for _, tc := range colorCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := parseColor(s)
		valid := len(s) == 7 && s[0] == '#' && strings.Trim(strings.ToLower(s[1:]), "0123456789abcdef") == ""
		if (c != nil) != valid {
			t.Fatalf("parseColor(%q) = %v, valid = %v", s, c, valid)
		}
		if c != nil {
			n := c.(color.NRGBA)
			if got := fmt.Sprintf("#%02x%02x%02x", n.R, n.G, n.B); got != strings.ToLower(s) || n.A != 0xff {
				t.Fatalf("parseColor(%q) prints as %s", s, got)
			}
		}
	})
}

var cutCases = []struct {
	in   string
	room float32
	want string
}{
	{"Short title", 500, "Short title"},
	{"Foreign ministers meet in Geneva as ceasefire talks resume", 150, "Foreign ministers…"},
	{"Опрос: явка на выборах в Киеве", 120, "Опрос: явка н…"},
	{"会谈在日内瓦举行", 60, "会谈在…"},
	{"", 10, ""},
	{"Anything", 0, "…"},
}

func TestCutToWidth(t *testing.T) {
	for _, tc := range cutCases {
		if got := cutToWidth(tc.in, tc.room, 14); got != tc.want {
			t.Errorf("cutToWidth(%q, %v) = %q, want %q", tc.in, tc.room, got, tc.want)
		}
	}
}

// FuzzCutToWidth: the result is the whole input, or a prefix of it ending
// on a rune boundary followed by an ellipsis, and never wider than the room
// by more than the ellipsis.
func FuzzCutToWidth(f *testing.F) {
	for _, tc := range cutCases {
		f.Add(tc.in, tc.room)
	}
	f.Fuzz(func(t *testing.T, s string, room float32) {
		got := cutToWidth(s, room, 14)
		if got == s {
			return
		}
		prefix, ok := strings.CutSuffix(got, "…")
		if !ok || !strings.HasPrefix(s, prefix) || strings.HasSuffix(prefix, " ") {
			t.Fatalf("cutToWidth(%q, %v) = %q: not a trimmed prefix plus ellipsis", s, room, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(prefix) {
			t.Fatalf("cutToWidth(%q) split a rune: %q", s, prefix)
		}
		width := float32(0)
		for _, c := range prefix {
			width += glyphWidth(c) * 14
		}
		if width > max(room, 0) {
			t.Fatalf("cutToWidth(%q, %v) = %q is %v wide", s, room, got, width)
		}
	})
}
