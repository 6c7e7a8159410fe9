package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
	"byline/app/article"
)

// Schema edits. Each one is a single store call, run on the editor's
// ordered writer (a rename rewrites every annotation of the corpus, and
// another program may hold the database), so the window never waits for
// it; it is saved, or refused with a reason, in order with the edits.

// changeSchema runs change on the writer and reads the schema it left; then
// the schema editor shows it, then (if set) runs, and the open document and
// the list are read again.
func (w *Window) changeSchema(action string, change func(ctx context.Context, store annotate.Store) error, then func()) {
	if w.store == nil || w.editor == nil {
		return
	}
	store := w.store
	var fresh *annotate.Schema
	w.editor.Queue(func(ctx context.Context) error {
		if err := change(ctx, store); err != nil {
			return err
		}
		var err error
		fresh, err = store.Schema(ctx)
		return err
	}, func(err error) {
		if err != nil {
			w.showError(action, err)
			return
		}
		if w.schemaEd != nil {
			w.schemaEd.show(fresh)
		}
		if then != nil {
			then()
		}
		w.reloadAll()
	})
}

// editSchema applies change to a copy of the stored schema and saves it.
func (w *Window) editSchema(action string, change func(s *annotate.Schema) error, then func()) {
	w.changeSchema(action, func(ctx context.Context, store annotate.Store) error {
		s, err := store.Schema(ctx)
		if err == nil {
			err = change(s)
		}
		if err == nil {
			err = s.Validate()
		}
		if err == nil {
			err = store.SaveSchema(ctx, s)
		}
		return err
	}, then)
}

// addLabel adds an entity label with a colour of its own and the first free
// hotkey.
func (w *Window) addLabel(name string, then func()) {
	w.editSchema("Add label", func(s *annotate.Schema) error {
		if !s.EnsureLabel(name) {
			return annotate.Errorf(annotate.EINVALID, "label %s already exists", name)
		}
		s.Entities[len(s.Entities)-1].Hotkey = freeHotkey(s)
		return nil
	}, then)
}

// freeHotkey returns the first digit or letter no label uses.
func freeHotkey(s *annotate.Schema) string {
	used := map[string]bool{}
	for _, l := range s.Entities {
		used[l.Hotkey] = true
	}
	for _, k := range strings.Split("123456789abdefghijklmnoptuvwxyz", "") {
		if !used[k] {
			return k
		}
	}
	return ""
}

// renameLabel renames a label everywhere, keeping its annotations.
func (w *Window) renameLabel(from, to string) {
	if from == to {
		return
	}
	w.changeSchema("Rename label", func(ctx context.Context, store annotate.Store) error {
		return store.RenameLabel(ctx, from, to)
	}, nil)
}

// updateLabel changes a label's colour, hotkey and description.
func (w *Window) updateLabel(l annotate.EntityLabel) {
	w.editSchema("Change label", func(s *annotate.Schema) error {
		for i := range s.Entities {
			if s.Entities[i].Name == l.Name {
				s.Entities[i] = l
				return nil
			}
		}
		return annotate.Errorf(annotate.ENOTFOUND, "label %s does not exist", l.Name)
	}, nil)
}

// moveLabel moves a label up (-1) or down (+1) in the palette order.
func (w *Window) moveLabel(name string, delta int, then func()) {
	w.editSchema("Reorder labels", func(s *annotate.Schema) error {
		for i := range s.Entities {
			j := i + delta
			if s.Entities[i].Name == name && j >= 0 && j < len(s.Entities) {
				s.Entities[i], s.Entities[j] = s.Entities[j], s.Entities[i]
				return nil
			}
		}
		return nil
	}, then)
}

// deleteLabel deletes a label; when annotations use it, it asks first and
// says how many go with it. confirm is called with the question and runs
// the delete when answered yes.
func (w *Window) deleteLabel(name string, confirm func(question string, yes func())) {
	if w.store == nil || w.editor == nil {
		return
	}
	store := w.store
	del := func() {
		w.changeSchema("Delete label", func(ctx context.Context, store annotate.Store) error {
			_, err := store.DeleteLabel(ctx, name)
			return err
		}, nil)
	}
	var n int
	w.editor.Read(func(ctx context.Context) error {
		var err error
		n, err = store.LabelUsage(ctx, name)
		return err
	}, func(err error) {
		switch {
		case err != nil:
			w.showError("Delete label", err)
		case n == 0:
			del()
		default:
			confirm(fmt.Sprintf("%d entities are labelled %s. Deleting the label deletes them too, with their relations and speaker links.\n\nDelete label %s?", n, name, name), del)
		}
	})
}

