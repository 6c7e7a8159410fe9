package article

import (
	"context"
	"flag"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"byline/annotate"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// variantTheme forces the default theme's light or dark variant.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (v variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return v.Theme.Color(n, v.variant)
}

const paragraph = "GENEVA — Russian Foreign Minister Sergei Lavrov met Hakan Fidan on Thursday. “We are ready to work,” Lavrov told reporters.\n\nSubscribe to our newsletter"

// annotatedParagraph opens paragraph with nested spans, a quote with speaker
// and cue, a relation and a debris range.
func annotatedParagraph(t *testing.T, variant fyne.ThemeVariant) *harness {
	h := newHarness(t, "x")
	fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), variant})
	start, _ := offsets(paragraph, "Subscribe", 0)
	h.doc = h.addDocument(paragraph, annotate.Meta{Title: "Ministers meet in Geneva", Source: "Wire", Published: "2026-03-14", URL: "https://example.com/geneva"},
		annotate.Range{Start: start, End: annotate.RuneCount(paragraph)})
	ctx := context.Background()
	ent := func(s, label string, n int) int64 {
		a, b := offsets(paragraph, s, n)
		e := &annotate.Entity{DocumentID: h.doc, Start: a, End: b, Label: label}
		if err := h.store.CreateEntity(ctx, e); err != nil {
			t.Fatal(err)
		}
		return e.ID
	}
	ent("GENEVA", "GPE", 0)
	ent("Russian Foreign Minister", "TITLE", 0)
	ent("Russian", "NORP", 0)
	lavrov := ent("Sergei Lavrov", "PERSON", 0)
	fidan := ent("Hakan Fidan", "PERSON", 0)
	speaker := ent("Lavrov", "PERSON", 1)
	if err := h.store.CreateRelation(ctx, &annotate.Relation{DocumentID: h.doc, Type: "MET_WITH", HeadID: lavrov, TailID: fidan}); err != nil {
		t.Fatal(err)
	}
	qa, qb := offsets(paragraph, "“We are ready to work,”", 0)
	ca, cb := offsets(paragraph, "told", 0)
	q := &annotate.Quote{DocumentID: h.doc, Kind: annotate.QuoteDirect, SpeakerID: speaker,
		Content: []annotate.Segment{{Start: qa, End: qb}}, Cue: &annotate.Segment{Start: ca, End: cb}}
	if err := h.store.CreateQuote(ctx, q); err != nil {
		t.Fatal(err)
	}
	h.win.Resize(fyne.NewSize(560, 420))
	if err := h.ed.Open(h.doc); err != nil {
		t.Fatal(err)
	}
	h.ed.Select(Ref{KindQuote, q.ID})
	h.ed.view.Refresh()
	return h
}

func TestRenderAnnotatedParagraph(t *testing.T) {
	for _, c := range []struct {
		name    string
		variant fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		t.Run(c.name, func(t *testing.T) {
			h := annotatedParagraph(t, c.variant)
			name := "paragraph_" + c.name + ".xml"
			if *update {
				if err := os.WriteFile(filepath.Join("testdata", name), []byte(test.RenderObjectToMarkup(h.ed.Widget())), 0o644); err != nil {
					t.Fatal(err)
				}
				writePNG(t, filepath.Join("testdata", "paragraph_"+c.name+".png"), h)
			}
			test.AssertObjectRendersToMarkup(t, name, h.ed.Widget())
		})
	}
}

// writePNG saves a picture of the window, for people reviewing the goldens.
func writePNG(t *testing.T, path string, h *harness) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, h.win.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

func TestTagCaptionsKeepContrast(t *testing.T) {
	s := loadSchema(t)
	for _, l := range s.Entities {
		c, ok := parseColor(l.Color)
		if !ok {
			t.Fatalf("%s: bad colour %s", l.Name, l.Color)
		}
		if got := contrast(c, captionColor(c)); got < 4.5 {
			t.Errorf("%s tag caption contrast %.2f < 4.5", l.Name, got)
		}
	}
}

// over blends c (with its alpha) over an opaque background.
func over(c color.NRGBA, bg color.Color) color.NRGBA {
	br, bgr, bb, _ := bg.RGBA()
	a := float64(c.A) / 255
	f := func(x uint8, y uint32) uint8 { return uint8(float64(x)*a + float64(y>>8)*(1-a)) }
	return color.NRGBA{f(c.R, br), f(c.G, bgr), f(c.B, bb), 0xff}
}

func TestSpanTextKeepsContrast(t *testing.T) {
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		h := newHarness(t, "x")
		fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), variant})
		pal := newPalette(h.ed.m)
		for _, l := range h.ed.Schema().Entities {
			bg := over(withAlpha(pal.label(l.Name), pal.spanAlpha), pal.bg)
			if c := contrast(pal.fg, bg); c < 4.5 {
				t.Errorf("variant %d, %s: text contrast %.2f on the span colour", variant, l.Name, c)
			}
		}
	}
}
