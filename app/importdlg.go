package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
	"byline/annotate/ingest"
)

// importExtensions are the files the import dialog offers.
var importExtensions = []string{".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".shtml", ".mhtml", ".mht", ".jsonl", ".ndjson", ".json", ".ann"}

// showImport asks for a file or a folder to import (Ctrl+I).
func (w *Window) showImport() {
	if w.store == nil {
		w.showError("Import", annotate.Errorf(annotate.EINVALID, "open or create a database first (Ctrl+O, Ctrl+N)"))
		return
	}
	var choice dialog.Dialog
	files := widget.NewButtonWithIcon("A file…", theme.FileIcon(), func() {
		choice.Hide()
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil {
				w.showError("Import", err)
				return
			}
			if r == nil {
				return
			}
			path := r.URI().Path()
			r.Close()
			w.rememberDir(filepath.Dir(path))
			w.importPaths([]string{path})
		}, w.win)
		d.SetFilter(fynestorage.NewExtensionFileFilter(importExtensions))
		w.startIn(d)
		d.Resize(w.dialogSize())
		w.showDialog(d)
	})
	folder := widget.NewButtonWithIcon("A folder (with subfolders)…", theme.FolderOpenIcon(), func() {
		choice.Hide()
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err != nil {
				w.showError("Import", err)
				return
			}
			if u == nil {
				return
			}
			w.rememberDir(u.Path())
			w.importPaths([]string{u.Path()})
		}, w.win)
		w.startIn(d)
		d.Resize(w.dialogSize())
		w.showDialog(d)
	})
	hint := widget.NewLabel("Byline reads .txt, .md, .html and .jsonl files (and the formats of other annotation tools). " +
		"You can also drop files and folders on the window.")
	hint.Wrapping = fyne.TextWrapWord
	const skipDup, copyDup = "Skip it (named in the summary)", "Store it as a copy, marked copy_of"
	w.duplicatesSel = widget.NewSelect([]string{skipDup, copyDup}, func(s string) { w.keepDuplicates = s == copyDup })
	if w.keepDuplicates {
		w.duplicatesSel.SetSelected(copyDup)
	} else {
		w.duplicatesSel.SetSelected(skipDup)
	}
	body := container.NewVBox(hint, files, folder, widget.NewLabel("An article whose text is already stored:"), w.duplicatesSel)
	choice = dialog.NewCustom("Import articles", "Cancel", container.NewGridWrap(fyne.NewSize(440, body.MinSize().Height+40), body), w.win)
	w.showDialog(choice)
}

// importURIs imports files dropped on the window.
func (w *Window) importURIs(uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) > 0 && w.store != nil {
		w.importPaths(paths)
	}
}

// importPaths imports files and folders in the background with progress,
// Cancel and a summary at the end.
func (w *Window) importPaths(paths []string) {
	store := w.store
	readers := w.cfg.Readers
	if len(readers) == 0 {
		readers = []annotate.Reader{ingest.TextReader{}, ingest.JSONLReader{}}
	}
	keep := w.keepDuplicates
	w.runTask("Importing", func(ctx context.Context, progress taskProgress) func() {
		progress(0, 0, "Reading "+strings.Join(baseNames(paths), ", "))
		im := &ingest.Importer{Store: store, Readers: readers, KeepDuplicates: keep, Progress: func(p ingest.ImportProgress) {
			progress(int(p.Bytes>>10), int(p.BytesTotal>>10), fmt.Sprintf("%d of %d files, %d records, %s of %s", p.Files, p.FilesTotal, p.Records, byteSize(p.Bytes), byteSize(p.BytesTotal)))
		}}
		sum, err := im.Import(ctx, paths)
		return func() {
			w.lastImport = sum
			if store != w.store {
				return // the analyst switched databases meanwhile
			}
			hadDoc := w.currentDoc() != 0
			w.reloadAll()
			if !hadDoc {
				w.openFirstDocument()
			}
			if err != nil {
				w.showError("Import", err)
				return
			}
			w.showImportSummary(sum)
		}
	})
}

// byteSize writes a byte count for people.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func baseNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}

// importSummaryText is the summary dialog's text.
func importSummaryText(s *ingest.ImportSummary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Imported: %d document(s)\nDuplicates skipped: %d\nFailed: %d file(s)\n", s.Imported, s.Duplicates, len(s.Failed))
	if s.NewVersions > 0 {
		fmt.Fprintf(&b, "New versions of known URLs: %d\n", s.NewVersions)
	}
	if s.Canceled {
		b.WriteString("\nCanceled: files not yet imported were left out; every file is either fully imported or absent.\n")
	}
	notes(&b, s.DuplicatesAnnotated, "\nAnnotated records skipped, their text already stored:\n")
	if len(s.Failed) > 0 {
		b.WriteString("\nFailed files:\n")
		for _, f := range s.Failed {
			fmt.Fprintf(&b, "• %s\n", annotate.ErrorMessage(f.Err))
		}
	}
	notes(&b, s.Skipped, "\nSkipped (not a format Byline reads):\n")
	notes(&b, s.Copies, "\nStored as copies of documents with the same text:\n")
	notes(&b, s.Warnings, "\nNotes:\n")
	return b.String()
}

// notes writes a list of the summary under its heading, counting what it
// did not keep.
func notes(b *strings.Builder, n ingest.Notes, heading string) {
	if n.Len() == 0 {
		return
	}
	b.WriteString(heading)
	for _, item := range n.Items {
		fmt.Fprintf(b, "• %s\n", item)
	}
	if n.More > 0 {
		fmt.Fprintf(b, "• and %d more\n", n.More)
	}
}

func (w *Window) showImportSummary(s *ingest.ImportSummary) {
	title := "Import finished"
	switch {
	case s.Canceled:
		title = "Import canceled"
	case len(s.Failed) > 0:
		title = "Import finished with errors"
	}
	w.showText(title, importSummaryText(s))
}

// showText shows a long, selectable text in a scrolling dialog.
func (w *Window) showText(title, text string) {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	scroll := container.NewVScroll(l)
	scroll.SetMinSize(fyne.NewSize(560, 340))
	w.showDialog(dialog.NewCustom(title, "Close", scroll, w.win))
}
