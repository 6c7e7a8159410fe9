package main

import (
	"fmt"
	"io"
	"strings"

	"byline/annotate"
	"byline/annotate/formats"
)

func cmdExport(args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("export", "export [--db FILE] --format FORMAT --out PATH [flags]", stderr)
	format := fs.String("format", "byline", "output `format`: "+strings.Join(formats.Names(), ", "))
	out := fs.String("out", "", "output `path`: a file, or a folder for brat and for split exports")
	status := fs.String("status", "", "export only documents with these `statuses` (comma-separated: todo, in_progress, done, skipped)")
	annotators := fs.String("annotator", "", "keep only annotations by these `names` (comma-separated)")
	labels := fs.String("label", "", "keep only entities with these `labels` (comma-separated)")
	split := fs.String("split", "", "split by document into train/dev/test, e.g. `80/10/10`")
	seed := fs.Int64("seed", 1, "`seed` of the deterministic split")
	offsets := fs.String("offsets", "", "offset `unit` where the format allows a choice: codepoint (default) or utf16 (doccano)")
	force := fs.Bool("force", false, "replace an existing file at --out that is not an earlier Byline export (never the database itself)")
	shape := fs.String("doccano-shape", "", "doccano line `shape`: relations (entities and relations objects, default) or label ([start, end, label] triples)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "byline export: --out is required and no other arguments are taken")
		fs.Usage()
		return errUsage
	}
	statuses, err := parseStatuses(*status)
	if err != nil {
		return err
	}
	store, err := openForReading(*db)
	if err != nil {
		return err
	}
	defer store.Close()
	ctx, cancel := signalContext()
	defer cancel()
	opt := formats.Options{
		Format: *format, Out: *out, Statuses: statuses,
		Annotators: splitList(*annotators), Labels: splitList(*labels),
		Split: *split, Seed: *seed, Offsets: *offsets, DoccanoShape: *shape, Version: version,
		Protect: []string{store.Path()}, Force: *force,
	}
	if n, err := store.CountDocuments(ctx, annotate.DocumentFilter{}); err == nil {
		if bar := newBar(stderr, n, "exporting"); bar != nil {
			opt.Progress = func(done int) { _ = bar.Set(done) }
			defer bar.Finish()
		}
	}
	m, err := formats.Export(ctx, store, opt)
	if err != nil && ctx.Err() != nil {
		return annotate.Errorf(annotate.EINVALID, "the export was interrupted; nothing was written to %s", *out)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, m.Summary(*out))
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
