package formats

import "testing"

func TestSpreadsheetCell(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"Sergei Lavrov", "Sergei Lavrov"},
		{`"We agreed," he said`, `"We agreed," he said`},
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+7 495 000", "'+7 495 000"},
		{"-2 percent", "'-2 percent"},
		{"@handle", "'@handle"},
		{"\tindented", "'\tindented"},
		{"\rreturn", "'\rreturn"},
		{"— a dash", "— a dash"}, // only the ASCII characters spreadsheets read as formulas
		{"a=b", "a=b"},
	} {
		if got := spreadsheetCell(c.in); got != c.want {
			t.Errorf("spreadsheetCell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
