package ingest

import "byline/annotate"

// Readers returns the readers this package provides, wired together: the
// web page reader, and the plain-text reader with legacy decoding and debris
// flagging.
func Readers() []annotate.Reader {
	return []annotate.Reader{
		HTMLReader{},
		annotate.TextReader{Decode: Decode, Debris: Debris},
	}
}
