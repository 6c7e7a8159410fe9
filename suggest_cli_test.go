package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"byline/annotate"
	"byline/annotate/suggest"
)

const evalGold = "annotate/suggest/testdata/eval/gold.jsonl"

// plainTexts writes the gold file's documents without their annotations.
func plainTexts(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(evalGold)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	for _, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		rec, err := annotate.DecodeRecord(line)
		if err != nil {
			t.Fatal(err)
		}
		plain, _ := json.Marshal(map[string]string{"id": rec.ID, "text": rec.Text})
		out.Write(append(plain, '\n'))
	}
	path := filepath.Join(dir, "plain.jsonl")
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// evalDocuments counts the gold file's documents.
func evalDocuments(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile(evalGold)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Count(b, []byte("\n"))
}

// TestCLISuggestAndCompare runs the evaluation end to end: import the gold
// articles' plain texts, store suggestions for review (not counted as
// annotations), accept them headless, and score them against the gold file.
func TestCLISuggestAndCompare(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "eval.db")
	docs := evalDocuments(t)
	if code, _, errs := byline(t, "import", "--db", db, plainTexts(t, dir)); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	code, out, errs := byline(t, "suggest", "--db", db)
	if code != 0 || !strings.Contains(out, fmt.Sprintf("%d documents:", docs)) || !strings.Contains(out, "stored for review") {
		t.Fatalf("suggest: %d %q %s", code, out, errs)
	}
	_, stats, _ := byline(t, "stats", "--db", db, "--json")
	var st annotate.Stats
	if err := json.Unmarshal([]byte(stats), &st); err != nil || st.Quotes != 0 || st.Entities != 0 {
		t.Fatalf("stored suggestions counted as annotations: %s (%v)", stats, err)
	}
	code, out, errs = byline(t, "suggest", "--db", db, "--quotes", "--accept")
	if code != 0 || !strings.Contains(out, "accepted as byline-suggest") {
		t.Fatalf("suggest --accept: %d %q %s", code, out, errs)
	}
	// Everything was accepted: a second run proposes no quote again.
	if _, out, _ = byline(t, "suggest", "--db", db, "--quotes", "--accept"); !strings.Contains(out, ": 0 quote") {
		t.Errorf("second run: %q", out)
	}
	code, out, errs = byline(t, "compare", "--db", db, "--gold", evalGold, "--annotator", annotate.SuggestAnnotator, "--json")
	if code != 0 {
		t.Fatalf("compare: %d %s", code, errs)
	}
	var s suggest.Scores
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	r := s.RuleQuotes
	t.Logf("rule-targeted: content F1 %.3f, cue F1 %.3f, speaker %.3f, recall in marks %.3f; all: content F1 %.3f, cue F1 %.3f, speaker %.3f",
		r.Content.F1, r.Cue.F1, r.Speaker.Rate, r.InQuotationMarks.Rate, s.Quotes.Content.F1, s.Quotes.Cue.F1, s.Quotes.Speaker.Rate)
	if s.Documents != docs || r.Content.F1 < 0.70 || r.Cue.F1 < 0.70 || r.Speaker.Rate < 0.70 || r.InQuotationMarks.Rate < 0.95 {
		t.Errorf("scores under the floors: %+v", s)
	}
	// The table names every section.
	_, table, _ := byline(t, "compare", "--db", db, "--gold", evalGold)
	for _, want := range []string{fmt.Sprintf("Documents compared: %d", docs), "Entities", "content overlap", "cue exact", "speaker right", "Relations"} {
		if !strings.Contains(table, want) {
			t.Errorf("compare table lacks %q:\n%s", want, table)
		}
	}
}

func TestCLICompareBadGold(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	if code, _, errs := byline(t, "import", "--db", db, plainTexts(t, dir)); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(`{"id":"a","text":"abc","entities":[{"id":"T1","start":0,"end":9,"label":"X"}]}`+"\n"), 0o644)
	code, _, errs := byline(t, "compare", "--db", db, "--gold", bad)
	if code != 1 || !strings.Contains(errs, "bad.jsonl:1") {
		t.Errorf("bad gold: %d %s", code, errs)
	}
	code, _, _ = byline(t, "compare", "--db", db)
	if code != 2 {
		t.Errorf("compare without --gold: exit %d, want 2", code)
	}
}
