package storage

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"byline/annotate"
)

// A -wal deleted while a program has the database open is reported as
// that, by every kind of open, and closing that program saves the changes.
func TestOpen_WALDeletedWhileOpen(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "work.db")
	bylineDB(t, path, 2)
	holder, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	addDoc(t, holder, "latest", "The latest article, saved in the WAL.", annotate.Meta{})
	if err := os.Remove(path + "-wal"); err != nil {
		t.Fatal(err)
	}
	for _, opt := range []Options{{ReadOnly: true}, {QuickCheck: true}, {Create: true}} {
		db, err := Open(path, opt)
		if err == nil {
			db.Close()
			t.Fatalf("%+v: opened", opt)
		}
		wantCode(t, err, annotate.EDAMAGED)
		if msg := annotate.ErrorMessage(err); !strings.Contains(msg, "its -wal file, which holds the latest") || !strings.Contains(msg, "Close every program") {
			t.Errorf("message %q", msg)
		}
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("a refused open made a new -wal")
	}
	holder.Close()
	db, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n, err := db.CountDocuments(context.Background(), annotate.DocumentFilter{}); err != nil || n != 3 {
		t.Errorf("%d documents after the holder closed, %v", n, err)
	}
}
