package ingest

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file finds a page's article text. What never holds article text
// (scripts, templates, forms, media, hidden elements), comment sections and
// ARIA furniture landmarks go first; go-trafilatura then decides which blocks are the story, and the
// renderer turns them into blank-line separated paragraphs.

// dropTags never hold article text.
var dropTags = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true, atom.Math: true,
	atom.Canvas: true, atom.Video: true, atom.Audio: true, atom.Picture: true, atom.Button: true,
	atom.Input: true, atom.Select: true, atom.Textarea: true, atom.Option: true, atom.Dialog: true,
	atom.Map: true, atom.Link: true, atom.Meta: true, atom.Title: true,
}

// blockTags end the current paragraph when they start and when they end.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Body: true,
	atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true,
	atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Html: true,
	atom.Li: true, atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Td: true,
	atom.Tfoot: true, atom.Th: true, atom.Thead: true, atom.Tr: true, atom.Ul: true, atom.Menu: true,
}

// extractOptions ask go-trafilatura for the story alone: no comments, images
// or links, no date scan of the text (dates come from the page's metadata,
// see pageMeta), and no second-opinion extractors. Nothing in these paths
// fetches anything.
func extractOptions() trafilatura.Options {
	return trafilatura.Options{
		ExcludeComments: true,
		Focus:           trafilatura.Balanced,
		HtmlDateMode:    trafilatura.Disabled,
	}
}

// minStory is the story length, in code points, below which go-trafilatura
// distrusts its own choice; the page is then read whole (see rescue).
const minStory = 250

// storyNode returns the element holding the page's story, or nil when the
// page has none. doc is changed: what never holds article text, comment
// sections and ARIA furniture landmarks are removed first.
func storyNode(doc *html.Node) *html.Node {
	removeNever(doc)
	removeFurniture(doc)
	demoteTeaserArticles(doc)
	if countTags(doc, atom.P, maxParagraphs+1) > maxParagraphs {
		return rescue(doc)
	}
	res, err := trafilatura.ExtractDocument(doc, extractOptions())
	if err != nil || res == nil || utf8.RuneCountInString(res.ContentText) < minStory {
		// go-trafilatura's own rescue runs paragraphs together; this one
		// keeps them apart.
		return rescue(doc)
	}
	restoreLists(doc, res.ContentNode)
	return res.ContentNode
}

// maxParagraphs is the most <p> elements a page may have for go-trafilatura
// to choose its story: it joins the text of every paragraph of the page with
// repeated string concatenation, which grows with the square of their
// number. A news story has tens of paragraphs; a page with more (a book, a
// forum thread saved whole) is read whole (see rescue) so that its import
// time stays linear.
const maxParagraphs = 300

// countTags counts the elements of kind a in n, stopping at limit.
func countTags(n *html.Node, a atom.Atom, limit int) int {
	count := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && count < limit; c = c.NextSibling {
			if c.Type == html.ElementNode {
				if c.DataAtom == a {
					count++
				}
				walk(c)
			}
		}
	}
	walk(n)
	return count
}

// rescue reads a page whose story is too short to be told from its
// furniture, or too long to be chosen in linear time: the <article> when it holds some text, else the whole body, in
// both cases without navigation, asides, footers and forms.
func rescue(doc *html.Node) *html.Node {
	removeTags(doc, atom.Nav, atom.Aside, atom.Footer, atom.Form)
	if a := findFirst(doc, atom.Article); a != nil && utf8.RuneCountInString(textOf(a)) > 100 {
		return a
	}
	if b := findFirst(doc, atom.Body); b != nil {
		return b
	}
	return doc
}

// removeTags removes every element of the given kinds.
func removeTags(n *html.Node, tags ...atom.Atom) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && slices.Contains(tags, c.DataAtom) {
			n.RemoveChild(c)
		} else {
			removeTags(c, tags...)
		}
		c = next
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return true
		}
	}
	return false
}

// classWords splits class and id into lower-case words at spaces, '-', '_'
// and camelCase humps.
func classWords(n *html.Node) []string {
	var words []string
	split := func(s string) {
		start := 0
		prevLower := false
		rs := []rune(s)
		for i, r := range rs {
			sep := r == '-' || r == '_' || r == ' ' || r == '\t' || r == '\n' || r == '.' || r == ':'
			hump := unicode.IsUpper(r) && prevLower
			if sep || hump {
				if i > start {
					words = append(words, strings.ToLower(string(rs[start:i])))
				}
				start = i
				if sep {
					start = i + 1
				}
			}
			prevLower = unicode.IsLower(r) || unicode.IsDigit(r)
		}
		if start < len(rs) {
			words = append(words, strings.ToLower(string(rs[start:])))
		}
	}
	split(attr(n, "class"))
	split(attr(n, "id"))
	return words
}

// screenReaderClasses mark text only screen readers get ("Share on
// Facebook", "Opens in a new window").
var screenReaderClasses = map[string]bool{
	"sr-only": true, "visually-hidden": true, "visuallyhidden": true, "screen-reader-text": true,
}

