package ingest

import (
	"encoding/json"
	"net/url"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"

	"byline/annotate"
)

// pageMeta is what a page says about itself, gathered before any element is
// dropped (the byline and dates often sit in page furniture).
type pageMeta struct {
	metas     map[string]string // <meta> content by lower-cased name, property, itemprop or http-equiv
	title     string            // <title>
	canonical string            // <link rel=canonical>
	lang      string            // <html lang>
	ld        map[string]any    // the JSON-LD object describing the article
	pubTime   string            // <time> marked as the publication date
	firstTime string            // first <time datetime> outside comments
	h1s       []string          // every <h1>, in page order
}

func collectMeta(doc *html.Node) *pageMeta {
	pm := &pageMeta{metas: map[string]string{}}
	var ldObjects []map[string]any
	var walk func(n *html.Node, inComments bool)
	walk = func(n *html.Node, inComments bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				pm.lang = strings.TrimSpace(attr(n, "lang"))
			case atom.Meta:
				pm.addMeta(n)
			case atom.Title:
				if pm.title == "" && n.Namespace == "" {
					pm.title = textOf(n)
				}
			case atom.Link:
				if pm.canonical == "" && hasWord(attr(n, "rel"), "canonical") {
					pm.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
					ldObjects = appendLD(ldObjects, n.FirstChild.Data)
				}
				return
			case atom.Style, atom.Template, atom.Noscript:
				return
			case atom.Time:
				dt := strings.TrimSpace(attr(n, "datetime"))
				if dt == "" {
					break
				}
				if pm.pubTime == "" && (hasAttr(n, "pubdate") || strings.EqualFold(attr(n, "itemprop"), "datePublished")) {
					pm.pubTime = dt
				}
				if pm.firstTime == "" && !inComments {
					pm.firstTime = dt
				}
			case atom.H1:
				if t := textOf(n); t != "" {
					pm.h1s = append(pm.h1s, t)
				}
			}
			if !inComments {
				for _, w := range classWords(n) {
					if w == "comment" || w == "comments" || w == "related" || w == "sidebar" {
						inComments = true
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inComments)
		}
	}
	walk(doc, false)
	pm.ld = articleLD(ldObjects)
	return pm
}

func (pm *pageMeta) addMeta(n *html.Node) {
	content := cleanValue(attr(n, "content"))
	if content == "" {
		return
	}
	for _, key := range []string{"property", "name", "itemprop"} {
		if k := strings.ToLower(strings.TrimSpace(attr(n, key))); k != "" {
			if _, seen := pm.metas[k]; !seen {
				pm.metas[k] = content
			}
		}
	}
	if k := strings.ToLower(strings.TrimSpace(attr(n, "http-equiv"))); k != "" {
		if _, seen := pm.metas["http-equiv:"+k]; !seen {
			pm.metas["http-equiv:"+k] = content
		}
	}
}

func hasWord(list, word string) bool {
	for _, w := range strings.Fields(list) {
		if strings.EqualFold(w, word) {
			return true
		}
	}
	return false
}

// cleanValue collapses white space, drops control characters and byte order
// marks, and normalizes a metadata value to NFC.
func cleanValue(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\f':
			return ' '
		case r == '\ufeff' || unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
	return norm.NFC.String(strings.Join(strings.Fields(s), " "))
}

// first returns the first non-empty value.
func first(values ...string) string {
	for _, v := range values {
		if v = cleanValue(v); v != "" {
			return v
		}
	}
	return ""
}

func (pm *pageMeta) meta(keys ...string) string {
	for _, k := range keys {
		if v := pm.metas[k]; v != "" {
			return v
		}
	}
	return ""
}

