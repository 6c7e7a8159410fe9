package ingest

import (
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"sort"
	"strings"
	"testing"

	"byline/annotate"
)

const scrapedSample = "../../assets/samples/04-scraped.txt"

func flaggedLines(text string, ranges []annotate.Range) []string {
	var out []string
	for _, r := range ranges {
		s, ok := annotate.SliceRunes(text, r.Start, r.End)
		if !ok {
			return append(out, "<out of range>")
		}
		out = append(out, s)
	}
	return out
}

// checkFlagged fails t unless Debris, without a schema, flags exactly the
// lines want, in order.
func checkFlagged(t *testing.T, text string, want []string) {
	t.Helper()
	_, ranges := Debris(text, nil, false)
	if got := flaggedLines(text, ranges); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("flagged %q\nwant    %q", got, want)
	}
}

// TestScrapedSample: the scraped-style sample comes out with exactly its
// debris lines flagged, and clean when stripped.
func TestScrapedSample(t *testing.T) {
	data, err := os.ReadFile(scrapedSample)
	if err != nil {
		t.Fatal(err)
	}
	reader := Readers()[1]
	recs, err := reader.Read(scrapedSample, data, annotate.ReadOptions{ExternalID: "04-scraped.txt"})
	if err != nil {
		t.Fatal(err)
	}
	kept := recs[0]
	wantFlagged := []string{
		"Advertisement",
		"Share this article",
		"Other Topics of Interest",
		"Comments (0)",
		"Write the first comment",
		"To suggest a correction, contact the newsroom.",
		"https://example.org/newsletter",
	}
	if got := flaggedLines(kept.Text, kept.Debris); strings.Join(got, "|") != strings.Join(wantFlagged, "|") {
		t.Errorf("flagged %q\nwant    %q", got, wantFlagged)
	}
	if kept.Meta.Title != "Port strike enters second week" {
		t.Errorf("title = %q", kept.Meta.Title)
	}

	recs, err = reader.Read(scrapedSample, data, annotate.ReadOptions{ExternalID: "04-scraped.txt", StripDebris: true})
	if err != nil {
		t.Fatal(err)
	}
	clean := recs[0]
	if len(clean.Debris) != 0 {
		t.Errorf("stripped record has debris %v", clean.Debris)
	}
	want := "Port strike enters second week\n\n" +
		"ROTTERDAM, Oct 9 (Wire) — Dock workers at the Port of Rotterdam extended their strike into a second week on Monday, leaving more than 40 container ships waiting off the Dutch coast.\n\n" +
		"The FNV union said talks with employers had broken down over pay. “Our members have waited long enough,” union negotiator Niek Stam told the Dutch broadcaster NOS.\n\n" +
		"A spokesperson for the port authority said the backlog would take weeks to clear, according to a statement posted on its website."
	if strings.TrimSuffix(clean.Text, "\n") != want {
		t.Errorf("stripped text:\n%q\nwant\n%q", clean.Text, want)
	}
	if strings.HasSuffix(string(data), "\n") != strings.HasSuffix(clean.Text, "\n") {
		t.Errorf("stripping changed whether the text ends with a line break")
	}
	// Stripping again finds nothing more.
	if again, r := Debris(clean.Text, nil, false); again != clean.Text || len(r) != 0 {
		t.Errorf("clean text still has debris %v", flaggedLines(again, r))
	}
}

