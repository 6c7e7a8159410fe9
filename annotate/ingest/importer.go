package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"byline/annotate"
)

// DefaultMaxFileSize is the largest file the importer reads (20 MB).
const DefaultMaxFileSize = 20 << 20

// Store is what the importer needs from a database.
type Store interface {
	annotate.Corpus
	Schema(ctx context.Context) (*annotate.Schema, error)
}

// Importer reads files and folders into a store, one transaction per batch of
// whole files, so a failure or a kill leaves every file fully imported or
// absent.
type Importer struct {
	Store   Store
	Readers []annotate.Reader // tried in order; the first whose Detect says yes reads the file
	// Format forces the reader with this name.
	Format      string
	Options     annotate.ReadOptions
	MaxFileSize int64 // 0 = DefaultMaxFileSize
	// Progress, when set, is called after each file with the files done so far
	// and the total.
	Progress func(done, total int)
}

// FileError is a file the import refused, with the reason.
type FileError struct {
	Path string
	Err  error
}

// ImportSummary says what an import did.
type ImportSummary struct {
	Files       int            // files considered
	Imported    int            // documents stored
	Duplicates  int            // documents skipped: identical text already stored
	NewVersions int            // documents sharing a URL with a stored one
	Skipped     []string       // files in folders with no reader (e.g. images)
	Failed      []FileError    // files refused; nothing of them was stored
	Warnings    []string       // labels added, relations kept against the schema
	Detected    map[string]int // files per reader name
	Canceled    bool
	// Actors new to the database, and those merged with a stored actor.
	ActorsCreated, ActorsMerged int
}

// OK reports whether every file was imported or skipped as a duplicate.
func (s *ImportSummary) OK() bool { return len(s.Failed) == 0 && !s.Canceled }

// String is the summary the command line prints.
func (s *ImportSummary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "imported %d document(s), skipped %d duplicate(s)", s.Imported, s.Duplicates)
	if s.NewVersions > 0 {
		fmt.Fprintf(&b, ", %d new version(s) of known URLs", s.NewVersions)
	}
	fmt.Fprintf(&b, ", %d file(s) failed\n", len(s.Failed))
	if s.ActorsCreated+s.ActorsMerged > 0 {
		fmt.Fprintf(&b, "actors: %d new, %d merged with stored actors (same external id, else same name and label)\n",
			s.ActorsCreated, s.ActorsMerged)
	}
	if len(s.Detected) > 0 {
		var parts []string
		for _, k := range annotate.SortedLabels(s.Detected) {
			parts = append(parts, fmt.Sprintf("%s: %d", k, s.Detected[k]))
		}
		fmt.Fprintf(&b, "formats: %s\n", strings.Join(parts, ", "))
	}
	for _, w := range s.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", w)
	}
	for i, p := range s.Skipped {
		if i == maxListed {
			fmt.Fprintf(&b, "skipped %d more file(s) that are not a known format\n", len(s.Skipped)-maxListed)
			break
		}
		fmt.Fprintf(&b, "skipped (not a known format): %s\n", p)
	}
	for _, f := range s.Failed {
		fmt.Fprintf(&b, "failed: %s\n", annotate.ErrorMessage(f.Err))
	}
	if s.Canceled {
		b.WriteString("canceled: files not yet imported were left out\n")
	}
	return b.String()
}

// maxListed caps the skipped files the summary names one by one.
const maxListed = 10

// isCompanion reports whether a file found in a folder belongs to another
// file or to an export rather than being a document: a brat .ann beside its
// .txt, brat's configuration files, an export manifest. Such files are passed
// over silently instead of being listed as skipped.
func isCompanion(path string) bool {
	base := filepath.Base(path)
	switch {
	case base == "annotation.conf", base == "visual.conf", base == "tools.conf", base == "kb_shortcuts.conf",
		base == "manifest.json", strings.HasSuffix(base, ".manifest.json"):
		return true
	case strings.EqualFold(filepath.Ext(base), ".ann"):
		_, err := os.Stat(strings.TrimSuffix(path, filepath.Ext(path)) + ".txt")
		return err == nil
	}
	return false
}

type inputFile struct {
	path     string
	rel      string // id for single-document files
	explicit bool   // named on the command line (not found in a folder walk)
}

