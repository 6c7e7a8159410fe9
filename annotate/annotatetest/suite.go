package annotatetest

import (
	"context"
	"testing"

	"byline/annotate"
)

// TestStore checks that a store keeps the annotate.Store contract. open
// returns a new, empty store holding Byline's default schema
// (assets/schema.json) and the annotator "tester"; the store is closed by
// the caller's cleanup, if at all.
func TestStore(t *testing.T, open func(t *testing.T) annotate.Store) {
	for _, c := range []struct {
		name string
		run  func(t *testing.T, s annotate.Store)
	}{
		{"Entities", testEntities},
		{"EntityValidation", testEntityValidation},
		{"Quotes", testQuotes},
		{"Relations", testRelations},
		{"DeleteCascades", testDeleteCascades},
		{"UndoRedo", testUndoRedo},
		{"UndoCascade", testUndoCascade},
		{"RedoDiscarded", testRedoDiscarded},
		{"Status", testStatus},
		{"DocumentList", testDocumentList},
		{"Search", testSearch},
		{"Import", testImport},
		{"ImportAllOrNothing", testImportAllOrNothing},
		{"ExportRoundTrip", func(t *testing.T, s annotate.Store) { testExportRoundTrip(t, s, open(t)) }},
		{"SchemaEdits", testSchemaEdits},
		{"StripDebris", testStripDebris},
		{"Stats", testStats},
		{"Actors", testActors},
		{"ActorUndoCreateConflict", testActorUndoCreateConflict},
		{"ActorImport", testActorImport},
		{"ActorImportNamesakes", testActorImportNamesakes},
		{"Suggestions", testSuggestions},
		{"SuggestionActors", testSuggestionActors},
		{"NamesRevision", testNamesRevision},
		{"RejectUndo", testRejectUndo},
		{"CreateEntities", testCreateEntities},
		{"AcceptSuggestions", testAcceptSuggestions},
		{"AcceptRelabelled", testAcceptRelabelled},
		{"AcceptRelabelledActor", testAcceptRelabelledActor},
	} {
		t.Run(c.name, func(t *testing.T) { c.run(t, open(t)) })
	}
}

const sampleText = "Sergey Lavrov met Hakan Fidan in Ankara.\n\n\"We agreed on a ceasefire,\" Lavrov said.\n"

// Offsets of sampleText's names, in code points.
var (
	spanLavrov = [2]int{0, 13}
	spanFidan  = [2]int{18, 29}
	spanAnkara = [2]int{33, 39}
	spanQuote  = [2]int{42, 69}
	spanCue    = [2]int{77, 81}
)

var bg = context.Background()

// importText imports one plain document and returns its id.
func importText(t *testing.T, s annotate.Store, id, text string, meta annotate.Meta) int64 {
	t.Helper()
	rec := &annotate.Record{ID: id, Text: text, Meta: meta}
	outs, err := s.ImportRecords(bg, []*annotate.Record{rec}, annotate.ImportOptions{})
	if err != nil {
		t.Fatalf("import %s: %v", id, err)
	}
	if len(outs) != 1 || outs[0].Duplicate || outs[0].DocumentID == 0 {
		t.Fatalf("import %s: outcomes %+v", id, outs)
	}
	return outs[0].DocumentID
}

func entity(t *testing.T, s annotate.Store, doc int64, span [2]int, label string) annotate.Entity {
	t.Helper()
	e := annotate.Entity{DocumentID: doc, Start: span[0], End: span[1], Label: label}
	if err := s.CreateEntity(bg, &e); err != nil {
		t.Fatalf("create %s %v: %v", label, span, err)
	}
	return e
}

func relation(t *testing.T, s annotate.Store, doc int64, typ string, head, tail int64) annotate.Relation {
	t.Helper()
	r := annotate.Relation{DocumentID: doc, Type: typ, HeadID: head, TailID: tail}
	if err := s.CreateRelation(bg, &r); err != nil {
		t.Fatalf("create %s: %v", typ, err)
	}
	return r
}

func quote(t *testing.T, s annotate.Store, doc, speaker int64) annotate.Quote {
	t.Helper()
	q := annotate.Quote{DocumentID: doc, Content: []annotate.Segment{{Start: spanQuote[0], End: spanQuote[1]}},
		Cue: &annotate.Segment{Start: spanCue[0], End: spanCue[1]}, SpeakerID: speaker}
	if err := s.CreateQuote(bg, &q); err != nil {
		t.Fatalf("create quote: %v", err)
	}
	return q
}

func annotations(t *testing.T, s annotate.Store, doc int64) *annotate.Annotations {
	t.Helper()
	a, err := s.FindAnnotations(bg, doc)
	if err != nil {
		t.Fatalf("find annotations: %v", err)
	}
	return a
}

// wantCode fails unless err carries code.
func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := annotate.ErrorCode(err); got != code {
		t.Errorf("%s: error %v (code %q), want code %q", what, err, got, code)
	}
}

// counts returns the numbers of entities, quotes and relations.
func counts(a *annotate.Annotations) [3]int {
	return [3]int{len(a.Entities), len(a.Quotes), len(a.Relations)}
}

func ptr[T any](v T) *T { return &v }