// addRelationType adds a relation type allowing any labels.
func (w *Window) addRelationType(name string, then func()) {
	w.editSchema("Add relation type", func(s *annotate.Schema) error {
		if !s.EnsureRelationType(name) {
			return annotate.Errorf(annotate.EINVALID, "relation type %s already exists", name)
		}
		return nil
	}, then)
}

func (w *Window) renameRelationType(from, to string) {
	if from == to {
		return
	}
	w.changeSchema("Rename relation type", func(ctx context.Context, store annotate.Store) error {
		return store.RenameRelationType(ctx, from, to)
	}, nil)
}

// updateRelationType changes allowed heads and tails, symmetry and
// description.
func (w *Window) updateRelationType(rt annotate.RelationType) {
	w.editSchema("Change relation type", func(s *annotate.Schema) error {
		for i := range s.Relations {
			if s.Relations[i].Name == rt.Name {
				s.Relations[i] = rt
				return nil
			}
		}
		return annotate.Errorf(annotate.ENOTFOUND, "relation type %s does not exist", rt.Name)
	}, nil)
}

func (w *Window) moveRelationType(name string, delta int, then func()) {
	w.editSchema("Reorder relation types", func(s *annotate.Schema) error {
		for i := range s.Relations {
			j := i + delta
			if s.Relations[i].Name == name && j >= 0 && j < len(s.Relations) {
				s.Relations[i], s.Relations[j] = s.Relations[j], s.Relations[i]
				return nil
			}
		}
		return nil
	}, then)
}

// deleteRelationType drops an unused relation type; the store refuses one
// that relations still use (ECONFLICT, with the count).
func (w *Window) deleteRelationType(name string) {
	w.editSchema("Delete relation type", func(s *annotate.Schema) error {
		s.DropRelationType(name)
		return nil
	}, nil)
}

// importSchema replaces the schema with a schema file's; it reports whether
// the file is a valid schema (then its save is queued).
func (w *Window) importSchema(data []byte, then func()) bool {
	s, err := annotate.ParseSchema(data)
	if err != nil {
		w.showError("Import schema", err)
		return false
	}
	w.changeSchema("Import schema", func(ctx context.Context, store annotate.Store) error {
		return store.SaveSchema(ctx, s)
	}, then)
	return true
}

// schemaFile returns store's schema as a JSON file.
func schemaFile(ctx context.Context, store annotate.Store) ([]byte, error) {
	s, err := store.Schema(ctx)
	if err != nil {
		return nil, err
	}
	return s.MarshalIndent()
}

func (w *Window) showImportSchema() {
	if w.store == nil {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			w.showError("Import schema", err)
			return
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, 4<<20))
		if err != nil {
			w.showError("Import schema", err)
			return
		}
		name := r.URI().Name()
		w.importSchema(data, func() { w.status.prompt("Schema imported from " + name) })
	}, w.win)
	d.SetFilter(fynestorage.NewExtensionFileFilter([]string{".json"}))
	w.startIn(d)
	d.Resize(w.dialogSize())
	w.showDialog(d)
}

// showExportSchema asks for a folder and a file name and writes the schema
// there. Its fields are the window's own (Fyne's save dialog focuses a text
// field that drops Esc), and an existing file is replaced only when confirmed.
func (w *Window) showExportSchema() {
	if w.store == nil {
		return
	}
	folder, folderRow := w.folderField()
	name := article.NewField()
	name.SetText("schema.json")
	items := []*widget.FormItem{
		widget.NewFormItem("Folder", folderRow),
		widget.NewFormItem("File name", name),
	}
	d := dialog.NewForm("Export schema", "Export", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		path := filepath.Join(folder.Text, strings.TrimSpace(name.Text))
		if !fileExists(path) {
			w.writeSchema(path)
			return
		}
		w.showDialog(dialog.NewConfirm("Replace?", path+" exists. Replace it with the schema?", func(yes bool) {
			if yes {
				w.writeSchema(path)
			}
		}, w.win))
	}, w.win)
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	w.showDialog(d)
}

// writeSchema writes the stored schema to path. The schema is read and the
// file written off the UI goroutine, after the schema changes queued so far.
func (w *Window) writeSchema(path string) {
	if w.store == nil || w.editor == nil {
		return
	}
	store := w.store
	w.editor.Read(func(ctx context.Context) error {
		data, err := schemaFile(ctx, store)
		if err != nil {
			return err
		}
		return os.WriteFile(path, data, 0o644)
	}, func(err error) {
		if err != nil {
			w.showError("Export schema", err)
			return
		}
		w.rememberDir(filepath.Dir(path))
		w.status.prompt("Schema written to " + path)
	})
}
