package app

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"byline/app/article"
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
	w.showDialog(d)
}

// showNewDatabase asks for a folder and a file name for a new, empty
// database (Ctrl+N). It does not use Fyne's save dialog: that opens the
// chosen file for writing, which would truncate an existing database before
// Byline could refuse it.
func (w *Window) showNewDatabase() {
	folder, folderRow := w.folderField()
	name := article.NewField()
	name.SetText("annotations.db")
	items := []*widget.FormItem{
		widget.NewFormItem("Folder", folderRow),
		widget.NewFormItem("File name", name),
	}
	d := dialog.NewForm("New database", "Create", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		path := newDatabasePath(folder.Text, name.Text)
		w.rememberDir(filepath.Dir(path))
		w.createDatabase(path, false)
	}, w.win)
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	w.showDialog(d)
}

// folderField is a folder path field, starting at the last folder used,
// with a button that picks the folder in a chooser; row holds both.
func (w *Window) folderField() (folder *article.Field, row fyne.CanvasObject) {
	folder = article.NewField()
	folder.SetText(w.lastDir())
	choose := widget.NewButton("Choose…", func() {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				folder.SetText(u.Path())
			}
		}, w.win)
		w.startIn(d)
		d.Resize(w.dialogSize())
		w.showDialog(d)
	})
	return folder, container.NewBorder(nil, nil, nil, choose, folder)
}

// newDatabasePath joins folder and name, adding .db when name has no
// extension.
func newDatabasePath(folder, name string) string {
	name = strings.TrimSpace(name)
	if filepath.Ext(name) == "" {
		name += ".db"
	}
	return filepath.Join(strings.TrimSpace(folder), name)
}

// lastDir is the folder dialogs start in: the last one used, else the open
// database's.
func (w *Window) lastDir() string {
	dir := w.app.Preferences().String(prefLastDir)
	if dir == "" && w.store != nil {
		dir = filepath.Dir(w.store.Path())
	}
	return dir
}

// startIn points a file dialog at the last folder used.
func (w *Window) startIn(d *dialog.FileDialog) {
	dir := w.lastDir()
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
