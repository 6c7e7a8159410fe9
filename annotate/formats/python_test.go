package formats

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// pythonCheck is run by python3 on one export: it reads the file the way
// training scripts do (iterating the file object, json.loads per line) and
// checks text[start:end] with Python's own string slicing.
const pythonCheck = `
import json, sys
fmt, unit, path, expected_path = sys.argv[1:5]
expected = json.load(open(expected_path, encoding="utf-8"))
texts = expected["texts"]
spans = set(tuple(s) for s in expected["spans"])
checked = 0

def check(doc, label, text, start, end, claimed=None):
    global checked
    if unit == "utf16":
        b = text.encode("utf-16-le")
        covered = b[2*start:2*end].decode("utf-16-le")
    else:
        covered = text[start:end]
    assert 0 <= start < end, (doc, start, end)
    assert (doc, label.upper(), covered) in spans, (doc, label, covered)
    if claimed is not None:
        assert claimed == covered, (doc, claimed, covered)
    checked += 1

if fmt == "labelstudio":
    tasks = json.load(open(path, encoding="utf-8"))
    for task in tasks:
        text, doc = task["data"]["text"], task["data"]["article_id"]
        assert text == texts[doc]
        for r in task["annotations"][0]["result"]:
            if r["type"] == "labels":
                v = r["value"]
                check(doc, v["labels"][0], text, v["start"], v["end"], v["text"])
else:
    with open(path, encoding="utf-8", newline="") as fh:
        lines = 0
        for line in fh:
            lines += 1
            rec = json.loads(line)
            if fmt == "byline":
                doc, text = rec["id"], rec["text"]
                for e in rec["entities"]:
                    check(doc, e["label"], text, e["start"], e["end"], e["text"])
                for q in rec["quotes"]:
                    for s in q["content"]:
                        check(doc, "QUOTE", text, s["start"], s["end"], s["text"])
            elif fmt == "prodigy":
                doc, text = rec["meta"]["article_id"], rec["text"]
                # spaCy's Doc(vocab, words, spaces) rebuilds the text from
                # the tokens, and Doc.char_span (strict) finds every span.
                toks = rec["tokens"]
                words = [t["text"] for t in toks]
                spaces = [t["ws"] for t in toks]
                assert "".join(w + (" " if sp else "") for w, sp in zip(words, spaces)) == text
                starts = {t["start"]: t["id"] for t in toks}
                ends = {t["end"]: t["id"] for t in toks}
                for t in toks:
                    assert text[t["start"]:t["end"]] == t["text"], (doc, t)
                for s in rec["spans"]:
                    check(doc, s["label"], text, s["start"], s["end"], s["text"])
                    assert starts.get(s["start"]) == s["token_start"] and ends.get(s["end"]) == s["token_end"], (doc, s)
                for r in rec["relations"]:
                    assert r["head"] == r["head_span"]["token_end"] and r["child"] == r["child_span"]["token_end"], (doc, r)
            elif fmt == "doccano":
                doc, text = rec["article_id"], rec["text"]
                for e in rec.get("entities", []):
                    check(doc, e["label"], text, e["start_offset"], e["end_offset"])
                for s, e, l in rec.get("label", []):
                    check(doc, l, text, s, e)
            elif fmt == "hf":
                doc = rec["id"]
                text = texts[doc]
                for tok, (s, e) in zip(rec["tokens"], rec["token_offsets"]):
                    assert text[s:e] == tok, (doc, tok)
                    checked += 1
                assert len(rec["tokens"]) == len(rec["ner_tags"]) == len(rec["quote_tags"])
            if fmt != "hf" and fmt != "prodigy":
                assert text == texts[doc], doc
print(checked)
`

