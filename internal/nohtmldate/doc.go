// Package htmldate stands in for github.com/markusmobius/go-htmldate in
// Byline's build, through a replace directive in Byline's go.mod.
//
// Byline takes a page's publication date from its metadata itself
// (annotate/ingest/meta.go, written as ISO 8601) and runs go-trafilatura
// with HtmlDateMode Disabled, so go-trafilatura never calls this package.
// The real go-htmldate links go-dateparser, whose package initialisation
// compiles the date vocabulary of every language it knows: about 0.3 s of
// CPU and 80 MB of allocations at every start of the program, whether or not
// a web page is ever imported. This module offers only the names
// go-trafilatura refers to, and FromDocument reports that it finds no date.
package htmldate

import (
	"errors"
	"time"

	"golang.org/x/net/html"
)

// Options mirrors the fields go-trafilatura sets.
type Options struct {
	ExtractTime         bool
	UseOriginalDate     bool
	URL                 string
	MinDate             time.Time
	MaxDate             time.Time
	SkipExtensiveSearch bool
	EnableLog           bool
}

// Result is a date found in a page.
type Result struct {
	DateTime    time.Time
	HasTime     bool
	HasTimezone bool
	SrcString   string
}

// IsZero reports whether no date was found.
func (r Result) IsZero() bool { return r.DateTime.IsZero() }

// ErrNoDateSearch is what FromDocument returns: Byline searches no page for
// dates here (see the package comment).
var ErrNoDateSearch = errors.New("htmldate: date search is not part of Byline's build; dates come from page metadata")

// FromDocument finds no date (see the package comment).
func FromDocument(doc *html.Node, opts Options) (Result, error) {
	return Result{}, ErrNoDateSearch
}
