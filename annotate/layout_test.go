package annotate

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportRules enforces the package layout: the domain depends on no GUI
// and no database driver; the GUI never reaches the SQLite driver or Fyne's
// app package (so its tests build without cgo); the store knows no GUI.
func TestImportRules(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not on PATH")
	}
	rules := []struct {
		pkgs      string
		forbidden []string
	}{
		{"byline/annotate/...", []string{"fyne.io/", "database/sql", "github.com/mattn/go-sqlite3", "byline/storage", "byline/app"}},
		{"byline/app/...", []string{"github.com/mattn/go-sqlite3", "fyne.io/fyne/v2/app", "byline/storage", "database/sql", "github.com/go-gl/"}},
		{"byline/storage/...", []string{"fyne.io/", "byline/app", "byline/assets"}},
		{"byline/assets", []string{"fyne.io/", "byline/"}},
	}
	for _, r := range rules {
		out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", r.pkgs).CombinedOutput()
		if err != nil {
			if strings.Contains(string(out), "matched no packages") {
				continue
			}
			t.Fatalf("go list %s: %v\n%s", r.pkgs, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, bad := range r.forbidden {
				if strings.HasPrefix(dep, bad) && !(bad == "byline/" && dep == "byline/assets") {
					t.Errorf("%s depends on %s", r.pkgs, dep)
				}
			}
		}
	}
}