// batch limits: big enough that fsyncs do not dominate, small enough that a
// failed batch is cheap to retry file by file.
const (
	batchMaxBytes   = 8 << 20
	batchMaxRecords = 2000
)

// Import imports the files and folders (recursively) at paths. It returns an
// error only when it could not run at all; per-file failures are in the
// summary.
func (im *Importer) Import(ctx context.Context, paths []string) (*ImportSummary, error) {
	sum := &ImportSummary{Detected: map[string]int{}}
	files, err := collectFiles(paths, sum)
	if err != nil {
		return sum, err
	}
	sum.Files = len(files)
	schema, err := im.Store.Schema(ctx)
	if err != nil {
		return sum, fmt.Errorf("import: read schema: %w", err)
	}
	if im.Format != "" && im.reader(im.Format) == nil {
		return sum, annotate.Errorf(annotate.EINVALID, "unknown import format %q (known: %s)", im.Format, strings.Join(im.readerNames(), ", "))
	}
	maxSize := im.MaxFileSize
	if maxSize <= 0 {
		maxSize = DefaultMaxFileSize
	}

	type fileRecs struct {
		path  string
		recs  []*annotate.Record
		warns []string // reported only once the file is stored
	}
	var pending []fileRecs
	var pendingBytes, pendingN int
	var pendingSchema *annotate.Schema // schema after the pending files' additions
	committed := schema

	apply := func(outs []annotate.ImportOutcome) {
		for _, o := range outs {
			sum.ActorsCreated += o.ActorsCreated
			sum.ActorsMerged += o.ActorsMerged
			switch {
			case o.Duplicate:
				sum.Duplicates++
			default:
				sum.Imported++
				if o.NewVersion {
					sum.NewVersions++
				}
			}
		}
	}
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		var all []*annotate.Record
		for _, f := range pending {
			all = append(all, f.recs...)
		}
		opt := annotate.ImportOptions{}
		if pendingSchema != committed {
			opt.Schema = pendingSchema
		}
		outs, err := im.Store.ImportRecords(ctx, all, opt)
		if err == nil {
			apply(outs)
			committed = pendingSchema
			for _, f := range pending {
				sum.Warnings = append(sum.Warnings, f.warns...)
			}
		} else {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			// Isolate the file to blame: retry one file per transaction.
			for _, f := range pending {
				outs, ferr := im.Store.ImportRecords(ctx, f.recs, annotate.ImportOptions{Schema: pendingSchema})
				if ferr != nil {
					sum.Failed = append(sum.Failed, FileError{f.path, annotate.AtLine(ferr, f.path, 0)})
					continue
				}
				committed = pendingSchema
				apply(outs)
				sum.Warnings = append(sum.Warnings, f.warns...)
			}
		}
		pending, pendingBytes, pendingN = nil, 0, 0
		return nil
	}

	pendingSchema = schema
	for i, f := range files {
		if ctx.Err() != nil {
			sum.Canceled = true
			break
		}
		recs, name, err := im.readFile(f, maxSize, pendingSchema)
		switch {
		case err != nil:
			sum.Failed = append(sum.Failed, FileError{f.path, err})
		case name == "":
			sum.Skipped = append(sum.Skipped, f.path)
		default:
			sum.Detected[name]++
			next := pendingSchema.Clone()
			var warns []string
			var perr error
			for _, r := range recs {
				w, err := annotate.PrepareRecord(r, next)
				if err != nil {
					perr = annotate.AtLine(err, f.path, r.Line)
					break
				}
				warns = append(warns, w...)
			}
			if perr != nil {
				sum.Failed = append(sum.Failed, FileError{f.path, perr})
				break
			}
			// PrepareRecord only ever adds labels and relation types.
			if len(next.Entities) != len(pendingSchema.Entities) || len(next.Relations) != len(pendingSchema.Relations) {
				pendingSchema = next
			}
			pending = append(pending, fileRecs{f.path, recs, warns})
			for _, r := range recs {
				pendingBytes += len(r.Text)
			}
			pendingN += len(recs)
			if pendingBytes >= batchMaxBytes || pendingN >= batchMaxRecords {
				if err := flush(); err != nil {
					sum.Canceled = true
					return sum, nil
				}
			}
		}
		if im.Progress != nil {
			im.Progress(i+1, len(files))
		}
	}
	if !sum.Canceled {
		if err := flush(); err != nil {
			sum.Canceled = true
		}
	}
	sum.Warnings = dedupe(sum.Warnings)
	return sum, nil
}

