package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file finds a page's article text: it drops what is never article text
// (scripts, forms, media), then page furniture (navigation, asides, footers,
// comment sections, ads, share widgets, link lists), then picks the element
// holding the story and renders it as blank-line separated paragraphs.

// dropTags never hold article text.
var dropTags = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true, atom.Math: true,
	atom.Canvas: true, atom.Video: true, atom.Audio: true, atom.Picture: true, atom.Button: true,
	atom.Input: true, atom.Select: true, atom.Textarea: true, atom.Option: true, atom.Dialog: true,
	atom.Map: true, atom.Link: true, atom.Meta: true, atom.Title: true,
}

// furnitureTags are page furniture unless they hold the story (see keep).
var furnitureTags = map[atom.Atom]bool{
	atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Form: true, atom.Header: true, atom.Menu: true,
}

var furnitureRoles = map[string]bool{
	"navigation": true, "complementary": true, "contentinfo": true, "banner": true, "search": true,
	"dialog": true, "alertdialog": true, "menu": true, "menubar": true, "toolbar": true,
}

// furnitureWords mark page furniture when they appear as a word of an
// element's class or id ("share-buttons", "adContainer", "comments").
var furnitureWords = map[string]bool{
	"ad": true, "ads": true, "adv": true, "advert": true, "adverts": true, "advertisement": true,
	"advertising": true, "adsbygoogle": true, "adslot": true, "sponsor": true, "sponsored": true,
	"promo": true, "promoted": true, "banners": true, "comment": true, "comments": true, "commentlist": true,
	"disqus": true, "share": true, "shares": true, "sharing": true, "sharebar": true, "social": true,
	"newsletter": true, "subscribe": true, "subscription": true, "signup": true, "cookie": true,
	"cookies": true, "consent": true, "gdpr": true, "popup": true, "modal": true, "breadcrumb": true,
	"breadcrumbs": true, "nav": true, "navbar": true, "navigation": true, "menu": true, "sidebar": true,
	"widget": true, "widgets": true, "related": true, "recommended": true, "recommendations": true,
	"recirc": true, "outbrain": true, "taboola": true, "footer": true, "masthead": true, "toolbar": true,
	"pagination": true, "pager": true, "banner": true, "skiplink": true,
}

// furnitureStems mark furniture inside compound class words that are not
// split ("jp-relatedposts", "sharedaddy", "commentlist").
var furnitureStems = []string{
	"related", "sharing", "share", "social", "advert", "sponsor", "newsletter", "cookie", "outbrain",
	"taboola", "disqus", "sidebar", "breadcrumb", "comment",
}

// furnitureClasses are whole class names of text only screen readers get
// ("Share on Facebook", "Opens in a new window").
var furnitureClasses = map[string]bool{
	"sr-only": true, "visually-hidden": true, "visuallyhidden": true, "screen-reader-text": true,
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

// looksLikeFurniture reports whether an element is page furniture by its
// tag, role, class or id.
func looksLikeFurniture(n *html.Node) bool {
	if furnitureTags[n.DataAtom] || furnitureRoles[strings.ToLower(strings.TrimSpace(attr(n, "role")))] {
		return true
	}
	for _, c := range strings.Fields(strings.ToLower(attr(n, "class"))) {
		if furnitureClasses[c] {
			return true
		}
	}
	for _, w := range classWords(n) {
		if furnitureWords[w] {
			return true
		}
		for _, stem := range furnitureStems {
			// "commentary" is an opinion piece, not a comment section.
			if strings.Contains(w, stem) && !strings.Contains(w, "commentar") {
				return true
			}
		}
	}
	return false
}

func isHidden(n *html.Node) bool {
	if hasAttr(n, "hidden") || strings.EqualFold(attr(n, "aria-hidden"), "true") {
		return true
	}
	style := strings.ToLower(strings.ReplaceAll(attr(n, "style"), " ", ""))
	return strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden")
}

// removeNever drops comments and the elements that never hold article text.
func removeNever(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.CommentNode || c.Type == html.DoctypeNode:
			n.RemoveChild(c)
		case c.Type == html.ElementNode && (dropTags[c.DataAtom] || c.Namespace != "" || isHidden(c)):
			n.RemoveChild(c)
		default:
			removeNever(c)
		}
		c = next
	}
}

// stats are the text measures of one element, after removeNever.
type stats struct {
	text     int  // letters and other non-space code points
	linkText int  // of which inside links
	commas   int  // clause separators, a sign of prose
	keep     bool // holds an h1, a main element or an article that is not furniture
}

type measures map[*html.Node]*stats

