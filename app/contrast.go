package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"byline/app/article"
)

// minTextContrast is WCAG's minimum contrast for normal text.
const minTextContrast = 4.5

// readableTheme is the app's theme with the colours Fyne draws faint text
// in raised to a readable contrast: low-importance labels (palette hotkeys,
// hints) use the disabled colour, and the progress bar writes its caption in
// the on-primary colour across both its bar and its faded track. It is used
// through container.NewThemeOverride, for the parts that carry such text.
type readableTheme struct{}

func (readableTheme) base() fyne.Theme { return fyne.CurrentApp().Settings().Theme() }

func (t readableTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	th := t.base()
	bg := th.Color(theme.ColorNameBackground, v)
	switch n {
	case theme.ColorNameDisabled:
		return faintText(th.Color(theme.ColorNameForeground, v), bg)
	case theme.ColorNameForegroundOnPrimary:
		return onTrack(bg)
	case theme.ColorNamePrimary:
		return readablePrimary(th.Color(theme.ColorNamePrimary, v), bg)
	}
	return th.Color(n, v)
}

func (t readableTheme) Font(s fyne.TextStyle) fyne.Resource     { return t.base().Font(s) }
func (t readableTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base().Icon(n) }
func (t readableTheme) Size(n fyne.ThemeSizeName) float32       { return t.base().Size(n) }

// faintText is the faintest mix of fg into bg that still reads at
// minTextContrast.
func faintText(fg, bg color.Color) color.Color {
	for w := 0.4; w < 1; w += 0.05 {
		if c := article.Mix(fg, bg, w); article.Contrast(c, bg) >= minTextContrast {
			return c
		}
	}
	return fg
}

var (
	black = color.NRGBA{A: 0xff}
	white = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
)

// onTrack is the caption colour of a progress bar on background bg: black
// on light backgrounds, white on dark ones.
func onTrack(bg color.Color) color.Color {
	if article.Contrast(black, bg) >= article.Contrast(white, bg) {
		return black
	}
	return white
}

// readablePrimary lightens or darkens primary just enough that the progress
// caption reads on the bar and on its track (the bar's colour at half
// alpha over bg).
func readablePrimary(primary, bg color.Color) color.Color {
	text := onTrack(bg)
	toward := color.Color(white)
	if text == white {
		toward = black
	}
	for w := 1.0; w > 0; w -= 0.05 {
		c := article.Mix(primary, toward, w)
		if article.Contrast(text, c) >= minTextContrast && article.Contrast(text, progressTrack(c, bg)) >= minTextContrast {
			return c
		}
	}
	return toward
}

// progressTrack is what Fyne's progress bar paints behind the unfilled part:
// the primary colour at half its alpha, here blended over bg.
func progressTrack(primary, bg color.Color) color.Color {
	return article.Mix(primary, bg, 0.5)
}
