package ingest

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// renderer turns elements into paragraphs: text runs joined with collapsed
// white space, a paragraph break at every block element, a line break at
// <br>, and two <br> in a row taken as a paragraph break (older pages lay out
// paragraphs that way).
type renderer struct {
	paras []string
	cur   strings.Builder
	space bool // white space seen since the last character written
	pre   int  // depth inside <pre>
}

func (r *renderer) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		r.text(n.Data)
		return
	case html.ElementNode:
	case html.DocumentNode:
	default:
		return
	}
	tag := n.DataAtom
	if tag == 0 {
		// Elements built by the extractor carry only their name.
		tag = atom.Lookup([]byte(n.Data))
	}
	block := blockTags[tag]
	switch tag {
	case atom.Br:
		r.cur.WriteByte('\n')
		r.space = false
		return
	case atom.Pre:
		r.pre++
		defer func() { r.pre-- }()
	case atom.Li:
		// A list is one paragraph, an item a line of it.
		r.endLine()
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			r.walk(c)
		}
		r.endLine()
		return
	case atom.Td, atom.Th:
		// Cells of one row stay on one line, apart.
		r.space = true
		block = false
	}
	if block {
		r.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c)
	}
	if block {
		r.flush()
	}
}

// endLine ends the current line unless it is empty: two line breaks in a
// row would end the paragraph.
func (r *renderer) endLine() {
	if b := r.cur.String(); b != "" && b[len(b)-1] != '\n' {
		r.cur.WriteByte('\n')
	}
	r.space = false
}

func (r *renderer) text(s string) {
	for _, c := range s {
		switch {
		case c == '\n' && r.pre > 0:
			r.cur.WriteByte('\n')
			r.space = false
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u0085' || c == '\u2028' || c == '\u2029':
			r.space = true
		case c == '\ufeff' || unicode.IsControl(c):
			// Invisible noise that would only trouble offsets and exports.
		default:
			if r.space && r.cur.Len() > 0 {
				r.cur.WriteByte(' ')
			}
			r.space = false
			r.cur.WriteRune(c)
		}
	}
}

// flush ends the current paragraph: lines are trimmed and an empty line
// splits the text into separate paragraphs.
func (r *renderer) flush() {
	if r.cur.Len() == 0 {
		r.space = false
		return
	}
	var lines []string
	for _, l := range strings.Split(r.cur.String(), "\n") {
		l = strings.TrimFunc(l, unicode.IsSpace)
		if l == "" {
			if len(lines) > 0 {
				r.paras = append(r.paras, strings.Join(lines, "\n"))
				lines = lines[:0]
			}
			continue
		}
		lines = append(lines, l)
	}
	if len(lines) > 0 {
		r.paras = append(r.paras, strings.Join(lines, "\n"))
	}
	r.cur.Reset()
	r.space = false
}
