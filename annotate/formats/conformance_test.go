package formats

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"

	"byline/annotate"
)

// coveredSpan is one span as an exported file states it: the label and the
// text its offsets cover, computed in that format's own unit.
type coveredSpan struct {
	doc, label, covered string
	claimed             *string // the span's text field, when the format has one
}

func cpSlice(t testing.TB, text string, s, e int) string {
	r := []rune(text)
	if s < 0 || e > len(r) || s >= e {
		t.Fatalf("span [%d, %d) out of range of %d code points", s, e, len(r))
	}
	return string(r[s:e])
}

func u16Slice(t testing.TB, text string, s, e int) string {
	u := utf16.Encode([]rune(text))
	if s < 0 || e > len(u) || s >= e {
		t.Fatalf("span [%d, %d) out of range of %d UTF-16 units", s, e, len(u))
	}
	if (s > 0 && utf16.IsSurrogate(rune(u[s])) && u[s] >= 0xDC00) || (e < len(u) && u[e] >= 0xDC00 && u[e] < 0xE000) {
		t.Fatalf("UTF-16 span [%d, %d) splits a surrogate pair", s, e)
	}
	return string(utf16.Decode(u[s:e]))
}

func jsonLines(t testing.TB, path string) []map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(b, []byte("\uFEFF")) {
		t.Fatalf("%s starts with a BOM", path)
	}
	var out []map[string]any
	for _, line := range bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n")) {
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, m)
	}
	return out
}

func num(v any) int { return int(v.(float64)) }

