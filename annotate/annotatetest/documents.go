package annotatetest

import (
	"context"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"byline/annotate"
)

// docWords are a document's search tokens, per column, as SQLite's
// unicode61 tokenizer makes them.
type docWords struct{ title, text []string }

// foldDiacritics drops combining marks after decomposition, as unicode61
// does by default.
var foldDiacritics = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// searchTokens splits s into lower-case letter and digit runs without
// diacritics.
func searchTokens(s string) []string {
	folded, _, err := transform.String(foldDiacritics, strings.ToLower(s))
	if err != nil {
		folded = strings.ToLower(s)
	}
	return strings.FieldsFunc(folded, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Co, r)
	})
}

// searchPhrases turns what an analyst typed into phrases that must all
// match; the last word of the last phrase matches as a prefix. Words without
// a letter or digit are ignored, as the SQLite store's query builder does.
func searchPhrases(s string) [][]string {
	s = strings.Map(func(r rune) rune {
		if r == '"' || unicode.IsControl(r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, " "))
	var out [][]string
	for _, w := range strings.Fields(s) {
		if toks := searchTokens(w); len(toks) > 0 {
			out = append(out, toks)
		}
	}
	return out
}

func hasPhrase(words, phrase []string, prefix bool) bool {
	n := len(phrase)
	for i := 0; i+n <= len(words); i++ {
		ok := true
		for k, p := range phrase {
			w := words[i+k]
			if w != p && !(prefix && k == n-1 && strings.HasPrefix(w, p)) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func (d *memDoc) matches(phrases [][]string) bool {
	if d.words == nil {
		d.words = &docWords{title: searchTokens(d.doc.Meta.Title), text: searchTokens(d.doc.Text)}
	}
	for i, p := range phrases {
		last := i == len(phrases)-1
		if !hasPhrase(d.words.title, p, last) && !hasPhrase(d.words.text, p, last) {
			return false
		}
	}
	return true
}

// listTitle is the title the document list shows and sorts by.
func listTitle(d *annotate.Document) string {
	if d.Meta.Title != "" {
		return d.Meta.Title
	}
	return annotate.Snippet(d.Text, 60)
}

// asciiFold lower-cases ASCII letters only, as SQLite's NOCASE does.
func asciiFold(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// selection returns the documents f selects in f's order, ignoring paging.
func (m *MemStore) selection(f annotate.DocumentFilter) []*memDoc {
	phrases := searchPhrases(f.Search)
	out := make([]*memDoc, 0, len(m.docs))
	for _, d := range m.docs {
		if f.Status != nil && d.doc.Status != *f.Status {
			continue
		}
		if len(phrases) > 0 && !d.matches(phrases) {
			continue
		}
		out = append(out, d)
	}
	switch f.Sort {
	case annotate.SortTitle:
		slices.SortStableFunc(out, func(a, b *memDoc) int {
			return strings.Compare(asciiFold(listTitle(&a.doc)), asciiFold(listTitle(&b.doc)))
		})
	case annotate.SortDate:
		slices.SortFunc(out, func(a, b *memDoc) int {
			if c := strings.Compare(b.doc.Meta.Published, a.doc.Meta.Published); c != 0 {
				return c
			}
			return b.ordinal - a.ordinal
		})
	}
	return out
}

// FindDocuments returns one page of the document list.
func (m *MemStore) FindDocuments(_ context.Context, f annotate.DocumentFilter) ([]annotate.DocumentSummary, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	sel := m.selection(f)
	lo := min(max(f.Offset, 0), len(sel))
	hi := len(sel)
	if f.Limit > 0 {
		hi = min(lo+f.Limit, hi)
	}
	out := make([]annotate.DocumentSummary, 0, hi-lo)
	for _, d := range sel[lo:hi] {
		out = append(out, annotate.DocumentSummary{
			ID: d.doc.ID, ExternalID: d.doc.ExternalID, Title: listTitle(&d.doc), Status: d.doc.Status,
			Published: d.doc.Meta.Published, Annotations: d.ann.Count(), Ordinal: d.ordinal,
		})
	}
	return out, nil
}

// CountDocuments counts the documents f selects, ignoring its paging.
func (m *MemStore) CountDocuments(_ context.Context, f annotate.DocumentFilter) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.selection(f)), nil
}
