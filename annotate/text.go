package annotate

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// InvalidUTF8Error reports the first byte of a file that is not valid UTF-8.
type InvalidUTF8Error struct {
	Offset int // byte offset of the first invalid byte
}

func (e *InvalidUTF8Error) Error() string {
	return "not valid UTF-8 at byte offset " + strconv.Itoa(e.Offset)
}

// CheckUTF8 returns an *InvalidUTF8Error naming the first invalid byte of b,
// or nil when b is valid UTF-8.
func CheckUTF8(b []byte) error {
	if utf8.Valid(b) {
		return nil
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return &InvalidUTF8Error{Offset: i}
		}
		i += size
	}
	return nil
}

// LooksBinary reports whether b looks like a binary file rather than text: it
// holds a NUL byte in its first 8 KiB.
func LooksBinary(b []byte) bool {
	if len(b) > 8192 {
		b = b[:8192]
	}
	return bytes.IndexByte(b, 0) >= 0
}

// CanonicalText turns the bytes of a plain-text, Markdown or HTML-extracted
// file into Byline's canonical text: strict UTF-8 (an error names the first
// bad byte), a leading BOM dropped, CRLF and lone CR turned into LF, NFC.
// Nothing is trimmed and no line is removed.
func CanonicalText(b []byte) (string, error) {
	if err := CheckUTF8(b); err != nil {
		return "", err
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	s := NormalizeNewlines(string(b))
	return norm.NFC.String(s), nil
}

// NormalizeNewlines turns CRLF and lone CR into LF.
func NormalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// ContentHash returns the hex SHA-256 of a canonical text; documents with the
// same hash are duplicates.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// GuessTitle returns the first line of text when it looks like a headline
// (short, not ending in a full stop), else "".
func GuessTitle(text string) string {
	line := text
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		line = text[:i]
	}
	line = strings.TrimSpace(line)
	if line == "" || RuneCount(line) > 160 {
		return ""
	}
	if strings.HasSuffix(line, ".") && !strings.HasSuffix(line, "...") {
		return ""
	}
	return line
}