// debrisExamples must be flagged, contentExamples never.
var debrisExamples = []string{
	"Advertisement", "ADVERTISEMENT", "— Advertisement —", "[Advertisement]", "Ad", "Sponsored content",
	"Story continues below advertisement", "Other Topics of Interest", "Related stories", "You may also like",
	"Most read", "Comments", "Comments (0)", "Comments (12)", "3 comments", "Write the first comment",
	"View all 14 comments", "Be the first to comment", "Join the conversation", "Comments are closed.",
	"To suggest a correction, contact the newsroom.", "To report an error, write to corrections@example.org.",
	"Share this article", "Share on Facebook", "Share", "Tweet", "Email", "Print",
	"Facebook Twitter WhatsApp", "Facebook | Twitter | Email", "Share via Email",
	"https://example.org/newsletter", "http://example.org/a?b=c", "www.example.org", "<https://example.org>",
	"Read more", "Read more »", "Read more: Spain's reservoirs at record low", "Continue reading",
	"Click here to subscribe", "See also: Ceasefire collapses", "Skip to content", "Back to top", "Loading...",
	"Subscribe", "Subscribe now", "Subscribe to our newsletter", "Sign up for the morning briefing",
	"Already a subscriber? Sign in", "Subscribe to continue reading this article.", "Sign in",
	"Download our app for the latest news", "Follow us on Twitter",
	"We use cookies to improve your experience. By continuing you agree to our cookie policy.",
	"This website uses cookies.", "Accept all cookies", "Reject all", "Cookie settings", "I agree", "Got it",
	"Please enable JavaScript to view the comments.", "Listen to this article", "4 min read",
	"© 2023 The Daily Ledger. All rights reserved.", "Copyright 2024 Example", "All rights reserved.",
	"Tags: Geneva, Diplomacy", "Реклама", "Комментарии (3)", "Коментарі", "Поделиться", "Читайте также",
	"Читайте также: Лавров прибыл в Женеву", "Подписаться", "Anzeige", "Kommentare (5)", "Publicité",
	"Lire aussi : la réforme", "Publicidad", "  • Read more ›  ",
	"Older people are being targeted by fraudsters (Image: GETTY)", "Image copyright Reuters",
	"Image caption Fields near Ely have been underwater since January", "Getty Images", "Back to Gallery",
	"1 of 12", "SKIP ADVERTISEMENT", "Published: 14 February 2024", "Updated 9:14 PM UTC, August 20, 2023",
	"Back to news", "Friday, 8 March 2024", "2024-03-08", "26 May 2023",
}
var contentExamples = []string{
	"", "   ", "Port strike enters second week",
	"The FNV union said talks with employers had broken down over pay.",
	"Advertisement revenue fell 12 per cent, the company said.",
	"He declined to comment.", "No comment.", "Shares in the company fell 4 per cent.",
	"Read the statement in full below.", "The website, https://example.org, was offline.",
	"Subscribers will pay more from June.", "Menu prices rose sharply.", "Related parties were named in the filing.",
	"The agency said cookies were no longer sold at the stall.", "Реклама на телевидении запрещена с 2024 года.",
	"Comments made by the minister drew criticism.", "Email correspondence seen by the Wire shows the deal.",
	"Print editions will end next year.", "Copyright law was changed in 2019.",
	"Facebook said it would appeal.", "X", "Ukraine", "Twitter users reacted angrily to the decision.",
	strings.Repeat("Advertisement ", 40),
	"Published in 1998, the report found that 12 of 40 schools failed.", "Updated figures are due in May.",
	"The agency said 3 of 12 inspectors quit.", "Back to the drawing board, the minister said.",
	"The photo (taken in 2019) shows the harbour.", "2024", "In May 2023", "May 2023 was the wettest month.",
}

func TestDebrisLines(t *testing.T) {
	for _, line := range debrisExamples {
		if !isDebris(line, nil) {
			t.Errorf("not flagged: %q", line)
		}
	}
	for _, line := range contentExamples {
		if isDebris(line, nil) {
			t.Errorf("flagged article text: %q", line)
		}
	}
}

