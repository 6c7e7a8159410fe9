package ingest

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"

	"byline/annotate"
)

// exampleEncodings are shown when an encoding name is not known.
const exampleEncodings = "windows-1251, koi8-r, ibm866, iso-8859-5, windows-1252, iso-8859-2, shift_jis, gbk, big5, utf-16le"

// lookupEncoding resolves a WHATWG encoding label ("cp1251", "Windows-1251",
// "koi8-r", ...). ok is false for an unknown label.
func lookupEncoding(name string) (enc encoding.Encoding, canonical string, ok bool) {
	enc, err := htmlindex.Get(name)
	if err != nil {
		return nil, "", false
	}
	canonical, err = htmlindex.Name(enc)
	if err != nil {
		canonical = strings.ToLower(strings.TrimSpace(name))
	}
	return enc, canonical, true
}

// Decode turns bytes in the named legacy encoding into UTF-8. An unknown name
// is an EINVALID error listing valid names.
//
// Bytes that already are valid UTF-8 are returned unchanged (for any name but
// UTF-16): one --encoding applies to a whole import, which may mix legacy
// files with UTF-8 ones, and prose in a legacy encoding is practically never
// valid UTF-8 once it holds a non-ASCII letter, while decoding UTF-8 as, say,
// Windows-1251 would garble it silently. Invalid UTF-8 under the name utf-8
// is also returned unchanged, so it is refused later with its byte offset.
func Decode(data []byte, encodingName string) ([]byte, error) {
	enc, canonical, ok := lookupEncoding(encodingName)
	if !ok {
		return nil, annotate.Errorf(annotate.EINVALID, "unknown encoding %q (use a name such as %s)", encodingName, exampleEncodings)
	}
	if canonical == "utf-8" || (!strings.HasPrefix(canonical, "utf-16") && utf8.Valid(data)) {
		return data, nil
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, annotate.Errorf(annotate.EFORMAT, "cannot decode as %s: %v", canonical, err)
	}
	return out, nil
}

// charsetSource says where a page's encoding came from.
type charsetSource string

const (
	fromBOM     charsetSource = "bom"
	fromHeader  charsetSource = "header" // an MHTML part's Content-Type
	fromOption  charsetSource = "option" // --encoding
	fromXML     charsetSource = "xml"    // <?xml ... encoding="..."?>
	fromMeta    charsetSource = "meta"   // <meta charset> or http-equiv Content-Type
	fromDefault charsetSource = "default"
)

// detectCharset returns the encoding label of an HTML page and where it came
// from, in this order: a byte order mark, a transport charset (MHTML header),
// the XML declaration, a <meta> declaration in the head, the analyst's
// --encoding, else UTF-8. The page's own declaration outranks --encoding
// because one import may mix legacy text files with declared UTF-8 pages. A
// declaration naming an unknown encoding is ignored (the page is then read as
// strict UTF-8, so nothing is decoded by guesswork).
func detectCharset(data []byte, transport, option string) (string, charsetSource) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return "utf-8", fromBOM
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return "utf-16le", fromBOM
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return "utf-16be", fromBOM
	}
	if _, name, ok := lookupEncoding(transport); ok {
		return name, fromHeader
	}
	if name, ok := xmlDeclEncoding(data); ok {
		return name, fromXML
	}
	if name, ok := metaCharset(data); ok {
		return name, fromMeta
	}
	if _, name, ok := lookupEncoding(option); ok {
		return name, fromOption
	}
	return "utf-8", fromDefault
}

// xmlDeclEncoding reads encoding="..." from an XML declaration at the start
// of data (XHTML pages).
func xmlDeclEncoding(data []byte) (string, bool) {
	if !bytes.HasPrefix(data, []byte("<?xml")) {
		return "", false
	}
	end := bytes.Index(data, []byte("?>"))
	if end < 0 || end > 1024 {
		return "", false
	}
	decl := string(data[:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return "", false
	}
	rest := strings.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if !strings.HasPrefix(rest, "=") {
		return "", false
	}
	rest = strings.TrimLeft(rest[1:], " \t\r\n")
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return "", false
	}
	q := rest[0]
	j := strings.IndexByte(rest[1:], q)
	if j < 0 {
		return "", false
	}
	return knownLabel(rest[1 : 1+j])
}

// metaScanLimit bounds the prescan for <meta> declarations: browsers look at
// 1 KiB, but saved pages often carry long inline scripts before the meta.
const metaScanLimit = 64 << 10

// metaCharset finds a <meta charset> or <meta http-equiv="Content-Type"
// content="...; charset=..."> before the body starts.
func metaCharset(data []byte) (string, bool) {
	if len(data) > metaScanLimit {
		data = data[:metaScanLimit]
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return "", false
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body":
				return "", false
			case "meta":
				if !hasAttr {
					continue
				}
				if label, ok := metaTagCharset(z); ok {
					return label, true
				}
			}
		}
	}
}

