package app

import (
	"context"
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"byline/annotate"
	"byline/app/article"
)

// variantTheme forces the default theme's light or dark variant.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (v variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return v.Theme.Color(n, v.variant)
}

func TestFaintTextsReadable(t *testing.T) {
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		newTestEnv(t)
		fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), variant})
		th := readableTheme{}
		bg := th.Color(theme.ColorNameBackground, variant)
		// Palette hotkeys and hints: low-importance labels.
		if c := article.Contrast(th.Color(theme.ColorNameDisabled, variant), bg); c < minTextContrast {
			t.Errorf("variant %d: faint text contrast %.2f", variant, c)
		}
		// "1 / 4 done" on the progress bar, over the bar and over its track.
		text, bar := th.Color(theme.ColorNameForegroundOnPrimary, variant), th.Color(theme.ColorNamePrimary, variant)
		if c := article.Contrast(text, bar); c < minTextContrast {
			t.Errorf("variant %d: progress caption on the bar %.2f", variant, c)
		}
		if c := article.Contrast(text, progressTrack(bar, bg)); c < minTextContrast {
			t.Errorf("variant %d: progress caption on the track %.2f", variant, c)
		}
		// The faint colour is still fainter than ordinary text.
		if article.Contrast(th.Color(theme.ColorNameDisabled, variant), bg) >= article.Contrast(th.Color(theme.ColorNameForeground, variant), bg) {
			t.Errorf("variant %d: faint text is not faint", variant)
		}
	}
}

func TestFirstRunHintUntilFirstAnnotation(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	if !w.side.hint.Visible() {
		t.Fatal("no hint in the empty annotation panel on first run")
	}
	id := w.currentDoc()
	e := annotate.Entity{DocumentID: id, Start: 0, End: 7, Label: "PERSON"}
	if err := env.store().CreateEntity(context.Background(), &e); err != nil {
		t.Fatal(err)
	}
	w.reloadAll()
	w.flush()
	if w.side.hint.Visible() {
		t.Fatal("hint still shown with an annotation")
	}
	if err := w.editor.Delete(article.Ref{Kind: article.KindEntity, ID: e.ID}); err != nil {
		t.Fatal(err)
	}
	w.editor.Flush()
	if len(w.side.items) != 0 || w.side.hint.Visible() {
		t.Errorf("hint back after the first annotation was made (%d items)", len(w.side.items))
	}
}

func TestInspectorSplitQuoteAndSpeaker(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	ctx := context.Background()
	st := env.store()
	id := w.currentDoc()
	text := w.editor.Document().Text
	first := strings.Fields(text)[0]
	a := annotate.Entity{DocumentID: id, Start: 0, End: annotate.RuneCount(first), Label: "PERSON"}
	if err := st.CreateEntity(ctx, &a); err != nil {
		t.Fatal(err)
	}
	q := annotate.Quote{DocumentID: id, Kind: annotate.QuoteDirect, SpeakerID: a.ID,
		Content: []annotate.Segment{{Start: 20, End: 30}, {Start: 40, End: 50}, {Start: 60, End: 70}}}
	if err := st.CreateQuote(ctx, &q); err != nil {
		t.Fatal(err)
	}
	w.reloadAll()
	w.flush()
	// A first edit puts the document in progress, a change of its own.
	if err := w.editor.SetQuoteKind(q.ID, annotate.QuoteMixed); err != nil {
		t.Fatal(err)
	}
	w.editor.Flush()
	w.editor.Select(article.Ref{Kind: article.KindQuote, ID: q.ID})
	in := w.side.inspector
	if got := in.speaker.Selected; got != first+" [PERSON]" {
		t.Errorf("speaker field shows %q, want %q", got, first+" [PERSON]")
	}
	for _, o := range in.speaker.Options {
		if strings.Contains(o, "@") {
			t.Errorf("speaker option with an offset: %q", o)
		}
	}
	all := texts(w)
	for i, seg := range q.Content {
		if !strings.Contains(all, annotate.Snippet(seg.Text, 60)) {
			t.Errorf("part %d %q not listed in the inspector", i+1, seg.Text)
		}
	}
	removeButtons := in.segmentButtons()
	if len(removeButtons) != 3 {
		t.Fatalf("%d remove buttons, want 3", len(removeButtons))
	}
	removeButtons[1].OnTapped()
	w.editor.Flush()
	ann, _ := st.FindAnnotations(ctx, id)
	if got := ann.Quotes[0].Content; len(got) != 2 || got[0].Start != 20 || got[1].Start != 60 {
		t.Fatalf("after removing part 2: %+v", got)
	}
	if len(in.segmentButtons()) != 2 {
		t.Errorf("inspector not refreshed after the removal")
	}
	// One undo brings the part back.
	if err := w.editor.Undo(); err != nil {
		t.Fatal(err)
	}
	w.editor.Flush()
	if ann, _ := st.FindAnnotations(ctx, id); len(ann.Quotes[0].Content) != 3 {
		t.Errorf("undo left %d parts, want 3", len(ann.Quotes[0].Content))
	}
}

func TestPaletteNamesNotCutInSmallWindow(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	w.win.Resize(fyne.NewSize(1024, 700))
	if len(w.side.palette.Objects) == 0 {
		t.Fatal("empty palette")
	}
	text := func(s string) float32 {
		return fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
	}
	for _, o := range w.side.palette.Objects {
		l := o.(*paletteEntry).label
		// Swatch, name and hotkey side by side, as the entry lays them out.
		key := fyne.MeasureText(l.Hotkey, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.Padding()
		need := 14 + text(l.Name) + key + 2*theme.Padding()
		if o.Size().Width < need {
			t.Errorf("%s: %.0f wide, needs %.0f to show its name whole", l.Name, o.Size().Width, need)
		}
	}
}

// TestPaletteHotkeysReadable looks at the drawn hotkey digits.
func TestPaletteHotkeysReadable(t *testing.T) {
	env := newTestEnv(t)
	fyne.CurrentApp().Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
	w := env.open()
	w.side.refresh()
	bg := theme.Color(theme.ColorNameBackground)
	found := 0
	for _, o := range test.LaidOutObjects(w.side.content) {
		if txt, ok := o.(*canvas.Text); ok && len(txt.Text) == 1 && txt.Text >= "1" && txt.Text <= "9" {
			found++
			if c := article.Contrast(txt.Color, bg); c < minTextContrast {
				t.Errorf("hotkey %s drawn at contrast %.2f", txt.Text, c)
			}
		}
	}
	if found != 9 {
		t.Errorf("found %d hotkeys drawn, want 9", found)
	}
}