func TestDebrisSchemaPatterns(t *testing.T) {
	schema := &annotate.Schema{Debris: []string{`Bildnachweis: .*`, `(?-i)EXCLUSIVE`, `ok\d+`, `(`}}
	text := "Title\nbildnachweis: Reuters\nEXCLUSIVE\nExclusive\nok12\nok12 and more\nThe Bildnachweis: Reuters caption"
	got, ranges := Debris(text, schema, false)
	if got != text {
		t.Fatal("Debris changed the text without strip")
	}
	want := []string{"bildnachweis: Reuters", "EXCLUSIVE", "ok12"}
	if f := flaggedLines(text, ranges); strings.Join(f, "|") != strings.Join(want, "|") {
		t.Errorf("flagged %q, want %q", f, want)
	}
	// Without the schema only the built-in patterns apply.
	if _, r := Debris(text, nil, false); len(r) != 0 {
		t.Errorf("flagged without schema: %q", flaggedLines(text, r))
	}
}

func TestDebrisRangesAreCodePoints(t *testing.T) {
	text := "Ёжик в тумане 🦔\nРеклама\nТекст"
	_, ranges := Debris(text, nil, false)
	if len(ranges) != 1 || ranges[0] != (annotate.Range{Start: 16, End: 23}) {
		t.Errorf("ranges = %v, want [{16 23}]", ranges)
	}
}

func TestDebrisStrip(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"between paragraphs", "A\n\nAdvertisement\n\nB", "A\n\nB"},
		{"inside a paragraph", "A\nShare this article\nB", "A\nB"},
		{"at the start", "Advertisement\n\nA\n\nB\n", "A\n\nB\n"},
		{"at the end", "A\n\nShare this article\nComments (0)\n", "A\n"},
		{"at the end, no final break", "A\n\nShare this article\nComments (0)", "A"},
		{"run of debris", "A\n\nAdvertisement\n\nRead more\n\nB", "A\n\nB"},
		{"other blank runs kept", "A\n\n\n\nB\n\nAdvertisement\n\nC", "A\n\n\n\nB\n\nC"},
		{"nothing flagged", "A\n\n\nB\n", "A\n\n\nB\n"},
		{"only debris", "Advertisement\nComments", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ranges := Debris(tt.text, nil, true)
			if got != tt.want || ranges != nil {
				t.Errorf("Debris(strip) = %q, %v; want %q", got, ranges, tt.want)
			}
			_, flagged := Debris(tt.text, nil, false)
			if s := annotate.StripLines(tt.text, flagged); s != tt.want {
				t.Errorf("StripLines = %q, want %q", s, tt.want)
			}
		})
	}
}

func TestPatternsDocumentedAndCompiled(t *testing.T) {
	p := Patterns()
	if len(p) == 0 {
		t.Fatal("no built-in patterns")
	}
	p[0] = "changed"
	if Patterns()[0] == "changed" {
		t.Error("Patterns returns the package's own slice")
	}
	if err := (&annotate.Schema{Debris: Patterns()}).Validate(); err != nil {
		t.Errorf("built-in patterns are not valid schema patterns: %v", err)
	}
}

