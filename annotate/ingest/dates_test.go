package ingest

import (
	"testing"

	"byline/annotate"
)

func TestNormalizeDate(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2023-05-26", "2023-05-26", true},
		{" 2023-05-26 ", "2023-05-26", true},
		{"2023-05", "2023-05", true},
		{"2023-05-26T09:15:00+02:00", "2023-05-26T09:15:00+02:00", true},
		{"2023-05-26T09:15:00.123Z", "2023-05-26T09:15:00Z", true},
		{"2023-05-26T09:15:00Z", "2023-05-26T09:15:00Z", true},
		{"2023-05-26T09:15+03:00", "2023-05-26T09:15:00+03:00", true},
		{"2023-05-26T09:15:00+0300", "2023-05-26T09:15:00+03:00", true},
		{"2023-05-26T09:15:00.000-0500", "2023-05-26T09:15:00-05:00", true},
		{"2023-05-26 09:15:00 +0100", "2023-05-26T09:15:00+01:00", true},
		{"2023-05-26T09:15:00", "2023-05-26T09:15:00", true},
		{"2023-05-26T09:15", "2023-05-26T09:15:00", true},
		{"2023-05-26 09:15:00", "2023-05-26T09:15:00", true},
		{"Fri, 26 May 2023 09:15:00 GMT", "2023-05-26T09:15:00Z", true},
		{"Fri, 26 May 2023 09:15:00 +0200", "2023-05-26T09:15:00+02:00", true},
		{"Fri, 2 Jun 2023 09:15:00 -0400", "2023-06-02T09:15:00-04:00", true},
		{"19 Nov 2019 07:09 GMT", "2019-11-19T07:09:00Z", true},
		{"19 November 2019 07:09:30 UTC", "2019-11-19T07:09:30Z", true},
		{"Mon 4 Mar 2024 00.01 GMT", "2024-03-04T00:01:00Z", true},
		{"Tue, 19 Nov 2019 07:09 GMT", "2019-11-19T07:09:00Z", true},
		{"August 20, 2023 9:14 PM UTC", "2023-08-20T21:14:00Z", true},
		{"9:14 PM UTC, August 20, 2023", "2023-08-20T21:14:00Z", true},
		{"19 Nov 2019 07:09 EST", "2019-11-19T07:09:00", true},
		{"07:09, Tue, Nov 19, 2019", "2019-11-19T07:09:00", true},
		{"19 Nov 2019 07:09", "2019-11-19T07:09:00", true},
		{"2023/05/26", "2023-05-26", true},
		{"26.05.2023", "2023-05-26", true},
		{"6.5.2023", "2023-05-06", true},
		{"May 26, 2023", "2023-05-26", true},
		{"January 2, 2024", "2024-01-02", true},
		{"26 May 2023", "2023-05-26", true},
		{"Friday, May 26, 2023", "2023-05-26", true},
		{"05/26/2023", "", false},
		{"yesterday", "", false},
		{"2023-13-01", "", false},
		{"2023-02-30", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := normalizeDate(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("normalizeDate(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestPublishedFromPage: a page whose metadata writes the date as "19 Nov
// 2019 07:09 GMT" gets it as ISO 8601.
func TestPublishedFromPage(t *testing.T) {
	rec := readPage(t, "testdata/real/08-express-image-getty.html", annotate.ReadOptions{})
	if rec.Meta.Published != "2019-11-19T07:09:00Z" {
		t.Errorf("published = %q, want 2019-11-19T07:09:00Z", rec.Meta.Published)
	}
}
