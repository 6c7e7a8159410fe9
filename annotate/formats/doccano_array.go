package formats

import (
	"bufio"
	"bytes"
	"path/filepath"
	"strings"

	"byline/annotate"
)

// doccano exports a project as JSONL or, with the ".json" choice, as one JSON
// array of the same examples. DoccanoReader reads both; this file holds the
// array's part.

// arrayPeek is how far startsArray looks past a BOM and blank space for
// the opening bracket.
const arrayPeek = 4096

// startsArray reports whether the stream's first byte after a BOM and blank
// space is '[', without consuming anything.
func startsArray(br *bufio.Reader) bool {
	head, _ := br.Peek(arrayPeek)
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\uFEFF")), " \t\r\n")
	return len(head) > 0 && head[0] == '['
}

// doccanoArray reads a JSON array of doccano examples element by element, so
// an export of any size takes the memory of one example. Errors name the
// element (1-based); the importer adds the file.
func doccanoArray(br *bufio.Reader, opt annotate.ReadOptions, emit func(*annotate.Record) error) error {
	return jsonArray(br, annotate.MaxLineBytes(opt.MaxRecordBytes), "not a doccano JSON export (an array of examples)", func(raw []byte, i int) error {
		rec, err := doccanoRecord(raw, 0, i+1, opt)
		if err != nil {
			return annotate.Errorf(annotate.EFORMAT, "element %d: %s", i+1, annotate.ErrorMessage(err))
		}
		return emit(rec)
	})
}

// detectDoccanoArray tells a doccano .json export by its head: an array whose
// first element has "text" and none of Label Studio's "data".
func detectDoccanoArray(path string, head []byte) bool {
	if strings.ToLower(filepath.Ext(path)) != ".json" {
		return false
	}
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\uFEFF")), " \t\r\n")
	if !bytes.HasPrefix(h, []byte("[")) {
		return false
	}
	h = bytes.TrimLeft(h[1:], " \t\r\n")
	return bytes.HasPrefix(h, []byte("{")) && bytes.Contains(h, []byte(`"text"`)) && !bytes.Contains(h, []byte(`"data"`))
}