func TestMaxRunes(t *testing.T) {
	tests := map[string]int{
		`abc`: 3, `a|bcd`: 3, `ab?`: 2, `a*`: unbounded, `x.{0,60}`: 61, `(ab){2,3}c`: 7,
		`\d+ min`: unbounded, `[ab]c\b`: 2, `(a|b.*)`: unbounded, `(.*){2}`: unbounded,
	}
	for p, want := range tests {
		re, err := syntax.Parse(p, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := maxRunes(re); got != want {
			t.Errorf("maxRunes(%q) = %d, want %d", p, got, want)
		}
	}
}

// TestLineMatcherAgreesWithPlainRegexp: splitting the built-in patterns by
// length changes no answer.
func TestLineMatcherAgreesWithPlainRegexp(t *testing.T) {
	plain := regexp.MustCompile(anchor(builtinDebris))
	lines := []string{
		"Advertisement", "Read more: " + strings.Repeat("long headline ", 20), strings.Repeat("Facebook Twitter ", 10),
		"We use cookies " + strings.Repeat("and more words ", 20), "https://example.org/" + strings.Repeat("x", 300),
		strings.Repeat("Plain prose, with commas, ", 10), "Comments (3)", "Subscribe to " + strings.Repeat("y", 70),
	}
	lines = append(lines, debrisExamples...)
	lines = append(lines, contentExamples...)
	lines = append(lines, "x", "ad", "©", "X Y")
	for _, l := range lines {
		n := annotate.RuneCount(l)
		if got, want := builtin().match(l, n), plain.MatchString(l); got != want {
			t.Errorf("match(%.40q) = %v, plain regexp says %v", l, got, want)
		}
	}
}

func TestPrefixSet(t *testing.T) {
	tests := []struct {
		pattern string
		starts  []string
		wilds   []string
		ok      bool
	}{
		{`read more: .*`, []string{"rea"}, nil, true},
		{`(to|ab)c.*`, []string{"toc", "abc"}, nil, true},
		{`x?yz.*`, []string{"xyz", "yz\x00"}, nil, true},
		{`[ab]{2,}c`, []string{"aac", "aab", "aaa", "abc", "aba", "abb", "bac", "baa", "bab", "bbc", "bba", "bbb"}, nil, true},
		{`© ?.*`, nil, []string{"©", "© "}, true},
		{`Ёж.*`, []string{"ёж\x00"}, nil, true},
		{`.*x`, nil, nil, false},
		{`\S+`, nil, nil, false},
	}
	for _, tt := range tests {
		re, err := syntax.Parse(tt.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		set, wilds, ok := prefixSet(re)
		if ok != tt.ok {
			t.Errorf("prefixSet(%q) ok = %v", tt.pattern, ok)
			continue
		}
		// Prefixes are case-folded to the smallest rune of each letter.
		var want, wantWilds []string
		for _, s := range tt.wilds {
			wantWilds = append(wantWilds, strings.Map(foldRune, s))
		}
		for _, s := range tt.starts {
			if strings.HasSuffix(s, "\x00") {
				wantWilds = append(wantWilds, strings.Map(foldRune, strings.TrimSuffix(s, "\x00")))
				continue
			}
			want = append(want, strings.Map(foldRune, s))
		}
		var got []string
		for s := range set {
			got = append(got, s)
		}
		sort.Strings(got)
		sort.Strings(want)
		sort.Strings(wilds)
		sort.Strings(wantWilds)
		if strings.Join(got, ",") != strings.Join(want, ",") || strings.Join(wilds, ",") != strings.Join(wantWilds, ",") {
			t.Errorf("prefixSet(%q) = %q, wild %q; want %q, wild %q", tt.pattern, got, wilds, want, wantWilds)
		}
	}
}

// seedLikeStory is an article pasted as text the way readers copy it from a
// news site: headline, dateline paragraph, short paragraphs and a quote, then
// the site's comment prompts and a related-story block.
var seedLikeStory = []string{
	"Ministers agree to extend grain corridor for another year",
	"ISTANBUL, July 17 — Ministers from the four countries agreed on Monday to extend the Black Sea grain corridor for another year, Turkish officials said after talks that ran late into the night.",
	"The deal was signed at 2 a.m.",
	"“It was not easy, but the corridor stays open,” Turkey's foreign minister told reporters.",
	"Related talks on prisoner exchanges will resume in August, according to a statement from the ministry.",
	"Read more about the negotiations in our explainer, which sets out what each side wanted.",
	"The company that insures most of the ships declined to comment.",
}

var seedLikeDebris = []string{
	"You can also highlight the text and press Ctrl + Enter",
	"Write the first comment for this!",
	"Other Topics of Interest",
	"Wheat prices fall to a three-year low",
	"Traders expect a record harvest in the south.",
}

// TestDebrisByPositionAndShape: the prompts after the story's last paragraph
// and the teaser block after a recirculation heading are flagged; every
// story sentence is kept.
func TestDebrisByPositionAndShape(t *testing.T) {
	text := strings.Join(seedLikeStory, "\n\n") + "\n\n" + strings.Join(seedLikeDebris, "\n") + "\n"
	checkFlagged(t, text, seedLikeDebris)
	clean, _ := Debris(text, nil, true)
	if want := strings.Join(seedLikeStory, "\n\n") + "\n"; clean != want {
		t.Errorf("stripped:\n%s\nwant\n%s", clean, want)
	}
}

func TestDebrisRecirculationBlocks(t *testing.T) {
	const story = "Councillor Joan Pryce said the routes had been planned with the help of a survey that drew more than nine hundred responses."
	tests := []struct {
		name, text string
		flagged    []string
	}{
		{
			name:    "headlines inside the story, the story goes on",
			text:    "First paragraph of the story, long enough to be prose on its own terms.\n\nRead more\n\nVillage shop saved by community buy-out\n\nPlans for 200 homes near the bypass rejected\n\n" + story,
			flagged: []string{"Read more", "Village shop saved by community buy-out", "Plans for 200 homes near the bypass rejected"},
		},
		{
			name:    "a story paragraph right after the heading is kept",
			text:    "Related\n" + story,
			flagged: []string{"Related"},
		},
		{
			name:    "a short subheading after the heading is kept",
			text:    "Related\nThe new timetable\n" + story,
			flagged: []string{"Related"},
		},
		{
			name:    "a teaser sentence only after a headline",
			text:    "Most read\nThe deal was signed at 2 a.m.\n" + story,
			flagged: []string{"Most read"},
		},
		{
			name:    "two blocks",
			text:    "Related stories\nHarbour wall repairs to start in May\n\n" + story + "\n\nMore stories\nSchool wins national chess title\nPupils beat teams from across the country.",
			flagged: []string{"Related stories", "Harbour wall repairs to start in May", "More stories", "School wins national chess title", "Pupils beat teams from across the country."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFlagged(t, tt.text, tt.flagged) })
	}
}

func TestDebrisTrailingPrompts(t *testing.T) {
	const last = "A spokesperson for the port authority said the backlog would take weeks to clear, according to a statement."
	tests := []struct {
		name, text string
		flagged    []string
	}{
		{
			name:    "prompts after the last paragraph",
			text:    last + "\nFound a typo? Select it and press Ctrl+Enter\nShare this on WhatsApp",
			flagged: []string{"Found a typo? Select it and press Ctrl+Enter", "Share this on WhatsApp"},
		},
		{
			name:    "the same words before the last paragraph are story",
			text:    "Readers who spotted an error were asked to write in.\n" + last,
			flagged: nil,
		},
		{
			name:    "a short closing sentence of the story is kept",
			text:    last + "\nThe company declined to comment.\nMinistry officials were not available.",
			flagged: nil,
		},
		{
			name:    "Cyrillic prompt",
			text:    "Министры иностранных дел встретились во вторник в Женеве, впервые после срыва перемирия в марте.\nНашли ошибку? Выделите её и нажмите Ctrl+Enter",
			flagged: []string{"Нашли ошибку? Выделите её и нажмите Ctrl+Enter"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkFlagged(t, tt.text, tt.flagged) })
	}
}

// TestDebrisKeepsSampleStories: the sample articles shipped with Byline and
// the hand-made story bodies of testdata/real keep every line.
func TestDebrisKeepsSampleStories(t *testing.T) {
	golds, err := filepath.Glob("testdata/real/*.txt")
	if err != nil || len(golds) == 0 {
		t.Fatalf("no story bodies: %v", err)
	}
	for _, name := range append([]string{"../../assets/samples/01-summit.txt", "../../assets/samples/02-election.txt", "../../assets/samples/03-energy.txt"}, golds...) {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, r := Debris(string(data), nil, false); len(r) != 0 {
			t.Errorf("%s: flagged %q", name, flaggedLines(string(data), r))
		}
	}
}
