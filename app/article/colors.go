package article

import (
	"image/color"
	"math"
	"strconv"

	"fyne.io/fyne/v2/theme"
)

var (
	fallbackLabel = color.NRGBA{0x88, 0x88, 0x88, 0xff}
	defaultQuote  = color.NRGBA{0x7f, 0x3f, 0xbf, 0xff}
	black         = color.NRGBA{0, 0, 0, 0xff}
	white         = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

// parseColor reads "#rrggbb"; ok is false for anything else.
func parseColor(s string) (color.NRGBA, bool) {
	if len(s) != 7 || s[0] != '#' {
		return color.NRGBA{}, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.NRGBA{}, false
	}
	return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}, true
}

// luminance is the WCAG relative luminance of c.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// captionColor picks black or white, whichever reads better on bg.
func captionColor(bg color.Color) color.NRGBA {
	if contrast(bg, black) >= contrast(bg, white) {
		return black
	}
	return white
}

// withAlpha returns c at alpha a.
func withAlpha(c color.NRGBA, a uint8) color.NRGBA {
	c.A = a
	return c
}

// palette is the set of colours one drawing uses, fixed per refresh.
type palette struct {
	fg, dim, bg, selection, focus, overlay, border, find, findCur color.Color
	quiet                                                         color.Color // arcs not in focus: subdued but legible
	dark                                                          bool
	spanAlpha                                                     uint8
	labels                                                        map[string]color.NRGBA
	quote                                                         color.NRGBA
	captions                                                      map[color.NRGBA]color.NRGBA
}

// caption is captionColor(bg), worked out once per colour and drawing:
// dozens of chips share a few colours.
func (p *palette) caption(bg color.NRGBA) color.NRGBA {
	c, ok := p.captions[bg]
	if !ok {
		c = captionColor(bg)
		p.captions[bg] = c
	}
	return c
}

func newPalette(m *model) *palette {
	p := &palette{
		fg:        theme.Color(theme.ColorNameForeground),
		dim:       theme.Color(theme.ColorNameDisabled),
		bg:        theme.Color(theme.ColorNameBackground),
		selection: theme.Color(theme.ColorNameSelection),
		focus:     theme.Color(theme.ColorNamePrimary),
		overlay:   theme.Color(theme.ColorNameOverlayBackground),
		border:    theme.Color(theme.ColorNameInputBorder),
		labels:    map[string]color.NRGBA{},
		captions:  map[color.NRGBA]color.NRGBA{},
		quote:     defaultQuote,
	}
	// The theme's variant is not reliable when a custom theme forces one, so
	// judge darkness by the background itself.
	p.dark = luminance(p.bg) < 0.2
	p.quiet = mix(p.fg, p.bg, 0.6)
	p.spanAlpha = 0x55
	p.find = color.NRGBA{0xff, 0xd0, 0x00, 0x70}
	p.findCur = color.NRGBA{0xff, 0x8c, 0x00, 0xa0}
	if p.dark {
		p.spanAlpha = 0x70
	}
	for _, l := range m.schema.Entities {
		if c, ok := parseColor(l.Color); ok {
			p.labels[l.Name] = c
		}
	}
	if c, ok := parseColor(m.schema.QuoteColor); ok {
		p.quote = c
	}
	if p.dark {
		// The quote colour is used for thin bars and lines; lighten it on a
		// dark background so it stays visible.
		p.quote = lighten(p.quote, 0.35)
	}
	return p
}

func (p *palette) label(name string) color.NRGBA {
	if c, ok := p.labels[name]; ok {
		return c
	}
	return fallbackLabel
}

// lighten mixes c with white by f.
func lighten(c color.NRGBA, f float64) color.NRGBA {
	mix := func(v uint8) uint8 { return uint8(float64(v) + (255-float64(v))*f) }
	return color.NRGBA{mix(c.R), mix(c.G), mix(c.B), c.A}
}

// mix blends a and b, with weight w for a.
func mix(a, b color.Color, w float64) color.NRGBA {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	f := func(x, y uint32) uint8 { return uint8((float64(x)*w + float64(y)*(1-w)) / 257) }
	return color.NRGBA{f(ar, br), f(ag, bg), f(ab, bb), 0xff}
}

// Contrast is the WCAG contrast ratio of two colours, for the window's own
// checks of readable text.
func Contrast(a, b color.Color) float64 { return contrast(a, b) }

// Mix blends a and b, with weight w for a.
func Mix(a, b color.Color, w float64) color.NRGBA { return mix(a, b, w) }
