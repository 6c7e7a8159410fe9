package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
	"byline/annotate/formats"
	"byline/app/article"
)

// exportRequest is what the export dialog collects.
type exportRequest struct {
	Format   string
	Statuses []annotate.Status
	Split    string // "" or "80/10/10"
	Seed     int64
	Out      string
	// Doccano options: offset unit ("" or "utf16") and line shape ("" or "label").
	Offsets      string
	DoccanoShape string
	// Force replaces an existing file that is not an earlier export; set
	// only after the analyst confirmed "Replace?".
	Force bool
}

// formatExtension is the file name ending of a single-file export; "" for
// exports that are folders.
func formatExtension(format string, split bool) string {
	if split {
		return ""
	}
	switch format {
	case "brat":
		return ""
	case "labelstudio":
		return ".json"
	case "conll":
		return ".conll"
	}
	return ".jsonl"
}

// defaultExportPath suggests an output beside the database.
func (w *Window) defaultExportPath(dir, format string, split bool) string {
	if dir == "" {
		dir = filepath.Dir(w.store.Path())
	}
	base := strings.TrimSuffix(filepath.Base(w.store.Path()), filepath.Ext(w.store.Path()))
	return filepath.Join(dir, base+"-"+format+formatExtension(format, split))
}

// showExport opens the export dialog (Ctrl+E).
func (w *Window) showExport() {
	if w.store == nil {
		w.showError("Export", annotate.Errorf(annotate.EINVALID, "open a database first (Ctrl+O)"))
		return
	}
	format := widget.NewSelect(formats.Names(), nil)
	format.SetSelectedIndex(0)
	offsets := widget.NewSelect([]string{"code points (Python, spaCy)", "UTF-16 (doccano's default projects)"}, nil)
	offsets.SetSelectedIndex(0)
	shape := widget.NewSelect([]string{"entities and relations", "label triples"}, nil)
	shape.SetSelectedIndex(0)
	doccanoOnly := func() {
		if format.Selected == "doccano" {
			offsets.Enable()
			shape.Enable()
		} else {
			offsets.Disable()
			shape.Disable()
		}
	}
	doccanoOnly()
	var statusChecks []*widget.Check
	statusBox := container.NewHBox()
	for _, s := range annotate.Statuses {
		c := widget.NewCheck(statusNames[s], nil)
		c.SetChecked(s == annotate.StatusDone)
		statusChecks = append(statusChecks, c)
		statusBox.Add(c)
	}
	split := article.NewField()
	split.SetPlaceHolder("80/10/10")
	doSplit := widget.NewCheck("Split into train/dev/test", func(on bool) {
		if on {
			split.Enable()
		} else {
			split.Disable()
		}
	})
	split.Disable()
	seed := article.NewField()
	seed.SetText("1")
	out := article.NewField()
	dir := ""
	suggest := func() {
		out.SetText(w.defaultExportPath(dir, format.Selected, doSplit.Checked))
	}
	format.OnChanged = func(string) { suggest(); doccanoOnly() }
	prevSplit := doSplit.OnChanged
	doSplit.OnChanged = func(on bool) { prevSplit(on); suggest() }
	suggest()
	choose := widget.NewButton("Folder…", func() {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				dir = u.Path()
				w.rememberDir(dir)
				suggest()
			}
		}, w.win)
		w.startIn(d)
		d.Resize(w.dialogSize())
		w.showDialog(d)
	})
	items := []*widget.FormItem{
		widget.NewFormItem("Format", format),
		widget.NewFormItem("Documents", statusBox),
		widget.NewFormItem("doccano offsets", offsets),
		widget.NewFormItem("doccano shape", shape),
		widget.NewFormItem("", doSplit),
		widget.NewFormItem("Split", split),
		widget.NewFormItem("Seed", seed),
		widget.NewFormItem("Save to", container.NewBorder(nil, nil, nil, choose, out)),
	}
	d := dialog.NewForm("Export", "Export", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		req := exportRequest{Format: format.Selected, Out: out.Text}
		if format.Selected == "doccano" {
			if offsets.SelectedIndex() == 1 {
				req.Offsets = "utf16"
			}
			if shape.SelectedIndex() == 1 {
				req.DoccanoShape = "label"
			}
		}
		for i, c := range statusChecks {
			if c.Checked {
				req.Statuses = append(req.Statuses, annotate.Statuses[i])
			}
		}
		if doSplit.Checked {
			req.Split = strings.TrimSpace(split.Text)
			if req.Split == "" {
				req.Split = "80/10/10"
			}
			n, err := strconv.ParseInt(strings.TrimSpace(seed.Text), 10, 64)
			if err != nil {
				w.showError("Export", annotate.Errorf(annotate.EINVALID, "the seed %q must be a whole number", seed.Text))
				return
			}
			req.Seed = n
		}
		w.export(req)
	}, w.win)
	d.Resize(fyne.NewSize(620, d.MinSize().Height))
	w.showDialog(d)
}

// export writes the export in the background with progress and Cancel, then
// shows what was written where.
func (w *Window) export(req exportRequest) {
	store := w.store
	w.runTask("Exporting", func(ctx context.Context, progress taskProgress) func() {
		// The count for the progress bar is read here, off the UI goroutine.
		total := 0
		if p, err := store.Progress(ctx); err == nil {
			total = p.Total
			if len(req.Statuses) > 0 {
				total = 0
				for _, s := range req.Statuses {
					total += p.ByStatus[s]
				}
			}
		}
		progress(0, total, "Writing "+req.Format)
		m, err := formats.Export(ctx, store, formats.Options{
			Format: req.Format, Out: req.Out, Statuses: req.Statuses, Split: req.Split, Seed: req.Seed,
			Offsets: req.Offsets, DoccanoShape: req.DoccanoShape, Version: w.cfg.Version,
			Protect: []string{store.Path()}, Force: req.Force,
			Progress: func(docs int) { progress(docs, total, fmt.Sprintf("%d of %d documents", docs, total)) },
		})
		canceled := ctx.Err() != nil
		return func() {
			w.lastExport, w.lastExportErr = m, err
			if err != nil {
				if canceled {
					w.showText("Export canceled", "The export was canceled; nothing was written to "+req.Out+".")
					return
				}
				if errors.Is(err, formats.ErrNotAnExport) && !req.Force {
					w.confirmReplace(req)
					return
				}
				w.showError("Export", err)
				return
			}
			w.showText("Export finished", m.Summary(req.Out))
		}
	})
}

// confirmReplace asks before an export replaces a file that no earlier
// export wrote, and exports again only on "Replace".
func (w *Window) confirmReplace(req exportRequest) {
	d := dialog.NewConfirm("Replace?",
		req.Out+" already exists and is not an earlier Byline export.\n\nReplace it with the export? Its contents will be lost.",
		func(ok bool) {
			if ok {
				req.Force = true
				w.export(req)
			}
		}, w.win)
	d.SetConfirmText("Replace")
	d.SetDismissText("Cancel")
	w.lastError = "Replace?"
	d.Show()
}
