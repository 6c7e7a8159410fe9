package ingest

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func metaOf(t *testing.T, page string) (title, published, author, source, url string, extra map[string]string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	m := collectMeta(doc).record()
	extra = map[string]string{}
	for k, v := range m.Extra {
		extra[k] = string(v)
	}
	return m.Title, m.Published, m.Author, m.Source, m.URL, extra
}

func TestPageMeta(t *testing.T) {
	const body = "<body><h1>Body headline</h1><p>Text.</p></body>"
	tests := []struct {
		name, page                            string
		title, published, author, source, url string
	}{
		{
			name:  "og beats title and h1",
			page:  `<head><title>Page title | Site</title><meta property="og:title" content="OG title"></head>` + body,
			title: "OG title",
		},
		{
			name:  "title beats h1",
			page:  `<head><title>  Page   title </title></head>` + body,
			title: "Page title",
		},
		{
			name:  "control characters dropped",
			page:  "<head><title>Page \x01 ti\x02tle\t</title></head>" + body,
			title: "Page title",
		},
		{
			name:  "first h1 last",
			page:  `<head></head>` + body,
			title: "Body headline",
		},
		{
			name:      "json-ld author string, publisher string, graph",
			page:      `<script type="application/ld+json">{"@graph":[{"@type":"BlogPosting","headline":"LD headline","author":"Ann Lee","publisher":"Lee Blog","datePublished":"2022-01-05"}]}</script>` + body,
			title:     "LD headline",
			published: "2022-01-05",
			author:    "Ann Lee",
			source:    "Lee Blog",
		},
		{
			name:      "json-ld list with type array and CDATA",
			page:      `<script type="application/ld+json">//<![CDATA[` + "\n" + `[{"@type":"Organization","name":"Org"},{"@type":["NewsArticle","Thing"],"datePublished":"2021-03-04T05:06:07Z","author":{"name":"Bo &amp; Co"}}]` + "\n//]]></script>",
			title:     "",
			published: "2021-03-04T05:06:07Z",
			author:    "Bo & Co",
		},
		{
			name:      "broken json-ld is skipped",
			page:      `<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2020-01-01",}</script><time datetime="2019-02-03">3 Feb</time>`,
			published: "2019-02-03",
		},
		{
			name:      "article:published_time first",
			page:      `<meta property="article:published_time" content="2020-05-06T07:08:09+01:00"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2001-01-01"}</script>`,
			published: "2020-05-06T07:08:09+01:00",
		},
		{
			name:      "time pubdate beats first time, comment times ignored",
			page:      `<div class="comments"><time datetime="2030-01-01">x</time></div><time datetime="2020-01-01">a</time><time datetime="2020-02-02" itemprop="datePublished">b</time>`,
			published: "2020-02-02",
		},
		{
			name:      "first time outside comments",
			page:      `<div class="comment-list"><time datetime="2030-01-01">x</time></div><p><time datetime="2020-01-01T10:00">a</time></p>`,
			published: "2020-01-01T10:00:00",
		},
		{
			name:      "unparseable date kept as given",
			page:      `<meta name="date" content="Spring 2020">`,
			published: "Spring 2020",
		},
		{
			name:   "author link is not a name",
			page:   `<meta property="article:author" content="https://example.com/staff/a">`,
			author: "",
		},
		{
			name:   "meta author beats json-ld",
			page:   `<meta name="author" content="Meta Author"><script type="application/ld+json">{"@type":"NewsArticle","author":[{"name":"A"},{"name":"B"}]}</script>`,
			author: "Meta Author",
		},
		{
			name:   "json-ld author list",
			page:   `<script type="application/ld+json">{"@type":"NewsArticle","author":[{"name":"A"},{"name":"B"}],"publisher":{"name":"Pub"}}</script>`,
			author: "A, B",
			source: "Pub",
		},
		{
			name: "canonical beats og:url",
			page: `<link rel="canonical" href="https://a.example/x"><meta property="og:url" content="https://b.example/y">`,
			url:  "https://a.example/x",
		},
		{
			name: "relative canonical resolved against og:url",
			page: `<link rel="canonical" href="/story/1"><meta property="og:url" content="https://b.example/y?utm=1">`,
			url:  "https://b.example/story/1",
		},
		{
			name: "og:url alone",
			page: `<meta property="og:url" content="https://b.example/y">`,
			url:  "https://b.example/y",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			title, published, author, source, url, _ := metaOf(t, tt.page)
			if tt.title != "" && title != tt.title {
				t.Errorf("title = %q, want %q", title, tt.title)
			}
			if published != tt.published {
				t.Errorf("published = %q, want %q", published, tt.published)
			}
			if author != tt.author {
				t.Errorf("author = %q, want %q", author, tt.author)
			}
			if source != tt.source {
				t.Errorf("source = %q, want %q", source, tt.source)
			}
			if url != tt.url {
				t.Errorf("url = %q, want %q", url, tt.url)
			}
		})
	}
}

func TestPageMetaExtra(t *testing.T) {
	_, _, _, _, _, extra := metaOf(t, `<html lang="uk"><meta name="description" content="  Опис   статті "><body></body></html>`)
	if extra["description"] != `"Опис статті"` || extra["language"] != `"uk"` {
		t.Errorf("extra = %v", extra)
	}
	_, _, _, _, _, extra = metaOf(t, `<meta property="og:locale" content="pt_BR">`)
	if extra["language"] != `"pt-BR"` || extra["description"] != "" {
		t.Errorf("extra = %v", extra)
	}
}
