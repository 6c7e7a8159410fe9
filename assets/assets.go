// Package assets embeds Byline's default schema, its icon and the sample
// articles a new database starts with. It is a leaf: Fyne resources are made
// from these bytes in package app.
package assets

import (
	"embed"
	"io/fs"
	"path"
	"sort"
)

//go:embed schema.json icon.png samples
var files embed.FS

// Schema returns the default news schema (JSON).
func Schema() []byte { return mustRead("schema.json") }

// Icon returns the application icon (PNG).
func Icon() []byte { return mustRead("icon.png") }

// Sample is one embedded sample article.
type Sample struct {
	Name string // file name, e.g. "01-summit.txt"
	Data []byte
}

// Samples returns the sample articles in name order.
func Samples() []Sample {
	entries, err := fs.ReadDir(files, "samples")
	if err != nil {
		panic(err)
	}
	var out []Sample
	for _, e := range entries {
		out = append(out, Sample{Name: e.Name(), Data: mustRead(path.Join("samples", e.Name()))})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func mustRead(name string) []byte {
	b, err := files.ReadFile(name)
	if err != nil {
		panic("assets: " + err.Error())
	}
	return b
}