// exportedSpans reads the spans back out of an export, per format.
func exportedSpans(t *testing.T, c exportCase, recs []*annotate.Record, out string) []coveredSpan {
	var spans []coveredSpan
	add := func(doc, label, covered string, claimed *string) {
		spans = append(spans, coveredSpan{doc: doc, label: strings.ToUpper(label), covered: covered, claimed: claimed})
	}
	str := func(v any) *string { s := v.(string); return &s }
	switch c.opt.Format {
	case "byline":
		for _, m := range jsonLines(t, out) {
			text, id := m["text"].(string), m["id"].(string)
			for _, e := range m["entities"].([]any) {
				e := e.(map[string]any)
				add(id, e["label"].(string), cpSlice(t, text, num(e["start"]), num(e["end"])), str(e["text"]))
			}
			for _, q := range m["quotes"].([]any) {
				q := q.(map[string]any)
				for _, s := range q["content"].([]any) {
					s := s.(map[string]any)
					add(id, quoteLabel, cpSlice(t, text, num(s["start"]), num(s["end"])), str(s["text"]))
				}
				if cue, ok := q["cue"].(map[string]any); ok {
					add(id, cueLabel, cpSlice(t, text, num(cue["start"]), num(cue["end"])), str(cue["text"]))
				}
			}
		}
	case "prodigy":
		for _, m := range jsonLines(t, out) {
			text, id := m["text"].(string), m["meta"].(map[string]any)["article_id"].(string)
			var rebuilt strings.Builder
			toks := m["tokens"].([]any)
			for i, tk := range toks {
				tk := tk.(map[string]any)
				if num(tk["id"]) != i || cpSlice(t, text, num(tk["start"]), num(tk["end"])) != tk["text"] {
					t.Fatalf("%s: token %d is not text[start:end]", id, i)
				}
				rebuilt.WriteString(tk["text"].(string))
				if tk["ws"].(bool) {
					rebuilt.WriteByte(' ')
				}
			}
			if rebuilt.String() != text {
				t.Fatalf("%s: tokens and ws do not rebuild the text", id)
			}
			// Only a spans task may hold overlapping spans (FORMATS.md 11.6).
			if m["meta"].(map[string]any)["layer"] != "spans" {
				covered := map[int]bool{}
				for _, s := range m["spans"].([]any) {
					s := s.(map[string]any)
					for c := num(s["start"]); c < num(s["end"]); c++ {
						if covered[c] {
							t.Fatalf("%s: overlapping spans outside a spans task", id)
						}
						covered[c] = true
					}
				}
			}
			for _, s := range m["spans"].([]any) {
				s := s.(map[string]any)
				ts, te := toks[num(s["token_start"])].(map[string]any), toks[num(s["token_end"])].(map[string]any)
				if num(ts["start"]) != num(s["start"]) || num(te["end"]) != num(s["end"]) {
					t.Fatalf("%s: span %v does not match its tokens", id, s)
				}
				add(id, s["label"].(string), cpSlice(t, text, num(s["start"]), num(s["end"])), str(s["text"]))
			}
		}
	case "doccano":
		slice := cpSlice
		if c.opt.Offsets == "utf16" {
			slice = u16Slice
		}
		for _, m := range jsonLines(t, out) {
			text, id := m["text"].(string), m["article_id"].(string)
			if list, ok := m["entities"].([]any); ok {
				for _, e := range list {
					e := e.(map[string]any)
					add(id, e["label"].(string), slice(t, text, num(e["start_offset"]), num(e["end_offset"])), nil)
				}
			}
			if list, ok := m["label"].([]any); ok {
				for _, e := range list {
					e := e.([]any)
					add(id, e[2].(string), slice(t, text, num(e[0]), num(e[1])), nil)
				}
			}
		}
	case "labelstudio":
		b, _ := os.ReadFile(out)
		var tasks []map[string]any
		if err := json.Unmarshal(b, &tasks); err != nil {
			t.Fatal(err)
		}
		for _, task := range tasks {
			data := task["data"].(map[string]any)
			text, id := data["text"].(string), data["article_id"].(string)
			for _, r := range task["annotations"].([]any)[0].(map[string]any)["result"].([]any) {
				r := r.(map[string]any)
				if r["type"] != "labels" {
					continue
				}
				v := r["value"].(map[string]any)
				add(id, v["labels"].([]any)[0].(string), cpSlice(t, text, num(v["start"]), num(v["end"])), str(v["text"]))
			}
		}
	case "brat":
		anns, _ := filepath.Glob(filepath.Join(out, "*.ann"))
		for _, ann := range anns {
			txt, _ := os.ReadFile(strings.TrimSuffix(ann, ".ann") + ".txt")
			b, _ := os.ReadFile(ann)
			id := strings.TrimSuffix(filepath.Base(ann), ".ann")
			for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
				f := strings.Split(line, "\t")
				if line == "" || f[0][0] != 'T' {
					continue
				}
				typ, offs, _ := strings.Cut(f[1], " ")
				var parts []string
				var s0, e1 int
				for i, frag := range strings.Split(offs, ";") {
					var s, e int
					if _, err := fmtSscan(frag, &s, &e); err != nil {
						t.Fatalf("%s: bad offsets %q", ann, frag)
					}
					if i == 0 {
						s0 = s
					}
					e1 = e
					parts = append(parts, cpSlice(t, string(txt), s, e))
				}
				joined := strings.Join(parts, " ")
				if f[2] != joined {
					t.Fatalf("%s: T text %q is not the fragments %q", ann, f[2], joined)
				}
				if strings.ContainsAny(f[2], "\t\n") {
					t.Fatalf("%s: T text holds a tab or newline", ann)
				}
				// A quote's fragments come from several segments: check each
				// segment-sized piece through the hull only for one fragment.
				if len(parts) == 1 || typ != bratQuote {
					add(id, typ, cpSlice(t, string(txt), s0, e1), nil)
				}
			}
		}
	case "conll":
		b, _ := os.ReadFile(out)
		doc := -1
		var chunk []string
		var label string
		flush := func() {
			if chunk != nil {
				add(recs[doc].ID, label, strings.Join(chunk, ""), nil)
			}
			chunk = nil
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			line := sc.Text()
			if line == "" {
				flush()
				continue
			}
			f := strings.Split(line, " ")
			if len(f) != 4 {
				t.Fatalf("conll line %q has %d columns", line, len(f))
			}
			if strings.IndexFunc(f[0], unicode.IsSpace) >= 0 {
				t.Fatalf("conll token %q holds whitespace", f[0])
			}
			if f[0] == "-DOCSTART-" {
				flush()
				doc++
				continue
			}
			switch {
			case strings.HasPrefix(f[3], "B-"):
				flush()
				chunk, label = []string{f[0]}, f[3][2:]
			case strings.HasPrefix(f[3], "I-"):
				chunk = append(chunk, f[0])
			default:
				flush()
			}
		}
		flush()
	case "hf":
		var m Manifest
		mb, _ := os.ReadFile(out + ".manifest.json")
		json.Unmarshal(mb, &m)
		byID := map[string]string{}
		for _, r := range recs {
			byID[r.ID] = r.Text
		}
		for _, row := range jsonLines(t, out) {
			id := row["id"].(string)
			text := byID[id]
			toks, offs := row["tokens"].([]any), row["token_offsets"].([]any)
			for i := range toks {
				o := offs[i].([]any)
				if cpSlice(t, text, num(o[0]), num(o[1])) != toks[i] {
					t.Fatalf("%s: token %d is not text[start:end]", id, i)
				}
			}
			for _, col := range []string{"ner_tags", "quote_tags"} {
				names := m.Tags[col]
				tags := row[col].([]any)
				if len(tags) != len(toks) {
					t.Fatalf("%s: %d %s for %d tokens", id, len(tags), col, len(toks))
				}
				start, label := -1, ""
				emit := func(end int) {
					if start >= 0 {
						add(id, label, cpSlice(t, text, num(offs[start].([]any)[0]), num(offs[end].([]any)[1])), nil)
					}
					start = -1
				}
				for i, tg := range tags {
					name := names[num(tg)]
					switch {
					case strings.HasPrefix(name, "B-"):
						emit(i - 1)
						start, label = i, name[2:]
					case strings.HasPrefix(name, "I-"):
					default:
						emit(i - 1)
					}
				}
				emit(len(tags) - 1)
			}
		}
	}
	return spans
}

