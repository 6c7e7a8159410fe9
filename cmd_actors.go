package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"byline/annotate"
)

// actorJSON is one actor as `byline actors --json` prints it.
type actorJSON struct {
	ID       int64    `json:"id"`
	Name     string   `json:"name"`
	Label    string   `json:"label"`
	Aliases  []string `json:"aliases"`
	KBID     string   `json:"kb_id,omitempty"`
	Note     string   `json:"note,omitempty"`
	Mentions int      `json:"mentions"`
	Quotes   int      `json:"quotes"`
}

func cmdActors(args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("actors", "actors [--db FILE] [--json]", stderr)
	asJSON := fs.Bool("json", false, "print the actors as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	store, err := openForReading(*db)
	if err != nil {
		return err
	}
	defer store.Close()
	list, err := store.Actors(context.Background())
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]actorJSON, len(list))
		for i, a := range list {
			out[i] = actorJSON{a.ID, a.Name, a.Label, a.Aliases, a.KBID, a.Note, a.Mentions, a.Quotes}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	if len(list) == 0 {
		fmt.Fprintln(stdout, "No actors yet: link a mention to an actor with L in the window.")
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tLABEL\tMENTIONS\tQUOTES\tEXTERNAL ID\tALIASES")
	for _, a := range list {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%d\t%s\t%s\n", a.ID, a.Name, a.Label, a.Mentions, a.Quotes, a.KBID,
			strings.Join(a.Aliases, "; "))
	}
	return tw.Flush()
}

// findActor resolves --actor: a numeric id, else a name or alias compared
// accent- and case-insensitively. Several matches or none are errors that
// name the candidates.
func findActor(ctx context.Context, store annotate.Store, arg string) (int64, error) {
	list, err := store.Actors(ctx)
	if err != nil {
		return 0, err
	}
	want := annotate.FoldName(arg)
	var hits []annotate.ActorSummary
	for _, a := range list {
		if fmt.Sprint(a.ID) == strings.TrimSpace(arg) {
			return a.ID, nil
		}
		for _, n := range a.Names() {
			if annotate.FoldName(n) == want {
				hits = append(hits, a)
				break
			}
		}
	}
	describe := func(as []annotate.ActorSummary) string {
		var parts []string
		for _, a := range as {
			parts = append(parts, fmt.Sprintf("%d %s (%s)", a.ID, a.Name, a.Label))
		}
		return strings.Join(parts, ", ")
	}
	switch len(hits) {
	case 1:
		return hits[0].ID, nil
	case 0:
		var near []annotate.ActorSummary
		for _, m := range annotate.NewActorIndex(list).Filter(arg, 5) {
			near = append(near, *m.Actor)
		}
		if len(near) == 0 {
			return 0, annotate.Errorf(annotate.ENOTFOUND, "no actor is called %q (byline actors lists them)", arg)
		}
		return 0, annotate.Errorf(annotate.ENOTFOUND, "no actor is called %q; did you mean: %s?", arg, describe(near))
	}
	return 0, annotate.Errorf(annotate.EINVALID, "%q names %d actors: %s; give the id", arg, len(hits), describe(hits))
}
