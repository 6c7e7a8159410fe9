package main

import (
	"fmt"
	"io"
	"runtime/debug"

	"byline/annotate"
	"byline/annotate/ingest"
)

// importMemoryLimit is the heap size the import command's collector aims to
// stay under.
const importMemoryLimit = 80 << 20

func cmdImport(args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("import", "import [--db FILE] [flags] PATH...", stderr)
	format := fs.String("format", "", "force a reader instead of detecting the format (e.g. text, html, byline-jsonl, doccano, prodigy, labelstudio, brat)")
	encoding := fs.String("encoding", "", "decode plain-text files from this legacy `encoding` (e.g. windows-1251)")
	strip := fs.Bool("strip-debris", false, "remove page-debris lines (\"Advertisement\", \"Comments (0)\", ...) at import")
	maxMB := fs.Int("max-size", ingest.DefaultMaxRecordSize>>20, "refuse a record (a text file, a web page, a JSONL line or task) with more than this many `MB` of text; files of many records have no limit")
	duplicates := fs.String("duplicates", "skip", "what to do with a record whose text is already stored: skip (name it and leave it out) or new (store it as a separate document, meta \"copy_of\" naming the first)")
	if err := parse(fs, args); err != nil {
		return err
	}
	keepDuplicates, err := ingest.KeepDuplicatesFor(*duplicates)
	if err != nil {
		fmt.Fprintf(stderr, "byline import: %s\n", annotate.ErrorMessage(err))
		fs.Usage()
		return errUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "byline import: name at least one file or folder")
		fs.Usage()
		return errUsage
	}
	store, err := openStore(*db, true)
	if err != nil {
		return err
	}
	defer store.Close()
	ctx, cancel := signalContext()
	defer cancel()
	// A corpus streams through in batches; a soft limit makes the collector
	// keep the heap near what the batches in flight hold, whatever the size
	// of the file.
	debug.SetMemoryLimit(importMemoryLimit)
	im := &ingest.Importer{
		Store:          store,
		Readers:        readers(),
		Format:         *format,
		MaxRecordSize:  int64(*maxMB) << 20,
		KeepDuplicates: keepDuplicates,
		Options:        annotate.ReadOptions{Encoding: *encoding, StripDebris: *strip},
	}
	if bar := newBar(stderr, -1, "importing"); bar != nil {
		im.Progress = func(p ingest.ImportProgress) {
			bar.ChangeMax64(p.BytesTotal)
			bar.Describe(fmt.Sprintf("importing: %d of %d file(s), %d record(s)", p.Files, p.FilesTotal, p.Records))
			_ = bar.Set64(p.Bytes)
		}
		defer bar.Finish()
	}
	sum, err := im.Import(ctx, fs.Args())
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, sum.String())
	if !sum.OK() {
		fmt.Fprintf(stderr, "byline import: %d file(s) failed; nothing of them was stored\n", len(sum.Failed))
		return errPartial
	}
	return nil
}