// isHidden reports whether n is not shown to a sighted reader.
func isHidden(n *html.Node) bool {
	if hasAttr(n, "hidden") || strings.EqualFold(attr(n, "aria-hidden"), "true") {
		return true
	}
	for _, c := range strings.Fields(strings.ToLower(attr(n, "class"))) {
		if screenReaderClasses[c] {
			return true
		}
	}
	style := strings.ToLower(strings.ReplaceAll(attr(n, "style"), " ", ""))
	return strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden")
}

// removeNever drops comments and the elements that never hold article text.
func removeNever(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.CommentNode:
			n.RemoveChild(c)
		case c.Type == html.ElementNode && (dropTags[c.DataAtom] || c.Namespace != "" || isHidden(c)):
			n.RemoveChild(c)
		default:
			removeNever(c)
		}
		c = next
	}
}

// isCommentSection reports whether n is a readers' comment section by its
// class or id: a class or id starting "comment" ("comment-list",
// "comments"), or a comment service's container. "commentary" is an opinion
// piece.
func isCommentSection(n *html.Node) bool {
	for _, v := range append(strings.Fields(strings.ToLower(attr(n, "class"))), strings.ToLower(attr(n, "id"))) {
		switch {
		case strings.HasPrefix(v, "commentar"):
		case strings.HasPrefix(v, "comment"), strings.HasPrefix(v, "disqus"), strings.HasPrefix(v, "dsq-"),
			strings.HasSuffix(v, "-comments"), strings.HasSuffix(v, "_comments"):
			return true
		}
	}
	return false
}

// furnitureRoles are ARIA landmarks that never hold the story.
var furnitureRoles = map[string]bool{
	"navigation": true, "complementary": true, "contentinfo": true, "banner": true, "search": true,
	"dialog": true, "alertdialog": true, "menu": true, "menubar": true, "toolbar": true,
}

// headerTailWords name, as a word of an element's class or id, the short
// blocks around a story that are not the story: standfirst, byline and
// dateline, reading time, captions and credits, author bio, sign-off.
var headerTailWords = map[string]bool{
	"standfirst": true, "dek": true, "summary": true, "subheading": true, "subtitle": true, "chapo": true,
	"vorspann": true, "kicker": true, "dachzeile": true, "byline": true, "dateline": true, "caption": true,
	"figcaption": true, "credit": true, "credits": true, "bio": true, "signoff": true,
}

// headerTailPhrases are the same written as several words of a class.
var headerTailPhrases = []string{
	"sub-heading", "reading-time", "read-time", "sign-off", "author-box", "author-bio", "about-author",
	"bottom-of-article", "trust-badge", "publish-info", "article-meta", "post-meta", "entry-meta",
}

// maxHeaderTail bounds the text of a header or tail block: a wrapper whose
// class says "summary" but holds the story is not one.
const maxHeaderTail = 400

func isHeaderTailBlock(n *html.Node) bool {
	for _, w := range classWords(n) {
		if headerTailWords[w] {
			return true
		}
	}
	names := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	for _, p := range headerTailPhrases {
		if strings.Contains(names, p) {
			return true
		}
	}
	return false
}

// removeFurniture drops readers' comment sections, ARIA landmarks that are
// not the story and the header and tail blocks around it, but never an element that holds the headline or the
// page's main element: a page wrapper classed "comments-open" holds the
// story.
func removeFurniture(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			furniture := isCommentSection(c) || furnitureRoles[strings.ToLower(strings.TrimSpace(attr(c, "role")))] ||
				(isHeaderTailBlock(c) && utf8.RuneCountInString(textOf(c)) <= maxHeaderTail)
			if furniture && c.DataAtom != atom.Body && c.DataAtom != atom.Html && !holdsStory(c) {
				n.RemoveChild(c)
			} else {
				removeFurniture(c)
			}
		}
		c = next
	}
}

// demoteTeaserArticles turns <article> elements that hold only teasers
// (two or more linked headlines and no <h1>) into plain <div>s: the
// extractor trusts an <article> as the story, and a "Recommended" block
// marked up as one would win over a story marked up with <div>s.
func demoteTeaserArticles(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.Article && !holdsStory(c) && linkedHeadings(c) >= 2 {
			c.DataAtom, c.Data = atom.Div, "div"
		}
		demoteTeaserArticles(c)
	}
}

// linkedHeadings counts the headings in n that hold a link: teaser
// headlines. A story's own subheadings are not links.
func linkedHeadings(n *html.Node) int {
	count := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			if findFirst(c, atom.A) != nil {
				count++
			}
		default:
			count += linkedHeadings(c)
		}
	}
	return count
}

// holdsStory reports whether n holds an <h1>, <main> or role=main element.
func holdsStory(n *html.Node) bool {
	if n.Type == html.ElementNode && (n.DataAtom == atom.H1 || n.DataAtom == atom.Main || strings.EqualFold(attr(n, "role"), "main")) {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if holdsStory(c) {
			return true
		}
	}
	return false
}

// findFirst returns the first HTML element of kind a in n, in page order.
func findFirst(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a && n.Namespace == "" {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findFirst(c, a); f != nil {
			return f
		}
	}
	return nil
}

// textOf returns the text of n with white space collapsed.
func textOf(n *html.Node) string {
	var r renderer
	r.walk(n)
	r.flush()
	return strings.Join(r.paras, " ")
}