func metaTagCharset(z *html.Tokenizer) (string, bool) {
	var charset, httpEquiv, content string
	for {
		key, val, more := z.TagAttr()
		switch strings.ToLower(string(key)) {
		case "charset":
			charset = string(val)
		case "http-equiv":
			httpEquiv = string(val)
		case "content":
			content = string(val)
		}
		if !more {
			break
		}
	}
	if charset != "" {
		return metaLabel(charset)
	}
	if strings.EqualFold(strings.TrimSpace(httpEquiv), "content-type") {
		if label := contentTypeCharset(content); label != "" {
			return metaLabel(label)
		}
	}
	return "", false
}

// metaLabel resolves a label found in a <meta>. A page that could be read far
// enough to find its meta is not UTF-16, so such a label means UTF-8 (as
// browsers do).
func metaLabel(label string) (string, bool) {
	name, ok := knownLabel(label)
	if ok && strings.HasPrefix(name, "utf-16") {
		return "utf-8", true
	}
	return name, ok
}

func knownLabel(label string) (string, bool) {
	_, name, ok := lookupEncoding(label)
	return name, ok
}

// contentTypeCharset returns the charset parameter of a Content-Type value
// such as `text/html; charset="windows-1251"`.
func contentTypeCharset(ct string) string {
	lower := strings.ToLower(ct)
	i := strings.Index(lower, "charset")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(ct[i+len("charset"):], " \t")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.TrimLeft(rest[1:], " \t")
	if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
		q := rest[0]
		rest = rest[1:]
		if j := strings.IndexByte(rest, q); j >= 0 {
			return rest[:j]
		}
		return ""
	}
	if j := strings.IndexAny(rest, "; \t"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// decodePage turns the bytes of a page into UTF-8 using the detected
// charset. Undeclared or UTF-8 pages must be valid UTF-8: the error names the
// first bad byte and suggests --encoding, which, when given, also overrides a
// UTF-8 declaration that the bytes prove wrong.
func decodePage(data []byte, transport, option string) ([]byte, string, error) {
	name, src := detectCharset(data, transport, option)
	switch name {
	case "utf-8":
		data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
		err := annotate.CheckUTF8(data)
		if err == nil {
			return data, name, nil
		}
		if src == fromBOM {
			return nil, name, &annotate.Error{Code: annotate.EFORMAT, Message: err.Error()}
		}
		// The bytes prove a UTF-8 declaration wrong; an encoding the analyst
		// named explicitly is then the one to use.
		if _, optName, ok := lookupEncoding(option); ok && optName != "utf-8" {
			out, derr := Decode(data, optName)
			return out, optName, derr
		}
		msg := err.Error() + "; the page declares no other charset, so if it is in a legacy encoding import it with --encoding (e.g. --encoding windows-1251)"
		if src != fromDefault {
			msg = err.Error() + " although the page declares UTF-8; if it is in a legacy encoding import it with --encoding (e.g. --encoding windows-1251)"
		}
		return nil, name, &annotate.Error{Code: annotate.EFORMAT, Message: msg}
	case "utf-16le", "utf-16be":
		out, err := utf16Decoder(name).Bytes(data)
		if err != nil {
			return nil, name, annotate.Errorf(annotate.EFORMAT, "cannot decode as %s: %v", name, err)
		}
		return out, name, nil
	}
	out, err := Decode(data, name)
	return out, name, err
}

// sniffUTF16 reports whether a file starting with head is UTF-16 and in which
// byte order ("utf-16le" or "utf-16be"): by its byte order mark, else by the
// NUL bytes that ASCII letters leave in every other byte, else by option when
// it names UTF-16 and head holds a NUL byte or is not UTF-8. It runs before
// the binary check, which those NUL bytes would fail.
func sniffUTF16(head []byte, option string) string {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return "utf-16le"
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return "utf-16be"
	}
	if len(head) > 4096 {
		head = head[:4096]
	}
	var even, odd int // NUL bytes at even and odd offsets
	for i, b := range head {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	pairs := len(head) / 2
	switch {
	case pairs >= 8 && odd*10 >= pairs*3 && even*20 < pairs:
		return "utf-16le"
	case pairs >= 8 && even*10 >= pairs*3 && odd*20 < pairs:
		return "utf-16be"
	}
	if _, name, ok := lookupEncoding(option); ok && strings.HasPrefix(name, "utf-16") &&
		(even+odd > 0 || !utf8.Valid(head)) {
		return name
	}
	return ""
}

// utf16Decoder returns a decoder from UTF-16 in the named byte order to
// UTF-8; a byte order mark, when present, wins and is dropped.
func utf16Decoder(name string) *encoding.Decoder {
	order := unicode.LittleEndian
	if name == "utf-16be" {
		order = unicode.BigEndian
	}
	return unicode.UTF16(order, unicode.UseBOM).NewDecoder()
}
