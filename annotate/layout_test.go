package annotate

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// layoutRules says, for each package of the module (tests included), which
// packages it may import directly besides the standard library. A package is
// governed by the longest rule naming it or a parent ("byline/app" also
// governs "byline/app/article"). Everything not listed is refused, so a new
// dependency is a decision made here, not an accident.
var layoutRules = map[string][]string{
	// The domain: standard library and golang.org/x only (its external
	// tests may use the shared test store).
	"byline/annotate":              {"golang.org/x/", "byline/annotate", "byline/annotate/annotatetest"},
	"byline/annotate/annotatetest": {"golang.org/x/", "byline/annotate"},
	// Suggestions: the domain's rules; tests read the sample articles.
	"byline/annotate/suggest": {"golang.org/x/", "byline/annotate", "byline/annotate/annotatetest", "byline/assets"},
	// Export writers and peer readers.
	"byline/annotate/formats": {"golang.org/x/", "byline/annotate", "byline/annotate/annotatetest", "byline/annotate/ingest"},
	// Importing, web pages, encodings: may use libraries made for the job.
	"byline/annotate/ingest": {"golang.org/x/", "byline/annotate", "byline/annotate/annotatetest", "github.com/markusmobius/go-trafilatura"},
	// The store: the SQLite driver, never a GUI.
	"byline/storage": {"golang.org/x/", "github.com/mattn/go-sqlite3", "byline/annotate", "byline/annotate/annotatetest", "byline/annotate/formats", "byline/annotate/ingest", "byline/annotate/suggest", "byline/storage"},
	// The GUI: Fyne widgets, never the driver nor Fyne's app package (so its
	// tests build without cgo); the store comes through annotate interfaces.
	"byline/app":    {"golang.org/x/", "fyne.io/fyne/v2", "byline/annotate", "byline/annotate/annotatetest", "byline/annotate/formats", "byline/annotate/ingest", "byline/annotate/suggest", "byline/app/article", "byline/assets"},
	"byline/assets": {},
	// Wiring and headless commands.
	"byline":                      {"golang.org/x/", "fyne.io/fyne/v2", "github.com/mattn/go-sqlite3", "github.com/schollz/progressbar/v3", "byline/"},
	"byline/internal/quietlocale": {},
}

// layoutBans are packages a rule's package must never reach, even through a
// library it may use.
var layoutBans = map[string][]string{
	"byline/annotate": {"fyne.io/", "database/sql", "github.com/mattn/go-sqlite3", "byline/storage", "byline/app"},
	"byline/app":      {"github.com/mattn/go-sqlite3", "fyne.io/fyne/v2/app", "database/sql", "github.com/go-gl/", "byline/storage"},
	"byline/storage":  {"fyne.io/", "byline/app"},
}

type listedPackage struct {
	path     string
	standard bool
	imports  []string
	deps     []string
}

// listPackages runs go list -deps -test over the module: every package,
// test variant and test-only dependency, with what it imports.
func listPackages(t *testing.T) map[string]*listedPackage {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not on PATH")
	}
	cmd := exec.Command("go", "list", "-tags", "migrated_fynedo", "-deps", "-test",
		"-f", "{{.ImportPath}}|{{.Standard}}|{{join .Imports \",\"}}|{{join .Deps \",\"}}", "byline/...")
	// The GUI's drivers need cgo; list them as a cgo build sees them even
	// when the tests themselves are built without it.
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	pkgs := map[string]*listedPackage{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "|")
		if len(f) != 4 {
			t.Fatalf("go list line %q", line)
		}
		path := basePath(f[0])
		p := pkgs[path]
		if p == nil {
			p = &listedPackage{path: path, standard: f[1] == "true"}
			pkgs[path] = p
		}
		// A package's test variant lists its test imports too; merge them.
		for _, imp := range strings.Split(f[2], ",") {
			if imp == "" {
				continue
			}
			p.imports = append(p.imports, basePath(imp))
		}
		for _, dep := range strings.Split(f[3], ",") {
			if dep == "" {
				continue
			}
			p.deps = append(p.deps, basePath(dep))
		}
	}
	return pkgs
}

