package storage

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"byline/annotate"
)

func TestFTSQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"lavrov", `"lavrov*"`},
		{"Sergei Lavrov", `"Sergei" "Lavrov*"`},
		{`don't "x`, `"don't" "x*"`},
		{`a OR b NOT c`, `"a" "OR" "b" "NOT" "c*"`},
		{`"" ' - *`, ""},
		{`foo* bar"baz`, `"foo*" "bar" "baz*"`},
		{"0\x00", `"0*"`},
		{"tab\tsep\xffx", `"tab" "sep" "x*"`},
	}
	for _, tt := range tests {
		if got := ftsQuery(tt.in); got != tt.want {
			t.Errorf("ftsQuery(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func titles(list []annotate.DocumentSummary) []string {
	out := []string{}
	for _, s := range list {
		out = append(out, s.Title)
	}
	return out
}

func TestDB_FindDocuments(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	docs := []struct {
		title, text, published string
	}{
		{"Talks in Geneva", "Sergei Lavrov met Antony Blinken in Geneva.", "2023-05-26"},
		{"", "Untitled wire copy about the Élysée and Emmanuel Macron.", "2023-05-20"},
		{"budget vote", "Parliament voted on the budget; the opposition walked out.", ""},
		{"Energy prices", "Gas prices fell in Germany, Олаф Шольц said.", "2023-06-01"},
	}
	ids := make([]int64, len(docs))
	for i, d := range docs {
		ids[i] = addDoc(t, db, fmt.Sprint(i), d.text, annotate.Meta{Title: d.title, Published: d.published})
	}
	mustEntity(t, db, ids[0], docs[0].text, "Sergei Lavrov", "PERSON")
	mustEntity(t, db, ids[0], docs[0].text, "Geneva", "GPE")
	if err := db.SetStatus(ctx, ids[2], annotate.StatusDone); err != nil {
		t.Fatal(err)
	}
	done := annotate.StatusDone
	tests := []struct {
		name string
		f    annotate.DocumentFilter
		want []string
	}{
		{"ImportOrder", annotate.DocumentFilter{}, []string{"Talks in Geneva", "Untitled wire copy about the Élysée and Emmanuel Macron.", "budget vote", "Energy prices"}},
		{"TitleOrderIgnoresCase", annotate.DocumentFilter{Sort: annotate.SortTitle}, []string{"budget vote", "Energy prices", "Talks in Geneva", "Untitled wire copy about the Élysée and Emmanuel Macron."}},
		{"DateNewestFirst", annotate.DocumentFilter{Sort: annotate.SortDate}, []string{"Energy prices", "Talks in Geneva", "Untitled wire copy about the Élysée and Emmanuel Macron.", "budget vote"}},
		{"Page", annotate.DocumentFilter{Offset: 1, Limit: 2}, []string{"Untitled wire copy about the Élysée and Emmanuel Macron.", "budget vote"}},
		{"PastTheEnd", annotate.DocumentFilter{Offset: 10, Limit: 2}, []string{}},
		{"Status", annotate.DocumentFilter{Status: &done}, []string{"budget vote"}},
		{"SearchText", annotate.DocumentFilter{Search: "blinken"}, []string{"Talks in Geneva"}},
		{"SearchTitle", annotate.DocumentFilter{Search: "energy"}, []string{"Energy prices"}},
		{"SearchPrefix", annotate.DocumentFilter{Search: "parl"}, []string{"budget vote"}},
		{"SearchAllWords", annotate.DocumentFilter{Search: "geneva lavrov"}, []string{"Talks in Geneva"}},
		{"SearchCyrillicAnyCase", annotate.DocumentFilter{Search: "шольц"}, []string{"Energy prices"}},
		{"SearchDiacritics", annotate.DocumentFilter{Search: "elysee"}, []string{"Untitled wire copy about the Élysée and Emmanuel Macron."}},
		{"SearchPunctuationOnly", annotate.DocumentFilter{Search: `"`, Limit: 1}, []string{"Talks in Geneva"}},
		{"SearchOperatorsAreWords", annotate.DocumentFilter{Search: `don't "x OR y*`}, []string{}},
		{"SearchAndStatus", annotate.DocumentFilter{Search: "the", Status: &done}, []string{"budget vote"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.FindDocuments(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(titles(got), tt.want) {
				t.Fatalf("got %q, want %q", titles(got), tt.want)
			}
			n, err := db.CountDocuments(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			all := tt.f
			all.Offset, all.Limit = 0, 0
			full, _ := db.FindDocuments(ctx, all)
			if n != len(full) {
				t.Fatalf("CountDocuments = %d, want %d", n, len(full))
			}
		})
	}
	first, err := db.FindDocuments(ctx, annotate.DocumentFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if s := first[0]; s.Annotations != 2 || s.Ordinal != 1 || s.ExternalID != "0" || s.Published != "2023-05-26" || s.Status != annotate.StatusTodo {
		t.Fatalf("summary %+v", s)
	}
}

func TestDB_ProgressAndNextUnfinished(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	if next, err := db.NextUnfinished(ctx, 0); next != 0 || err != nil {
		t.Fatalf("empty database: %d, %v", next, err)
	}
	var ids []int64
	for i := range 5 {
		ids = append(ids, addDoc(t, db, fmt.Sprint(i), fmt.Sprintf("Article number %d.", i), annotate.Meta{}))
	}
	for _, i := range []int{0, 2, 3} {
		if err := db.SetStatus(ctx, ids[i], annotate.StatusDone); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SetStatus(ctx, ids[4], annotate.StatusInProgress); err != nil {
		t.Fatal(err)
	}
	wantCode(t, db.SetStatus(ctx, ids[0], "finished"), annotate.EINVALID)
	wantCode(t, db.SetStatus(ctx, 999, annotate.StatusDone), annotate.ENOTFOUND)

	tests := []struct {
		after int64
		want  int64
	}{{0, ids[1]}, {ids[0], ids[1]}, {ids[1], ids[4]}, {ids[2], ids[4]}, {ids[4], ids[1]}, {999, ids[1]}}
	for _, tt := range tests {
		if got, err := db.NextUnfinished(ctx, tt.after); got != tt.want || err != nil {
			t.Errorf("NextUnfinished(%d) = %d, %v; want %d", tt.after, got, err, tt.want)
		}
	}
	p, err := db.Progress(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if p.Total != 5 || p.Done() != 3 || p.ByStatus[annotate.StatusTodo] != 1 || p.ByStatus[annotate.StatusInProgress] != 1 {
		t.Fatalf("progress %+v", p)
	}
}

func TestDB_StripDebris(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	text := "Home | World | Sport\nLavrov met Blinken.\nShare this article\n"
	rec := &annotate.Record{ID: "page", Text: text, Debris: []annotate.Range{{Start: 0, End: 21}, {Start: 41, End: 60}}}
	outs, err := db.ImportRecords(ctx, []*annotate.Record{rec}, annotate.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc := outs[0].DocumentID
	e := mustEntity(t, db, doc, text, "Lavrov", "PERSON")
	wantCode(t, db.StripDebris(ctx, doc), annotate.ECONFLICT)
	if _, err := db.DeleteEntity(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.StripDebris(ctx, doc); err != nil {
		t.Fatal(err)
	}
	d, err := db.FindDocumentByID(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != "Lavrov met Blinken.\n" || len(d.Debris) != 0 || d.Hash != annotate.ContentHash(d.Text) {
		t.Fatalf("after stripping: %q %v %s", d.Text, d.Debris, d.Hash)
	}
	if got, _ := db.FindDocuments(ctx, annotate.DocumentFilter{Search: "share"}); len(got) != 0 {
		t.Fatalf("the search index still has the stripped text: %v", got)
	}
	if err := db.StripDebris(ctx, doc); err != nil {
		t.Fatalf("stripping twice: %v", err)
	}
	wantCode(t, db.StripDebris(ctx, 999), annotate.ENOTFOUND)
}
