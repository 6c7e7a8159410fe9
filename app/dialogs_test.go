package app

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
	"byline/annotate/formats"
	"byline/annotate/ingest"
	"byline/app/article"
	"byline/assets"
)

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestImportWithBadFileInBatch(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a-new.txt"), []byte("Harbour reopens\n\nThe harbour reopened on Monday.\n"))
	writeFile(t, filepath.Join(dir, "b-broken.txt"), []byte("Title\n\xff\xfe not UTF-8"))
	writeFile(t, filepath.Join(dir, "c-copy.txt"), assets.Samples()[0].Data)
	writeFile(t, filepath.Join(dir, "sub", "d-more.md"), []byte("# Talks stall\n\nNo agreement was reached.\n"))

	w.importPaths([]string{dir})
	w.waitTasks()

	sum := w.lastImport
	if sum == nil {
		t.Fatal("no import summary")
	}
	if sum.Imported != 2 || sum.Duplicates != 1 || len(sum.Failed) != 1 {
		t.Fatalf("summary = %d imported, %d duplicates, %d failed; want 2, 1, 1\n%s",
			sum.Imported, sum.Duplicates, len(sum.Failed), sum.String())
	}
	if reason := annotate.ErrorMessage(sum.Failed[0].Err); !strings.Contains(reason, "b-broken.txt") || !strings.Contains(reason, "UTF-8") {
		t.Errorf("failure reason %q does not name the file and the problem", reason)
	}
	if got := w.docs.pages.count; got != 6 {
		t.Errorf("list shows %d documents, want 6", got)
	}
	shown := texts(w)
	for _, want := range []string{"Import finished with errors", "Imported: 2", "Duplicates skipped: 1", "Failed: 1", "b-broken.txt"} {
		if !strings.Contains(shown, want) {
			t.Errorf("summary dialog lacks %q:\n%s", want, shown)
		}
	}
	for _, d := range env.store().documents(t) {
		if strings.Contains(d.Text, "not UTF-8") {
			t.Errorf("the broken file was partly stored")
		}
	}
}

// cancelingReader reads text files and presses Cancel while reading the
// first one, as an analyst would during a long import.
type cancelingReader struct {
	ingest.TextReader
	w        *Window
	reads    atomic.Int32 // files are read on several goroutines
	canceled atomic.Bool  // Cancel has been pressed and has returned
	late     atomic.Int32 // files begun after that
}

func (r *cancelingReader) Read(path string, data []byte, opt annotate.ReadOptions) ([]*annotate.Record, error) {
	if r.canceled.Load() {
		r.late.Add(1)
	}
	if r.reads.Add(1) == 1 {
		r.w.cancelTask()
		r.canceled.Store(true)
	}
	return r.TextReader.Read(path, data, opt)
}

func TestImportCancel(t *testing.T) {
	env := newTestEnv(t)
	rd := &cancelingReader{}
	env.cfg.Readers = []annotate.Reader{rd}
	w := env.open()
	rd.w = w
	dir := t.TempDir()
	// Enough files that an import ignoring Cancel would begin some after it.
	for i := range 20 {
		name := fmt.Sprintf("f%02d.txt", i)
		writeFile(t, filepath.Join(dir, name), []byte("Headline "+name+"\n\nBody of "+name+".\n"))
	}
	w.importPaths([]string{dir})
	w.waitTasks()
	sum := w.lastImport
	if sum == nil || !sum.Canceled {
		t.Fatalf("summary = %+v, want canceled", sum)
	}
	// A worker that had already taken its next file when Cancel came reads
	// it to its end; no worker takes one more. An import that ignored Cancel
	// would begin most of the 20 files after it.
	if late := int(rd.late.Load()); late >= runtime.GOMAXPROCS(0) || sum.Imported != 0 {
		t.Errorf("%d files begun after Cancel and %d imported; want fewer than one per core, nothing stored", late, sum.Imported)
	}
	if got := len(env.store().documents(t)); got != 4 {
		t.Errorf("%d documents stored, want only the 4 samples", got)
	}
	if shown := texts(w); !strings.Contains(shown, "Import canceled") {
		t.Errorf("summary dialog:\n%s", shown)
	}
}

func TestImportDroppedFilesIntoEmptyDatabase(t *testing.T) {
	env := newTestEnv(t)
	env.cfg.Seed = nil
	w := env.open()
	if w.currentDoc() != 0 {
		t.Fatalf("an empty database opened document %d", w.currentDoc())
	}
	path := filepath.Join(t.TempDir(), "dropped.txt")
	writeFile(t, path, []byte("Dropped headline\n\nBody.\n"))
	w.importURIs([]fyne.URI{fileURI(path)})
	w.waitTasks()
	if w.lastImport == nil || w.lastImport.Imported != 1 {
		t.Fatalf("drop imported %+v", w.lastImport)
	}
	if w.currentDoc() == 0 || w.editor.Document().Meta.Title != "Dropped headline" {
		t.Errorf("the imported article was not opened")
	}
}

