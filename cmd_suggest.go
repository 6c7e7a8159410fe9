package main

import (
	"context"
	"fmt"
	"io"

	"byline/annotate"
	"byline/annotate/suggest"
)

func cmdSuggest(args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("suggest", "suggest [--db FILE] [--quotes] [--entities] [--status todo,in_progress] [--accept]", stderr)
	quotes := fs.Bool("quotes", false, "suggest quotes with their cues and speakers (without --quotes or --entities: both)")
	entities := fs.Bool("entities", false, "suggest the names marked elsewhere in the corpus and the schema's gazetteers")
	status := fs.String("status", "todo,in_progress", "only documents with these `statuses` (comma-separated: todo, in_progress, done, skipped; empty: all)")
	accept := fs.Bool("accept", false, "store the suggestions as annotations by "+annotate.SuggestAnnotator+" instead of keeping them for review")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, "byline suggest: no arguments are taken")
		fs.Usage()
		return errUsage
	}
	opt := suggest.Options{Quotes: *quotes, Entities: *entities}
	if !*quotes && !*entities {
		opt = suggest.All
	}
	statuses, err := parseStatuses(*status)
	if err != nil {
		return err
	}
	store, err := openStore(*db, false)
	if err != nil {
		return err
	}
	defer store.Close()
	ctx, cancel := signalContext()
	defer cancel()
	ids, err := selectDocuments(ctx, store, statuses)
	if err != nil {
		return err
	}
	schema, err := store.Schema(ctx)
	if err != nil {
		return err
	}
	names, err := store.EntityNames(ctx)
	if err != nil {
		return err
	}
	actors, err := store.Actors(ctx)
	if err != nil {
		return err
	}
	engine := suggest.New(schema, names).WithActors(actors)
	bar := newBar(stderr, len(ids), "suggesting")
	var tally suggestTally
	for i, id := range ids {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := suggestDocument(ctx, store, engine, id, opt, *accept, &tally); err != nil {
			return err
		}
		if bar != nil {
			_ = bar.Set(i + 1)
		}
	}
	if bar != nil {
		_ = bar.Finish()
	}
	what := "stored for review"
	if *accept {
		what = "accepted as " + annotate.SuggestAnnotator
	}
	if tally.links > 0 {
		fmt.Fprintf(stdout, "%d documents: %d quote, %d entity and %d actor link suggestions %s", len(ids), tally.quotes, tally.entities, tally.links, what)
	} else {
		fmt.Fprintf(stdout, "%d documents: %d quote and %d entity suggestions %s", len(ids), tally.quotes, tally.entities, what)
	}
	if tally.skipped > 0 {
		fmt.Fprintf(stdout, " (%d skipped: already marked by an earlier suggestion)", tally.skipped)
	}
	fmt.Fprintln(stdout)
	return nil
}

type suggestTally struct{ quotes, entities, links, skipped int }

// suggestDocument computes one document's suggestions (leaving out what its
// analysts rejected) and stores them for review, or accepts them all as
// one undoable action.
func suggestDocument(ctx context.Context, store annotate.Store, engine *suggest.Engine, id int64, opt suggest.Options, accept bool, tally *suggestTally) error {
	doc, err := store.FindDocumentByID(ctx, id)
	if err != nil {
		return err
	}
	ann, err := store.FindAnnotations(ctx, id)
	if err != nil {
		return err
	}
	rejected, err := store.Rejections(ctx, id)
	if err != nil {
		return err
	}
	// Ctrl+C ends a long document's run at once, not after it.
	list, ok := engine.SuggestUntil(func() bool { return ctx.Err() != nil }, doc.Text, ann, rejected, opt)
	if !ok {
		return ctx.Err()
	}
	if !accept {
		for _, s := range list {
			tally.count(s)
		}
		return store.SaveSuggestions(ctx, id, list)
	}
	if len(list) == 0 {
		return nil
	}
	// One transaction and one undoable event per document: a corpus run
	// stays fast, and one undo in the window takes the document's back.
	got, err := store.AcceptSuggestions(ctx, id, list, annotate.SuggestAnnotator)
	if err != nil {
		return fmt.Errorf("document %s: %w", doc.ExternalID, err)
	}
	tally.countAccepted(list, got)
	return nil
}

// countAccepted tallies what AcceptSuggestions stored from list; the rest
// were passed over (e.g. a name that a quote's new speaker span just marked).
func (t *suggestTally) countAccepted(list []annotate.Suggestion, got []annotate.Accepted) {
	linked := map[int64]bool{} // the existing mentions that link suggestions name
	for _, s := range list {
		if s.Link != nil {
			linked[s.Link.EntityID] = true
		}
	}
	for _, a := range got {
		switch {
		case a.Quote != nil:
			t.quotes++
		case a.Entity != nil && linked[a.Entity.ID]:
			t.links++
		default:
			t.entities++
		}
	}
	t.skipped += len(list) - len(got)
}

func (t *suggestTally) count(s annotate.Suggestion) {
	switch s.Kind {
	case annotate.SuggestQuote:
		t.quotes++
	case annotate.SuggestLink:
		t.links++
	default:
		t.entities++
	}
}

// selectDocuments returns the ids of the documents with the given statuses
// (all when none), in import order.
func selectDocuments(ctx context.Context, store annotate.Store, statuses []annotate.Status) ([]int64, error) {
	filters := []annotate.DocumentFilter{{}}
	if len(statuses) > 0 {
		filters = filters[:0]
		for i := range statuses {
			filters = append(filters, annotate.DocumentFilter{Status: &statuses[i]})
		}
	}
	var ids []int64
	for _, f := range filters {
		const page = 1000
		for f.Offset = 0; ; f.Offset += page {
			f.Limit = page
			list, err := store.FindDocuments(ctx, f)
			if err != nil {
				return nil, err
			}
			for _, d := range list {
				ids = append(ids, d.ID)
			}
			if len(list) < page {
				break
			}
		}
	}
	return ids, nil
}

// parseStatuses reads a comma-separated list of document statuses.
func parseStatuses(list string) ([]annotate.Status, error) {
	var statuses []annotate.Status
	for _, s := range splitList(list) {
		st := annotate.Status(s)
		if !st.Valid() {
			return nil, annotate.Errorf(annotate.EINVALID, "unknown status %q (use todo, in_progress, done or skipped)", s)
		}
		statuses = append(statuses, st)
	}
	return statuses, nil
}
