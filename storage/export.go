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
// document), it walks four cursors ordered by document in step: documents,
// entities, quotes (with their segments folded into JSON) and relations.
// The work runs as a pipeline, a few documents apart: one goroutine reads
// rows, one builds records, and the caller's goroutine runs fn (encoding
// and writing), so all cores are used; memory stays at a few documents'
// worth whatever the corpus size. The cursors read the driver's rows
// directly: at a million rows, database/sql's per-row locking and
// conversions cost more than SQLite itself.
func (db *DB) ExportRecords(ctx context.Context, f annotate.ExportFilter, fn func(*annotate.Record) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type item struct {
		doc annotate.Document
		ann annotate.Annotations
	}
	items := make(chan *item, 64)
	// NewRecord copies what it keeps, so items go back to the reader for
	// reuse: the pipeline allocates no annotation slices per document.
	free := make(chan *item, 80)
	recs := make(chan *annotate.Record, 64)
	done := make(chan error, 1)
	go func() {
		defer close(items)
		done <- db.walkRecords(ctx, f, func(take func(*annotate.Document, *annotate.Annotations)) error {
			var it *item
			select {
			case it = <-free:
			default:
				it = new(item)
			}
			take(&it.doc, &it.ann)
			select {
			case items <- it:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	go func() {
		defer close(recs)
		for it := range items {
			rec := annotate.NewRecord(&it.doc, &it.ann)
			select {
			case free <- it:
			default:
			}
			select {
			case recs <- rec:
			case <-ctx.Done():
				for range items {
				}
				return
			}
		}
	}()
	for r := range recs {
		if err := fn(r); err != nil {
			cancel()
			for range recs {
			}
			<-done
			return err
		}
	}
	return <-done
}

// walkRecords calls fn once per document, in order; fn calls take to fill
// a document and its annotations (reusing the slices it is given).
func (db *DB) walkRecords(ctx context.Context, f annotate.ExportFilter, fn func(take func(*annotate.Document, *annotate.Annotations)) error) error {
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
// decoding and allocation on every row.
const (
	exportDocumentColumns = `id, external_id, text, status, imported_at, hash, debris,
		CASE WHEN meta_extra THEN meta END, title, source, url, author, published,
		(SELECT json_group_array(json_array(id, start, end, label, text, annotator, note, created, nullif(updated, created)))
		 FROM entities WHERE document_id = documents.id)`
	exportRelationColumns = `id, document_id, type, head_id, tail_id, annotator, note, created, nullif(updated, created)`
)

func walk(ctx context.Context, c *sqlite3.SQLiteConn, f annotate.ExportFilter, fn func(take func(*annotate.Document, *annotate.Annotations)) error) error {
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
	// Documents are walked by id: ids and ordinals grow together (both are
	// assigned at insert), so this is import order.
	docs, err := openCursor(c, `SELECT `+exportDocumentColumns+` FROM documents`+where+` ORDER BY id`, vals, sc.document)
	if err != nil {
		return err
	}
	defer docs.Close()
	quotes, err := openCursor(c, `SELECT `+quoteColumns+`,
		(SELECT json_group_array(json_object('start', start, 'end', end, 'text', text))
		 FROM quote_segments WHERE quote_id = quotes.id)
		FROM quotes`+sub+` ORDER BY document_id`, vals, sc.quote)
	if err != nil {
		return err
	}
	defer quotes.Close()
	rels, err := openCursor(c, `SELECT `+exportRelationColumns+` FROM relations`+sub+` ORDER BY document_id`, vals, sc.relation)
	if err != nil {
		return err
	}
	defer rels.Close()

	for docs.ok {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := fn(func(d *annotate.Document, a *annotate.Annotations) {
			*d = docs.cur
			a.Entities = sc.entities(docs.vals[13], d.ID, a.Entities[:0])
			a.Quotes = quotes.take(d.ID, a.Quotes[:0])
			a.Relations = rels.take(d.ID, a.Relations[:0])
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
func (s *rowScanner) entities(v driver.Value, docID int64, dst []annotate.Entity) []annotate.Entity {
	r := newJSONRows(text(v))
	var cells [9]jsonValue
	for r.next(cells[:]) {
		c := &cells
		e := annotate.Entity{ID: c[0].num, DocumentID: docID, Start: int(c[1].num), End: int(c[2].num),
			Label: c[3].str, Text: c[4].str, Annotator: c[5].str, Note: c[6].str}
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
	return q.DocumentID, json.Unmarshal([]byte(text(v[11])), &q.Content)
}

func (s *rowScanner) relation(v []driver.Value, r *annotate.Relation) (int64, error) {
	// relationColumns: id, document_id, type, head_id, tail_id, annotator, note, created, updated
	r.ID, r.DocumentID, r.Type = integer(v[0]), integer(v[1]), s.intern(v[2])
	r.HeadID, r.TailID = integer(v[3]), integer(v[4])
	r.Annotator, r.Note = s.intern(v[5]), text(v[6])
	r.Created, r.Updated = s.time(v[7]), s.updated(v[8])
	return r.DocumentID, nil
}
