package formats

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"byline/annotate"
)

// memSource is an in-memory Source: a slice of records and a schema.
type memSource struct {
	recs   []*annotate.Record
	schema *annotate.Schema
}

func (m *memSource) ExportRecords(ctx context.Context, f annotate.ExportFilter, fn func(*annotate.Record) error) error {
	for _, r := range m.recs {
		if len(f.Statuses) > 0 {
			ok := false
			for _, s := range f.Statuses {
				ok = ok || s == r.Status
			}
			if !ok {
				continue
			}
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

func (m *memSource) Schema(ctx context.Context) (*annotate.Schema, error) {
	return m.schema.Clone(), nil
}

// testSchema is the default news schema plus MAYOR_OF, the running
// example's relation.
func testSchema() *annotate.Schema {
	s := &annotate.Schema{}
	for i, n := range []string{"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "DATE", "TITLE"} {
		s.Entities = append(s.Entities, annotate.EntityLabel{Name: n, Color: "#4e79a7", Hotkey: string(rune('1' + i))})
	}
	s.Relations = []annotate.RelationType{
		{Name: "MET_WITH", Heads: []string{"PERSON", "ORG", "GPE"}, Tails: []string{"PERSON", "ORG", "GPE"}, Symmetric: true},
		{Name: "AFFILIATED_WITH", Heads: []string{"PERSON", "ORG"}, Tails: []string{"ORG", "GPE", "NORP"}},
		{Name: "MAYOR_OF", Heads: []string{"PERSON"}, Tails: []string{"GPE"}},
		{Name: "SUPPORTS", Heads: []string{"PERSON", "ORG", "GPE"}, Tails: []string{annotate.AnyLabel}},
	}
	return s
}

// builder makes records whose spans are found by their text.
type builder struct {
	t   testing.TB
	rec *annotate.Record
}

func newDoc(t testing.TB, id, text string) *builder {
	return &builder{t: t, rec: &annotate.Record{ID: id, Text: text, Status: annotate.StatusDone,
		Entities: []annotate.RecordEntity{}, Quotes: []annotate.RecordQuote{}, Relations: []annotate.RecordRelation{}}}
}

// seg finds the nth (0-based) occurrence of sub and returns it as a segment
// in code points.
func (b *builder) seg(sub string, nth int) annotate.Segment {
	b.t.Helper()
	from := 0
	for {
		i := strings.Index(b.rec.Text[from:], sub)
		if i < 0 {
			b.t.Fatalf("%s: %q not found", b.rec.ID, sub)
		}
		if nth == 0 {
			start := annotate.RuneCount(b.rec.Text[:from+i])
			return annotate.Segment{Start: start, End: start + annotate.RuneCount(sub), Text: sub}
		}
		nth--
		from += i + len(sub)
	}
}

func (b *builder) ent(label, sub string, nth int) string {
	s := b.seg(sub, nth)
	id := "T" + itoa(len(b.rec.Entities)+1)
	b.rec.Entities = append(b.rec.Entities, annotate.RecordEntity{ID: id, Start: s.Start, End: s.End, Label: label, Text: sub, Annotator: "ana"})
	return id
}

func (b *builder) quote(kind annotate.QuoteKind, speaker, cue string, content ...string) {
	q := annotate.RecordQuote{ID: "Q" + itoa(len(b.rec.Quotes)+1), Kind: kind, Speaker: speaker, Annotator: "ana"}
	for _, c := range content {
		q.Content = append(q.Content, b.seg(c, 0))
	}
	if cue != "" {
		s := b.seg(cue, 0)
		q.Cue = &s
	}
	b.rec.Quotes = append(b.rec.Quotes, q)
}

func (b *builder) rel(typ, head, tail string) {
	b.rec.Relations = append(b.rec.Relations, annotate.RecordRelation{ID: "R" + itoa(len(b.rec.Relations)+1), Type: typ, Head: head, Tail: tail, Annotator: "ana"})
}

func itoa(n int) string { return strconv.Itoa(n) }

// runningExample is FORMATS.md section 2.
func runningExample(t testing.TB) []*annotate.Record {
	b := newDoc(t, "art-0001", `Springfield Mayor Jane Doe said, "We will rebuild the bridge by May."`)
	b.rec.Meta = annotate.Meta{Source: "example-news", Title: "Bridge"}
	gpe := b.ent("GPE", "Springfield", 0)
	per := b.ent("PERSON", "Jane Doe", 0)
	b.quote(annotate.QuoteDirect, per, "said", `"We will rebuild the bridge by May."`)
	b.rel("MAYOR_OF", per, gpe)
	return []*annotate.Record{b.rec}
}

// hazardCorpus is fixtures F1-F12 of FORMATS.md 10.10 as stored texts (CRLF
// already LF, BOM already stripped: that is what ingest leaves), each with
// Jane Doe, plus one document mixing emoji, Cyrillic, Arabic with an RLM,
// NFD text, a split quote, nested and overlapping spans and a span that ends
// inside a token.
func hazardCorpus(t testing.TB) []*annotate.Record {
	fixtures := []struct{ id, text string }{
		{"F1", "\U0001f600 Jane Doe said"},
		{"F2", "\U0001f468\u200d\U0001f469\u200d\U0001f467 Jane Doe said"},
		{"F3", "\U0001f44d\U0001f3fd Jane Doe said"},
		{"F4", "\U0001f1fa\U0001f1e6 Jane Doe said"},
		{"F5", "Jos\u00e9: Jane Doe said"},
		{"F6", "Jose\u0301: Jane Doe said"},
		{"F7", "Headline\nJane Doe said"},
		{"F8", "Jane Doe said"},
		{"F9", "Mayor\u200b Jane Doe said"},
		{"F10", "\u05e9\u05dc\u05d5\u05dd\u200f Jane Doe said"},
		{"F11", "Mayor\u00a0Jane Doe said"},
		{"F12", "Mayor\u2028Jane Doe said"},
	}
	var out []*annotate.Record
	for _, f := range fixtures {
		b := newDoc(t, f.id, f.text)
		b.ent("PERSON", "Jane Doe", 0)
		out = append(out, b.rec)
	}
	text := "\U0001f468\u200d\U0001f469\u200d\U0001f467 Мэр Иван Петров сказал: «Мы восстановим мост». \U0001f44d\U0001f3fd \U0001f1fa\U0001f1e6\n" +
		"قال محمد علي\u200f إن Jane Doe وصلت إلى the Ukrainian Foreign Ministry.\n" +
		"Jose\u0301 Garci\u0301a said, “It’s done,” and added, “We’re ready.” Springfielders\tcheered\u2028again."
	b := newDoc(t, "hazard-mix", text)
	b.rec.Status = annotate.StatusInProgress
	b.rec.Meta = annotate.Meta{Title: "Смесь", URL: "https://example.org/a?b=1&c=<2>"}
	ivan := b.ent("PERSON", "Иван Петров", 0)
	b.ent("TITLE", "Мэр", 0)
	b.ent("FAC", "мост", 0)
	mohammed := b.ent("PERSON", "محمد علي", 0)
	jane := b.ent("PERSON", "Jane Doe", 0)
	ministry := b.ent("ORG", "Ukrainian Foreign Ministry", 0)
	b.ent("NORP", "Ukrainian", 0)
	jose := b.ent("PERSON", "Jose\u0301 Garci\u0301a", 0)
	b.ent("GPE", "Springfield", 0) // part of the token "Springfielders": the token exports split it
	b.quote(annotate.QuotePartial, ivan, "сказал", "«Мы восстановим мост»")
	b.quote(annotate.QuoteDirect, jose, "said", "“It’s done,”", "“We’re ready.”")
	b.rel("AFFILIATED_WITH", ivan, ministry)
	b.rel("MET_WITH", jane, mohammed)
	b.rec.Entities[0].Note = "mayor since 2020"
	return append(out, b.rec)
}

func fmtSscan(s string, a, b *int) (int, error) { return fmt.Sscan(s, a, b) }
