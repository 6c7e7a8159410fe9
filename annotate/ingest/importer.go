package ingest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/transform"

	"byline/annotate"
)

// DefaultMaxRecordSize is the most text one record may have (20 MB): a
// plain-text or web-page file, a JSONL line's text, a task of an array. Files
// holding many records have no size limit: they are read as a stream.
const DefaultMaxRecordSize = 20 << 20

// Store is what the importer needs from a database.
type Store interface {
	annotate.Corpus
	Schema(ctx context.Context) (*annotate.Schema, error)
}

// Importer reads files and folders into a store. Records go in batches, one
// transaction each, so a failure or a kill never leaves half an article; a
// file that fits one batch (1,000 records or 4 MB of text) is imported
// whole or not at all. Reading and checking run on their own goroutine while
// the store writes the previous batch; files read whole (web pages, text) are
// read ahead on up to GOMAXPROCS goroutines and stored in input order.
type Importer struct {
	Store   Store
	Readers []annotate.Reader // tried in order; the first whose Detect says yes reads the file
	// Format forces the reader with this name.
	Format  string
	Options annotate.ReadOptions
	// MaxRecordSize bounds one record's text (0 = DefaultMaxRecordSize);
	// a file read whole (not by a stream reader) is bounded by it too.
	MaxRecordSize int64
	// KeepDuplicates stores a record whose text is already stored as a copy
	// (see annotate.ImportOptions) instead of skipping it.
	KeepDuplicates bool
	// Progress, when set, is called from the reading goroutine as files and
	// records are read.
	Progress func(ImportProgress)

	workers int // goroutines reading whole files (0 = GOMAXPROCS)
}

// ImportProgress is how far an import has read.
type ImportProgress struct {
	Files, FilesTotal int   // files finished, files found
	Bytes, BytesTotal int64 // bytes read, bytes of all files found
	Records           int   // records read
}

// FileError is a file the import refused, with the reason.
type FileError struct {
	Path string
	Err  error
}

// ImportSummary says what an import did.
type ImportSummary struct {
	Files       int         // files considered
	Imported    int         // documents stored
	Duplicates  int         // documents skipped: identical text already stored
	NewVersions int         // documents sharing a URL with a stored one
	Skipped     Notes       // files in folders with no reader (e.g. images)
	Failed      []FileError // files refused, from the record to blame on
	// DuplicatesAnnotated names annotated records skipped because their
	// text is already stored, with the annotations left out.
	DuplicatesAnnotated Notes
	// Copies names records stored as copies of a document with the same
	// text (Importer.KeepDuplicates); they count as imported too.
	Copies   Notes
	Warnings Notes          // labels added, relations kept against the schema
	Detected map[string]int // files per reader name
	Canceled bool
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
	listCapped(&b, s.Warnings, "warning: %s\n", "%d more warning(s)\n")
	listCapped(&b, s.Skipped, "skipped (not a known format): %s\n", "skipped %d more file(s) that are not a known format\n")
	listCapped(&b, s.DuplicatesAnnotated, "duplicate: %s\n", "skipped %d more annotated record(s) whose text is already stored\n")
	listCapped(&b, s.Copies, "copy: %s\n", "stored %d more copies of documents with the same text\n")
	for _, f := range s.Failed {
		fmt.Fprintf(&b, "failed: %s\n", annotate.ErrorMessage(f.Err))
	}
	if s.Canceled {
		b.WriteString("canceled: files not yet imported were left out\n")
	}
	return b.String()
}

// DuplicateChoices are what an import may do with a record whose text is
// already stored: skip it, or store it as a new document marked as a copy.
var DuplicateChoices = []string{"skip", "new"}

// KeepDuplicatesFor reads a duplicates choice: true for "new".
func KeepDuplicatesFor(choice string) (bool, error) {
	switch choice {
	case "skip":
		return false, nil
	case "new":
		return true, nil
	}
	return false, annotate.Errorf(annotate.EINVALID, "duplicates choice %q is not one of %s", choice, strings.Join(DuplicateChoices, ", "))
}

// maxListed caps the items of each list the summary names one by one.
const maxListed = 10

// maxKept caps the items a Notes keeps.
const maxKept = 100

// Notes is a list the summary keeps for a person: the first maxKept
// distinct items and a count of the rest (each noted once more counts),
// so that the summary of an import of any size stays small in memory and
// on screen: a 100,000-record corpus with a warning per record printed as
// many lines.
type Notes struct {
	Items []string
	More  int // items added beyond Items
	kept  map[string]bool
}

