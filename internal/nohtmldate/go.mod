// Byline builds go-trafilatura against this module instead of the real
// go-htmldate (see the replace directive in Byline's go.mod and doc.go here).
module github.com/markusmobius/go-htmldate

go 1.26.0

require golang.org/x/net v0.62.0
