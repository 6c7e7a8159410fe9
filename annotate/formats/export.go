package formats

import (
	"context"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"

	"byline/annotate"
)

// Source is what an export reads: annotate.Store satisfies it.
type Source interface {
	ExportRecords(ctx context.Context, f annotate.ExportFilter, fn func(*annotate.Record) error) error
	Schema(ctx context.Context) (*annotate.Schema, error)
}

// Options steer Export.
type Options struct {
	Format     string            // one of Names()
	Out        string            // output file, or folder (brat, and any export with a split)
	Statuses   []annotate.Status // filter; empty = all
	Annotators []string          // keep only annotations by these annotators; empty = all
	Labels     []string          // keep only entities with these labels (and what depends on them)
	Split      string            // "" or e.g. "80/10/10": by document, deterministic with Seed,
	Seed       int64             //   stable when documents are added (hash of seed+document id)
	Offsets    string            // "" = code points; "utf16" for doccano's default projects
	Progress   func(docs int)    // called as documents are written
	Version    string            // Byline version for the manifest
	// DoccanoShape picks the doccano line shape: "" or "relations" writes
	// entities and relations objects; "label" writes [start, end, label]
	// triples (doccano's sequence-labeling projects without relations).
	DoccanoShape string
	// Protect lists databases an export must never replace, nor their
	// -wal, -shm, -journal and .bak-* files: the open database.
	Protect []string
	// Force replaces an existing file that is not an earlier Byline export
	// (never a protected database, a device, or a foreign folder).
	Force bool
}

// progressEvery spaces Progress calls so a GUI is not flooded.
const progressEvery = 100

// docWriter is one format's encoder. doc is called for every document of a
// part, between begin and end; finish runs once at the end, with the root of
// the export (a folder, or "" for a single file).
type docWriter interface {
	begin(p *part) error
	doc(p *part, d *docView) error
	end(p *part) error
	finish(root string) error
}

// formatSpec describes one export format.
type formatSpec struct {
	name    string
	version string
	ext     string // file extension of a part, with the dot
	folder  bool   // the export is always a folder (brat)
	writer  func(e *exportRun) (docWriter, error)
}

var specs = []*formatSpec{
	{name: "byline", version: strconv.Itoa(annotate.FormatVersion), ext: ".jsonl", writer: newNativeWriter},
	{name: "prodigy", version: "prodigy-task-jsonl-1", ext: ".jsonl", writer: newProdigyWriter},
	{name: "doccano", version: "doccano-jsonl-1", ext: ".jsonl", writer: newDoccanoWriter},
	{name: "labelstudio", version: "labelstudio-json-1", ext: ".json", writer: newLabelStudioWriter},
	{name: "brat", version: "brat-standoff-1", folder: true, writer: newBratWriter},
	{name: "conll", version: "conll2003-iob2-1", ext: ".conll", writer: newCoNLLWriter},
	{name: "hf", version: "hf-token-classification-jsonl-1", ext: ".jsonl", writer: newHFWriter},
}

// Names lists the export formats.
func Names() []string {
	out := make([]string, len(specs))
	for i, s := range specs {
		out[i] = s.name
	}
	return out
}

func lookup(name string) *formatSpec {
	for _, s := range specs {
		if s.name == name {
			return s
		}
	}
	return nil
}

// exportRun is the state of one Export call that the writers share.
type exportRun struct {
	opt    Options
	schema *annotate.Schema
	m      *manifestBuilder
	utf16  bool
}

