// Command byline is a desktop annotation tool for news analysts. With no
// arguments it opens the window; "byline <command>" runs a headless command
// (import, export, stats). This package only wires the parts together.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	fyneapp "fyne.io/fyne/v2/app"

	"byline/annotate"
	"byline/annotate/formats"
	"byline/app"
	_ "byline/internal/quietlocale" // must precede Fyne's init; see the package
)

// appID names Byline to the desktop (preferences, .desktop file).
const appID = "app.byline.annotator"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// runGUIFlags opens the window on the database named by --db (or
// BYLINE_DB, or the last one used).
func runGUIFlags(args []string, stderr io.Writer) int {
	fs, db := newFlags("", "[--db FILE]", stderr)
	fs.Usage = func() { fmt.Fprintf(stderr, usage, strings.Join(formats.Names(), ", ")) }
	if err := parse(fs, args); err != nil {
		if err == errUsage {
			return 2
		}
		return 0
	}
	def, err := defaultDBPath()
	if err != nil {
		def = "byline.db"
	}
	app.Run(fyneapp.NewWithID(appID), app.Config{
		DBPath:        *db,
		DefaultDBPath: def,
		OpenStore:     openStore,
		Seed:          func(ctx context.Context, s annotate.Store) error { return seedSamples(ctx, s) },
		Readers:       readers(),
		Version:       version,
		LogError:      logError,
	})
	return 0
}