// measure fills m for n and its descendants and returns n's stats.
func (m measures) measure(n *html.Node, inLink bool) stats {
	var s stats
	switch n.Type {
	case html.TextNode:
		for _, r := range n.Data {
			if !unicode.IsSpace(r) {
				s.text++
				if r == ',' || r == '，' || r == '、' {
					s.commas++
				}
			}
		}
		if inLink {
			s.linkText = s.text
		}
		return s
	case html.ElementNode:
		switch n.DataAtom {
		case atom.H1, atom.Main:
			s.keep = true
		case atom.A:
			inLink = true
		case atom.Article:
			s.keep = !looksLikeFurniture(n)
		}
		if strings.EqualFold(attr(n, "role"), "main") {
			s.keep = true
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		cs := m.measure(c, inLink)
		s.text += cs.text
		s.linkText += cs.linkText
		s.commas += cs.commas
		s.keep = s.keep || cs.keep
	}
	if n.Type == html.ElementNode {
		m[n] = &s
	}
	return s
}

func (m measures) linkDensity(n *html.Node) float64 {
	s := m[n]
	if s == nil || s.text == 0 {
		return 0
	}
	return float64(s.linkText) / float64(s.text)
}

// removeFurniture drops page furniture and link lists, but never an element
// that holds the headline, the main element or the article.
func (m measures) removeFurniture(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			s := m[c]
			guarded := s != nil && s.keep
			switch {
			case !guarded && looksLikeFurniture(c):
				n.RemoveChild(c)
			case !guarded && m.isLinkList(c):
				n.RemoveChild(c)
			default:
				m.removeFurniture(c)
			}
		}
		c = next
	}
}

// isLinkList spots menus and "related" blocks written as plain lists of links.
func (m measures) isLinkList(n *html.Node) bool {
	s := m[n]
	if s == nil || s.text == 0 {
		return false
	}
	switch n.DataAtom {
	case atom.Ul, atom.Ol, atom.Dl:
		return m.linkDensity(n) > 0.5
	case atom.Div, atom.Section, atom.Table:
		return s.text < 500 && m.linkDensity(n) > 0.5
	case atom.P:
		// A short paragraph that is one link: a section kicker or a teaser.
		return s.text < 40 && m.linkDensity(n) > 0.9
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

func findAll(n *html.Node, match func(*html.Node) bool, out []*html.Node) []*html.Node {
	if n.Type == html.ElementNode && match(n) {
		out = append(out, n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = findAll(c, match, out)
	}
	return out
}

// storyShare is the part of the page's text an <article> or <main> must hold
// to be taken as the story without scoring.
const storyShare = 0.3

// storyNodes returns the elements whose text is the story, in page order.
func (m measures) storyNodes(body *html.Node) []*html.Node {
	total := m[body].text
	for _, a := range []atom.Atom{atom.Article, atom.Main} {
		var best *html.Node
		for _, n := range findAll(body, func(n *html.Node) bool {
			return n.DataAtom == a || (a == atom.Main && strings.EqualFold(attr(n, "role"), "main"))
		}, nil) {
			if best == nil || m[n].text > m[best].text {
				best = n
			}
		}
		if best != nil && float64(m[best].text) >= storyShare*float64(total) && m[best].text > 0 {
			return []*html.Node{best}
		}
	}
	return m.scoredNodes(body)
}

// scoredNodes picks the story by prose: every paragraph scores its parent
// (and half its grandparent) by length and commas, as readability tools do;
// the best element is kept with those of its siblings that score near it.
func (m measures) scoredNodes(body *html.Node) []*html.Node {
	score := map[*html.Node]float64{}
	var order []*html.Node // scored elements in a fixed order, so ties resolve the same way every run
	credit := func(n *html.Node, s float64) {
		if _, seen := score[n]; !seen {
			order = append(order, n)
		}
		score[n] += s
	}
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				visit(c)
			}
		}
		var holder *html.Node
		var length, commas int
		switch n.DataAtom {
		case atom.P, atom.Pre, atom.Td, atom.Blockquote:
			holder = n.Parent
			length, commas = m[n].text, m[n].commas
		default:
			// Older pages write paragraphs as text and <br> straight in a div.
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.TextNode {
					length += utf8.RuneCountInString(strings.TrimSpace(c.Data))
					commas += strings.Count(c.Data, ",")
				}
			}
			holder = n
		}
		if length < 25 || holder == nil {
			return
		}
		s := 1 + float64(commas) + min(float64(length)/100, 3)
		credit(holder, s)
		if holder.Parent != nil && holder != body {
			credit(holder.Parent, s/2)
		}
	}
	visit(body)
	var best *html.Node
	bestScore := 0.0
	for _, n := range order {
		s := score[n] * (1 - m.linkDensity(n))
		score[n] = s
		if s > bestScore || (s == bestScore && best != nil && m[n].text > m[best].text) {
			best, bestScore = n, s
		}
	}
	if best == nil {
		return []*html.Node{body}
	}
	if best == body || best.Parent == nil {
		return []*html.Node{best}
	}
	threshold := max(10, bestScore*0.2)
	var out []*html.Node
	for c := best.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		// Beside the story: its headline, and paragraphs of prose that sit
		// outside the story's own element (a standfirst, a lone paragraph).
		if c == best || score[c] >= threshold || c.DataAtom == atom.H1 ||
			(m[c].text >= 80 && m.linkDensity(c) < 0.25 && isLeafBlock(c)) {
			out = append(out, c)
		}
	}
	return out
}

// isLeafBlock reports whether n is a paragraph: a <p>, or an element holding
// only text and inline elements.
func isLeafBlock(n *html.Node) bool {
	if n.DataAtom == atom.P {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (blockTags[c.DataAtom] || !isLeafBlock(c)) {
			return false
		}
	}
	return true
}

// textOf returns the text of n with white space collapsed.
func textOf(n *html.Node) string {
	var r renderer
	r.walk(n)
	r.flush()
	return strings.Join(r.paras, " ")
}
