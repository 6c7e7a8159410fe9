package formats

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"byline/annotate"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func TestMain(m *testing.M) {
	now = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
	os.Exit(m.Run())
}

// exportCase is one export configuration the golden and conformance tests
// run over every corpus.
type exportCase struct {
	name string
	opt  Options
}

func exportCases() []exportCase {
	var out []exportCase
	for _, n := range Names() {
		out = append(out, exportCase{n, Options{Format: n}})
	}
	return append(out,
		exportCase{"doccano-utf16", Options{Format: "doccano", Offsets: "utf16"}},
		exportCase{"doccano-label", Options{Format: "doccano", DoccanoShape: "label"}},
	)
}

var corpora = map[string]func(testing.TB) []*annotate.Record{
	"running": runningExample,
	"hazard":  hazardCorpus,
	"peer":    func(t testing.TB) []*annotate.Record { return []*annotate.Record{peerFixture(t)} },
}

// runExport exports recs with opt into a fresh folder and returns the folder
// and the path given as Out.
func runExport(t testing.TB, recs []*annotate.Record, opt Options) (dir, out string, m *Manifest) {
	t.Helper()
	dir = t.TempDir()
	out = filepath.Join(dir, "out")
	if spec := lookup(opt.Format); spec != nil && !spec.folder && opt.Split == "" {
		out += spec.ext
	}
	opt.Out = out
	opt.Version = "test"
	m, err := Export(context.Background(), &memSource{recs: recs, schema: testSchema()}, opt)
	if err != nil {
		t.Fatalf("export %s: %v", opt.Format, err)
	}
	return dir, out, m
}

// listFiles returns every file under dir, relative, sorted.
func listFiles(t testing.TB, dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out
}

func TestGolden(t *testing.T) {
	for corpus, recs := range corpora {
		for _, c := range exportCases() {
			t.Run(corpus+"/"+c.name, func(t *testing.T) {
				dir, _, _ := runExport(t, recs(t), c.opt)
				golden := filepath.Join("testdata", "golden", corpus, c.name)
				got := listFiles(t, dir)
				if *update {
					os.RemoveAll(golden)
					for _, f := range got {
						b, _ := os.ReadFile(filepath.Join(dir, f))
						os.MkdirAll(filepath.Dir(filepath.Join(golden, f)), 0o755)
						if err := os.WriteFile(filepath.Join(golden, f), b, 0o644); err != nil {
							t.Fatal(err)
						}
					}
					return
				}
				want := listFiles(t, golden)
				if len(want) == 0 {
					t.Fatalf("no golden files in %s; run go test -update", golden)
				}
				if !equalStrings(got, want) {
					t.Fatalf("files = %v, want %v", got, want)
				}
				for _, f := range got {
					g, _ := os.ReadFile(filepath.Join(dir, f))
					w, _ := os.ReadFile(filepath.Join(golden, f))
					if !bytes.Equal(g, w) {
						t.Errorf("%s differs from %s:\n%s", f, filepath.Join(golden, f), firstDiff(g, w))
					}
				}
			})
		}
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// firstDiff shows the first differing line of two files.
func firstDiff(got, want []byte) string {
	g, w := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl []byte
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if !bytes.Equal(gl, wl) {
			return "line " + itoa(i+1) + ":\n got: " + string(gl) + "\nwant: " + string(wl)
		}
	}
	return ""
}

// The native writer is byte for byte annotate's encoder.
func TestNativeMatchesEncoder(t *testing.T) {
	for corpus, recs := range corpora {
		var want bytes.Buffer
		enc := annotate.NewEncoder(&want)
		for _, r := range recs(t) {
			if err := enc.Encode(r); err != nil {
				t.Fatal(err)
			}
		}
		_, out, _ := runExport(t, recs(t), Options{Format: "byline"})
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s: native export differs from annotate.NewEncoder:\n%s", corpus, firstDiff(got, want.Bytes()))
		}
	}
}

// The fixtures must be valid Byline records, or the tests prove nothing.
func TestFixturesAreValid(t *testing.T) {
	for corpus, recs := range corpora {
		for _, r := range recs(t) {
			if _, err := annotate.PrepareRecord(r, testSchema()); err != nil {
				t.Errorf("%s/%s: %v", corpus, r.ID, err)
			}
		}
	}
}
