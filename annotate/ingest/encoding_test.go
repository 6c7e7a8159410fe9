package ingest

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"byline/annotate"
)

func TestDetectCharset(t *testing.T) {
	long := "<html><head><script>" + strings.Repeat("x", 5000) + "</script><meta charset=koi8-r></head>"
	tests := []struct {
		name, page, transport, option string
		want                          string
		from                          charsetSource
	}{
		{"nothing", "<html><body>hi</body></html>", "", "", "utf-8", fromDefault},
		{"meta charset", `<meta charset="windows-1251">`, "", "", "windows-1251", fromMeta},
		{"meta charset label", `<META CHARSET=cp1251>`, "", "", "windows-1251", fromMeta},
		{"http-equiv", `<meta http-equiv="Content-Type" content="text/html; charset=KOI8-R">`, "", "", "koi8-r", fromMeta},
		{"http-equiv quoted", `<meta content='text/html; charset="iso-8859-2"' http-equiv=content-type>`, "", "", "iso-8859-2", fromMeta},
		{"http-equiv other", `<meta http-equiv="refresh" content="30; charset=koi8-r">`, "", "", "utf-8", fromDefault},
		{"meta after long script", long, "", "", "koi8-r", fromMeta},
		{"meta in body ignored", `<html><body><meta charset="koi8-r">`, "", "", "utf-8", fromDefault},
		{"meta utf-16 means utf-8", `<meta charset="utf-16">`, "", "", "utf-8", fromMeta},
		{"latin1 is windows-1252", `<meta charset="iso-8859-1">`, "", "", "windows-1252", fromMeta},
		{"unknown label ignored", `<meta charset="klingon">`, "", "", "utf-8", fromDefault},
		{"xml declaration", `<?xml version="1.0" encoding="windows-1251"?><html>`, "", "", "windows-1251", fromXML},
		{"xml single quotes", `<?xml version='1.0' encoding='koi8-u'?>`, "", "", "koi8-u", fromXML},
		{"xml beats meta", `<?xml version="1.0" encoding="koi8-r"?><meta charset="windows-1251">`, "", "", "koi8-r", fromXML},
		{"utf-8 bom wins", "\xEF\xBB\xBF<meta charset=\"windows-1251\">", "koi8-r", "", "utf-8", fromBOM},
		{"utf-16le bom", "\xFF\xFE<\x00", "", "", "utf-16le", fromBOM},
		{"utf-16be bom", "\xFE\xFF\x00<", "", "", "utf-16be", fromBOM},
		{"transport beats meta", `<meta charset="windows-1251">`, "koi8-r", "", "koi8-r", fromHeader},
		{"declaration beats option", `<meta charset="utf-8">`, "", "windows-1251", "utf-8", fromMeta},
		{"option when undeclared", `<p>hi</p>`, "", "cp1251", "windows-1251", fromOption},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, from := detectCharset([]byte(tt.page), tt.transport, tt.option)
			if got != tt.want || from != tt.from {
				t.Errorf("detectCharset = %s (%s), want %s (%s)", got, from, tt.want, tt.from)
			}
		})
	}
}

func TestContentTypeCharset(t *testing.T) {
	tests := map[string]string{
		"text/html; charset=windows-1251":    "windows-1251",
		`text/html; charset="koi8-r"`:        "koi8-r",
		"text/html;charset=utf-8; foo=bar":   "utf-8",
		"TEXT/HTML; CHARSET = 'iso-8859-5' ": "iso-8859-5",
		"text/html":                          "",
		`text/html; charset="unterminated`:   "",
		"text/html; charset":                 "",
	}
	for in, want := range tests {
		if got := contentTypeCharset(in); got != want {
			t.Errorf("contentTypeCharset(%q) = %q, want %q", in, got, want)
		}
	}
}

const cyrillic = "Министр иностранных дел Сергей Лавров заявил: «Переговоры продолжатся».\nЁлка, ёж, «кавычки» — тире.\n"

func TestDecodeWindows1251(t *testing.T) {
	data, err := charmap.Windows1251.NewEncoder().Bytes([]byte(cyrillic))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"windows-1251", "Windows-1251", "cp1251", " x-cp1251 "} {
		got, err := Decode(data, name)
		if err != nil {
			t.Fatalf("Decode(%q): %v", name, err)
		}
		if string(got) != cyrillic {
			t.Errorf("Decode(%q) = %q, want %q", name, got, cyrillic)
		}
	}
	// The same bytes read as another Cyrillic code page must differ: the
	// name is obeyed, not guessed around.
	if got, _ := Decode(data, "koi8-r"); string(got) == cyrillic {
		t.Error("koi8-r decoded windows-1251 bytes as if they were windows-1251")
	}
}

func TestDecodeKeepsUTF8(t *testing.T) {
	tests := []struct {
		name, data, encoding, want string
	}{
		{"invalid under utf-8 left to be refused", "ok \xff", "utf-8", "ok \xff"},
		{"valid UTF-8 is not garbled", "\xEF\xBB\xBFПривет, «мир»", "windows-1251", "\xEF\xBB\xBFПривет, «мир»"},
		{"valid UTF-8 without BOM", "Привет", "koi8-r", "Привет"},
		{"ASCII is the same either way", "Hello", "windows-1251", "Hello"},
		{"legacy bytes are decoded", "\xcf\xf0\xe8\xe2\xe5\xf2", "windows-1251", "Привет"},
		{"UTF-16 is decoded even when the bytes pass as UTF-8", "\x1f\x04\x40\x04", "utf-16le", "Пр"},
	}
	for _, tt := range tests {
		got, err := Decode([]byte(tt.data), tt.encoding)
		if err != nil || string(got) != tt.want {
			t.Errorf("%s: Decode = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

func TestDecodeUnknownEncoding(t *testing.T) {
	_, err := Decode([]byte("x"), "windows-9999")
	if annotate.ErrorCode(err) != annotate.EINVALID {
		t.Fatalf("err = %v, want EINVALID", err)
	}
	for _, want := range []string{`"windows-9999"`, "windows-1251", "koi8-r"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
}

// TestTextEncodingRefusal: a plain-text file in Windows-1251 is refused with
// the first bad byte and a hint; with --encoding it imports.
func TestTextEncodingRefusal(t *testing.T) {
	text := "Лавров прибыл в Женеву\n\nМинистр заявил журналистам, что переговоры продолжатся.\n"
	data, err := charmap.Windows1251.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	reader := Readers()[1]
	_, err = reader.Read("news.txt", data, annotate.ReadOptions{ExternalID: "news.txt"})
	if annotate.ErrorCode(err) != annotate.EFORMAT || !strings.Contains(err.Error(), "byte offset 0") || !strings.Contains(err.Error(), "--encoding windows-1251") {
		t.Fatalf("err = %v, want EFORMAT naming byte offset 0 and --encoding windows-1251", err)
	}
	recs, err := reader.Read("news.txt", data, annotate.ReadOptions{ExternalID: "news.txt", Encoding: "windows-1251"})
	if err != nil {
		t.Fatal(err)
	}
	if recs[0].Text != text || recs[0].Meta.Title != "Лавров прибыл в Женеву" {
		t.Errorf("record = %q / %q", recs[0].Text, recs[0].Meta.Title)
	}
	_, err = reader.Read("news.txt", data, annotate.ReadOptions{Encoding: "no-such"})
	if annotate.ErrorCode(err) != annotate.EINVALID {
		t.Errorf("unknown --encoding: err = %v, want EINVALID", err)
	}
}
