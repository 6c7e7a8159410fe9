package annotatetest

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"byline/annotate"
)

func titles(t *testing.T, s annotate.Store, f annotate.DocumentFilter) []string {
	t.Helper()
	list, err := s.FindDocuments(bg, f)
	if err != nil {
		t.Fatalf("find documents %+v: %v", f, err)
	}
	var out []string
	for _, d := range list {
		out = append(out, d.Title)
	}
	return out
}

func testDocumentList(t *testing.T, s annotate.Store) {
	importText(t, s, "a", "Body a.\n", annotate.Meta{Title: "banana", Published: "2026-01-02"})
	importText(t, s, "b", "Body b.\n", annotate.Meta{Title: "Apple", Published: "2026-03-01"})
	c := importText(t, s, "c", "Cherry pie without a title\n", annotate.Meta{Published: "2026-01-02"})
	importText(t, s, "d", "Body d.\n", annotate.Meta{Title: "apple", Published: "2025-12-31"})
	entity(t, s, c, [2]int{0, 6}, "ORG")
	if err := s.SetStatus(bg, c, annotate.StatusDone); err != nil {
		t.Fatal(err)
	}
	done := annotate.StatusDone
	for _, tc := range []struct {
		name string
		f    annotate.DocumentFilter
		want string
	}{
		{"import order", annotate.DocumentFilter{}, "banana|Apple|Cherry pie without a title|apple"},
		{"by title, case-insensitive, ties in import order", annotate.DocumentFilter{Sort: annotate.SortTitle}, "Apple|apple|banana|Cherry pie without a title"},
		{"by date, newest first, ties newest import first", annotate.DocumentFilter{Sort: annotate.SortDate}, "Apple|Cherry pie without a title|banana|apple"},
		{"a page", annotate.DocumentFilter{Offset: 1, Limit: 2}, "Apple|Cherry pie without a title"},
		{"past the end", annotate.DocumentFilter{Offset: 10, Limit: 2}, ""},
		{"status", annotate.DocumentFilter{Status: &done}, "Cherry pie without a title"},
	} {
		if got := strings.Join(titles(t, s, tc.f), "|"); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
		f := tc.f
		f.Offset, f.Limit = 0, 0
		all := len(titles(t, s, f))
		if n, err := s.CountDocuments(bg, tc.f); err != nil || n != all {
			t.Errorf("%s: count %d, %v; want %d", tc.name, n, err, all)
		}
	}
	list, _ := s.FindDocuments(bg, annotate.DocumentFilter{Offset: 2, Limit: 1})
	if len(list) != 1 || list[0].ID != c || list[0].Ordinal != 3 || list[0].Annotations != 1 ||
		list[0].Status != annotate.StatusDone || list[0].ExternalID != "c" || list[0].Published != "2026-01-02" {
		t.Errorf("summary = %+v", list)
	}
	doc, err := s.FindDocumentByID(bg, c)
	if err != nil || doc.Text != "Cherry pie without a title\n" || doc.Hash != annotate.ContentHash(doc.Text) || doc.ImportedAt.IsZero() {
		t.Errorf("document = %+v, %v", doc, err)
	}
	_, err = s.FindDocumentByID(bg, c+100)
	wantCode(t, "missing document", err, annotate.ENOTFOUND)
}

func testSearch(t *testing.T, s annotate.Store) {
	importText(t, s, "a", "Ministers met in Geneva on Monday.\n", annotate.Meta{Title: "Talks resume"})
	importText(t, s, "b", "The Zürich summit ended early.\n", annotate.Meta{Title: "Summit"})
	importText(t, s, "c", "Cease-fire holds in the north.\n", annotate.Meta{})
	for _, c := range []struct{ query, want string }{
		{"geneva", "Talks resume"},
		{"GENEV", "Talks resume"},        // the last word matches as a prefix
		{"talks geneva", "Talks resume"}, // title and text, every word
		{"enev", ""},                     // words, not substrings
		{"zurich", "Summit"},             // accents fold
		{"cease-fire", "Cease-fire holds in the north."},
		{`"summit" OR`, ""}, // operators are words
		{"  ", "Talks resume|Summit|Cease-fire holds in the north."},
		{"-- ***", "Talks resume|Summit|Cease-fire holds in the north."},
	} {
		got := strings.Join(titles(t, s, annotate.DocumentFilter{Search: c.query}), "|")
		if got != c.want {
			t.Errorf("search %q = %q, want %q", c.query, got, c.want)
		}
		if n, _ := s.CountDocuments(bg, annotate.DocumentFilter{Search: c.query}); n != len(strings.Split(c.want, "|")) && c.want != "" {
			t.Errorf("count %q = %d", c.query, n)
		}
	}
}

