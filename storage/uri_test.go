package storage

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
)

func TestSQLiteURI(t *testing.T) {
	tests := []struct {
		path    string
		windows bool
		want    string
	}{
		{"/home/ana/byline.db", false, "file:/home/ana/byline.db"},
		{"/home/ana/what? #1 100%.db", false, "file:/home/ana/what%3F%20%231%20100%25.db"},
		{`/home/ana/back\slash.db`, false, "file:/home/ana/back%5Cslash.db"},
		{`C:\Users\ana\byline.db`, true, "file:/C:/Users/ana/byline.db"},
		{`C:\Users\ana\what? #1.db`, true, "file:/C:/Users/ana/what%3F%20%231.db"},
		{`\\server\share\team\byline.db`, true, "file:////server/share/team/byline.db"},
		{`\\?\C:\Users\ana\byline.db`, true, "file:/C:/Users/ana/byline.db"},
		{`\\?\UNC\server\share\byline.db`, true, "file:////server/share/byline.db"},
		{`\\.\C:\data\byline.db`, true, "file:/C:/data/byline.db"},
	}
	for _, tt := range tests {
		if got := sqliteURI(tt.path, tt.windows); got != tt.want {
			t.Errorf("sqliteURI(%q, windows=%v) = %q, want %q", tt.path, tt.windows, got, tt.want)
		}
	}
}

// SQLite takes a URI with the UNC form's empty authority and doubled
// slash (on Linux "//tmp/..." is "/tmp/..."), where "file://server/..."
// fails with "invalid uri authority".
func TestSQLiteURIOfUNCFormOpens(t *testing.T) {
	dir := t.TempDir()
	unc := `\` + strings.ReplaceAll(filepath.Join(dir, "x.db"), "/", `\`) // \\tmp\...\x.db
	conn, err := sql.Open("sqlite3", sqliteURI(unc, true))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec("CREATE TABLE t(x)"); err != nil {
		t.Fatalf("%s: %v", sqliteURI(unc, true), err)
	}
}
