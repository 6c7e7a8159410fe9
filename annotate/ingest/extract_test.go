package ingest

import (
	"fmt"
	"strings"
	"testing"
)

const p3 = "The visit is the first by a foreign minister since the elections in March, and diplomats said both sides hoped to sign an agreement on grain exports before the summer."

func TestExtractArticle(t *testing.T) {
	const p1 = "The minister arrived in the capital on Monday, officials said, for two days of talks."
	const p2 = "Talks will focus on trade, energy and security, according to a statement from the ministry."
	// story is long enough for the extractor to trust its choice (minStory):
	// the furniture cases use it.
	const story = "<p>" + p1 + "</p><p>" + p2 + "</p><p>" + p3 + "</p>"
	const storyText = p1 + "\n\n" + p2 + "\n\n" + p3
	tests := []struct {
		name, page, want string
	}{
		{
			name: "plain paragraphs",
			page: "<p>" + p1 + "</p><p>" + p2 + "</p>",
			want: p1 + "\n\n" + p2,
		},
		{
			name: "white space collapsed, entities decoded",
			page: "<p>  The   minister&nbsp;arrived\n\t in the <b>capital</b>&#44; officials&amp;aides said. </p>",
			want: "The minister\u00a0arrived in the capital, officials&aides said.",
		},
		{
			name: "headings kept as paragraphs, a list as one with an item a line",
			page: "<article><h1>Headline</h1><p>" + p1 + "</p><h2>Background</h2><ul><li>First point</li><li>Second point</li></ul><p>" + p2 + "</p></article>",
			want: "Headline\n\n" + p1 + "\n\nBackground\n\nFirst point\nSecond point\n\n" + p2,
		},
		{
			name: "article chosen over teaser articles and sidebars",
			page: "<main><article class=\"story\"><p>" + p1 + "</p><p>" + p2 + "</p></article><article class=\"teaser\"><p>A short teaser.</p></article></main>",
			want: p1 + "\n\n" + p2,
		},
		{
			name: "nav aside footer form dropped",
			page: "<nav><p>World Politics Business</p></nav><aside><p>Most read today in the world</p></aside><p>" + p1 + "</p><form><p>Sign up for our newsletter here</p></form><footer><p>About us and contact</p></footer>",
			want: p1,
		},
		{
			name: "comments, share widgets, landmark roles and screen-reader text dropped",
			page: "<div>" + story + "<div id=\"comments\"><p>Great piece, thanks, really enjoyed it.</p></div><div class=\"shareButtons\"><p>Share it now please</p></div><div role=\"complementary\"><p>Side box text here</p></div><span class=\"sr-only\">Opens in a new window</span></div>",
			want: storyText,
		},
		{
			name: "compound class words",
			page: "<div class=\"entry-content\"><p>" + p1 + "</p><div id=\"jp-relatedposts\"><p>Another story you might like a lot</p></div><div class=\"sharedaddy sd-sharing-enabled\"><p>Share this with friends</p></div><div class=\"article-commentary\"><p>" + p2 + "</p><p>" + p3 + "</p></div></div>",
			want: storyText,
		},
		{
			name: "headline kept inside a wrapper whose class looks like furniture",
			page: "<div class=\"page has-sidebar\"><h1>Headline</h1><p>" + p1 + "</p></div>",
			want: "Headline\n\n" + p1,
		},
		{
			name: "link list dropped, link inside prose kept",
			page: "<ul><li><a href=/a>One story</a></li><li><a href=/b>Another story</a></li></ul><p>The <a href=/m>minister</a> arrived in the capital on Monday, officials said, for two days of talks.</p><p>" + p2 + "</p><p>" + p3 + "</p>",
			want: storyText,
		},
		{
			name: "double br splits paragraphs, single br breaks a line",
			page: "<div>" + p1 + "<br><br>" + p2 + "<br>Second line of it.</div>",
			want: p1 + "\n\n" + p2 + "\nSecond line of it.",
		},
		{
			name: "table cells of a row on one line",
			page: "<p>" + p1 + "</p><table><tr><th>Party</th><th>Seats</th></tr><tr><td>Blue</td><td>120</td></tr></table>",
			want: p1 + "\n\nParty Seats\n\nBlue 120",
		},
		{
			name: "headline outside the story is put first",
			page: "<header class=\"top\"><h1>Minister visits capital</h1></header><div class=\"body\"><p>" + p1 + "</p><p>" + p2 + "</p></div>",
			want: "Minister visits capital\n\n" + p1 + "\n\n" + p2,
		},
		{
			name: "control characters and byte order marks dropped",
			page: "<p>\ufeffA\u0007B\u0000C</p>",
			want: "ABC",
		},
		{
			name: "text is made NFC",
			page: "<p>Cafe\u0301 de\u0301ja\u0300</p>",
			want: "Café déjà",
		},
		{
			name: "svg and math text dropped",
			page: "<p>" + p1 + "</p><svg><text>chart label</text></svg><math><mi>x</mi></math>",
			want: p1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := extractArticle([]byte("<html><body>" + tt.page + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("text:\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// TestExtractScoresProse: on a page without <article> or <main>, the element
// with the prose wins over link-heavy and short blocks.
func TestExtractScoresProse(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><body><div class=\"top\"><div class=\"links\">")
	for i := 0; i < 30; i++ {
		b.WriteString("<a href=\"/x\">Section link</a> ")
	}
	b.WriteString("</div></div><div class=\"col\"><div class=\"story\">")
	for i := 0; i < 6; i++ {
		fmt.Fprintf(&b, "<p>Paragraph %d of the story, with commas, clauses, and enough words to count as prose here.</p>", i+1)
	}
	b.WriteString("</div><div class=\"box\"><p>Short box.</p></div></div></body></html>")
	got, _, err := extractArticle([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(got, "Section link") || strings.Contains(got, "Short box") {
		t.Errorf("furniture kept:\n%s", got)
	}
	if n := strings.Count(got, " of the story, with commas"); n != 6 {
		t.Errorf("%d story paragraphs, want 6:\n%s", n, got)
	}
}

func TestWithHeadline(t *testing.T) {
	const long = "The regional hospital opened its new maternity wing on Friday after two years of construction work."
	tests := []struct {
		name     string
		paras    []string
		headline string
		titles   []string
		want     []string
	}{
		{"menu before the headline dropped", []string{"Home", "News", "Storm hits coast", long}, "Storm hits coast", nil, []string{"Storm hits coast", long}},
		{"missing headline put first", []string{long}, "Storm hits coast", nil, []string{"Storm hits coast", long}},
		{"no headline element: the title's start found", []string{"Home", "Sport", "Storm hits coast", long}, "", []string{"Storm hits coast | The Herald"}, []string{"Storm hits coast", long}},
		{"nothing before a long paragraph is searched", []string{"Home", long, "Storm hits coast"}, "", []string{"Storm hits coast"}, []string{"Home", long, "Storm hits coast"}},
		{"a line shorter than half the title is not it", []string{"Storm", long}, "", []string{"Storm hits coast | The Herald"}, []string{"Storm", long}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := withHeadline(append([]string(nil), tt.paras...), tt.headline, tt.titles)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}