func TestExportEveryFormat(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	ctx := context.Background()
	st := env.store()
	doc := st.documents(t)[0]
	ent := &annotate.Entity{DocumentID: doc.ID, Start: 0, End: 7, Label: "ORG"}
	if err := st.CreateEntity(ctx, ent); err != nil {
		t.Fatal(err)
	}
	if err := st.SetStatus(ctx, doc.ID, annotate.StatusDone); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	for _, format := range formats.Names() {
		t.Run(format, func(t *testing.T) {
			req := exportRequest{Format: format, Statuses: []annotate.Status{annotate.StatusDone},
				Out: w.defaultExportPath(out, format, false)}
			w.export(req)
			w.waitTasks()
			if w.lastExportErr != nil {
				t.Fatalf("export: %v", w.lastExportErr)
			}
			m := w.lastExport
			if m.Format != format || m.Counts.Documents != 1 || m.Counts.Entities != 1 {
				t.Errorf("manifest: format %s, %d documents, %d entities; want %s, 1, 1", m.Format, m.Counts.Documents, m.Counts.Entities, format)
			}
			if _, err := os.Stat(req.Out); err != nil {
				t.Errorf("nothing written at %s: %v", req.Out, err)
			}
			if shown := texts(w); !strings.Contains(shown, "Exported 1 document(s)") || !strings.Contains(shown, req.Out) {
				t.Errorf("summary does not say what went where:\n%s", shown)
			}
		})
	}

	t.Run("native file holds the labelled entity", func(t *testing.T) {
		f, err := os.Open(w.defaultExportPath(out, "byline", false))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		lines := 0
		for sc.Scan() {
			lines++
			rec, err := annotate.DecodeRecord(sc.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.Entities) != 1 || rec.Entities[0].Label != "ORG" || rec.Entities[0].Text != ent.Text {
				t.Errorf("entities = %+v", rec.Entities)
			}
		}
		if lines != 1 {
			t.Errorf("%d lines, want 1 (done documents only)", lines)
		}
	})

	t.Run("split writes a folder", func(t *testing.T) {
		req := exportRequest{Format: "byline", Split: "50/25/25", Seed: 7, Out: w.defaultExportPath(out, "byline", true)}
		w.export(req)
		w.waitTasks()
		if w.lastExportErr != nil {
			t.Fatal(w.lastExportErr)
		}
		if w.lastExport.Split == nil || w.lastExport.Counts.Documents != 4 {
			t.Errorf("manifest split %+v, %d documents", w.lastExport.Split, w.lastExport.Counts.Documents)
		}
		if fi, err := os.Stat(req.Out); err != nil || !fi.IsDir() {
			t.Errorf("no folder at %s", req.Out)
		}
	})
}

func fileURI(path string) fyne.URI { return fynestorage.NewFileURI(path) }

func hasItem(items []sideItem, text string) bool {
	for _, it := range items {
		if it.text == text {
			return true
		}
	}
	return false
}

func TestHelpListsEveryShortcut(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	check := func(name string, open func()) {
		t.Run(name, func(t *testing.T) {
			open()
			shown := texts(w)
			var want []string
			for _, c := range w.cmds {
				switch {
				case c.shortcut != nil:
					want = append(want, shortcutLabel(c.shortcut), c.label)
				case c.keys != "":
					want = append(want, c.keys, c.label)
				}
			}
			for _, k := range windowKeys {
				want = append(want, k.keys, k.description)
			}
			for _, b := range w.editor.KeyBindings() {
				want = append(want, b.Keys, b.Description)
			}
			for _, s := range want {
				if !strings.Contains(shown, s+"\n") {
					t.Errorf("help lacks %q", s)
				}
			}
			w.helpOpen.Hide()
		})
	}
	check("F1", func() { w.typedKey(&fyne.KeyEvent{Name: fyne.KeyF1}) })
	check("?", func() { w.typedRune('?') })
	for _, c := range w.cmds {
		if c.shortcut == nil {
			continue
		}
		if label := shortcutLabel(c.shortcut); !strings.Contains(label, "+") {
			t.Errorf("%s: shortcut %q has no modifier, so the editor would swallow it", c.label, label)
		}
	}
}

