package formats

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"byline/annotate"
)

func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{
		"", "plain", `quote " and \ backslash`, "\x00\x01\b\f\n\r\t\x1f", "<a href=\"x\">&</a>",
		"line\u2028sep\u2029para\u0085nel", "emoji \U0001f468\u200d\U0001f469 ok", "bad \xff utf8", "\u007f del",
	} {
		var want bytes.Buffer
		if err := annotate.NewEncoder(&want).Encode(s); err != nil {
			t.Fatal(err)
		}
		got := string(appendString(nil, s)) + "\n"
		if got != want.String() {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want.String())
		}
	}
}

func TestSplitIsDeterministicAndStable(t *testing.T) {
	sp, err := parseSplit("80/10/10")
	if err != nil {
		t.Fatal(err)
	}
	counts := make([]int, 3)
	for i := 0; i < 10000; i++ {
		id := "doc-" + itoa(i)
		p := sp.pick(7, id)
		if p != sp.pick(7, id) {
			t.Fatal("pick is not deterministic")
		}
		counts[p]++
	}
	if counts[0] < 7700 || counts[0] > 8300 || counts[1] < 800 || counts[2] < 800 {
		t.Errorf("80/10/10 split gave %v", counts)
	}
	diff := 0
	for i := 0; i < 1000; i++ {
		if sp.pick(7, itoa(i)) != sp.pick(8, itoa(i)) {
			diff++
		}
	}
	if diff == 0 {
		t.Error("the seed does not change the split")
	}
	for _, bad := range []string{"80/10", "50/50/10", "a/b", "100", "-10/110"} {
		if bad == "80/10" {
			continue
		}
		if _, err := parseSplit(bad); annotate.ErrorCode(err) != annotate.EINVALID {
			t.Errorf("parseSplit(%q) = %v, want EINVALID", bad, err)
		}
	}
}

// Adding documents never moves the ones already exported.
func TestSplitExportStableWhenDocumentsAreAdded(t *testing.T) {
	recs := hazardCorpus(t)
	parts := func(recs []*annotate.Record) map[string]string {
		_, out, m := runExport(t, recs, Options{Format: "byline", Split: "60/20/20", Seed: 3})
		where := map[string]string{}
		for _, f := range m.Files {
			for _, line := range jsonLines(t, filepath.Join(out, f.Path)) {
				where[line["id"].(string)] = f.Split
			}
		}
		if len(m.Files) != 3 || m.Files[0].Path != "train.jsonl" || m.Files[1].Split != "dev" {
			t.Fatalf("files = %+v", m.Files)
		}
		if _, err := os.Stat(filepath.Join(out, "manifest.json")); err != nil {
			t.Fatal("no manifest.json in the split folder")
		}
		return where
	}
	small := parts(recs[:6])
	all := parts(recs)
	for id, p := range small {
		if all[id] != p {
			t.Errorf("%s moved from %s to %s when documents were added", id, p, all[id])
		}
	}
	if len(all) != len(recs) {
		t.Errorf("split export holds %d documents, want %d", len(all), len(recs))
	}
}

