package storage

import (
	"context"
	"encoding/json"
	"testing"

	"byline/annotate"
)

// fixture is a document with two people, a place, a relation and a quote.
type fixture struct {
	doc                      int64
	lavrov, blinken, geneva  *annotate.Entity
	metWith                  *annotate.Relation
	quote                    *annotate.Quote
	quoteStart, quoteEnd     int
	cueStart, cueEnd         int
	continueStart, continueE int
}

func newFixture(t *testing.T, db *DB, debris []annotate.Range) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{}
	text := sampleText
	if debris != nil {
		text = "Home | World | Sport\n" + sampleText + "\nShare this article\n"
	}
	rec := &annotate.Record{ID: "talks", Text: text, Debris: debris}
	outs, err := db.ImportRecords(ctx, []*annotate.Record{rec}, annotate.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f.doc = outs[0].DocumentID
	f.quoteStart, f.quoteEnd = span(t, sampleText, `"We talked for an hour,"`)
	f.cueStart, f.cueEnd = span(t, sampleText, "told")
	f.continueStart, f.continueE = span(t, sampleText, "talks would continue")
	if debris != nil {
		return f // a document with debris must stay unannotated
	}
	f.lavrov = mustEntity(t, db, f.doc, sampleText, "Sergei Lavrov", "PERSON")
	f.blinken = mustEntity(t, db, f.doc, sampleText, "Antony Blinken", "PERSON")
	f.geneva = mustEntity(t, db, f.doc, sampleText, "Geneva", "GPE")
	f.metWith = &annotate.Relation{DocumentID: f.doc, Type: "MET_WITH", HeadID: f.lavrov.ID, TailID: f.blinken.ID}
	if err := db.CreateRelation(ctx, f.metWith); err != nil {
		t.Fatal(err)
	}
	f.quote = &annotate.Quote{DocumentID: f.doc, Content: []annotate.Segment{{Start: f.quoteStart, End: f.quoteEnd}}, SpeakerID: f.lavrov.ID}
	if err := db.CreateQuote(ctx, f.quote); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestDB_UndoRedo(t *testing.T) {
	ctx := context.Background()
	org, note, supports := "ORG", "double-check", "SUPPORTS"
	indirect := annotate.QuoteIndirect
	tests := []struct {
		name   string
		debris []annotate.Range
		action string
		do     func(db *DB, f *fixture) error
	}{
		{"CreateEntity", nil, "create_entity", func(db *DB, f *fixture) error {
			s, e := span(t, sampleText, "Russian")
			return db.CreateEntity(ctx, &annotate.Entity{DocumentID: f.doc, Start: s, End: e, Label: "NORP"})
		}},
		{"UpdateEntity", nil, "update_entity", func(db *DB, f *fixture) error {
			_, err := db.UpdateEntity(ctx, f.blinken.ID, annotate.EntityUpdate{Label: &org, Note: &note})
			return err
		}},
		{"DeleteEntity", nil, "delete_entity", func(db *DB, f *fixture) error {
			_, err := db.DeleteEntity(ctx, f.lavrov.ID)
			return err
		}},
		{"CreateQuote", nil, "create_quote", func(db *DB, f *fixture) error {
			return db.CreateQuote(ctx, &annotate.Quote{DocumentID: f.doc, Content: []annotate.Segment{{Start: f.continueStart, End: f.continueE}}})
		}},
		{"UpdateQuote", nil, "update_quote", func(db *DB, f *fixture) error {
			_, err := db.UpdateQuote(ctx, f.quote.ID, annotate.QuoteUpdate{Kind: &indirect, ClearSpeaker: true,
				Cue: &annotate.Segment{Start: f.cueStart, End: f.cueEnd}, Content: []annotate.Segment{{Start: f.quoteStart + 1, End: f.quoteEnd - 2}}})
			return err
		}},
		{"DeleteQuote", nil, "delete_quote", func(db *DB, f *fixture) error { return db.DeleteQuote(ctx, f.quote.ID) }},
		{"CreateRelation", nil, "create_relation", func(db *DB, f *fixture) error {
			return db.CreateRelation(ctx, &annotate.Relation{DocumentID: f.doc, Type: "VISITED", HeadID: f.blinken.ID, TailID: f.geneva.ID})
		}},
		{"UpdateRelation", nil, "update_relation", func(db *DB, f *fixture) error {
			_, err := db.UpdateRelation(ctx, f.metWith.ID, annotate.RelationUpdate{Type: &supports, Reverse: true, Note: &note})
			return err
		}},
		{"DeleteRelation", nil, "delete_relation", func(db *DB, f *fixture) error { return db.DeleteRelation(ctx, f.metWith.ID) }},
		{"SetStatus", nil, "set_status", func(db *DB, f *fixture) error { return db.SetStatus(ctx, f.doc, annotate.StatusDone) }},
		{"StripDebris", []annotate.Range{{Start: 0, End: 4}, {Start: 2, End: 20}, {Start: 179, End: 190}}, "strip_debris", func(db *DB, f *fixture) error {
			return db.StripDebris(ctx, f.doc)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := mustOpen(t)
			f := newFixture(t, db, tt.debris)
			before := state(t, db, f.doc)
			if err := tt.do(db, f); err != nil {
				t.Fatal(err)
			}
			after := state(t, db, f.doc)
			if after == before {
				t.Fatal("the action changed nothing")
			}
			hist, err := db.History(ctx, f.doc, 1)
			if err != nil || len(hist) != 1 || hist[0].Action != tt.action || hist[0].Annotator != "ana" || hist[0].Summary == "" {
				t.Fatalf("latest event %+v, %v; want action %s", hist, err, tt.action)
			}
			if !json.Valid(hist[0].Before) || !json.Valid(hist[0].After) {
				t.Fatalf("event JSON: %s / %s", hist[0].Before, hist[0].After)
			}

			ev, err := db.Undo(ctx, f.doc)
			if err != nil || ev == nil || ev.Action != tt.action || !ev.Undone {
				t.Fatalf("undo: %+v, %v", ev, err)
			}
			if got := state(t, db, f.doc); got != before {
				t.Fatalf("after undo:\n%s\nwant:\n%s", got, before)
			}
			if _, err := db.Redo(ctx, f.doc); err != nil {
				t.Fatal(err)
			}
			if got := state(t, db, f.doc); got != after {
				t.Fatalf("after redo:\n%s\nwant:\n%s", got, after)
			}

			// The history lives in the file: undo and redo survive a restart.
			db = reopen(t, db)
			if _, err := db.Undo(ctx, f.doc); err != nil {
				t.Fatal(err)
			}
			if got := state(t, db, f.doc); got != before {
				t.Fatalf("undo after reopening:\n%s\nwant:\n%s", got, before)
			}
			db = reopen(t, db)
			if _, err := db.Redo(ctx, f.doc); err != nil {
				t.Fatal(err)
			}
			if got := state(t, db, f.doc); got != after {
				t.Fatalf("redo after reopening:\n%s\nwant:\n%s", got, after)
			}
			if ev, err := db.Redo(ctx, f.doc); ev != nil || err != nil {
				t.Fatalf("redo with nothing to redo: %+v, %v", ev, err)
			}
		})
	}
}

func TestDB_UndoStack(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	f := newFixture(t, db, nil)
	s0 := state(t, db, f.doc)
	dateStart, dateEnd := span(t, sampleText, "Friday")
	if err := db.CreateEntity(ctx, &annotate.Entity{DocumentID: f.doc, Start: dateStart, End: dateEnd, Label: "DATE"}); err != nil {
		t.Fatal(err)
	}
	s1 := state(t, db, f.doc)
	if err := db.SetStatus(ctx, f.doc, annotate.StatusInProgress); err != nil {
		t.Fatal(err)
	}
	s2 := state(t, db, f.doc)
	steps := []struct {
		undo bool
		want string
	}{{true, s1}, {true, s0}, {false, s1}, {false, s2}, {true, s1}}
	for i, st := range steps {
		var err error
		if st.undo {
			_, err = db.Undo(ctx, f.doc)
		} else {
			_, err = db.Redo(ctx, f.doc)
		}
		if err != nil {
			t.Fatal(err)
		}
		if got := state(t, db, f.doc); got != st.want {
			t.Fatalf("step %d:\n%s\nwant:\n%s", i, got, st.want)
		}
	}
	// A new action after an undo discards the redo branch.
	if _, err := db.DeleteEntity(ctx, f.geneva.ID); err != nil {
		t.Fatal(err)
	}
	if ev, err := db.Redo(ctx, f.doc); ev != nil || err != nil {
		t.Fatalf("redo after a new action: %+v, %v", ev, err)
	}
	// Undo still walks back through the older actions.
	for range 2 {
		if _, err := db.Undo(ctx, f.doc); err != nil {
			t.Fatal(err)
		}
	}
	if got := state(t, db, f.doc); got != s0 {
		t.Fatalf("after undoing to the start:\n%s\nwant:\n%s", got, s0)
	}
}

func TestDB_UndoStopsAtSchemaChanges(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		change func(db *DB) error
		undo   bool // whether undo still reaches the actions before
	}{
		{"RenameLabel", func(db *DB) error { return db.RenameLabel(ctx, "PERSON", "PER") }, false},
		{"RenameRelationType", func(db *DB) error { return db.RenameRelationType(ctx, "MET_WITH", "MET") }, false},
		{"DeleteLabel", func(db *DB) error { _, err := db.DeleteLabel(ctx, "DATE"); return err }, false},
		{"SaveSchemaRemovingALabel", func(db *DB) error {
			s, _ := db.Schema(ctx)
			s.DropLabel("TITLE") // unused
			return db.SaveSchema(ctx, s)
		}, false},
		{"SaveSchemaAddingALabel", func(db *DB) error {
			s, _ := db.Schema(ctx)
			s.Entities = append(s.Entities, annotate.EntityLabel{Name: "WEAPON", Color: "#000000"})
			return db.SaveSchema(ctx, s)
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := mustOpen(t)
			f := newFixture(t, db, nil)
			if err := tt.change(db); err != nil {
				t.Fatal(err)
			}
			ev, err := db.Undo(ctx, f.doc)
			if err != nil || (ev != nil) != tt.undo {
				t.Fatalf("undo after the change: %+v, %v", ev, err)
			}
		})
	}
}

// TestNamesRevisionOtherConnection: a window reading the revision sees an
// undo and a redo made through another connection to the file, as another
// process would make them.
func TestNamesRevisionOtherConnection(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	doc := addDoc(t, db, "a", sampleText, annotate.Meta{})
	mustEntity(t, db, doc, sampleText, "Sergei Lavrov", "PERSON")
	other, err := Open(db.Path(), Options{Annotator: "bo", Now: testClock()})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	last, err := db.NamesRevision(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, undo := range []bool{true, false} {
		step := other.Redo
		if undo {
			step = other.Undo
		}
		if ev, err := step(ctx, doc); err != nil || ev == nil {
			t.Fatalf("undo %v in the other connection: %+v, %v", undo, ev, err)
		}
		names, err := db.EntityNames(ctx)
		if err != nil {
			t.Fatal(err)
		}
		rev, err := db.NamesRevision(ctx)
		if err != nil || rev <= last {
			t.Errorf("undo %v elsewhere (names now %v): revision %d after %d (%v), want it moved", undo, names, rev, last, err)
		}
		last = rev
	}
}