func TestSidePanelListsAndSelects(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	ctx := context.Background()
	st := env.store()
	id := w.currentDoc()
	a := annotate.Entity{DocumentID: id, Start: 0, End: 7, Label: "PERSON"}
	b := annotate.Entity{DocumentID: id, Start: 26, End: 32, Label: "GPE"}
	for _, e := range []*annotate.Entity{&a, &b} {
		if err := st.CreateEntity(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	q := annotate.Quote{DocumentID: id, Kind: annotate.QuoteIndirect, Content: []annotate.Segment{{Start: 8, End: 17}}, SpeakerID: a.ID}
	if err := st.CreateQuote(ctx, &q); err != nil {
		t.Fatal(err)
	}
	r := annotate.Relation{DocumentID: id, Type: "VISITED", HeadID: a.ID, TailID: b.ID}
	if err := st.CreateRelation(ctx, &r); err != nil {
		t.Fatal(err)
	}
	w.reloadAll()
	w.flush()

	wantRows := []string{"PERSON (1)", a.Text, "GPE (1)", b.Text, "Quotes (1)",
		a.Text + ": " + q.Content[0].Text + " · indirect", "Relations (1)", a.Text + " —VISITED→ " + b.Text}
	if len(w.side.items) != len(wantRows) {
		t.Fatalf("items = %+v", w.side.items)
	}
	for i, want := range wantRows {
		if w.side.items[i].text != want {
			t.Errorf("row %d = %q, want %q", i, w.side.items[i].text, want)
		}
	}

	// Clicking the relation row selects it in the editor; the inspector
	// offers the allowed types and reverses it.
	w.side.list.Select(7)
	if got := w.editor.Selected(); got != (article.Ref{Kind: article.KindRelation, ID: r.ID}) {
		t.Fatalf("editor selection = %+v", got)
	}
	if !strings.Contains(strings.Join(w.side.inspector.relType.Options, ","), "VISITED") {
		t.Errorf("relation types offered: %v", w.side.inspector.relType.Options)
	}
	w.side.inspector.delete.OnTapped()
	w.flush()
	if ann, _ := st.FindAnnotations(ctx, id); len(ann.Relations) != 0 {
		t.Errorf("inspector delete left %d relations", len(ann.Relations))
	}

	// The quote: the inspector changes its kind.
	w.editor.Select(article.Ref{Kind: article.KindQuote, ID: q.ID})
	w.side.inspector.kind.SetSelected(string(annotate.QuoteMixed))
	w.flush()
	if ann, _ := st.FindAnnotations(ctx, id); ann.Quotes[0].Kind != annotate.QuoteMixed {
		t.Errorf("quote kind = %s, want mixed", ann.Quotes[0].Kind)
	}
	// ... its speaker (option 0 is "no speaker", then the entities in order)
	in := w.side.inspector
	if got := in.speaker.Selected; !strings.HasPrefix(got, a.Text+" [PERSON]") {
		t.Errorf("speaker shown = %q", got)
	}
	in.speaker.SetSelectedIndex(2)
	w.flush()
	if ann, _ := st.FindAnnotations(ctx, id); ann.Quotes[0].SpeakerID != b.ID {
		t.Errorf("speaker = %d, want %d", ann.Quotes[0].SpeakerID, b.ID)
	}
	in.speaker.SetSelectedIndex(0)
	w.flush()
	if ann, _ := st.FindAnnotations(ctx, id); ann.Quotes[0].SpeakerID != 0 {
		t.Errorf("speaker not cleared")
	}
	// ... and its note.
	in.note.SetText("check the wire copy")
	in.saveNote.OnTapped()
	w.flush()
	if ann, _ := st.FindAnnotations(ctx, id); ann.Quotes[0].Note != "check the wire copy" {
		t.Errorf("note = %q", ann.Quotes[0].Note)
	}
	if in.note.Text != "check the wire copy" {
		t.Errorf("inspector lost the note after saving: %q", in.note.Text)
	}
	// The palette applies labels to the selected entity.
	w.editor.Select(article.Ref{Kind: article.KindEntity, ID: b.ID})
	w.side.palette.Objects[3].(*paletteEntry).Tapped(&fyne.PointEvent{})
	w.flush()
	if ann, _ := st.FindAnnotations(ctx, id); ann.Entities[1].Label != "LOC" {
		t.Errorf("palette relabel gave %s, want LOC", ann.Entities[1].Label)
	}
}

func TestExportWithNothingToExport(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	out := filepath.Join(t.TempDir(), "done.jsonl")
	w.export(exportRequest{Format: "byline", Statuses: []annotate.Status{annotate.StatusDone}, Out: out})
	w.waitTasks()
	shown := texts(w)
	if w.lastExportErr != nil || strings.Contains(shown, "canceled") || !strings.Contains(shown, "No document matched the filters") {
		t.Errorf("export of nothing: error %v, summary:\n%s", w.lastExportErr, shown)
	}
}

func TestExportErrorIsNotReportedAsCancel(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	folder := t.TempDir() // a folder where a single file is wanted
	w.export(exportRequest{Format: "byline", Out: folder})
	w.waitTasks()
	if w.lastExportErr == nil {
		t.Fatal("export into a folder succeeded")
	}
	if !strings.Contains(w.lastError, "Export: not possible") || strings.Contains(texts(w), "canceled") {
		t.Errorf("error dialog %q, shown:\n%s", w.lastError, texts(w))
	}
}

// buttonIn taps the button with this text in the top dialog.
func tapDialogButton(t *testing.T, w *Window, text string) {
	t.Helper()
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog to press %q in", text)
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no %q button in:\n%s", text, texts(w))
}

// The export never replaces the open database, and replaces a file that is
// not an earlier export only after "Replace?" is confirmed.
func TestExportAsksBeforeReplacing(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	dbPath := w.store.Path()
	dbBefore, _ := os.ReadFile(dbPath)
	w.export(exportRequest{Format: "byline", Out: dbPath, Force: true})
	w.waitTasks()
	if w.lastExportErr == nil || !strings.Contains(texts(w), "open database") {
		t.Fatalf("export onto the database: %v\n%s", w.lastExportErr, texts(w))
	}
	if after, _ := os.ReadFile(dbPath); !bytes.Equal(after, dbBefore) {
		t.Fatal("the database file was changed")
	}

	notes := filepath.Join(t.TempDir(), "notes.jsonl")
	writeFile(t, notes, []byte("my notes\n"))
	for _, answer := range []string{"Cancel", "Replace"} {
		w.export(exportRequest{Format: "byline", Out: notes})
		w.waitTasks()
		if w.lastError != "Replace?" || !strings.Contains(texts(w), "not an earlier Byline export") {
			t.Fatalf("no Replace? question: %q\n%s", w.lastError, texts(w))
		}
		tapDialogButton(t, w, answer)
		w.waitTasks()
		got, _ := os.ReadFile(notes)
		if replaced := !bytes.Equal(got, []byte("my notes\n")); replaced != (answer == "Replace") {
			t.Fatalf("after %s the file holds %q", answer, got)
		}
	}
	if w.lastExportErr != nil || w.lastExport == nil || w.lastExport.Counts.Documents != 4 {
		t.Errorf("the confirmed export: %v", w.lastExportErr)
	}
}

// A damaged database is refused with what is wrong, and the newest backup
// is offered in its place.
func TestOpenDamagedOffersNewestBackup(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	dir := t.TempDir()
	damaged := filepath.Join(dir, "work.db")
	writeFile(t, damaged, []byte(memDamaged))
	older, newer := damaged+".bak-20250101T000000", damaged+".bak-20260101T000000"
	writeFile(t, older, []byte(memMarker))
	writeFile(t, newer, []byte(memMarker))
	past := time.Now().Add(-time.Hour)
	os.Chtimes(older, past, past)
	w.openDatabase(damaged)
	w.flush()
	if shown := texts(w); !strings.Contains(shown, "failed SQLite's integrity check") || !strings.Contains(shown, "Open the backup "+newer) {
		t.Fatalf("dialog:\n%s", shown)
	}
	tapDialogButton(t, w, "Open backup")
	w.flush()
	if w.store == nil || w.store.Path() != newer {
		t.Fatalf("the backup was not opened")
	}
	if b, _ := os.ReadFile(damaged); string(b) != memDamaged {
		t.Error("the damaged file was changed")
	}
}

// The import dialog's duplicates choice: by default a repeated text is
// skipped; chosen "Store it as a copy", it is stored as its own document
// marked copy_of the first.
func TestImportDuplicatesChoice(t *testing.T) {
	env := newTestEnv(t)
	w := env.open()
	path := filepath.Join(t.TempDir(), "again.txt")
	writeFile(t, path, assets.Samples()[0].Data)
	before := len(env.store().documents(t))

	w.showImport()
	w.importPaths([]string{path})
	w.waitTasks()
	if w.lastImport == nil || w.lastImport.Duplicates != 1 || len(env.store().documents(t)) != before {
		t.Fatalf("default choice did not skip the repeated text: %+v", w.lastImport)
	}

	w.duplicatesSel.SetSelected(w.duplicatesSel.Options[1])
	w.importPaths([]string{path})
	w.waitTasks()
	docs := env.store().documents(t)
	if w.lastImport.Duplicates != 0 || w.lastImport.Copies.Len() != 1 || len(docs) != before+1 {
		t.Fatalf("copy choice: %d documents (had %d)\n%s", len(docs), before, w.lastImport)
	}
	if got := string(docs[len(docs)-1].Meta.Extra["copy_of"]); got == "" {
		t.Errorf("the copy is not marked copy_of")
	}
}