func TestPythonReadsExports(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not on this machine: the Python check of the JSONL exports did not run")
	}
	dir := t.TempDir()
	script := filepath.Join(dir, "check.py")
	if err := os.WriteFile(script, []byte(pythonCheck), 0o644); err != nil {
		t.Fatal(err)
	}
	for corpus, mk := range corpora {
		recs := mk(t)
		exp := struct {
			Texts map[string]string `json:"texts"`
			Spans [][3]string       `json:"spans"`
		}{Texts: map[string]string{}}
		for _, r := range recs {
			exp.Texts[r.ID] = r.Text
			for _, e := range r.Entities {
				exp.Spans = append(exp.Spans, [3]string{r.ID, e.Label, e.Text})
			}
			for _, q := range r.Quotes {
				for _, s := range q.Content {
					exp.Spans = append(exp.Spans, [3]string{r.ID, quoteLabel, s.Text})
				}
				if q.Cue != nil {
					exp.Spans = append(exp.Spans, [3]string{r.ID, cueLabel, q.Cue.Text})
				}
			}
		}
		expPath := filepath.Join(dir, corpus+".json")
		b, _ := json.Marshal(exp)
		os.WriteFile(expPath, b, 0o644)
		for _, c := range exportCases() {
			switch c.opt.Format {
			case "brat", "conll":
				continue // not JSON
			}
			t.Run(corpus+"/"+c.name, func(t *testing.T) {
				_, out, _ := runExport(t, recs, c.opt)
				unit := "codepoint"
				if c.opt.Offsets == "utf16" {
					unit = "utf16"
				}
				res, err := exec.Command(py, script, c.opt.Format, unit, out, expPath).CombinedOutput()
				if err != nil {
					t.Fatalf("python check failed: %v\n%s", err, res)
				}
				if strings.TrimSpace(string(res)) == "0" {
					t.Fatalf("python checked no span")
				}
			})
		}
	}
}

// nltkCheck reads a CoNLL export with NLTK's ConllCorpusReader (token,
// part-of-speech, chunk and IOB columns) and prints the entities it finds,
// one "LABEL<TAB>tokens joined" a line.
const nltkCheck = `
import sys
from nltk.corpus.reader import ConllCorpusReader
root, name = sys.argv[1:3]
r = ConllCorpusReader(root, [name], columntypes=("words", "pos", "ignore", "chunk"))
cur = None
for word, pos, tag in r.iob_words():
    if tag.startswith("B-") or tag == "O" or (cur and tag[2:] != cur[0]):
        if cur:
            print(cur[0] + "\t" + "".join(cur[1]))
        cur = [tag[2:], [word]] if tag != "O" else None
    else:
        cur[1].append(word)
if cur:
    print(cur[0] + "\t" + "".join(cur[1]))
`

// TestNLTKReadsCoNLL reads the CoNLL export of every test corpus with NLTK's
// own CoNLL reader: it finds as many entities as the manifest counts, each
// the text of an entity of the corpus with that label.
func TestNLTKReadsCoNLL(t *testing.T) {
	py := ""
	for _, c := range []string{"python3", "/usr/bin/python3"} {
		if p, err := exec.LookPath(c); err == nil && exec.Command(p, "-c", "import nltk").Run() == nil {
			py = p
			break
		}
	}
	if py == "" {
		t.Skip("no python3 with nltk (Debian: python3-nltk): the NLTK check of the CoNLL export did not run")
	}
	dir := t.TempDir()
	script := filepath.Join(dir, "nltk_check.py")
	if err := os.WriteFile(script, []byte(nltkCheck), 0o644); err != nil {
		t.Fatal(err)
	}
	for corpus, mk := range corpora {
		recs := mk(t)
		texts := map[string]bool{}
		for _, r := range recs {
			for _, e := range r.Entities {
				texts[e.Label+"\t"+strings.Join(strings.Fields(e.Text), "")] = true
			}
		}
		_, out, m := runExport(t, recs, Options{Format: "conll"})
		res, err := exec.Command(py, script, filepath.Dir(out), filepath.Base(out)).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: nltk failed: %v\n%s", corpus, err, res)
		}
		lines := strings.Split(strings.TrimSpace(string(res)), "\n")
		if len(lines) != m.Counts.Entities {
			t.Errorf("%s: NLTK finds %d entities, the manifest counts %d", corpus, len(lines), m.Counts.Entities)
		}
		for _, l := range lines {
			if !texts[l] {
				t.Errorf("%s: NLTK reads entity %q, which the corpus does not have", corpus, l)
			}
		}
	}
}
