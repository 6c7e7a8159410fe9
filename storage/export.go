package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"byline/annotate"
)

// ExportRecords streams the selected documents with their annotations, in
// import order, as native records, within one read transaction. Rather than
// querying each document's annotations (one query per document), it walks
// four cursors ordered by document in step: documents, entities, quotes
// (with their segments folded into JSON) and relations. Memory stays at one
// document's worth whatever the corpus size.
func (db *DB) ExportRecords(ctx context.Context, f annotate.ExportFilter, fn func(*annotate.Record) error) error {
	const op = "export documents"
	tx, err := db.read(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	where, args := statusWhere(f, "status")
	sub := ""
	if where != "" {
		sub = " WHERE document_id IN (SELECT id FROM documents" + where + ")"
	}
	// Documents are walked by id: ids and ordinals grow together (both are
	// assigned at insert), so this is import order.
	docs, err := tx.QueryContext(ctx, `SELECT `+documentColumns+` FROM documents`+where+` ORDER BY id`, args...)
	if err != nil {
		return db.fail(op, err)
	}
	defer docs.Close()
	var times timeCache
	ents, err := openCursor(ctx, tx, `SELECT `+entityColumns+` FROM entities`+sub+` ORDER BY document_id`, args, times.scanEntity)
	if err != nil {
		return db.fail(op, err)
	}
	defer ents.Close()
	quotes, err := openCursor(ctx, tx, `SELECT `+quoteColumns+`,
		(SELECT json_group_array(json_object('start', start, 'end', end, 'text', text))
		 FROM quote_segments WHERE quote_id = quotes.id)
		FROM quotes`+sub+` ORDER BY document_id`, args, times.scanQuote)
	if err != nil {
		return db.fail(op, err)
	}
	defer quotes.Close()
	rels, err := openCursor(ctx, tx, `SELECT `+relationColumns+` FROM relations`+sub+` ORDER BY document_id`, args, times.scanRelation)
	if err != nil {
		return db.fail(op, err)
	}
	defer rels.Close()

	var ann annotate.Annotations
	for docs.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		var d annotate.Document
		if err := scanDocument(docs, &d); err != nil {
			return db.fail(op, err)
		}
		ann.Entities = ents.take(d.ID, ann.Entities[:0])
		ann.Quotes = quotes.take(d.ID, ann.Quotes[:0])
		ann.Relations = rels.take(d.ID, ann.Relations[:0])
		if err := fn(annotate.NewRecord(&d, &ann)); err != nil {
			return err
		}
	}
	for _, err := range []error{ents.err, quotes.err, rels.err, docs.Err()} {
		if err != nil {
			return db.fail(op, err)
		}
	}
	return nil
}

func (t *timeCache) scanEntity(rows *sql.Rows, e *annotate.Entity) (int64, error) {
	var created, updated string
	err := rows.Scan(&e.ID, &e.DocumentID, &e.Start, &e.End, &e.Label, &e.Text, &e.Annotator, &e.Note, &created, &updated)
	e.Created, e.Updated = t.parse(created), t.parse(updated)
	return e.DocumentID, err
}

func (t *timeCache) scanQuote(rows *sql.Rows, q *annotate.Quote) (int64, error) {
	var speaker, cueStart, cueEnd sql.NullInt64
	var cueText sql.NullString
	var created, updated string
	var segs []byte
	if err := rows.Scan(&q.ID, &q.DocumentID, &q.Kind, &speaker, &cueStart, &cueEnd, &cueText,
		&q.Annotator, &q.Note, &created, &updated, &segs); err != nil {
		return 0, err
	}
	q.SpeakerID = speaker.Int64
	if cueStart.Valid {
		q.Cue = &annotate.Segment{Start: int(cueStart.Int64), End: int(cueEnd.Int64), Text: cueText.String}
	}
	q.Created, q.Updated = t.parse(created), t.parse(updated)
	return q.DocumentID, json.Unmarshal(segs, &q.Content)
}

func (t *timeCache) scanRelation(rows *sql.Rows, r *annotate.Relation) (int64, error) {
	var created, updated string
	err := rows.Scan(&r.ID, &r.DocumentID, &r.Type, &r.HeadID, &r.TailID, &r.Annotator, &r.Note, &created, &updated)
	r.Created, r.Updated = t.parse(created), t.parse(updated)
	return r.DocumentID, err
}

// cursor walks a result set ordered by document id, one row ahead, so the
// export can tell where a document's rows end.
type cursor[T any] struct {
	rows  *sql.Rows
	scan  func(*sql.Rows, *T) (int64, error)
	cur   T
	docID int64
	ok    bool
	err   error
}

func openCursor[T any](ctx context.Context, tx *sql.Tx, query string, args []any, scan func(*sql.Rows, *T) (int64, error)) (*cursor[T], error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	c := &cursor[T]{rows: rows, scan: scan}
	c.advance()
	return c, c.err
}

func (c *cursor[T]) advance() {
	c.ok = c.rows.Next()
	if !c.ok {
		c.err = c.rows.Err()
		return
	}
	var v T
	c.docID, c.err = c.scan(c.rows, &v)
	c.cur = v
	c.ok = c.err == nil
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

// timeCache parses stored times, remembering the last one: rows written in
// one transaction share their time.
type timeCache struct {
	last string
	t    time.Time
}

func (c *timeCache) parse(s string) time.Time {
	if s != c.last {
		c.last, c.t = s, parseTime(s)
	}
	return c.t
}