// TestCoveredText is the one check run over every format: each exported
// span, sliced in that format's unit, covers exactly the text of a span of
// the same kind in the source (and its text field, if any, says so too).
func TestCoveredText(t *testing.T) {
	for corpus, mk := range corpora {
		for _, c := range exportCases() {
			t.Run(corpus+"/"+c.name, func(t *testing.T) {
				recs := mk(t)
				_, out, m := runExport(t, recs, c.opt)
				source := map[[3]string]bool{}
				for _, r := range recs {
					for _, e := range r.Entities {
						source[[3]string{r.ID, e.Label, e.Text}] = true
					}
					for _, q := range r.Quotes {
						for _, s := range q.Content {
							source[[3]string{r.ID, quoteLabel, s.Text}] = true
						}
						if q.Cue != nil {
							source[[3]string{r.ID, cueLabel, q.Cue.Text}] = true
						}
					}
				}
				spans := exportedSpans(t, c, recs, out)
				if len(spans) == 0 {
					t.Fatal("no spans found in the export")
				}
				for _, s := range spans {
					covered := s.covered
					if c.opt.Format == "conll" {
						// CoNLL has tokens only: compare without the spaces between them.
						found := false
						for k := range source {
							if k[0] == s.doc && k[1] == s.label && strings.Join(strings.FieldsFunc(k[2], isSpaceOrInvisible), "") == covered {
								found = true
							}
						}
						if !found {
							t.Errorf("%s: %s %q matches no source span", s.doc, s.label, covered)
						}
						continue
					}
					if !source[[3]string{s.doc, s.label, covered}] {
						t.Errorf("%s: %s covers %q, which is no source span's text", s.doc, s.label, covered)
					}
					if s.claimed != nil && *s.claimed != covered {
						t.Errorf("%s: %s says %q but covers %q", s.doc, s.label, *s.claimed, covered)
					}
				}
				exported := m.Counts.Entities + m.Counts.QuoteSegments + m.Counts.Cues
				if c.opt.Format != "brat" && c.opt.Format != "conll" && len(spans) != exported {
					t.Errorf("found %d spans, the manifest counts %d", len(spans), exported)
				}
			})
		}
	}
}

func isSpaceOrInvisible(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200B' || r == '\u200F' || r == '\u2060'
}
