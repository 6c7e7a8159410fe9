package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"byline/annotate"

	"github.com/mattn/go-sqlite3"
)

func TestDB_Fail(t *testing.T) {
	db := &DB{path: "/home/ana/byline.db"}
	coded := annotate.Errorf(annotate.EINVALID, "entity [3, 3) is empty")
	tests := []struct {
		name string
		err  error
		code string
		msg  string
	}{
		{"Busy", fmt.Errorf("step: %w", sqlite3.Error{Code: sqlite3.ErrBusy}), annotate.ELOCKED,
			"Could not save the entity: /home/ana/byline.db is busy; another program has been writing to it for more than 10 seconds. Try again in a moment."},
		{"Locked", sqlite3.Error{Code: sqlite3.ErrLocked}, annotate.ELOCKED, "is busy"},
		{"Full", sqlite3.Error{Code: sqlite3.ErrFull}, annotate.EINTERNAL, "Could not save the entity: the disk is full."},
		{"Corrupt", sqlite3.Error{Code: sqlite3.ErrCorrupt}, annotate.EFORMAT, "is damaged"},
		{"Other", errors.New("near \"SELEC\": syntax error"), annotate.EINTERNAL,
			"Could not save the entity: the database reported an internal error."},
		{"CodedPassesThrough", coded, annotate.EINVALID, "entity [3, 3) is empty"},
		{"CanceledPassesThrough", context.Canceled, annotate.EINTERNAL, "context canceled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.fail("save the entity", tt.err)
			if got := annotate.ErrorCode(err); got != tt.code {
				t.Fatalf("code %q, want %q", got, tt.code)
			}
			msg := annotate.ErrorMessage(err)
			if !strings.Contains(msg, tt.msg) {
				t.Fatalf("message %q, want %q", msg, tt.msg)
			}
			if tt.code != annotate.EINTERNAL && strings.Contains(msg, "database is locked") {
				t.Fatalf("raw SQLite text shown: %q", msg)
			}
			if !errors.Is(err, tt.err) {
				t.Fatal("the cause is lost for the log")
			}
		})
	}
	if db.fail("x", nil) != nil {
		t.Fatal("fail(nil) is not nil")
	}
}

// FuzzFTSQuery checks that nothing an analyst types into the search box
// makes the full-text query fail.
func FuzzFTSQuery(f *testing.F) {
	for _, s := range []string{"lavrov", `don't "x`, "a OR b NOT c", `"" ' - *`, "NEAR(a b)", "col:term", "^start", "a AND", "(", "ü*", "-x"} {
		f.Add(s)
	}
	db := mustOpen(f)
	addDoc(f, db, "a", sampleText, annotate.Meta{Title: "Talks"})
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, s string) {
		if _, err := db.FindDocuments(ctx, annotate.DocumentFilter{Search: s, Limit: 5}); err != nil {
			t.Fatalf("search %q (%s): %v", s, ftsQuery(s), err)
		}
	})
}
