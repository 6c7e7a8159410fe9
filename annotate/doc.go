// Package annotate is Byline's domain: documents and their canonical text,
// the annotation schema, entity spans, quotes and relations, their validation,
// offset conversion, the native JSONL record, and the service interfaces the
// GUI and the command line use. It imports only the standard library and
// golang.org/x/text, so it builds and tests without cgo.
//
// Offsets everywhere in this package (and everything stored or exported) are
// Unicode code points, 0-based and half-open [Start, End), into the document's
// canonical text: what Python's str indexes. Go strings are bytes; convert at
// the edges with the helpers in offsets.go.
package annotate