// Export writes the records of src selected by opt in opt.Format and returns
// the manifest it wrote. Files are written under temporary names and renamed
// at the end, so a failed or canceled export leaves nothing under opt.Out.
func Export(ctx context.Context, src Source, opt Options) (_ *Manifest, err error) {
	defer func() { err = diskFull(err, opt.Out) }()
	spec := lookup(opt.Format)
	if spec == nil {
		return nil, annotate.Errorf(annotate.EINVALID, "unknown export format %q (known: %s)", opt.Format, strings.Join(Names(), ", "))
	}
	if opt.Out == "" {
		return nil, annotate.Errorf(annotate.EINVALID, "no output path given")
	}
	run := &exportRun{opt: opt}
	switch opt.Offsets {
	case "", "codepoint":
	case "utf16":
		if spec.name != "doccano" {
			return nil, annotate.Errorf(annotate.EINVALID, "--offsets utf16 is only for doccano; %s counts code points", spec.name)
		}
		run.utf16 = true
	default:
		return nil, annotate.Errorf(annotate.EINVALID, "offsets %q must be codepoint or utf16", opt.Offsets)
	}
	split, err := parseSplit(opt.Split)
	if err != nil {
		return nil, err
	}
	for _, s := range opt.Statuses {
		if !s.Valid() {
			return nil, annotate.Errorf(annotate.EINVALID, "status %q is not one of todo, in_progress, done, skipped", s)
		}
	}
	schema, err := src.Schema(ctx)
	if err != nil {
		return nil, fmt.Errorf("export: read schema: %w", err)
	}
	run.schema = schema
	run.m = newManifestBuilder(spec, opt, schema)
	if run.utf16 {
		run.m.m.OffsetUnit = "utf16"
	}
	if split != nil {
		run.m.m.Split = &ManifestSplit{Spec: opt.Split, Seed: opt.Seed, Parts: split.names,
			Rule: "by document: FNV-1a 64 of \"<seed>:<document id>\" modulo 100 against the cumulative percentages"}
	}
	w, err := spec.writer(run)
	if err != nil {
		return nil, err
	}
	out, err := openOutput(spec, opt, split)
	if err != nil {
		return nil, err
	}
	defer out.abort()
	for _, p := range out.parts {
		if err := w.begin(p); err != nil {
			return nil, err
		}
	}
	statuses := map[annotate.Status]bool{}
	for _, s := range opt.Statuses {
		statuses[s] = true
	}
	filt := newFilter(opt)
	docs := 0
	err = src.ExportRecords(ctx, annotate.ExportFilter{Statuses: opt.Statuses}, func(rec *annotate.Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if len(statuses) > 0 && !statuses[rec.Status] {
			return nil
		}
		p := out.parts[split.pick(opt.Seed, rec.ID)]
		d := filt.view(rec, run.m)
		run.m.document(rec.Text)
		if err := w.doc(p, d); err != nil {
			return err
		}
		p.docs++
		docs++
		if opt.Progress != nil && docs%progressEvery == 0 {
			opt.Progress(docs)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, p := range out.parts {
		if err := w.end(p); err != nil {
			return nil, err
		}
	}
	if err := w.finish(out.root()); err != nil {
		return nil, err
	}
	m := run.m.finish(schema, opt)
	m.Warnings = append(m.Warnings, unknownLabels(opt.Labels, m.Labels.Entities, schema)...)
	for _, p := range out.parts {
		m.Files = append(m.Files, ManifestFile{Path: p.rel, Split: p.name, Documents: p.docs})
	}
	if err := out.commit(m); err != nil {
		return nil, err
	}
	if out.leftover != "" {
		m.Warnings = append(m.Warnings, fmt.Sprintf("the export is complete, but the earlier export set aside as %s could not be removed (%v); delete it by hand",
			out.leftover, pathErr(out.leftoverErr)))
	}
	if opt.Progress != nil {
		opt.Progress(docs)
	}
	return m, nil
}

// splitSpec is a parsed --split.
type splitSpec struct {
	names []string
	cum   []int // cumulative percentages
}

func parseSplit(s string) (*splitSpec, error) {
	if s == "" {
		return nil, nil
	}
	fields := strings.Split(s, "/")
	var names []string
	switch len(fields) {
	case 2:
		names = []string{"train", "test"}
	case 3:
		names = []string{"train", "dev", "test"}
	default:
		return nil, annotate.Errorf(annotate.EINVALID, "split %q must have two or three parts, e.g. 80/10/10", s)
	}
	sp := &splitSpec{names: names}
	sum := 0
	for _, f := range fields {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 0 {
			return nil, annotate.Errorf(annotate.EINVALID, "split %q: %q is not a percentage", s, f)
		}
		sum += n
		sp.cum = append(sp.cum, sum)
	}
	if sum != 100 {
		return nil, annotate.Errorf(annotate.EINVALID, "split %q must add up to 100, not %d", s, sum)
	}
	return sp, nil
}

// pick returns the index of the part a document goes to. It depends only on
// the seed and the document's id, so adding documents never moves others.
func (sp *splitSpec) pick(seed int64, id string) int {
	if sp == nil {
		return 0
	}
	h := fnv.New64a()
	h.Write([]byte(strconv.FormatInt(seed, 10)))
	h.Write([]byte{':'})
	h.Write([]byte(id))
	v := int(h.Sum64() % 100)
	for i, c := range sp.cum {
		if v < c {
			return i
		}
	}
	return len(sp.cum) - 1
}

// part is one output file (or, for brat, one folder of document files).
type part struct {
	name string       // split name, "" without a split
	rel  string       // path relative to the export root (the manifest's folder)
	path string       // where it is being written (temporary)
	w    *asyncWriter // nil for a folder part
	docs int
	n    int // documents written, for writers that need separators
}

// unknownLabels warns about each label filter that names no label of the
// schema and matched no entity, listing the labels there are.
func unknownLabels(filter, used []string, schema *annotate.Schema) []string {
	var out []string
	for _, l := range filter {
		if !slices.Contains(used, l) {
			out = append(out, fmt.Sprintf("label %q is not in the schema and no entity has it (the schema's labels: %s)",
				l, strings.Join(schema.LabelNames(), ", ")))
		}
	}
	return out
}
