package storage

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"byline/annotate"

	"github.com/mattn/go-sqlite3"
)

// ExportRecords streams the selected documents with their annotations, in
// import order, as native records, within one read transaction.
//
// Rather than querying each document's annotations (one query per
// document), it walks cursors ordered by document in step: documents (with
// their entities folded into JSON), quotes (with their segments) and
// relations. The work runs as a pipeline of batches of documents: one
// goroutine steps SQLite, which cannot be split, and does as little else as
// it can; one parses the entities and builds records; the caller's goroutine
// runs fn (encoding and writing). Batches keep the hand-offs between them
// rare, and memory stays at a few batches whatever the corpus size. The
// cursors read the driver's rows directly: at a million rows, database/sql's
// per-row locking and conversions cost more than SQLite itself.
func (db *DB) ExportRecords(ctx context.Context, f annotate.ExportFilter, fn func(*annotate.Record) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	full := make(chan *exportBatch, 4)
	built := make(chan *exportBatch, 4)
	// Batches go back to the reader once fn is done with their records,
	// so their slices are reused: records keep none of them.
	free := make(chan *exportBatch, 12)
	done := make(chan error, 1)
	go func() {
		defer close(full)
		var b *exportBatch
		send := func() error {
			select {
			case full <- b:
				b = nil
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		err := db.walkRecords(ctx, f, func(take func(*exportItem)) error {
			if b == nil {
				select {
				case b = <-free:
				default:
					b = &exportBatch{items: make([]exportItem, exportBatchSize)}
				}
				b.n = 0
			}
			take(&b.items[b.n])
			b.n++
			if b.n == len(b.items) {
				return send()
			}
			return nil
		})
		if err == nil && b != nil {
			err = send()
		}
		done <- err
	}()
	var buildErr error
	go func() {
		defer close(built)
		var sc rowScanner
		var rb annotate.RecordBuilder
		for b := range full {
			b.recs = b.recs[:0]
			for i := range b.items[:b.n] {
				it := &b.items[i]
				it.ann.Entities = sc.entities(it.entities, it.doc.ID, it.ann.Entities[:0])
				if sc.err == nil && it.doc.Hash != annotate.ContentHash(it.doc.Text) {
					sc.err = alteredText(db.path, &it.doc)
				}
				it.ann.Actors = it.actors.of(it.ann.Entities, it.ann.Actors[:0])
				b.recs = append(b.recs, rb.Build(&it.doc, &it.ann))
			}
			if sc.err != nil {
				buildErr = sc.err
				cancel()
			}
			select {
			case built <- b:
			case <-ctx.Done():
			}
			if ctx.Err() != nil {
				for range full {
				}
				return
			}
		}
	}()
	var fnErr error
	skipped := false
	for b := range built {
		for _, r := range b.recs {
			// After an error or a cancel, the rest is drained, not written.
			if fnErr == nil && ctx.Err() == nil {
				if fnErr = fn(r); fnErr != nil {
					cancel()
				}
			} else if fnErr == nil {
				skipped = true
			}
		}
		clear(b.recs)
		select {
		case free <- b:
		default:
		}
	}
	err := <-done
	for _, e := range []error{fnErr, buildErr} {
		if e != nil {
			return e
		}
	}
	if err == nil && skipped {
		// The reader may finish before the caller cancels; records it read
		// but fn never saw still make the export incomplete.
		err = ctx.Err()
	}
	return err
}

// exportBatchSize is the number of documents handed between the stages of
// ExportRecords at a time.
const exportBatchSize = 32

type exportBatch struct {
	items []exportItem
	n     int // items in use
	recs  []*annotate.Record
}

// exportItem is one document as the reader hands it on: everything but the
// entities, which stay JSON for the builder to parse.
type exportItem struct {
	doc      annotate.Document
	ann      annotate.Annotations
	entities string
	actors   actorTable // the whole registry, shared by every item
}

// walkRecords calls fn once per document, in order; fn calls take to fill
// an item (reusing the slices it holds).
func (db *DB) walkRecords(ctx context.Context, f annotate.ExportFilter, fn func(take func(*exportItem)) error) error {
	const op = "export documents"
	conn, err := db.rdb.Conn(ctx)
	if err != nil {
		return db.fail(op, err)
	}
	defer conn.Close()
	return db.fail(op, conn.Raw(func(dc any) error {
		c, ok := dc.(*sqlite3.SQLiteConn)
		if !ok {
			return errors.New("unexpected driver connection")
		}
		// One snapshot for the whole export (a deferred read transaction).
		if _, err := c.Exec("BEGIN", nil); err != nil {
			return err
		}
		defer c.Exec("ROLLBACK", nil)
		return walk(ctx, c, f, fn)
	}))
}

// Export queries. Metadata comes from the columns unless it has extra keys;
// an updated time equal to the created time is read as NULL: both save
// decoding and allocation on every row. Rows mostly come in the canonical
// order of annotate.Annotations.Sort without asking (entities by the index
// on document and start, segments by their primary key, relations by id),
// and RecordBuilder sorts only when they do not: an ORDER BY inside the
// aggregates would cost SQLite more than the occasional sort.
const (
	exportDocumentColumns = `id, external_id, text, status, imported_at, hash, debris,
		CASE WHEN meta_extra THEN meta END, title, source, url, author, published,
		(SELECT json_group_array(json_array(id, start, end, label, text, annotator, note, created, nullif(updated, created), actor_id))
		 FROM entities WHERE document_id = documents.id)`
	exportRelationColumns = `id, document_id, type, head_id, tail_id, annotator, note, created, nullif(updated, created)`
)

func walk(ctx context.Context, c *sqlite3.SQLiteConn, f annotate.ExportFilter, fn func(take func(*exportItem)) error) error {
	where, args := statusWhere(f, "status")
	vals := make([]driver.Value, len(args))
	for i, a := range args {
		vals[i] = a
	}
	sub := ""
	if where != "" {
		sub = " WHERE document_id IN (SELECT id FROM documents" + where + ")"
	}
	var sc rowScanner
	actors, err := loadActorTable(c)
	if err != nil {
		return err
	}
	// Documents are walked by id: ids and ordinals grow together (both are
	// assigned at insert), so this is import order.
	docs, err := openCursor(c, `SELECT `+exportDocumentColumns+` FROM documents`+where+` ORDER BY id`, vals, sc.document)
	if err != nil {
		return err
	}
	defer docs.Close()
	quotes, err := openCursor(c, `SELECT `+quoteColumns+`,
		(SELECT json_group_array(json_array(start, end, text))
		 FROM quote_segments WHERE quote_id = quotes.id)
		FROM quotes`+sub+` ORDER BY document_id, id`, vals, sc.quote)
	if err != nil {
		return err
	}
	defer quotes.Close()
	rels, err := openCursor(c, `SELECT `+exportRelationColumns+` FROM relations`+sub+` ORDER BY document_id, id`, vals, sc.relation)
	if err != nil {
		return err
	}
	defer rels.Close()

	for docs.ok {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := fn(func(it *exportItem) {
			it.doc = docs.cur
			it.entities = text(docs.vals[13])
			it.actors = actors
			it.ann.Quotes = quotes.take(it.doc.ID, it.ann.Quotes[:0])
			it.ann.Relations = rels.take(it.doc.ID, it.ann.Relations[:0])
		})
		docs.advance()
		if err != nil {
			return err
		}
	}
	for _, err := range []error{docs.err, sc.err, quotes.err, rels.err} {
		if err != nil {
			return err
		}
	}
	return nil
}

// cursor walks a result set ordered by document id, one row ahead, so the
// export can tell where a document's rows end.
type cursor[T any] struct {
	rows  driver.Rows
	vals  []driver.Value
	scan  func(v []driver.Value, dst *T) (docID int64, err error)
	cur   T
	docID int64
	ok    bool
	err   error
}

func openCursor[T any](c *sqlite3.SQLiteConn, query string, args []driver.Value, scan func([]driver.Value, *T) (int64, error)) (*cursor[T], error) {
	rows, err := c.Query(query, args)
	if err != nil {
		return nil, err
	}
	cur := &cursor[T]{rows: rows, vals: make([]driver.Value, len(rows.Columns())), scan: scan}
	cur.advance()
	return cur, cur.err
}

func (c *cursor[T]) advance() {
	err := c.rows.Next(c.vals)
	if err != nil {
		c.ok = false
		if err != io.EOF {
			c.err = err
		}
		return
	}
	var v T
	c.docID, c.err = c.scan(c.vals, &v)
	c.cur, c.ok = v, c.err == nil
}

// take appends the rows of document id to dst. Rows of documents the walk
// has passed (none, when the queries agree) are skipped.
func (c *cursor[T]) take(id int64, dst []T) []T {
	for c.ok && c.docID < id {
		c.advance()
	}
	for c.ok && c.docID == id {
		dst = append(dst, c.cur)
		c.advance()
	}
	return dst
}

func (c *cursor[T]) Close() error { return c.rows.Close() }

// rowScanner turns driver values into annotate types. It remembers the last
// time it parsed (rows written in one transaction share their time) and
// interns short strings that repeat (labels, annotators).
type rowScanner struct {
	last    string
	t       time.Time
	strings map[string]string
	err     error
}

func (s *rowScanner) time(v driver.Value) time.Time { return s.timeText(text(v)) }

func (s *rowScanner) timeText(str string) time.Time {
	if str != s.last {
		s.last, s.t = str, parseTime(str)
	}
	return s.t
}

// updated reads nullif(updated, created): NULL means the created time just
// read.
func (s *rowScanner) updated(v driver.Value) time.Time {
	if v == nil {
		return s.t
	}
	return s.time(v)
}

func (s *rowScanner) intern(v driver.Value) string {
	str := text(v)
	if str == "" {
		return ""
	}
	if old, ok := s.strings[str]; ok {
		return old
	}
	if s.strings == nil || len(s.strings) > 10_000 {
		s.strings = map[string]string{}
	}
	s.strings[str] = str
	return str
}

func integer(v driver.Value) int64 {
	n, _ := v.(int64)
	return n
}

func text(v driver.Value) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	}
	return ""
}

