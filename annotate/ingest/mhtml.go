package ingest

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"byline/annotate"
)

// mhtmlPage is the HTML part of a saved MHTML archive.
type mhtmlPage struct {
	html     []byte
	charset  string // from the part's Content-Type; outranks the page's <meta>
	location string // the page's address when saved
	subject  string // the page title browsers write into the archive header
}

// isMHTML reports whether a file is an MHTML archive: named so, and not a
// plain page that was merely given the extension.
func isMHTML(path string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".mhtml", ".mht":
		return !sniffHTML(data)
	}
	return false
}

// readMHTML finds the first text/html part of a MIME archive and undoes its
// transfer encoding. The other parts (images, style sheets) are ignored.
func readMHTML(data []byte) (*mhtmlPage, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return nil, annotate.Errorf(annotate.EFORMAT, "not an MHTML archive: %v", err)
	}
	page := &mhtmlPage{location: headerText(msg.Header.Get("Snapshot-Content-Location"))}
	if subj := msg.Header.Get("Subject"); subj != "" {
		dec := &mime.WordDecoder{CharsetReader: charsetReader}
		if s, err := dec.DecodeHeader(subj); err == nil {
			page.subject = headerText(s)
		}
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		return nil, annotate.Errorf(annotate.EFORMAT, "MHTML archive: bad Content-Type: %v", err)
	}
	if mediaType == "text/html" {
		body, err := decodeTransfer(msg.Body, msg.Header.Get("Content-Transfer-Encoding"))
		if err != nil {
			return nil, err
		}
		page.html, page.charset = body, params["charset"]
		return page, nil
	}
	if !strings.HasPrefix(mediaType, "multipart/") || params["boundary"] == "" {
		return nil, annotate.Errorf(annotate.EFORMAT, "MHTML archive: expected a multipart archive, found %s", mediaType)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, annotate.Errorf(annotate.EFORMAT, "MHTML archive: %v", err)
		}
		pt, pparams, err := mime.ParseMediaType(part.Header.Get("Content-Type"))
		if err != nil || pt != "text/html" {
			continue
		}
		// multipart undoes quoted-printable itself and hides the header.
		body, err := decodeTransfer(part, part.Header.Get("Content-Transfer-Encoding"))
		if err != nil {
			return nil, err
		}
		page.html, page.charset = body, pparams["charset"]
		if page.location == "" {
			page.location = headerText(part.Header.Get("Content-Location"))
		}
		return page, nil
	}
	return nil, annotate.Errorf(annotate.EFORMAT, "MHTML archive has no HTML part")
}

// headerText cleans a header value for the metadata; raw bytes that are not
// UTF-8 give nothing rather than a guess.
func headerText(s string) string {
	if !utf8.ValidString(s) {
		return ""
	}
	return cleanValue(s)
}

// charsetReader lets encoded header words use any encoding Decode knows.
func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	enc, _, ok := lookupEncoding(charset)
	if !ok {
		return nil, annotate.Errorf(annotate.EFORMAT, "unknown charset %q", charset)
	}
	return enc.NewDecoder().Reader(input), nil
}

func decodeTransfer(r io.Reader, encoding string) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, r)
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, annotate.Errorf(annotate.EFORMAT, "MHTML archive: cannot decode the page (%s): %v", encoding, err)
	}
	return b, nil
}
