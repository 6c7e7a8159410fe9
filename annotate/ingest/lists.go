package ingest

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxListLinkShare is the share of a list's text that may sit in links for
// restoreLists to put it back: a list of links between two paragraphs is a
// "Read more" block, not part of the story.
const maxListLinkShare = 0.5

// restoreLists puts back the lists go-trafilatura leaves out of a story (a
// press release's bullet points, the measures a plan lists): a <ul> or <ol>
// of the page whose neighbouring elements are both kept in the story, one
// right after the other, goes back between them.
func restoreLists(page, story *html.Node) {
	kept := map[string]*html.Node{}
	var index func(n *html.Node)
	index = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if t := strings.Join(strings.Fields(textOf(c)), " "); t != "" {
				if _, dup := kept[t]; !dup {
					kept[t] = c
				}
			}
			index(c)
		}
	}
	index(story)
	keptAs := func(n *html.Node) *html.Node {
		if n == nil {
			return nil
		}
		return kept[strings.Join(strings.Fields(textOf(n)), " ")]
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom != atom.Ul && c.DataAtom != atom.Ol {
				walk(c)
				continue
			}
			before, after := keptAs(prevElement(c)), keptAs(nextElement(c))
			if before == nil || after == nil || nextElement(before) != after || linkShare(c) > maxListLinkShare {
				continue
			}
			after.Parent.InsertBefore(cloneTree(c), after)
		}
	}
	walk(page)
}

func prevElement(n *html.Node) *html.Node {
	for c := n.PrevSibling; c != nil; c = c.PrevSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

func nextElement(n *html.Node) *html.Node {
	for c := n.NextSibling; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

// linkShare is the share of n's letters and digits that sit inside links.
func linkShare(n *html.Node) float64 {
	var all, linked int
	var walk func(n *html.Node, inLink bool)
	walk = func(n *html.Node, inLink bool) {
		if n.Type == html.TextNode {
			k := len(strings.Join(strings.Fields(n.Data), ""))
			all += k
			if inLink {
				linked += k
			}
			return
		}
		inLink = inLink || n.Type == html.ElementNode && n.DataAtom == atom.A
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink)
		}
	}
	walk(n, false)
	if all == 0 {
		return 1
	}
	return float64(linked) / float64(all)
}

// cloneTree copies n and everything under it, detached from n's tree.
func cloneTree(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace, Attr: append([]html.Attribute(nil), n.Attr...)}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.AppendChild(cloneTree(k))
	}
	return c
}