func (s *rowScanner) document(v []driver.Value, d *annotate.Document) (int64, error) {
	// exportDocumentColumns
	d.ID, d.ExternalID, d.Text = integer(v[0]), text(v[1]), text(v[2])
	d.Status, d.ImportedAt, d.Hash = annotate.Status(s.intern(v[3])), s.time(v[4]), text(v[5])
	if debris := text(v[6]); debris != "[]" {
		if err := json.Unmarshal([]byte(debris), &d.Debris); err != nil {
			return 0, err
		}
	}
	if v[7] != nil {
		return d.ID, json.Unmarshal([]byte(text(v[7])), &d.Meta)
	}
	d.Meta = annotate.Meta{Title: text(v[8]), Source: s.intern(v[9]), URL: text(v[10]), Author: s.intern(v[11]), Published: s.intern(v[12])}
	return d.ID, nil
}

// entities reads a document's entities from their JSON (see
// exportDocumentColumns) and appends them to dst.
func (s *rowScanner) entities(js string, docID int64, dst []annotate.Entity) []annotate.Entity {
	r := newJSONRows(js)
	var cells [10]jsonValue
	for r.next(cells[:]) {
		c := &cells
		e := annotate.Entity{ID: c[0].num, DocumentID: docID, Start: int(c[1].num), End: int(c[2].num),
			Label: c[3].str, Text: c[4].str, Annotator: c[5].str, Note: c[6].str, ActorID: c[9].num}
		e.Created = s.timeText(c[7].str)
		e.Updated = e.Created
		if !c[8].null {
			e.Updated = s.timeText(c[8].str)
		}
		dst = append(dst, e)
	}
	if r.err != nil && s.err == nil {
		s.err = fmt.Errorf("read the entities of document %d: %w", docID, r.err)
	}
	return dst
}

