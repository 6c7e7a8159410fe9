// Package quietlocale keeps Fyne from logging "Error parsing user locale C"
// three times on every start in a C or POSIX locale (the default of servers,
// containers and CI), which would clutter the command line's stderr. Import
// it for its side effect from package main. Its import path sorts before
// Fyne's and it imports only "os", so Go runs its init first (Go 1.21+
// initialization order).
package quietlocale

import "os"

func init() {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		if isCLocale(v) {
			// Byline's interface is English; a C locale asks for no language.
			os.Setenv(name, "en_US.UTF-8")
		}
		return
	}
}

func isCLocale(v string) bool {
	base := v
	for i := 0; i < len(v); i++ {
		if v[i] == '.' || v[i] == '@' {
			base = v[:i]
			break
		}
	}
	return base == "C" || base == "POSIX"
}
