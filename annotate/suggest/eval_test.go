package suggest

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"byline/annotate"
)

var update = flag.Bool("update", false, "rewrite testdata/eval/gold.jsonl from the marked-up articles")

// The evaluation set: news articles written and annotated by hand, in a
// markup that is easy to write and review (testdata/eval/*.txt):
//
//	[[LABEL@id text]]   an entity (the id is optional)
//	{qN@id:text}        a content segment of quote qN (speaker id optional)
//	<qN@id:text>        the cue of quote qN (speaker id optional)
//
// A pronoun speaker is given as the nearest earlier named mention. The
// markup compiles to native JSONL, testdata/eval/gold.jsonl, which is what
// byline compare reads; TestEvalGold keeps the two in step.
func parseMarkup(name, src string) (*annotate.Record, error) {
	type open struct {
		kind  byte // '[', '{', '<'
		quote string
		label string
		id    string
		start int
	}
	var (
		text    strings.Builder
		pos     int
		stack   []open
		ents    []annotate.RecordEntity
		quotes  = map[string]*annotate.RecordQuote{}
		order   []string
		speaker = map[string]string{}
	)
	quote := func(id string) *annotate.RecordQuote {
		q, ok := quotes[id]
		if !ok {
			q = &annotate.RecordQuote{ID: id}
			quotes[id] = q
			order = append(order, id)
		}
		return q
	}
	header := func(s string, stop string) (string, string, int, error) {
		end := strings.Index(s, stop)
		if end < 0 {
			return "", "", 0, fmt.Errorf("%s: unterminated markup at %q", name, s[:min(len(s), 30)])
		}
		h := s[:end]
		main, id, _ := strings.Cut(h, "@")
		return main, id, end + len(stop), nil
	}
	for i := 0; i < len(src); {
		switch {
		case strings.HasPrefix(src[i:], "[["):
			label, id, n, err := header(src[i+2:], " ")
			if err != nil {
				return nil, err
			}
			stack = append(stack, open{kind: '[', label: label, id: id, start: pos})
			i += 2 + n
		case src[i] == '{' || src[i] == '<':
			q, id, n, err := header(src[i+1:], ":")
			if err != nil {
				return nil, err
			}
			stack = append(stack, open{kind: src[i], quote: q, id: id, start: pos})
			i += 1 + n
		case strings.HasPrefix(src[i:], "]]") || src[i] == '}' || src[i] == '>':
			want := map[byte]byte{']': '[', '}': '{', '>': '<'}[src[i]]
			if len(stack) == 0 || stack[len(stack)-1].kind != want {
				return nil, fmt.Errorf("%s: unbalanced %q at byte %d", name, src[i], i)
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			seg := annotate.Segment{Start: o.start, End: pos}
			switch o.kind {
			case '[':
				id := o.id
				if id == "" {
					id = "e" + strconv.Itoa(len(ents)+1)
				}
				ents = append(ents, annotate.RecordEntity{ID: id, Start: seg.Start, End: seg.End, Label: o.label})
				i += 2
				continue
			case '{':
				q := quote(o.quote)
				q.Content = append(q.Content, seg)
			case '<':
				q := quote(o.quote)
				if q.Cue != nil {
					return nil, fmt.Errorf("%s: quote %s has two cues", name, o.quote)
				}
				q.Cue = &seg
			}
			if o.id != "" {
				speaker[o.quote] = o.id
			}
			i++
		default:
			r := []rune(src[i:min(len(src), i+4)])[0]
			text.WriteRune(r)
			pos++
			i += len(string(r))
		}
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("%s: unclosed markup", name)
	}
	rec := &annotate.Record{ID: strings.TrimSuffix(name, ".txt"), Text: text.String(), Status: annotate.StatusDone,
		Entities: ents, Quotes: []annotate.RecordQuote{}, Relations: []annotate.RecordRelation{}}
	x := annotate.NewTextIndex(rec.Text)
	sort.SliceStable(rec.Entities, func(i, j int) bool { return rec.Entities[i].Start < rec.Entities[j].Start })
	for i := range rec.Entities {
		e := &rec.Entities[i]
		e.Text, e.Annotator = x.Slice(e.Start, e.End), "gold"
	}
	for _, id := range order {
		q := quotes[id]
		if len(q.Content) == 0 {
			return nil, fmt.Errorf("%s: quote %s has no content", name, id)
		}
		sort.Slice(q.Content, func(i, j int) bool { return q.Content[i].Start < q.Content[j].Start })
		for k := range q.Content {
			q.Content[k].Text = x.Slice(q.Content[k].Start, q.Content[k].End)
		}
		if q.Cue != nil {
			q.Cue.Text = x.Slice(q.Cue.Start, q.Cue.End)
		}
		q.Kind = annotate.QuoteKindFor(q.Content, x)
		if sp := speaker[id]; sp != "" {
			if entityByID(rec, sp) == nil {
				return nil, fmt.Errorf("%s: quote %s names unknown speaker %s", name, id, sp)
			}
			q.Speaker = sp
		}
		q.Annotator = "gold"
		rec.Quotes = append(rec.Quotes, *q)
	}
	sort.SliceStable(rec.Quotes, func(i, j int) bool { return rec.Quotes[i].Content[0].Start < rec.Quotes[j].Content[0].Start })
	return rec, nil
}

func evalRecords(t *testing.T) []*annotate.Record {
	t.Helper()
	files, err := filepath.Glob("testdata/eval/*.txt")
	if err != nil || len(files) < 20 {
		t.Fatalf("want at least 20 evaluation articles, have %d (%v)", len(files), err)
	}
	var recs []*annotate.Record
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rec, err := parseMarkup(filepath.Base(f), string(b))
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	return recs
}

// TestEvalGold checks that gold.jsonl is the marked-up articles' native
// JSONL (go test -run TestEvalGold -update rewrites it).
func TestEvalGold(t *testing.T) {
	var buf bytes.Buffer
	enc := annotate.NewEncoder(&buf)
	for _, rec := range evalRecords(t) {
		if _, err := annotate.PrepareRecord(rec, newsSchema(t)); err != nil {
			t.Fatalf("%s: %v", rec.ID, err)
		}
		if err := enc.Encode(rec); err != nil {
			t.Fatal(err)
		}
	}
	const golden = "testdata/eval/gold.jsonl"
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("%s is out of date: run go test -run TestEvalGold -update", golden)
	}
}

