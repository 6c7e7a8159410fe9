package app

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
)

// dbExtensions are the file names the open dialog offers.
var dbExtensions = []string{".db", ".byline", ".sqlite", ".sqlite3"}

// showOpenDatabase asks for a database file and opens it (Ctrl+O).
func (w *Window) showOpenDatabase() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			w.showError(actionOpenDB, err)
			return
		}
		if r == nil {
			return // canceled
		}
		path := r.URI().Path()
		r.Close()
		w.rememberDir(filepath.Dir(path))
		w.openDatabase(path)
	}, w.win)
	d.SetFilter(fynestorage.NewExtensionFileFilter(dbExtensions))
	w.startIn(d)
	d.Resize(w.dialogSize())
	d.Show()
}

// showNewDatabase asks where to create a new, empty database (Ctrl+N).
func (w *Window) showNewDatabase() {
	d := dialog.NewFileSave(func(wr fyne.URIWriteCloser, err error) {
		if err != nil {
			w.showError("New database", err)
			return
		}
		if wr == nil {
			return
		}
		path := wr.URI().Path()
		// The dialog creates an empty file; the store must create its own
		// (atomically), so remove the placeholder first.
		wr.Close()
		if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
			os.Remove(path)
		}
		if filepath.Ext(path) == "" {
			path += ".db"
		}
		w.rememberDir(filepath.Dir(path))
		w.createDatabase(path, false)
	}, w.win)
	d.SetFileName("annotations.db")
	w.startIn(d)
	d.Resize(w.dialogSize())
	d.Show()
}

// startIn points a file dialog at the last folder used.
func (w *Window) startIn(d *dialog.FileDialog) {
	dir := w.app.Preferences().String(prefLastDir)
	if dir == "" && w.store != nil {
		dir = filepath.Dir(w.store.Path())
	}
	if dir == "" {
		return
	}
	if l, err := fynestorage.ListerForURI(fynestorage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
}

func (w *Window) rememberDir(dir string) {
	w.app.Preferences().SetString(prefLastDir, dir)
}

// dialogSize is a comfortable size for file dialogs.
func (w *Window) dialogSize() fyne.Size {
	s := w.win.Canvas().Size()
	return fyne.NewSize(max(600, s.Width*0.8), max(420, s.Height*0.8))
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func sameFile(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	if errA != nil || errB != nil {
		return filepath.Clean(a) == filepath.Clean(b)
	}
	return os.SameFile(fa, fb)
}

func makeParentDir(path string) error {
	return os.MkdirAll(filepath.Dir(path), 0o755)
}
