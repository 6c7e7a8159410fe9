package ingest

import (
	"encoding/base64"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"byline/annotate"
)

func mhtmlArchive(parts ...string) []byte {
	var b strings.Builder
	b.WriteString("From: <Saved by a browser>\r\nSubject: =?windows-1251?B?" + base64.StdEncoding.EncodeToString(mustCP1251("Новости")) + "?=\r\n")
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: multipart/related; type=\"text/html\"; boundary=\"B\"\r\n\r\n")
	for _, p := range parts {
		b.WriteString("--B\r\n" + p + "\r\n")
	}
	b.WriteString("--B--\r\n")
	return []byte(b.String())
}

func mustCP1251(s string) []byte {
	b, err := charmap.Windows1251.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func TestMHTML(t *testing.T) {
	// The part's charset outranks the page's own (wrong) meta.
	page := mustCP1251(`<html><head><meta charset="utf-8"></head><body><p>Министры встретились во вторник в Женеве.</p></body></html>`)
	archive := mhtmlArchive(
		"Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=",
		"Content-Type: text/html; charset=windows-1251\r\nContent-Transfer-Encoding: base64\r\nContent-Location: https://news.example/a\r\n\r\n"+
			base64.StdEncoding.EncodeToString(page),
	)
	recs, err := HTMLReader{}.Read("a.mht", archive, annotate.ReadOptions{ExternalID: "a.mht"})
	if err != nil {
		t.Fatal(err)
	}
	rec := recs[0]
	if rec.Text != "Министры встретились во вторник в Женеве." {
		t.Errorf("text = %q", rec.Text)
	}
	if rec.Meta.URL != "https://news.example/a" || rec.Meta.Title != "Новости" {
		t.Errorf("meta = %+v (URL from Content-Location, title from the Subject header)", rec.Meta)
	}

	// A plain page saved under the archive extension is read as a page.
	recs, err = HTMLReader{}.Read("c.mht", []byte("<!DOCTYPE html><html><body><p>A plain page named .mht</p></body></html>"), annotate.ReadOptions{})
	if err != nil || recs[0].Text != "A plain page named .mht" {
		t.Errorf("plain page as .mht: %v", err)
	}

	for name, bad := range map[string][]byte{
		"not MIME":     []byte("just some text\nwithout headers"),
		"no HTML part": mhtmlArchive("Content-Type: image/png\r\n\r\nxx"),
		"bad base64":   mhtmlArchive("Content-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!"),
	} {
		if _, err := (HTMLReader{}).Read("b.mhtml", bad, annotate.ReadOptions{}); annotate.ErrorCode(err) != annotate.EFORMAT {
			t.Errorf("%s: err = %v, want EFORMAT", name, err)
		}
	}
}