// Add notes item, once.
func (n *Notes) Add(item string) {
	if n.kept[item] {
		return
	}
	if len(n.Items) == maxKept {
		n.More++
		return
	}
	if n.kept == nil {
		n.kept = map[string]bool{}
	}
	n.kept[item] = true
	n.Items = append(n.Items, item)
}

// Len is how many items were noted.
func (n *Notes) Len() int { return len(n.Items) + n.More }

// listCapped writes each item with line, up to maxListed of them, then one
// more line counting the rest so a huge import keeps a readable summary.
func listCapped(b *strings.Builder, n Notes, line, more string) {
	for i, item := range n.Items {
		if i == maxListed {
			break
		}
		fmt.Fprintf(b, line, item)
	}
	if rest := n.Len() - min(maxListed, len(n.Items)); rest > 0 {
		fmt.Fprintf(b, more, rest)
	}
}

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
	size     int64
}

// batch limits: big enough that fsyncs do not dominate, small enough that a
// failed batch is cheap to retry file by file and memory stays flat.
const (
	batchMaxBytes   = 4 << 20
	batchMaxRecords = 1000
)

// chunk is the records of one file within a batch.
type chunk struct {
	path  string
	recs  []*annotate.Record
	warns []string
}

type batch struct {
	chunks []*chunk
	schema *annotate.Schema // the schema to save with the batch, nil when unchanged
	bytes  int
	n      int
}

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
	var mu sync.Mutex // guards sum between the reader and the writer
	batches := make(chan *batch, 1)
	rctx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	r := &fileReader{im: im, ctx: rctx, sum: sum, mu: &mu, out: batches, schema: schema, files: files}
	go r.run()

	for b := range batches {
		if ctx.Err() != nil {
			continue // drain, so the reader ends
		}
		outs, err := im.Store.ImportRecords(ctx, b.all(), annotate.ImportOptions{Schema: b.schema, KeepDuplicates: im.KeepDuplicates, Prepared: true})
		mu.Lock()
		if err == nil {
			sum.apply(b.chunks, outs)
		} else if ctx.Err() == nil {
			// Isolate the file to blame: retry one file per transaction.
			for _, c := range b.chunks {
				outs, ferr := im.Store.ImportRecords(ctx, c.recs, annotate.ImportOptions{Schema: b.schema, KeepDuplicates: im.KeepDuplicates, Prepared: true})
				if ferr != nil {
					sum.Failed = append(sum.Failed, FileError{c.path, annotate.AtLine(ferr, c.path, 0)})
					continue
				}
				sum.apply([]*chunk{c}, outs)
			}
		}
		mu.Unlock()
	}
	if ctx.Err() != nil {
		sum.Canceled = true
	}
	return sum, nil
}

func (b *batch) all() []*annotate.Record {
	if len(b.chunks) == 1 {
		return b.chunks[0].recs
	}
	out := make([]*annotate.Record, 0, b.n)
	for _, c := range b.chunks {
		out = append(out, c.recs...)
	}
	return out
}

// apply counts what a committed batch did.
func (s *ImportSummary) apply(chunks []*chunk, outs []annotate.ImportOutcome) {
	i := 0
	for _, c := range chunks {
		for _, w := range c.warns {
			s.Warnings.Add(w)
		}
		for _, r := range c.recs {
			if i >= len(outs) {
				return
			}
			o := outs[i]
			i++
			s.ActorsCreated += o.ActorsCreated
			s.ActorsMerged += o.ActorsMerged
			switch {
			case o.Duplicate:
				s.Duplicates++
				if n := len(r.Entities) + len(r.Quotes) + len(r.Relations); n > 0 {
					s.DuplicatesAnnotated.Add(fmt.Sprintf("%s (%s): its text is already stored; %d annotation(s) not imported", r.ID, fileLine(c.path, r.Line), n))
				}
			default:
				s.Imported++
				if o.CopyOf != "" {
					s.Copies.Add(fmt.Sprintf("%s (%s): stored as a copy of %s, whose text it repeats", r.ID, fileLine(c.path, r.Line), o.CopyOf))
				}
				if o.NewVersion {
					s.NewVersions++
				}
			}
		}
	}
}

func fileLine(path string, line int) string {
	if line > 0 {
		return path + ":" + strconv.Itoa(line)
	}
	return path
}

