package ingest

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"byline/annotate"
)

func parseFragment(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// restoreLists puts a list back between the two story paragraphs it sat
// between on the page, and only there; a list of links stays out.
func TestRestoreLists(t *testing.T) {
	const story = "<p>The plan includes:</p><p>The company said more.</p><p>Groups welcomed it.</p>"
	tests := []struct {
		name, page, want string
	}{
		{"bullets between kept paragraphs",
			"<div><p>The plan includes:</p><ul><li>New mains</li><li>Acoustic <b>sensors</b></li></ul><p>The company said more.</p></div>",
			"The plan includes: | New mains\nAcoustic sensors | The company said more. | Groups welcomed it."},
		{"numbered list, white space around it",
			"<p>The plan includes:</p>\n <ol><li>One</li><li>Two</li></ol>\n<p>The company said more.</p>",
			"The plan includes: | One\nTwo | The company said more. | Groups welcomed it."},
		{"list of links (read more)",
			"<p>The plan includes:</p><ul><li><a href=/a>Other story</a></li><li><a href=/b>Another story</a></li></ul><p>The company said more.</p>",
			"The plan includes: | The company said more. | Groups welcomed it."},
		{"neighbours not next to each other in the story",
			"<p>The plan includes:</p><ul><li>One</li></ul><p>Groups welcomed it.</p>",
			"The plan includes: | The company said more. | Groups welcomed it."},
		{"a neighbour not in the story",
			"<p>Menu</p><ul><li>One</li></ul><p>The company said more.</p>",
			"The plan includes: | The company said more. | Groups welcomed it."},
		{"list at the end of the page",
			"<p>The plan includes:</p><ul><li>One</li></ul>",
			"The plan includes: | The company said more. | Groups welcomed it."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			storyDoc := parseFragment(t, story)
			body := storyDoc
			restoreLists(parseFragment(t, tc.page), body)
			var r renderer
			r.walk(body)
			r.flush()
			if got := strings.Join(r.paras, " | "); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// The press release of testdata/real keeps its bullet points, an item a
// line, between the paragraphs around them (go-trafilatura alone drops them).
func TestPressReleaseKeepsList(t *testing.T) {
	rec := readPage(t, "testdata/real/23-press-release-list.html", annotate.ReadOptions{StripDebris: true})
	const want = "The plan includes the following measures:\n\n" +
		"Replacing 1,200 kilometres of the oldest cast iron mains\n" +
		"Installing 40,000 acoustic sensors to find leaks before they reach the surface\n" +
		"Offering free repairs for leaking supply pipes on customers' land\n\n" +
		"The company said the work would cost 620 million pounds"
	if !strings.Contains(rec.Text, want) {
		t.Errorf("text lacks the list as lines between its paragraphs:\n%s", rec.Text)
	}
}