func (s *rowScanner) quote(v []driver.Value, q *annotate.Quote) (int64, error) {
	// quoteColumns: id, document_id, kind, speaker_id, cue_start, cue_end, cue_text,
	// annotator, note, created, updated; then the segments as JSON
	q.ID, q.DocumentID, q.Kind, q.SpeakerID = integer(v[0]), integer(v[1]), annotate.QuoteKind(s.intern(v[2])), integer(v[3])
	if v[4] != nil {
		q.Cue = &annotate.Segment{Start: int(integer(v[4])), End: int(integer(v[5])), Text: text(v[6])}
	}
	q.Annotator, q.Note = s.intern(v[7]), text(v[8])
	q.Created, q.Updated = s.time(v[9]), s.time(v[10])
	return q.DocumentID, s.segments(text(v[11]), q)
}

// segments reads a quote's content segments from their JSON (see walk).
// The slice is the quote's own: records keep it.
func (s *rowScanner) segments(js string, q *annotate.Quote) error {
	r := newJSONRows(js)
	var cells [3]jsonValue
	q.Content = []annotate.Segment{} // never nil: a quote without segments writes []
	for r.next(cells[:]) {
		q.Content = append(q.Content, annotate.Segment{Start: int(cells[0].num), End: int(cells[1].num), Text: cells[2].str})
	}
	if r.err != nil {
		return fmt.Errorf("read the segments of quote %d: %w", q.ID, r.err)
	}
	return nil
}

func (s *rowScanner) relation(v []driver.Value, r *annotate.Relation) (int64, error) {
	// relationColumns: id, document_id, type, head_id, tail_id, annotator, note, created, updated
	r.ID, r.DocumentID, r.Type = integer(v[0]), integer(v[1]), s.intern(v[2])
	r.HeadID, r.TailID = integer(v[3]), integer(v[4])
	r.Annotator, r.Note = s.intern(v[5]), text(v[6])
	r.Created, r.Updated = s.time(v[7]), s.updated(v[8])
	return r.DocumentID, nil
}

// alteredText refuses a document whose stored text no longer matches the
// SHA-256 taken at import: the file was damaged or edited behind Byline.
func alteredText(path string, d *annotate.Document) error {
	return annotate.Errorf(annotate.EDAMAGED,
		"document %q (number %d) in %s is damaged: its text no longer matches the SHA-256 stored when it was imported. Nothing was exported; %s",
		d.ExternalID, d.ID, path, restoreAdvice(path))
}