// fileReader reads the files on its own goroutine and sends full batches.
type fileReader struct {
	im     *Importer
	ctx    context.Context
	sum    *ImportSummary
	mu     *sync.Mutex
	out    chan<- *batch
	schema *annotate.Schema // with the labels the records read so far added
	saved  *annotate.Schema // the schema last sent with a batch
	files  []inputFile

	cur      *batch
	progress ImportProgress
}

func (r *fileReader) run() {
	defer close(r.out)
	r.saved = r.schema
	r.schema = r.schema.Clone()
	r.progress.FilesTotal = len(r.files)
	for _, f := range r.files {
		r.progress.BytesTotal += f.size
	}
	next, stop := r.openAhead()
	defer stop()
	for _, f := range r.files {
		if r.ctx.Err() != nil {
			return
		}
		p := next()
		if p == nil {
			return
		}
		r.readFile(f, p)
		r.progress.Files++
		r.report()
	}
	r.send()
}

// openAhead opens the files and reads whole-file formats (web pages, text)
// on up to GOMAXPROCS goroutines, a few files ahead of the caller, which
// takes the results in input order from next (nil once canceled).
// Extraction is most of an import's cost and runs in parallel; checking and
// batching stay sequential, so documents are stored in the same order as a
// one-by-one read. stop ends the workers and closes the files nobody took.
func (r *fileReader) openAhead() (next func() *openedFile, stop func()) {
	workers := r.im.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// Pages read ahead are held in memory: keep the window small.
	window := make(chan struct{}, 2*workers)
	opened := make([]chan *openedFile, len(r.files))
	for i := range opened {
		opened[i] = make(chan *openedFile, 1) // a worker never waits to hand over
	}
	ctx, cancel := context.WithCancel(r.ctx)
	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for i := range r.files {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	// Records carry no annotations until PrepareRecord, which changes only
	// the schema's labels; readers use the schema's debris patterns, which
	// an import never changes, so each worker reads with a private copy.
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(schema *annotate.Schema) {
			defer wg.Done()
			for i := range jobs {
				if ctx.Err() != nil {
					return // canceled: read no further file
				}
				opened[i] <- r.open(r.files[i], schema)
			}
		}(r.schema.Clone())
	}
	taken := 0
	next = func() *openedFile {
		select {
		case p := <-opened[taken]:
			taken++
			<-window
			return p
		case <-ctx.Done():
			return nil
		}
	}
	return next, func() {
		cancel()
		wg.Wait()
		for _, ch := range opened[taken:] {
			select {
			case p := <-ch:
				p.close()
			default:
			}
		}
	}
}

func (r *fileReader) report() {
	if r.im.Progress != nil {
		r.im.Progress(r.progress)
	}
}

func (r *fileReader) fail(path string, err error) {
	r.mu.Lock()
	r.sum.Failed = append(r.sum.Failed, FileError{path, err})
	r.mu.Unlock()
}

// send hands the current batch to the writer (blocking while it writes the
// previous one, which keeps memory flat).
func (r *fileReader) send() {
	b := r.cur
	r.cur = nil
	if b == nil || b.n == 0 {
		return
	}
	if len(r.schema.Entities) != len(r.saved.Entities) || len(r.schema.Relations) != len(r.saved.Relations) {
		b.schema = r.schema.Clone()
		r.saved = b.schema
	}
	select {
	case r.out <- b:
	case <-r.ctx.Done():
	}
}

// errStop ends a stream reader early; the reason is already recorded.
var errStop = errors.New("import stopped")

// openedFile is a file opened and recognized, and for a whole-file reader
// already read, on a worker of openAhead.
type openedFile struct {
	fh      *os.File // open while a stream reader has still to read it
	br      *bufio.Reader
	counted *countingReader
	bytes   int64 // read so far
	rd      annotate.Reader
	opt     annotate.ReadOptions
	decoded bool  // UTF-16 decoded on the way in
	refused error // the file failed before reading
	skipped bool  // not a format any reader takes
	recs    []*annotate.Record
	readErr error // what the whole-file reader said
}

func (p *openedFile) close() {
	if p.fh != nil {
		p.fh.Close()
		p.fh = nil
	}
}

func (r *fileReader) maxRecord() int64 {
	if r.im.MaxRecordSize > 0 {
		return r.im.MaxRecordSize
	}
	return DefaultMaxRecordSize
}