// TestEvalFloors runs the rules on the evaluation set's texts, as on a
// fresh import (no annotations, no corpus names), and holds them to the
// floors the README states.
func TestEvalFloors(t *testing.T) {
	e := New(nil, nil)
	sc := NewScorer(e.Lexicon())
	for _, gold := range evalRecords(t) {
		pred := Record(gold.ID, gold.Text, e.Suggest(gold.Text, nil, nil, All), annotate.SuggestAnnotator)
		sc.Add(gold, pred)
	}
	s := sc.Scores
	report := func(name string, q QuoteScores) {
		t.Logf("%s: content P %.2f R %.2f F1 %.2f (%d gold, %d predicted) | cue P %.2f R %.2f F1 %.2f | speaker %.2f (%d/%d) | in quotation marks recall %.2f (%d/%d)",
			name, q.Content.Precision, q.Content.Recall, q.Content.F1, q.Content.Gold, q.Content.Predicted,
			q.Cue.Precision, q.Cue.Recall, q.Cue.F1, q.Speaker.Rate, q.Speaker.Right, q.Speaker.Total,
			q.InQuotationMarks.Rate, q.InQuotationMarks.Right, q.InQuotationMarks.Total)
	}
	report("rule-targeted", s.RuleQuotes)
	report("all attributions", s.Quotes)
	r := s.RuleQuotes
	for _, c := range []struct {
		name       string
		got, floor float64
	}{
		{"content overlap F1", r.Content.F1, 0.70},
		{"cue exact F1", r.Cue.F1, 0.70},
		{"speaker right", r.Speaker.Rate, 0.70},
		{"recall in quotation marks", r.InQuotationMarks.Rate, 0.95},
	} {
		if c.got < c.floor {
			t.Errorf("%s %.3f is under the floor %.2f", c.name, c.got, c.floor)
		}
	}
}
