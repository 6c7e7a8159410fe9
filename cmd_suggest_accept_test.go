package main

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"testing"

	"byline/annotate"
	"byline/annotate/suggest"
)

// storeDocuments opens the database and lists all its documents.
func storeDocuments(t *testing.T, path string, open func(string, bool) (annotate.Store, error)) (annotate.Store, []int64) {
	t.Helper()
	store, err := open(path, false)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := selectDocuments(context.Background(), store, nil)
	if err != nil {
		store.Close()
		t.Fatal(err)
	}
	return store, ids
}

// acceptOneByOne is how `byline suggest --accept` used to work: every
// suggestion accepted as its own transaction and event. It is the reference
// the batched command must match annotation for annotation.
func acceptOneByOne(t *testing.T, path string, opt suggest.Options) {
	t.Helper()
	ctx := context.Background()
	store, ids := storeDocuments(t, path, openStore)
	defer store.Close()
	schema, _ := store.Schema(ctx)
	names, _ := store.EntityNames(ctx)
	actors, _ := store.Actors(ctx)
	engine := suggest.New(schema, names).WithActors(actors)
	for _, id := range ids {
		doc, _ := store.FindDocumentByID(ctx, id)
		ann, _ := store.FindAnnotations(ctx, id)
		list := engine.Suggest(doc.Text, ann, nil, opt)
		for i := range list {
			_, err := store.AcceptSuggestion(ctx, id, &list[i], annotate.SuggestAnnotator)
			if err != nil && !annotate.SkipsAccept(err) {
				t.Fatal(err)
			}
		}
	}
}

// storedAnnotations describes every document's annotations by span, label
// and annotator (ids and times differ between two databases), and counts
// each document's events.
func storedAnnotations(t *testing.T, path string) (map[string][]string, map[string]int) {
	t.Helper()
	ctx := context.Background()
	store, ids := storeDocuments(t, path, func(p string, _ bool) (annotate.Store, error) { return openForReading(p) })
	defer store.Close()
	marks, events := map[string][]string{}, map[string]int{}
	for _, id := range ids {
		doc, _ := store.FindDocumentByID(ctx, id)
		ann, err := store.FindAnnotations(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		spans := map[int64]string{}
		var list []string
		for _, e := range ann.Entities {
			spans[e.ID] = fmt.Sprintf("%d-%d %s", e.Start, e.End, e.Label)
			list = append(list, fmt.Sprintf("entity %s %q by %s actor %d", spans[e.ID], e.Text, e.Annotator, e.ActorID))
		}
		for _, q := range ann.Quotes {
			list = append(list, fmt.Sprintf("quote %s %v cue %v speaker %s by %s", q.Kind, q.Content, q.Cue, spans[q.SpeakerID], q.Annotator))
		}
		sort.Strings(list)
		marks[doc.ExternalID] = list
		history, err := store.History(ctx, id, 1000)
		if err != nil {
			t.Fatal(err)
		}
		events[doc.ExternalID] = len(history)
	}
	return marks, events
}

// TestCLISuggestAcceptOneEventPerDocument: --accept stores per document one
// event (one undo takes a document's accepted suggestions back) and the very
// annotations that accepting them one at a time stores.
func TestCLISuggestAcceptOneEventPerDocument(t *testing.T) {
	dir := t.TempDir()
	plain := plainTexts(t, dir)
	batched, reference := filepath.Join(dir, "batched.db"), filepath.Join(dir, "reference.db")
	for _, db := range []string{batched, reference} {
		if code, _, errs := byline(t, "import", "--db", db, plain); code != 0 {
			t.Fatalf("import: %s", errs)
		}
	}
	// Quotes first (their speakers become marked names), then everything,
	// so the second round has entity suggestions from the first.
	rounds := []struct {
		flags []string
		opt   suggest.Options
	}{
		{[]string{"--quotes"}, suggest.Options{Quotes: true}},
		{nil, suggest.All},
	}
	for round, r := range rounds {
		args := append([]string{"suggest", "--db", batched, "--accept", "--status", ""}, r.flags...)
		if code, out, errs := byline(t, args...); code != 0 {
			t.Fatalf("round %d: %d %q %s", round+1, code, out, errs)
		}
		acceptOneByOne(t, reference, r.opt)

		got, events := storedAnnotations(t, batched)
		want, oneByOne := storedAnnotations(t, reference)
		var marked, many int
		for id, list := range want {
			if fmt.Sprint(got[id]) != fmt.Sprint(list) {
				t.Errorf("round %d, document %s:\n got %q\nwant %q", round+1, id, got[id], list)
			}
			if len(list) > 0 {
				marked++
			}
			if oneByOne[id] > round+1 {
				many++
			}
			if round == 0 && len(list) > 0 && events[id] != 1 {
				t.Errorf("document %s: %d events for its accepted quotes, want 1", id, events[id])
			}
			if events[id] > round+1 {
				t.Errorf("round %d, document %s: %d events, want at most %d", round+1, id, events[id], round+1)
			}
		}
		if marked == 0 || many == 0 {
			t.Fatalf("round %d: %d documents marked, %d with more than one event one by one: the test proves nothing", round+1, marked, many)
		}
	}
	// The second round marked the first round's names again elsewhere.
	_, events := storedAnnotations(t, batched)
	var twice int
	for _, n := range events {
		if n == 2 {
			twice++
		}
	}
	if twice == 0 {
		t.Error("no document got entity suggestions in the second round")
	}
}
