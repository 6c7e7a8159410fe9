package annotate

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// NewestBackup returns the newest NAME.bak-* copy (made before an upgrade)
// beside the database at path, or "" when there is none.
func NewestBackup(path string) string {
	names, _ := filepath.Glob(GlobEscape(path) + ".bak-*")
	newest, when := "", time.Time{}
	for _, n := range names {
		if fi, err := os.Stat(n); err == nil && fi.Mode().IsRegular() && fi.Size() > 0 && !fi.ModTime().Before(when) {
			newest, when = n, fi.ModTime()
		}
	}
	return newest
}

// GlobEscape quotes the pattern characters of a literal path for
// filepath.Glob.
func GlobEscape(p string) string {
	if runtime.GOOS == "windows" {
		// '\' separates paths there and cannot escape; brackets quote.
		return strings.NewReplacer("[", "[[]", "*", "[*]", "?", "[?]").Replace(p)
	}
	return strings.NewReplacer(`\`, `\\`, "[", `\[`, "*", `\*`, "?", `\?`).Replace(p)
}