// open opens f, finds its reader and, unless that reader streams, reads the
// file with schema (a copy only this goroutine uses). It is safe to call
// from several goroutines at once.
func (r *fileReader) open(f inputFile, schema *annotate.Schema) *openedFile {
	im := r.im
	maxRecord := r.maxRecord()
	p := &openedFile{}
	fh, err := os.Open(f.path)
	if err != nil {
		p.refused = &annotate.Error{Code: annotate.EFORMAT, Message: "cannot read: " + pathErrText(err), File: f.path}
		return p
	}
	p.fh = fh
	p.counted = &countingReader{r: fh, onRead: func(n int) { p.bytes += int64(n) }}
	br := bufio.NewReaderSize(p.counted, 64<<10)
	head, _ := br.Peek(64 << 10)
	opt := im.Options
	opt.ExternalID = f.rel
	opt.MaxRecordBytes = maxRecord
	utf16 := sniffUTF16(head, opt.Encoding)
	if utf16 != "" {
		br = bufio.NewReaderSize(transform.NewReader(br, utf16Decoder(utf16)), 64<<10)
		head, _ = br.Peek(64 << 10)
		opt.Encoding = "" // decoded here
	}
	p.br, p.opt, p.decoded = br, opt, utf16 != ""
	rd := im.detect(f.path, head)
	switch {
	case rd == nil && f.explicit:
		p.refused = &annotate.Error{Code: annotate.EFORMAT, File: f.path, Message: "not a file type Byline imports (.txt, .md, .html, .jsonl, ...)"}
	case rd == nil:
		p.skipped = true
	case len(head) == 0:
		p.refused = &annotate.Error{Code: annotate.EFORMAT, File: f.path, Message: "the file is empty"}
	case annotate.LooksBinary(head):
		p.refused = &annotate.Error{Code: annotate.EFORMAT, File: f.path, Message: "this is a binary file, not text"}
	}
	p.rd = rd
	if p.refused != nil || p.skipped {
		p.close()
		return p
	}
	if _, ok := rd.(annotate.StreamReader); !ok {
		opt.Schema = schema
		p.recs, p.readErr = readWhole(f, rd, br, p.decoded, maxRecord, opt)
		p.close()
	}
	return p
}

// readFile reads one opened file into batches. On an error the file's
// records not yet sent are dropped and the file is reported failed; records
// of it sent in earlier batches (only for files larger than a batch) stay
// imported.
func (r *fileReader) readFile(f inputFile, p *openedFile) {
	defer p.close()
	r.progress.Bytes += p.bytes
	if p.counted != nil {
		p.counted.onRead = func(n int) { r.progress.Bytes += int64(n) }
	}
	if p.refused != nil {
		r.fail(f.path, p.refused)
		return
	}
	if p.skipped {
		r.mu.Lock()
		r.sum.Skipped.Add(f.path)
		r.mu.Unlock()
		return
	}
	rd, br, opt, maxRecord := p.rd, p.br, p.opt, r.maxRecord()
	opt.Schema = r.schema

	c := &chunk{path: f.path}
	var sentBefore int // records of this file in batches already sent
	var stopErr error  // why emit stopped the reader
	entities, relations := len(r.schema.Entities), len(r.schema.Relations)
	emit := func(rec *annotate.Record) error {
		if r.ctx.Err() != nil {
			stopErr = r.ctx.Err()
			return errStop
		}
		if int64(len(rec.Text)) > maxRecord {
			stopErr = &annotate.Error{Code: annotate.EFORMAT, File: f.path, Line: rec.Line,
				Message: fmt.Sprintf("record %s has %.1f MB of text, over the %s MB limit for one record (raise it with --max-size)", rec.ID, float64(len(rec.Text))/(1<<20), mb(maxRecord))}
			return errStop
		}
		warns, err := annotate.PrepareRecord(rec, r.schema)
		if err != nil {
			stopErr = annotate.AtLine(err, f.path, rec.Line)
			return errStop
		}
		c.warns = append(c.warns, warns...)
		c.recs = append(c.recs, rec)
		if r.cur == nil {
			r.cur = &batch{}
		}
		if len(c.recs) == 1 {
			r.cur.chunks = append(r.cur.chunks, c)
		}
		r.cur.n++
		r.cur.bytes += len(rec.Text)
		r.progress.Records++
		if r.progress.Records%256 == 0 {
			r.report()
		}
		if r.cur.bytes >= batchMaxBytes || r.cur.n >= batchMaxRecords {
			sentBefore += len(c.recs)
			r.send()
			c = &chunk{path: f.path}
			entities, relations = len(r.schema.Entities), len(r.schema.Relations)
		}
		return nil
	}
	var readErr error
	if sr, ok := rd.(annotate.StreamReader); ok {
		readErr = sr.ReadStream(f.path, br, opt, emit)
	} else {
		readErr = p.readErr
		for _, rec := range p.recs {
			if readErr != nil {
				break
			}
			readErr = emit(rec)
		}
	}
	if readErr == errStop || (stopErr != nil && errors.Is(readErr, errStop)) {
		readErr = stopErr
	} else if readErr != nil && stopErr != nil {
		readErr = stopErr // a reader that wrapped errStop
	}
	if errors.Is(readErr, context.Canceled) || errors.Is(readErr, context.DeadlineExceeded) {
		return
	}
	if readErr == nil && sentBefore+len(c.recs) == 0 {
		readErr = &annotate.Error{Code: annotate.EFORMAT, File: f.path, Message: "no documents in the file"}
	}
	if readErr != nil {
		r.drop(c, entities, relations)
		err := annotate.AtLine(readErr, f.path, 0)
		if sentBefore > 0 {
			err = fmt.Errorf("%s (the %d record(s) before it were imported; importing the file again skips them)", annotate.ErrorMessage(err), sentBefore)
		}
		r.fail(f.path, err)
		return
	}
	r.mu.Lock()
	r.sum.Detected[rd.Name()]++
	r.mu.Unlock()
}