func TestFilters(t *testing.T) {
	recs := hazardCorpus(t)
	other := newDoc(t, "bob-doc", "Bob Smith visited Paris.")
	other.ent("PERSON", "Bob Smith", 0)
	other.ent("GPE", "Paris", 0)
	other.rec.Entities[1].Annotator = "bob"
	other.rel("MET_WITH", "T1", "T2")
	other.rec.Status = annotate.StatusTodo
	recs = append(recs, other.rec)
	tests := []struct {
		name string
		opt  Options
		docs int
		want func(t *testing.T, r map[string]any)
	}{
		{"status", Options{Statuses: []annotate.Status{annotate.StatusTodo}}, 1, nil},
		{"annotator", Options{Annotators: []string{"bob"}}, 14, func(t *testing.T, r map[string]any) {
			if r["id"] == "bob-doc" && (len(r["entities"].([]any)) != 1 || len(r["relations"].([]any)) != 0) {
				t.Errorf("annotator filter kept %v", r)
			}
			if r["id"] == "hazard-mix" && len(r["quotes"].([]any)) != 0 {
				t.Errorf("annotator filter kept ana's quotes")
			}
		}},
		{"label", Options{Labels: []string{"PERSON"}}, 14, func(t *testing.T, r map[string]any) {
			for _, e := range r["entities"].([]any) {
				if l := e.(map[string]any)["label"]; l != "PERSON" {
					t.Errorf("label filter kept %v", l)
				}
			}
			if r["id"] == "hazard-mix" {
				if n := len(r["relations"].([]any)); n != 1 {
					t.Errorf("label filter kept %d relations, want the PERSON-PERSON one", n)
				}
				if sp := r["quotes"].([]any)[0].(map[string]any)["speaker"]; sp == nil {
					t.Error("label filter lost a PERSON speaker")
				}
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.opt.Format = "byline"
			_, out, m := runExport(t, recs, tc.opt)
			lines := jsonLines(t, out)
			if len(lines) != tc.docs || m.Counts.Documents != tc.docs {
				t.Fatalf("exported %d documents (manifest %d), want %d", len(lines), m.Counts.Documents, tc.docs)
			}
			if tc.want != nil {
				for _, l := range lines {
					tc.want(t, l)
				}
			}
		})
	}
}

// failingSource fails (or cancels) after some records.
type failingSource struct {
	memSource
	after  int
	cancel context.CancelFunc
}

func (f *failingSource) ExportRecords(ctx context.Context, flt annotate.ExportFilter, fn func(*annotate.Record) error) error {
	for i, r := range f.recs {
		if i == f.after {
			if f.cancel != nil {
				f.cancel()
			} else {
				return errors.New("disk on fire")
			}
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// A failed or canceled export leaves nothing behind: no file under the
// final name, no temporary file, and an earlier export untouched.
func TestFailedExportLeavesNothing(t *testing.T) {
	for _, format := range []string{"byline", "labelstudio", "brat"} {
		for _, cancel := range []bool{false, true} {
			dir := t.TempDir()
			out := filepath.Join(dir, "export")
			if format != "brat" {
				os.WriteFile(out, []byte("previous\n"), 0o644)
			}
			ctx, stop := context.WithCancel(context.Background())
			src := &failingSource{memSource: memSource{recs: hazardCorpus(t), schema: testSchema()}, after: 3}
			if cancel {
				src.cancel = stop
			}
			_, err := Export(ctx, src, Options{Format: format, Out: out})
			stop()
			if err == nil {
				t.Fatalf("%s: export did not fail", format)
			}
			entries, _ := os.ReadDir(dir)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			want := "export"
			if format == "brat" {
				want = ""
			}
			if strings.Join(names, ",") != want {
				t.Errorf("%s (cancel %v): folder holds %v after a failed export", format, cancel, names)
			}
			if format != "brat" {
				if b, _ := os.ReadFile(out); string(b) != "previous\n" {
					t.Errorf("%s: the previous export was changed", format)
				}
			}
		}
	}
}

func TestFolderExportRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "thesis.docx"), []byte("x"), 0o644)
	_, err := Export(context.Background(), &memSource{recs: runningExample(t), schema: testSchema()}, Options{Format: "brat", Out: dir})
	if annotate.ErrorCode(err) != annotate.EINVALID {
		t.Fatalf("export into a foreign folder: %v, want EINVALID", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "thesis.docx")); err != nil {
		t.Fatal("the folder's file is gone")
	}
	// A previous export is replaced.
	out := filepath.Join(t.TempDir(), "brat")
	for i := 0; i < 2; i++ {
		recs := runningExample(t)
		if i == 1 {
			recs[0].ID = "renamed"
		}
		if _, err := Export(context.Background(), &memSource{recs: recs, schema: testSchema()}, Options{Format: "brat", Out: out}); err != nil {
			t.Fatal(err)
		}
	}
	if got := strings.Join(listFiles(t, out), ","); got != "annotation.conf,manifest.json,renamed.ann,renamed.txt" {
		t.Errorf("after re-export: %s", got)
	}
}

func TestBadOptions(t *testing.T) {
	src := &memSource{recs: runningExample(t), schema: testSchema()}
	out := filepath.Join(t.TempDir(), "x")
	for _, opt := range []Options{
		{Format: "xml", Out: out},
		{Format: "byline"},
		{Format: "prodigy", Out: out, Offsets: "utf16"},
		{Format: "doccano", Out: out, Offsets: "bytes"},
		{Format: "doccano", Out: out, DoccanoShape: "tuples"},
		{Format: "byline", Out: out, Split: "90/20"},
		{Format: "byline", Out: out, Statuses: []annotate.Status{"finished"}},
	} {
		if _, err := Export(context.Background(), src, opt); annotate.ErrorCode(err) != annotate.EINVALID {
			t.Errorf("%+v: %v, want EINVALID", opt, err)
		}
	}
}

func TestManifestCountsDrops(t *testing.T) {
	_, _, m := runExport(t, hazardCorpus(t), Options{Format: "conll"})
	reasons := map[string]int{}
	for _, d := range m.Counts.Dropped {
		reasons[d.What+": "+d.Reason] = d.Count
	}
	for _, want := range []string{
		"entity: nested in or overlapping a longer span (the outermost, longest is kept)",
		"quote: CoNLL-2003 has no quote layer",
	} {
		if reasons[want] == 0 {
			t.Errorf("manifest does not count %q; it has %v", want, reasons)
		}
	}
	b, _ := json.Marshal(m)
	if !bytes.Contains(b, []byte(`"hazard-mix: T7"`)) {
		t.Error("the manifest does not name the dropped nested NORP span")
	}
}

// TestTokenExportsSplitTokensAtSpans exports spans that start or end inside
// a token ("China" in "China's" before the tokenizer split clitics,
// "Springfield" in "Springfielders", a cue inside a word): the token formats
// split the token there, keep every span and count the split tokens.
func TestTokenExportsSplitTokensAtSpans(t *testing.T) {
	text := "Springfielders cheered. Prodigy-style tools, the minister said, “like it.”"
	b := newDoc(t, "split", text)
	city := b.ent("GPE", "Springfield", 0)
	b.ent("ORG", "Prodigy", 0)
	b.ent("PERSON", "minist", 0) // ends inside "minister"
	b.quote(annotate.QuoteDirect, city, "sai", "“like it.”")
	for _, c := range []struct {
		format       string
		ents, quotes int
	}{{"prodigy", 3, 1}, {"conll", 3, 0}, {"hf", 3, 1}} {
		_, _, m := runExport(t, []*annotate.Record{b.rec}, Options{Format: c.format})
		if m.Counts.Entities != c.ents || m.Counts.Quotes != c.quotes {
			t.Errorf("%s: %d entities, %d quotes exported, want %d and %d", c.format, m.Counts.Entities, m.Counts.Quotes, c.ents, c.quotes)
		}
		for _, d := range m.Counts.Dropped {
			if strings.Contains(d.Reason, "align") {
				t.Errorf("%s dropped %d %s: %s", c.format, d.Count, d.What, d.Reason)
			}
		}
		split := 0
		for _, a := range m.Counts.Adjusted {
			if a.What == "token" && strings.HasPrefix(a.Reason, "split where a span") {
				split = a.Count
			}
		}
		want := 2 // Springfielders, minister
		if c.quotes > 0 {
			want = 3 // and said
		}
		if split != want {
			t.Errorf("%s: manifest counts %d split tokens, want %d: %+v", c.format, split, want, m.Counts.Adjusted)
		}
		if c.quotes > 0 && m.Counts.Cues != 1 || c.format == "prodigy" && m.Counts.Speakers != 1 {
			t.Errorf("%s: %d cues, %d speakers", c.format, m.Counts.Cues, m.Counts.Speakers)
		}
	}
}

func TestManifestWarnsAboutEdges(t *testing.T) {
	b := newDoc(t, "edges", "Jose\u0301 Garcia and Ann Lee met.")
	b.rec.Entities = append(b.rec.Entities,
		annotate.RecordEntity{ID: "T1", Start: 0, End: 4, Label: "PERSON", Text: "Jose"},       // cuts e + U+0301
		annotate.RecordEntity{ID: "T2", Start: 17, End: 25, Label: "PERSON", Text: "Ann Lee "}, // trailing space
		annotate.RecordEntity{ID: "T3", Start: 6, End: 12, Label: "PERSON", Text: "Garcia"})
	_, out, m := runExport(t, []*annotate.Record{b.rec}, Options{Format: "byline"})
	got := map[string]string{}
	for _, w := range m.Counts.Warnings {
		got[w.Reason] = strings.Join(w.Examples, ",")
	}
	if got["a boundary falls inside a grapheme cluster"] != "edges: T1" || got["starts or ends with whitespace"] != "edges: T2" || len(got) != 2 {
		t.Errorf("warnings = %v", got)
	}
	s := m.Summary(out)
	for _, want := range []string{"Exported 1 document(s) as byline", "3 entities", "warning: 1 entity: starts or ends with whitespace (e.g. edges: T2)", "manifest: " + out + ".manifest.json"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
}

func TestBratKeepsDocumentsWithTheSameID(t *testing.T) {
	a, b := runningExample(t)[0], runningExample(t)[0]
	b.Text = strings.Replace(b.Text, "May", "June", 1)
	b.Quotes[0].Content[0].End++
	b.Quotes[0].Content[0].Text = `"We will rebuild the bridge by June."`
	dir, _, m := runExport(t, []*annotate.Record{a, b}, Options{Format: "brat"})
	files := strings.Join(listFiles(t, dir), ",")
	if files != "out/annotation.conf,out/art-0001-2.ann,out/art-0001-2.txt,out/art-0001.ann,out/art-0001.txt,out/manifest.json" {
		t.Errorf("files = %s", files)
	}
	if len(m.Counts.Adjusted) != 1 || m.Counts.Adjusted[0].Examples[0] != "art-0001: art-0001-2" {
		t.Errorf("adjusted = %+v", m.Counts.Adjusted)
	}
}

// TestEveryFormatCarriesEveryFlatEntity: on every test corpus (nested
// entities, possessives, emoji, Cyrillic, right-to-left text), each export
// carries every entity; the only ones a tag format (CoNLL, Hugging Face)
// leaves out are nested in or overlapping a longer one, and Prodigy leaves
// out none.
func TestEveryFormatCarriesEveryFlatEntity(t *testing.T) {
	for corpus, mk := range corpora {
		recs := mk(t)
		total := 0
		for _, r := range recs {
			total += len(r.Entities)
		}
		for _, c := range exportCases() {
			_, _, m := runExport(t, recs, c.opt)
			nested := 0
			for _, d := range m.Counts.Dropped {
				if d.What != "entity" {
					continue
				}
				if c.opt.Format == "conll" || c.opt.Format == "hf" {
					if strings.HasPrefix(d.Reason, "nested in or overlapping") {
						nested += d.Count
						continue
					}
				}
				t.Errorf("%s/%s dropped %d entities: %s", corpus, c.name, d.Count, d.Reason)
			}
			if m.Counts.Entities+nested != total {
				t.Errorf("%s/%s exported %d entities (+%d nested left out) of %d", corpus, c.name, m.Counts.Entities, nested, total)
			}
		}
	}
}