// basePath strips go list's test-variant suffixes: "p [p.test]", "p_test"
// and "p.test" all stand for p.
func basePath(s string) string {
	if i := strings.Index(s, " ["); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSuffix(s, ".test")
	return strings.TrimSuffix(s, "_test")
}

// ruleFor returns the longest rule governing pkg.
func ruleFor(pkg string) (string, bool) {
	best, found := "", false
	for r := range layoutRules {
		if (pkg == r || strings.HasPrefix(pkg, r+"/")) && len(r) >= len(best) {
			best, found = r, true
		}
	}
	return best, found
}

func allowed(imp string, allow []string) bool {
	for _, a := range allow {
		if imp == a || (strings.HasSuffix(a, "/") && strings.HasPrefix(imp, a)) || strings.HasPrefix(imp, a+"/") && !strings.HasPrefix(a, "byline") {
			return true
		}
	}
	return false
}

// TestImportRules enforces the package layout with an allowlist, tests
// included: every package of the module has a rule, every rule governs a
// package, and each import outside the standard library is allowed by the
// importing package's rule.
func TestImportRules(t *testing.T) {
	pkgs := listPackages(t)
	used := map[string]bool{}
	for path, p := range pkgs {
		if path != "byline" && !strings.HasPrefix(path, "byline/") {
			continue
		}
		rule, ok := ruleFor(path)
		if !ok {
			t.Errorf("package %s has no layout rule; add one to layoutRules", path)
			continue
		}
		used[rule] = true
		for _, imp := range p.imports {
			if imp == path {
				continue // an external test importing its own package
			}
			if ip := pkgs[imp]; ip != nil && ip.standard {
				continue
			}
			if !allowed(imp, layoutRules[rule]) {
				t.Errorf("%s imports %s, which its layout rule (%s) does not allow", path, imp, rule)
			}
		}
		for ban, bad := range layoutBans {
			if path != ban && !strings.HasPrefix(path, ban+"/") {
				continue
			}
			for _, dep := range p.deps {
				for _, b := range bad {
					if dep == b || strings.HasPrefix(dep, b) && (strings.HasSuffix(b, "/") || strings.HasPrefix(dep, b+"/")) {
						t.Errorf("%s reaches %s", path, dep)
					}
				}
			}
		}
	}
	for rule := range layoutRules {
		if !used[rule] {
			t.Errorf("layout rule %s governs no package; remove or fix it", rule)
		}
	}
}

// TestLayoutAllowlistRefuses checks the checker: imports outside a rule and
// imports of a parent's sibling are refused.
func TestLayoutAllowlistRefuses(t *testing.T) {
	cases := []struct {
		pkg, imp string
		want     bool
	}{
		{"byline/annotate", "golang.org/x/text/unicode/norm", true},
		{"byline/annotate", "fyne.io/fyne/v2", false},
		{"byline/annotate", "byline/annotate/ingest", false},
		{"byline/annotate/ingest", "github.com/markusmobius/go-trafilatura/internal", true},
		{"byline/annotate/ingest", "github.com/mattn/go-sqlite3", false},
		{"byline/app/article", "fyne.io/fyne/v2/widget", true},
		{"byline/app/article", "byline/storage", false},
		{"byline/storage", "byline/app", false},
	}
	for _, c := range cases {
		rule, ok := ruleFor(c.pkg)
		if !ok {
			t.Fatalf("no rule for %s", c.pkg)
		}
		if got := allowed(c.imp, layoutRules[rule]); got != c.want {
			t.Errorf("%s importing %s: allowed=%v, want %v", c.pkg, c.imp, got, c.want)
		}
	}
}