// drop takes a failed file's unsent records out of the current batch and
// forgets the labels they added to the schema.
func (r *fileReader) drop(c *chunk, entities, relations int) {
	if r.cur != nil && len(c.recs) > 0 {
		for _, rec := range c.recs {
			r.cur.bytes -= len(rec.Text)
		}
		r.cur.n -= len(c.recs)
		r.cur.chunks = r.cur.chunks[:len(r.cur.chunks)-1]
	}
	r.schema.Entities = r.schema.Entities[:entities]
	r.schema.Relations = r.schema.Relations[:relations]
}

// readWhole reads a file that only a whole-file reader takes, bounded by the
// per-record limit (such a file is one document, or a few).
func readWhole(f inputFile, rd annotate.Reader, br *bufio.Reader, decoded bool, maxRecord int64, opt annotate.ReadOptions) ([]*annotate.Record, error) {
	if f.size > maxRecord && !decoded {
		return nil, &annotate.Error{Code: annotate.EFORMAT, File: f.path,
			Message: fmt.Sprintf("file is %.1f MB, over the %s MB import limit (raise it with --max-size)", float64(f.size)/(1<<20), mb(maxRecord))}
	}
	data, err := io.ReadAll(io.LimitReader(br, maxRecord+1))
	if err != nil {
		return nil, &annotate.Error{Code: annotate.EFORMAT, File: f.path, Message: "cannot read: " + err.Error()}
	}
	if int64(len(data)) > maxRecord {
		return nil, &annotate.Error{Code: annotate.EFORMAT, File: f.path, Message: fmt.Sprintf("file is over the %s MB import limit (raise it with --max-size)", mb(maxRecord))}
	}
	if decoded {
		// A UTF-8 byte order mark outranks a page's own (now wrong) charset
		// declaration; text readers drop it.
		data = append([]byte("\uFEFF"), data...)
	}
	return rd.Read(f.path, data, opt)
}

func mb(n int64) string {
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', -1, 64)
}

type countingReader struct {
	r      io.Reader
	onRead func(int)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.onRead(n)
	return n, err
}

// detect returns the reader for a file: the forced one, else the first whose
// Detect takes it.
func (im *Importer) detect(path string, head []byte) annotate.Reader {
	if im.Format != "" {
		return im.reader(im.Format)
	}
	for _, rd := range im.Readers {
		if rd.Detect(path, head) {
			return rd
		}
	}
	return nil
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
			out = append(out, inputFile{path: p, rel: filepath.Base(p), explicit: true, size: fi.Size()})
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
			var size int64
			if info, err := d.Info(); err == nil {
				size = info.Size()
			}
			found = append(found, inputFile{path: path, rel: filepath.ToSlash(rel), size: size})
			return nil
		})
		if err != nil {
			return nil, err
		}
		// By the relative path with "/" separators, so a folder imports in the
		// same order on every system.
		sort.Slice(found, func(i, j int) bool { return found[i].rel < found[j].rel })
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
