package annotate

import "testing"

func TestStripLines(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		ranges []Range
		want   string
	}{
		{"no ranges", "A\n\n\nB\n", nil, "A\n\n\nB\n"},
		{"one line between paragraphs", "A\n\nAd\n\nB", []Range{{3, 5}}, "A\n\nB"},
		{"line inside a paragraph", "A\nAd\nB", []Range{{2, 4}}, "A\nB"},
		{"at the start", "Ad\n\nA\n", []Range{{0, 2}}, "A\n"},
		{"at the end, final break kept", "A\n\nAd\nAd\n", []Range{{3, 5}, {6, 8}}, "A\n"},
		{"unsorted ranges", "A\nX\nB\nY\nC", []Range{{6, 7}, {2, 3}}, "A\nB\nC"},
		{"part of a line removes the line", "A\nxxAdxx\nB", []Range{{4, 6}}, "A\nB"},
		{"a range over two lines removes both", "A\nX\nY\nB", []Range{{2, 5}}, "A\nB"},
		{"a range on a line break alone removes nothing", "A\nB", []Range{{1, 2}}, "A\nB"},
		{"code points, not bytes", "Ёж\nРеклама\nТекст", []Range{{3, 10}}, "Ёж\nТекст"},
		{"blank runs elsewhere kept", "A\n\n\nB\n\nAd\n\nC", []Range{{7, 9}}, "A\n\n\nB\n\nC"},
		{"everything", "Ad\nAd", []Range{{0, 2}, {3, 5}}, ""},
	}
	for _, tt := range tests {
		if got := StripLines(tt.text, tt.ranges); got != tt.want {
			t.Errorf("%s: StripLines = %q, want %q", tt.name, got, tt.want)
		}
	}
}
