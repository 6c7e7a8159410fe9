package app

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
)

func TestAnnotatorName(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	if w.status.annotator.Text != "tester" {
		t.Fatalf("status bar annotator = %q", w.status.annotator.Text)
	}
	w.setAnnotator("  ana ")
	if w.store.Annotator() != "ana" || w.status.annotator.Text != "ana" {
		t.Errorf("annotator = %q, status bar %q", w.store.Annotator(), w.status.annotator.Text)
	}
	w.setAnnotator(" ")
	if !strings.Contains(w.lastError, "not possible") || w.store.Annotator() != "ana" {
		t.Errorf("empty name: error %q, annotator %q", w.lastError, w.store.Annotator())
	}
}

func TestStatsCharts(t *testing.T) {
	st := &annotate.Stats{
		Progress:    annotate.Progress{Total: 5, ByStatus: map[annotate.Status]int{annotate.StatusDone: 2, annotate.StatusTodo: 3}},
		Entities:    4,
		ByLabel:     map[string]int{"PERSON": 3, "OLD_LABEL": 1},
		ByAnnotator: map[string]int{"ana": 1, "bo": 3},
		ByRelation:  map[string]int{},
	}
	s, err := annotate.ParseSchema([]byte(`{"entities": [{"name": "PERSON", "color": "#e15759"}, {"name": "ORG", "color": "#4e79a7"}], "relations": []}`))
	if err != nil {
		t.Fatal(err)
	}
	charts := statsCharts(st, s)
	want := []struct {
		title string
		rows  []chartRow
	}{
		{"Documents by status", []chartRow{{"To do", 3, nil}, {"In progress", 0, nil}, {"Done", 2, nil}, {"Skipped", 0, nil}}},
		{"Annotations", []chartRow{{"Entities", 4, nil}, {"Quotes", 0, nil}, {"Relations", 0, nil}}},
		{"Entities per label", []chartRow{{"PERSON", 3, nil}, {"OLD_LABEL", 1, nil}}},
		{"Relations per type", nil},
		{"Annotations per annotator", []chartRow{{"bo", 3, nil}, {"ana", 1, nil}}},
	}
	if len(charts) != len(want) {
		t.Fatalf("%d charts", len(charts))
	}
	for i, c := range want {
		got := chartTexts(charts[i])
		if got[0] != c.title {
			t.Errorf("chart %d title %q, want %q", i, got[0], c.title)
		}
		var rows []string
		for _, r := range c.rows {
			rows = append(rows, r.name, itoa(r.value))
		}
		if len(rows) == 0 {
			rows = []string{"none yet"}
		}
		if strings.Join(got[1:], "|") != strings.Join(rows, "|") {
			t.Errorf("%s rows = %v, want %v", c.title, got[1:], rows)
		}
	}
}

func TestStripDebris(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	st := env.store()
	text := "Page 1 of 3\nReal headline\n\nReal body.\n"
	id := st.importRecord(t, &annotate.Record{ID: "scraped", Text: text, Debris: []annotate.Range{{Start: 0, End: 12}}})
	w.docs.reload()
	w.flush()
	w.openDocument(id)
	w.flush()
	if !w.docBar.strip.Visible() {
		t.Fatalf("no strip button for a document with debris and no annotations")
	}
	w.docBar.strip.OnTapped()
	w.flush()
	doc, _ := st.FindDocumentByID(context.Background(), id)
	if doc.Text != "Real headline\n\nReal body.\n" || len(doc.Debris) != 0 {
		t.Errorf("text after strip = %q, debris %v", doc.Text, doc.Debris)
	}
	if w.editor.Document().Text != doc.Text || w.docBar.strip.Visible() {
		t.Errorf("the editor or the bar still shows the debris")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// chartTexts lists a chart's title, then each row's name and count.
func chartTexts(o fyne.CanvasObject) []string {
	var out []string
	for _, c := range test.LaidOutObjects(o) {
		if l, ok := c.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	}
	return out
}