// headline returns the <h1> that names the article: the one matching the
// og:title, JSON-LD headline or <title>, else the only one on the page.
// titles are the page's names for itself: og or twitter title, JSON-LD
// headline, <title>.
func (pm *pageMeta) titles() []string {
	var out []string
	for _, t := range []string{pm.meta("og:title", "twitter:title"), ldText(pm.ld["headline"]), pm.title} {
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}

// titleStartsWith reports whether title is h, or h followed by a site name
// no longer than h ("Storm hits coast | The Herald"), ignoring case.
func titleStartsWith(title, h string) bool {
	return h != "" && (strings.EqualFold(h, title) || (strings.HasPrefix(strings.ToLower(title), strings.ToLower(h)) && 2*len(h) >= len(title)))
}

func (pm *pageMeta) headline() string {
	titles := pm.titles()
	for _, h := range pm.h1s {
		for _, t := range titles {
			if titleStartsWith(t, h) {
				return h
			}
		}
	}
	if len(pm.h1s) == 1 {
		return pm.h1s[0]
	}
	return ""
}

// record builds the document metadata. Sources, best first:
//   - title: og:title, JSON-LD headline, <title>, the headline <h1>, the first <h1>
//   - published: article:published_time, itemprop datePublished, JSON-LD
//     datePublished, a <time pubdate> or <time itemprop=datePublished>,
//     dc.date and similar meta names, the first <time datetime>
//   - author: meta author, JSON-LD author names, dc.creator, article:author
//     (when not a link)
//   - source: og:site_name, JSON-LD publisher name, application-name
//   - url: an absolute canonical link, a relative one resolved against
//     og:url, og:url
//
// Extra keeps "description" and "language" when the page gives them.
func (pm *pageMeta) record() annotate.Meta {
	var m annotate.Meta
	firstH1 := ""
	if len(pm.h1s) > 0 {
		firstH1 = pm.h1s[0]
	}
	m.Title = first(pm.meta("og:title"), ldText(pm.ld["headline"]), pm.title, pm.headline(), firstH1)
	published := first(
		pm.meta("article:published_time", "og:article:published_time", "datepublished"),
		ldText(pm.ld["datePublished"]),
		pm.pubTime,
		pm.meta("pubdate", "publishdate", "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date"),
		pm.firstTime,
	)
	if d, ok := normalizeDate(published); ok {
		m.Published = d
	} else {
		m.Published = published
	}
	articleAuthor := pm.meta("article:author")
	if strings.Contains(articleAuthor, "://") {
		articleAuthor = ""
	}
	m.Author = first(pm.meta("author"), ldText(pm.ld["author"]), pm.meta("dc.creator"), articleAuthor)
	m.Source = first(pm.meta("og:site_name"), ldText(pm.ld["publisher"]), pm.meta("application-name"))
	m.URL = pm.url()

	extra := map[string]string{
		"description": first(pm.meta("og:description", "description", "twitter:description"), ldText(pm.ld["description"])),
		"language":    strings.ReplaceAll(first(pm.lang, pm.meta("http-equiv:content-language", "og:locale"), ldText(pm.ld["inLanguage"])), "_", "-"),
	}
	for k, v := range extra {
		if v == "" {
			continue
		}
		b, err := json.Marshal(v)
		if err != nil {
			continue
		}
		if m.Extra == nil {
			m.Extra = map[string]json.RawMessage{}
		}
		m.Extra[k] = b
	}
	return m
}

func (pm *pageMeta) url() string {
	canonical, og := cleanValue(pm.canonical), pm.meta("og:url")
	if isAbsoluteURL(canonical) {
		return canonical
	}
	if !isAbsoluteURL(og) {
		return first(canonical, og)
	}
	if canonical != "" {
		base, err1 := url.Parse(og)
		ref, err2 := url.Parse(canonical)
		if err1 == nil && err2 == nil {
			return base.ResolveReference(ref).String()
		}
	}
	return og
}

func isAbsoluteURL(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// appendLD parses one JSON-LD script and appends every object in it,
// flattening arrays and @graph. Scripts that are not valid JSON are skipped.
func appendLD(out []map[string]any, src string) []map[string]any {
	src = strings.TrimSpace(src)
	src = strings.TrimPrefix(src, "//<![CDATA[")
	src = strings.TrimPrefix(src, "<![CDATA[")
	src = strings.TrimSuffix(src, "//]]>")
	src = strings.TrimSuffix(src, "]]>")
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		return out
	}
	var flatten func(v any, depth int)
	flatten = func(v any, depth int) {
		if depth > 8 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				flatten(e, depth+1)
			}
		case map[string]any:
			out = append(out, x)
			if g, ok := x["@graph"]; ok {
				flatten(g, depth+1)
			}
		}
	}
	flatten(v, 0)
	return out
}

// articleLD picks the object describing the article: the first whose @type
// is an article or blog posting, else the first with a datePublished.
func articleLD(objs []map[string]any) map[string]any {
	for _, o := range objs {
		for _, t := range ldTypes(o["@type"]) {
			if strings.Contains(t, "Article") || strings.Contains(t, "BlogPosting") || t == "Report" {
				return o
			}
		}
	}
	for _, o := range objs {
		if _, ok := o["datePublished"]; ok {
			return o
		}
	}
	return map[string]any{}
}

func ldTypes(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// ldText renders a JSON-LD value as text: a string as is, an object by its
// name, a list as its items joined by ", ".
func ldText(v any) string {
	switch x := v.(type) {
	case string:
		return cleanValue(html.UnescapeString(x))
	case map[string]any:
		return ldText(x["name"])
	case []any:
		var parts []string
		for _, e := range x {
			if s := ldText(e); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	}
	return ""
}
