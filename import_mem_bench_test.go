//go:build unix

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"byline/annotate/annotatetest"
)

// BenchmarkImportJSONLMemory imports generated annotated JSONL corpora of
// 10,000 and 100,000 articles with the byline command in a child process
// and reports the child's peak resident memory (maxrss-MB), which must not
// grow with the file. Timed: the child's whole run.
func BenchmarkImportJSONLMemory(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			dir := filepath.Join(os.TempDir(), "byline-bench-memory")
			path := filepath.Join(dir, fmt.Sprintf("news%d.jsonl", n))
			if _, err := os.Stat(path); err != nil {
				os.MkdirAll(dir, 0o755)
				writeJSONL(b, path+".tmp", n, annotatetest.NewsRecord)
				os.Rename(path+".tmp", path)
			}
			fi, _ := os.Stat(path)
			b.SetBytes(fi.Size())
			var peak int64
			i := 0
			for b.Loop() {
				db := filepath.Join(b.TempDir(), fmt.Sprintf("mem%d.db", i))
				i++
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = append(os.Environ(), "BYLINE_TEST_CHILD_ARGS="+strings.Join([]string{"import", "--db", db, path}, "\x1f"))
				out, err := cmd.CombinedOutput()
				if err != nil || !strings.Contains(string(out), fmt.Sprintf("imported %d document(s)", n)) {
					b.Fatalf("import: %v\n%s", err, out)
				}
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					peak = max(peak, int64(ru.Maxrss)) // KiB on Linux
				}
			}
			b.ReportMetric(float64(peak)/1024, "maxrss-MB")
			b.ReportMetric(float64(fi.Size())/(1<<20), "file-MB")
		})
	}
}