func testImport(t *testing.T, s annotate.Store) {
	first := importText(t, s, "a", "Original story.\n", annotate.Meta{URL: "https://example.com/story"})
	recs := []*annotate.Record{
		{ID: "dup", Text: "Original story.\n"},
		{ID: "v2", Text: "Updated story.\n", Meta: annotate.Meta{URL: "https://example.com/story"}},
		{ID: "new", Text: "Another story by Jane Roe.\n", Status: annotate.StatusDone,
			Entities:  []annotate.RecordEntity{{ID: "T1", Start: 17, End: 25, Label: "AUTHOR"}, {ID: "T2", Start: 0, End: 7, Label: "ORG", Annotator: "kim"}},
			Relations: []annotate.RecordRelation{{ID: "R1", Type: "WROTE", Head: "T1", Tail: "T2"}}},
		{ID: "dup-in-batch", Text: "Another story by Jane Roe.\n"},
	}
	outs, err := s.ImportRecords(bg, recs, annotate.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != 4 || !outs[0].Duplicate || outs[0].DocumentID != first || outs[1].Duplicate || !outs[1].NewVersion ||
		outs[2].Duplicate || outs[2].NewVersion || !outs[3].Duplicate || outs[3].DocumentID != outs[2].DocumentID {
		t.Errorf("outcomes = %+v", outs)
	}
	schema, _ := s.Schema(bg)
	if _, ok := schema.Label("AUTHOR"); !ok {
		t.Errorf("label AUTHOR not added to the schema")
	}
	if _, ok := schema.RelationType("WROTE"); !ok {
		t.Errorf("relation type WROTE not added to the schema")
	}
	a := annotations(t, s, outs[2].DocumentID)
	if counts(a) != [3]int{2, 0, 1} || a.Entities[1].Text != "Jane Roe" || a.Entities[0].Annotator != "kim" || a.Entities[1].Annotator != "tester" {
		t.Errorf("imported annotations = %+v", a)
	}
	if d, _ := s.FindDocumentByID(bg, outs[2].DocumentID); d.Status != annotate.StatusDone || d.ExternalID != "new" {
		t.Errorf("imported document = %+v", d)
	}
	if n, _ := s.CountDocuments(bg, annotate.DocumentFilter{}); n != 3 {
		t.Errorf("%d documents, want 3", n)
	}
}

func testImportAllOrNothing(t *testing.T, s annotate.Store) {
	recs := []*annotate.Record{
		{ID: "ok", Text: "Fine.\n"},
		{ID: "bad", Text: "Short.\n", Entities: []annotate.RecordEntity{{ID: "T1", Start: 0, End: 99, Label: "ORG"}}},
	}
	_, err := s.ImportRecords(bg, recs, annotate.ImportOptions{})
	wantCode(t, "span out of range", err, annotate.EINVALID)
	if err == nil || !strings.Contains(err.Error(), "bad") {
		t.Errorf("error %v does not name the record", err)
	}
	if n, _ := s.CountDocuments(bg, annotate.DocumentFilter{}); n != 0 {
		t.Errorf("a failed import stored %d documents", n)
	}
	bad := &annotate.Schema{Entities: []annotate.EntityLabel{{Name: "bad name", Color: "#000000"}}}
	_, err = s.ImportRecords(bg, []*annotate.Record{{ID: "x", Text: "X.\n"}}, annotate.ImportOptions{Schema: bad})
	wantCode(t, "invalid schema", err, annotate.EINVALID)
}

// exportAll returns the export as JSONL.
func exportAll(t *testing.T, s annotate.Store, f annotate.ExportFilter) (string, []*annotate.Record) {
	t.Helper()
	var buf bytes.Buffer
	var recs []*annotate.Record
	enc := annotate.NewEncoder(&buf)
	err := s.ExportRecords(bg, f, func(r *annotate.Record) error {
		recs = append(recs, r)
		return enc.Encode(r)
	})
	if err != nil {
		t.Fatal(err)
	}
	return buf.String(), recs
}

func testExportRoundTrip(t *testing.T, s, fresh annotate.Store) {
	doc := importText(t, s, "a", sampleText, annotate.Meta{Title: "Talks", URL: "https://example.com/a",
		Extra: map[string]json.RawMessage{"desk": json.RawMessage(`"world"`)}})
	lavrov := entity(t, s, doc, spanLavrov, "PERSON")
	fidan := entity(t, s, doc, spanFidan, "PERSON")
	relation(t, s, doc, "MET_WITH", lavrov.ID, fidan.ID)
	quote(t, s, doc, lavrov.ID)
	if err := s.SetStatus(bg, doc, annotate.StatusDone); err != nil {
		t.Fatal(err)
	}
	importText(t, s, "b", "Second.\n", annotate.Meta{})
	out, recs := exportAll(t, s, annotate.ExportFilter{})
	if len(recs) != 2 || recs[0].ID != "a" || recs[1].ID != "b" {
		t.Fatalf("export order: %s", out)
	}
	if r := recs[0]; len(r.Entities) != 2 || r.Quotes[0].Speaker != "T1" || r.Relations[0].Head != "T1" || r.Relations[0].Tail != "T2" ||
		r.Status != annotate.StatusDone || string(r.Meta.Extra["desk"]) != `"world"` {
		t.Errorf("exported record = %+v", r)
	}
	if _, done := exportAll(t, s, annotate.ExportFilter{Statuses: []annotate.Status{annotate.StatusDone}}); len(done) != 1 {
		t.Errorf("status filter exported %d records", len(done))
	}

	// Import the export elsewhere: the same records come out again.
	var again []*annotate.Record
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		r, err := annotate.DecodeRecord([]byte(line))
		if err != nil {
			t.Fatal(err)
		}
		again = append(again, r)
	}
	outs, err := fresh.ImportRecords(bg, again, annotate.ImportOptions{})
	if err != nil || len(outs) != 2 || outs[0].Duplicate {
		t.Fatalf("import of the export: %+v, %v", outs, err)
	}
	if out2, _ := exportAll(t, fresh, annotate.ExportFilter{}); out2 != out {
		t.Errorf("the export changed on its way through another store:\n%s\n%s", out, out2)
	}
	// A second import of the same records is all duplicates.
	outs, err = fresh.ImportRecords(bg, again, annotate.ImportOptions{})
	if err != nil || !outs[0].Duplicate || !outs[1].Duplicate {
		t.Errorf("re-import: %+v, %v", outs, err)
	}
	if !reflect.DeepEqual(recs[0].Debris, []annotate.Range(nil)) {
		t.Errorf("debris = %v", recs[0].Debris)
	}
}