// readFile reads and parses one file. name is "" when no reader takes a file
// found in a folder walk.
func (im *Importer) readFile(f inputFile, maxSize int64, schema *annotate.Schema) (recs []*annotate.Record, name string, err error) {
	fi, err := os.Stat(f.path)
	if err != nil {
		return nil, "", &annotate.Error{Code: annotate.EFORMAT, Message: "cannot read: " + pathErrText(err), File: f.path}
	}
	if fi.Size() > maxSize {
		return nil, "", &annotate.Error{Code: annotate.EFORMAT, File: f.path,
			Message: fmt.Sprintf("file is %.1f MB, over the %s MB import limit (raise it with --max-size)", float64(fi.Size())/(1<<20), strconv.FormatFloat(float64(maxSize)/(1<<20), 'f', -1, 64))}
	}
	fh, err := os.Open(f.path)
	if err != nil {
		return nil, "", &annotate.Error{Code: annotate.EFORMAT, Message: "cannot read: " + pathErrText(err), File: f.path}
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, maxSize+1))
	if err != nil {
		return nil, "", &annotate.Error{Code: annotate.EFORMAT, Message: "cannot read: " + err.Error(), File: f.path}
	}
	if int64(len(data)) > maxSize {
		return nil, "", &annotate.Error{Code: annotate.EFORMAT, File: f.path, Message: "file grew past the import limit while being read"}
	}
	head := data
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	var rd annotate.Reader
	if im.Format != "" {
		rd = im.reader(im.Format)
	} else {
		for _, r := range im.Readers {
			if r.Detect(f.path, head) {
				rd = r
				break
			}
		}
	}
	if rd == nil {
		if !f.explicit {
			return nil, "", nil
		}
		return nil, "", &annotate.Error{Code: annotate.EFORMAT, File: f.path, Message: "not a file type Byline imports (.txt, .md, .html, .jsonl, ...)"}
	}
	if len(data) == 0 {
		return nil, "", &annotate.Error{Code: annotate.EFORMAT, File: f.path, Message: "the file is empty"}
	}
	if annotate.LooksBinary(data) {
		return nil, "", &annotate.Error{Code: annotate.EFORMAT, File: f.path, Message: "this is a binary file, not text"}
	}
	opt := im.Options
	opt.ExternalID = f.rel
	opt.Schema = schema
	recs, err = rd.Read(f.path, data, opt)
	if err != nil {
		return nil, "", annotate.AtLine(err, f.path, 0)
	}
	if len(recs) == 0 {
		return nil, "", &annotate.Error{Code: annotate.EFORMAT, File: f.path, Message: "no documents in the file"}
	}
	return recs, rd.Name(), nil
}

func (im *Importer) reader(name string) annotate.Reader {
	for _, r := range im.Readers {
		if r.Name() == name {
			return r
		}
	}
	return nil
}

func (im *Importer) readerNames() []string {
	var out []string
	for _, r := range im.Readers {
		out = append(out, r.Name())
	}
	return out
}

func collectFiles(paths []string, sum *ImportSummary) ([]inputFile, error) {
	var out []inputFile
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			sum.Failed = append(sum.Failed, FileError{p, &annotate.Error{Code: annotate.EFORMAT, File: p, Message: "cannot read: " + pathErrText(err)}})
			continue
		}
		if !fi.IsDir() {
			out = append(out, inputFile{path: p, rel: filepath.Base(p), explicit: true})
			continue
		}
		var found []inputFile
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				sum.Failed = append(sum.Failed, FileError{path, &annotate.Error{Code: annotate.EFORMAT, File: path, Message: "cannot read: " + pathErrText(err)}})
				return nil
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") || !d.Type().IsRegular() || isCompanion(path) {
				return nil
			}
			rel, _ := filepath.Rel(p, path)
			found = append(found, inputFile{path: path, rel: filepath.ToSlash(rel)})
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Slice(found, func(i, j int) bool { return found[i].path < found[j].path })
		out = append(out, found...)
	}
	return out, nil
}

func pathErrText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
