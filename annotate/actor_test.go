package annotate

import (
	"reflect"
	"testing"
)

func TestFoldName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Sergei Lavrov", "sergei lavrov"},
		{"  Sergeï   LAVROV ", "sergei lavrov"},
		{"Recep Tayyip Erdoğan", "recep tayyip erdogan"},
		{"Søren Kierkegaard", "soren kierkegaard"},
		{"Lech Wałęsa", "lech walesa"},
		{"Jean-Luc Mélenchon", "jean luc melenchon"},
		{"Сергей Лавров", "сергеи лавров"}, // й is и + breve in NFD
		{"", ""},
		{"  O'Brien,  Jr. (2nd) ", "o brien jr 2nd"}, // ASCII, punctuation as space
		{"MFA-2", "mfa 2"},
		{"---", ""},
	} {
		if got := FoldName(c.in); got != c.want {
			t.Errorf("FoldName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzFoldName holds the ASCII fast path to what the general path does.
func FuzzFoldName(f *testing.F) {
	for _, s := range []string{"Sergei Lavrov", "  O'Brien, Jr. ", "a\tb\nc", "MFA-2", "x_y", "~!@#"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ascii(s) && foldASCII(s) != foldUnicode(s) {
			t.Errorf("FoldName(%q): %q by the ASCII path, %q by the general one", s, foldASCII(s), foldUnicode(s))
		}
	})
}

func TestActorIndexFilter(t *testing.T) {
	actors := []ActorSummary{
		{Actor: Actor{ID: 1, Name: "Sergei Lavrov", Aliases: []string{"Lavrov"}}, Mentions: 3},
		{Actor: Actor{ID: 2, Name: "Recep Tayyip Erdoğan", Aliases: []string{"Erdogan"}}, Mentions: 9},
		{Actor: Actor{ID: 3, Name: "Lavrentiy Beria"}, Mentions: 1},
		{Actor: Actor{ID: 4, Name: "Ministry of Foreign Affairs", Aliases: []string{"MFA"}}, Mentions: 5},
		{Actor: Actor{ID: 5, Name: "Hakan Fidan"}, Mentions: 2},
		{Actor: Actor{ID: 6, Name: "Сергей Лавров"}},
	}
	ix := NewActorIndex(actors)
	for _, c := range []struct {
		query string
		limit int
		want  []int64
	}{
		{"", 0, []int64{2, 4, 1, 5, 3, 6}},  // everyone, most mentioned first
		{"lav", 0, []int64{1, 3}},           // alias prefix beats a name prefix with fewer mentions
		{"LAVROV", 0, []int64{1}},           // exact alias
		{"erdoğ", 0, []int64{2}},            // accents on the query side
		{"erdog", 0, []int64{2}},            // accents on the name side
		{"fidan", 0, []int64{5}},            // word prefix
		{"mnstry", 0, []int64{4}},           // letters in order, with gaps
		{"mfa", 0, []int64{4}},              // alias
		{"a", 2, []int64{4, 2}},             // top two of many: a word start ("affairs") first
		{"zzz", 0, nil},                     // nothing
		{"s lav", 0, []int64{1}},            // across words
		{"tayyip", 0, []int64{2}},           // a middle word
		{"of foreign", 0, []int64{4}},       // two words inside
		{"lavrov sergei", 0, nil},           // words out of order are not a match
		{"ministry foreign", 0, []int64{4}}, // skipping a word
		{"Lavrentiy Beria", 1, []int64{3}},  // exact name
		{"beria lavrentiy", 0, nil},         // reversed
		{"hakan  fidan", 0, []int64{5}},     // extra spaces
		{"hakan-fidan", 0, []int64{5}},      // punctuation as space
		{"affairs", 0, []int64{4}},          // last word
		{"erdogan", 0, []int64{2}},          // alias exact
		{"recep", 0, []int64{2}},            // name prefix
		{"ecep", 0, []int64{2}},             // substring
		{"rcp", 0, []int64{2}},              // fuzzy
		{"sergei lavrov", 0, []int64{1}},    // exact
		{"sergei lavrovich", 0, nil},        // longer than the name
		{"ministry of foreign affairs", 0, []int64{4}},
		{"lavorv", 0, []int64{1}},          // two letters swapped
		{"lavrpv", 0, []int64{1}},          // one letter wrong
		{"lavrov", 0, []int64{1}},          // no typo: the near name (Lavrentiy) stays out
		{"lavrovv", 0, []int64{1}},         // one letter extra
		{"fidna", 0, []int64{5}},           // swapped at the end, in a later word
		{"erdgoan", 0, []int64{2}},         // an alias with a typo
		{"sergie lav", 0, []int64{1}},      // a typo in the first of two words
		{"xavrov", 0, nil},                 // the first letter must be right
		{"lavroff", 0, nil},                // two typos
		{"fidn", 0, []int64{5}},            // a missing letter is a subsequence anyway
		{"hkan", 0, []int64{5}},            // so is this
		{"zidan", 0, nil},                  // a wrong first letter
		{"lav", 0, []int64{1, 3}},          // too short for typos
		{"сергий", 0, []int64{6}},          // Cyrillic: one letter wrong
		{"lavrentiy beira", 0, []int64{3}}, // typo in a later word of a long query
	} {
		var got []int64
		for _, m := range ix.Filter(c.query, c.limit) {
			got = append(got, m.Actor.ID)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Filter(%q, %d) = %v, want %v", c.query, c.limit, got, c.want)
		}
	}
}

func TestQuoteFilterValidate(t *testing.T) {
	for _, c := range []struct {
		f  QuoteFilter
		ok bool
	}{
		{QuoteFilter{}, true},
		{QuoteFilter{Since: "2023-05-01", Until: "2023-05-31"}, true},
		{QuoteFilter{Since: "2023-5-1"}, false},
		{QuoteFilter{Until: "2023-02-30"}, false},
		{QuoteFilter{Since: "yesterday"}, false},
	} {
		if err := c.f.Validate(); (err == nil) != c.ok {
			t.Errorf("%+v: error %v, want ok %v", c.f, err, c.ok)
		}
	}
}

func TestMergedAndAliases(t *testing.T) {
	keep := &Actor{Name: "Sergei Lavrov", Aliases: []string{"Lavrov"}}
	drop := &Actor{Name: "Sergey Lavrov", Aliases: []string{"lavrov", "S. Lavrov"}, KBID: "Q193570", Note: "FM"}
	m := Merged(keep, drop)
	if want := []string{"Lavrov", "Sergey Lavrov", "S. Lavrov"}; !reflect.DeepEqual(m.Aliases, want) {
		t.Errorf("aliases %q, want %q", m.Aliases, want)
	}
	if m.KBID != "Q193570" || m.Note != "FM" || m.Name != keep.Name {
		t.Errorf("merged %+v", m)
	}
	if len(keep.Aliases) != 1 {
		t.Errorf("Merged changed keep's aliases: %q", keep.Aliases)
	}
}
