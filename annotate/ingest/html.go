package ingest

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"byline/annotate"
)

// HTMLReader reads saved web pages (.html, .htm, .xhtml, .shtml) and MHTML
// archives (.mhtml, .mht): one document each, its text the page's article as
// blank-line separated paragraphs, its metadata taken from the page. Nothing
// the page references is ever fetched.
type HTMLReader struct{}

var _ annotate.Reader = HTMLReader{}

// Name implements annotate.Reader.
func (HTMLReader) Name() string { return "html" }

// Detect implements annotate.Reader: web page extensions, and files without
// an extension that start like an HTML document.
func (HTMLReader) Detect(path string, head []byte) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm", ".xhtml", ".shtml", ".mhtml", ".mht":
		return true
	case "":
		return sniffHTML(head)
	}
	return false
}

// sniffHTML reports whether head starts (after a BOM and white space) with a
// doctype or an <html> tag.
func sniffHTML(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) > 64 {
		head = head[:64]
	}
	lower := bytes.ToLower(head)
	return bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html"))
}

// Read implements annotate.Reader.
func (HTMLReader) Read(path string, data []byte, opt annotate.ReadOptions) ([]*annotate.Record, error) {
	page, transport := data, ""
	var archive *mhtmlPage
	if isMHTML(path, data) {
		var err error
		archive, err = readMHTML(data)
		if err != nil {
			return nil, err
		}
		page, transport = archive.html, archive.charset
	}
	decoded, _, err := decodePage(page, transport, opt.Encoding)
	if err != nil {
		return nil, err
	}
	text, meta, err := extractArticle(decoded)
	if err != nil {
		return nil, err
	}
	if archive != nil {
		if meta.URL == "" {
			meta.URL = archive.location
		}
		if meta.Title == "" {
			meta.Title = archive.subject
		}
	}
	if meta.Title == "" {
		base := filepath.Base(path)
		meta.Title = strings.TrimSuffix(base, filepath.Ext(base))
	}
	rec := &annotate.Record{
		ID: opt.ExternalID, Text: text, Meta: meta,
		Entities: []annotate.RecordEntity{}, Quotes: []annotate.RecordQuote{}, Relations: []annotate.RecordRelation{},
	}
	rec.Text, rec.Debris = Debris(rec.Text, opt.Schema, opt.StripDebris)
	if strings.TrimSpace(rec.Text) == "" {
		return nil, &annotate.Error{Code: annotate.EFORMAT, Message: "the page has no article text once page debris is stripped"}
	}
	return []*annotate.Record{rec}, nil
}

// extractArticle parses a UTF-8 page and returns its canonical article text
// and metadata.
func extractArticle(page []byte) (string, annotate.Meta, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return "", annotate.Meta{}, annotate.Errorf(annotate.EFORMAT, "cannot parse the page: %v", err)
	}
	pm := collectMeta(doc)
	var r renderer
	if story := storyNode(doc); story != nil {
		r.walk(story)
	}
	r.flush()
	r.paras = withHeadline(dropRepeats(r.paras), pm.headline(), pm.titles())
	raw := strings.Join(r.paras, "\n\n")
	text, err := annotate.CanonicalText([]byte(raw))
	if err != nil {
		return "", annotate.Meta{}, annotate.Errorf(annotate.EFORMAT, "page text: %v", err)
	}
	if strings.TrimSpace(text) == "" {
		return "", annotate.Meta{}, annotate.Errorf(annotate.EFORMAT, "the page has no article text")
	}
	return text, pm.record(), nil
}

// minRepeat is the shortest paragraph, in code points, dropped when it
// repeats an earlier one word for word: short lines ("Advertisement", a
// subheading) may rightly repeat, a long paragraph twice is an extraction
// artefact (text after <br><br> read both as a paragraph and as a tail).
const minRepeat = 60

// dropRepeats drops long paragraphs that repeat an earlier one exactly.
func dropRepeats(paras []string) []string {
	seen := map[string]bool{}
	out := paras[:0]
	for _, p := range paras {
		if utf8.RuneCountInString(p) >= minRepeat {
			if seen[p] {
				continue
			}
			seen[p] = true
		}
		out = append(out, p)
	}
	return out
}

// maxLeadLine is the longest paragraph taken as page furniture when it
// comes before the headline (a menu entry, a kicker, a breadcrumb).
const maxLeadLine = 80

// withHeadline puts the headline first: the short paragraphs before it are
// page furniture and go; a story that lacks it gets it. A page without a
// headline element may still open with its title ("Storm hits coast" of
// "Storm hits coast | The Herald"): the short paragraphs before that go too.
func withHeadline(paras []string, headline string, titles []string) []string {
	for i, p := range paras {
		if utf8.RuneCountInString(p) > maxLeadLine {
			break
		}
		if p == headline || (headline == "" && slices.ContainsFunc(titles, func(t string) bool { return titleStartsWith(t, p) })) {
			return paras[i:]
		}
	}
	if headline == "" || slices.Contains(paras, headline) {
		return paras
	}
	return append([]string{headline}, paras...)
}
