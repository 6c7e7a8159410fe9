package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"unicode"

	"byline/annotate"
)

const documentColumns = `id, external_id, meta, text, status, imported_at, hash, debris`

func scanDocument(sc interface{ Scan(...any) error }, d *annotate.Document) error {
	var meta, imported, debris string
	if err := sc.Scan(&d.ID, &d.ExternalID, &meta, &d.Text, &d.Status, &imported, &d.Hash, &debris); err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(meta), &d.Meta); err != nil {
		return err
	}
	d.ImportedAt = parseTime(imported)
	d.Debris = nil
	if debris != "[]" {
		if err := json.Unmarshal([]byte(debris), &d.Debris); err != nil {
			return err
		}
	}
	return nil
}

// FindDocumentByID returns a document with its text. ENOTFOUND.
func (db *DB) FindDocumentByID(ctx context.Context, id int64) (*annotate.Document, error) {
	var d annotate.Document
	err := scanDocument(db.rdb.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM documents WHERE id = ?`, id), &d)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "document %d does not exist", id)
	}
	if err != nil {
		return nil, db.fail("read the document", err)
	}
	return &d, nil
}

// ftsQuery turns what an analyst typed into an FTS4 query that cannot be
// malformed: every word becomes a quoted phrase (so quotes, hyphens, AND, OR,
// NOT and * lose their meaning), all must match, and the last word also
// matches as a prefix while it is being typed. "" means no search.
func ftsQuery(s string) string {
	var terms []string
	// Quotes end a phrase; NUL would end the query string itself.
	s = strings.Map(func(r rune) rune {
		if r == '"' || unicode.IsControl(r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, " "))
	for _, w := range strings.Fields(s) {
		if !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			continue
		}
		terms = append(terms, `"`+w+`"`)
	}
	if len(terms) == 0 {
		return ""
	}
	last := terms[len(terms)-1]
	terms[len(terms)-1] = last[:len(last)-1] + `*"`
	return strings.Join(terms, " ")
}

// documentWhere builds the WHERE clause of f (without paging). The search
// condition is written +id so that SQLite does not drive the query from the
// search result (looking up every matching row) but walks the sort order's
// index and checks each id against the result.
func documentWhere(f annotate.DocumentFilter) (string, []any) {
	var conds []string
	var args []any
	if f.Status != nil {
		conds = append(conds, "status = ?")
		args = append(args, string(*f.Status))
	}
	if q := ftsQuery(f.Search); q != "" {
		conds = append(conds, "+id IN (SELECT docid FROM documents_fts WHERE documents_fts MATCH ?)")
		args = append(args, q)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// FindDocuments returns one page of the document list. It first pages
// through ids alone, which every sort order's index covers (so skipping
// 99,950 rows reads no row), then reads the page's rows. Texts are never
// read: the list title and the annotation count are columns of their own.
func (db *DB) FindDocuments(ctx context.Context, f annotate.DocumentFilter) ([]annotate.DocumentSummary, error) {
	const op = "list documents"
	where, args := documentWhere(f)
	order := " ORDER BY ordinal"
	switch f.Sort {
	case annotate.SortTitle:
		order = " ORDER BY list_title COLLATE NOCASE, ordinal"
	case annotate.SortDate:
		order = " ORDER BY published DESC, ordinal DESC"
	}
	limit := f.Limit
	if limit <= 0 {
		limit = -1
	}
	tx, err := db.read(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	ids, err := int64s(ctx, tx, `SELECT id FROM documents`+where+order+` LIMIT ? OFFSET ?`, append(args, limit, max(f.Offset, 0))...)
	if err != nil {
		return nil, db.fail(op, err)
	}
	out := make([]annotate.DocumentSummary, 0, len(ids))
	pos := make(map[int64]int, len(ids))
	for i, id := range ids {
		pos[id] = i
	}
	for chunk := range slices.Chunk(ids, 500) {
		marks := strings.Repeat(",?", len(chunk))[1:]
		idArgs := make([]any, len(chunk))
		for i, id := range chunk {
			idArgs[i] = id
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, external_id, list_title, status, published, annotations, ordinal
			FROM documents WHERE id IN (`+marks+`)`, idArgs...)
		if err != nil {
			return nil, db.fail(op, err)
		}
		for rows.Next() {
			var s annotate.DocumentSummary
			if err := rows.Scan(&s.ID, &s.ExternalID, &s.Title, &s.Status, &s.Published, &s.Annotations, &s.Ordinal); err != nil {
				rows.Close()
				return nil, db.fail(op, err)
			}
			out = append(out, s)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, db.fail(op, err)
		}
	}
	slices.SortFunc(out, func(a, b annotate.DocumentSummary) int { return pos[a.ID] - pos[b.ID] })
	return out, nil
}

// CountDocuments counts the documents f selects, ignoring its paging.
func (db *DB) CountDocuments(ctx context.Context, f annotate.DocumentFilter) (int, error) {
	where, args := documentWhere(f)
	query := `SELECT count(*) FROM documents` + where
	if q := ftsQuery(f.Search); q != "" && f.Status == nil {
		// The index holds exactly the documents: count there.
		query, args = `SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?`, []any{q}
	}
	var n int
	if err := db.rdb.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, db.fail("count documents", err)
	}
	return n, nil
}

// NextUnfinished returns the first todo or in-progress document after id in
// import order, wrapping around; 0 when every document is finished.
func (db *DB) NextUnfinished(ctx context.Context, id int64) (int64, error) {
	var from int64
	err := db.rdb.QueryRowContext(ctx, `SELECT ordinal FROM documents WHERE id = ?`, id).Scan(&from)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, db.fail("find the next document", err)
	}
	for _, after := range []int64{from, 0} {
		best, bestOrd := int64(0), int64(-1)
		// One indexed probe per status: an IN list would sort every match.
		for _, s := range []annotate.Status{annotate.StatusTodo, annotate.StatusInProgress} {
			var docID, ord int64
			err := db.rdb.QueryRowContext(ctx, `SELECT id, ordinal FROM documents
				WHERE status = ? AND ordinal > ? ORDER BY ordinal LIMIT 1`, string(s), after).Scan(&docID, &ord)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return 0, db.fail("find the next document", err)
			}
			if bestOrd < 0 || ord < bestOrd {
				best, bestOrd = docID, ord
			}
		}
		if best != 0 {
			return best, nil
		}
	}
	return 0, nil
}

// Progress counts documents by status.
func (db *DB) Progress(ctx context.Context) (annotate.Progress, error) {
	return progress(ctx, db.rdb, db)
}

func progress(ctx context.Context, q queryer, db *DB) (annotate.Progress, error) {
	p := annotate.Progress{ByStatus: map[annotate.Status]int{}}
	rows, err := q.QueryContext(ctx, `SELECT status, count(*) FROM documents GROUP BY status`)
	if err != nil {
		return p, db.fail("count documents", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s annotate.Status
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return p, db.fail("count documents", err)
		}
		p.ByStatus[s] = n
		p.Total += n
	}
	return p, db.fail("count documents", rows.Err())
}

// SetStatus changes a document's status (one transaction, one event).
func (db *DB) SetStatus(ctx context.Context, id int64, s annotate.Status) error {
	if !s.Valid() {
		return annotate.Errorf(annotate.EINVALID, "status %q is not one of todo, in_progress, done, skipped", s)
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var old annotate.Status
	err = tx.QueryRowContext(ctx, `SELECT status FROM documents WHERE id = ?`, id).Scan(&old)
	if errors.Is(err, sql.ErrNoRows) {
		return annotate.Errorf(annotate.ENOTFOUND, "document %d does not exist", id)
	}
	if err != nil {
		return db.fail("set the status", err)
	}
	if old == s {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE documents SET status = ? WHERE id = ?`, string(s), id); err != nil {
		return db.fail("set the status", err)
	}
	if err := tx.record(ctx, id, annotate.ActionSetStatus, annotate.ChangeSummary(string(old), string(s)),
		&snapshot{Status: old}, &snapshot{Status: s}); err != nil {
		return db.fail("set the status", err)
	}
	return tx.commit("set the status")
}

// StripDebris removes the lines the flagged debris ranges cover from a
// document's text (annotate.StripLines: the same as stripping at import).
// The text may change only while no annotation points into it (ECONFLICT).
func (db *DB) StripDebris(ctx context.Context, id int64) error {
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var d annotate.Document
	err = scanDocument(tx.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM documents WHERE id = ?`, id), &d)
	if errors.Is(err, sql.ErrNoRows) {
		return annotate.Errorf(annotate.ENOTFOUND, "document %d does not exist", id)
	}
	if err != nil {
		return db.fail("strip page debris", err)
	}
	if len(d.Debris) == 0 {
		return nil
	}
	text := annotate.StripLines(d.Text, d.Debris)
	if err := tx.setText(ctx, id, text, nil); err != nil {
		return db.fail("strip page debris", err)
	}
	none := []annotate.Range{}
	if err := tx.record(ctx, id, annotate.ActionStripDebris, annotate.DebrisStripSummary(len(d.Debris)),
		&snapshot{Text: &d.Text, Debris: &d.Debris}, &snapshot{Text: &text, Debris: &none}); err != nil {
		return db.fail("strip page debris", err)
	}
	return tx.commit("strip page debris")
}

// setText replaces a document's text (and with it hash, list title and the
// search index). Refused while annotations point into the text.
func (tx *Tx) setText(ctx context.Context, id int64, text string, debris []annotate.Range) error {
	var n int
	var title string
	if err := tx.QueryRowContext(ctx, `SELECT annotations, title FROM documents WHERE id = ?`, id).Scan(&n, &title); err != nil {
		return err
	}
	if n > 0 {
		return annotate.Errorf(annotate.ECONFLICT, "the text cannot change while the document has annotations (%d); delete them first", n)
	}
	if debris == nil {
		debris = []annotate.Range{}
	}
	b, _ := json.Marshal(debris)
	_, err := tx.ExecContext(ctx, `UPDATE documents SET text = ?, hash = ?, debris = ?, list_title = ? WHERE id = ?`,
		text, annotate.ContentHash(text), string(b), listTitle(title, text), id)
	return err
}

func listTitle(title, text string) string {
	if title != "" {
		return title
	}
	return annotate.Snippet(text, 60)
}

// textCache keeps the offset tables of the last few documents edited, keyed
// by id and content hash, so an action on a long article does not rebuild
// them every time.
type textCache struct {
	mu      sync.Mutex
	entries [4]textEntry
	next    int
}

type textEntry struct {
	id   int64
	hash string
	x    *annotate.TextIndex
}

// textIndex returns the offset tables of document id. ENOTFOUND.
func (tx *Tx) textIndex(ctx context.Context, id int64) (*annotate.TextIndex, error) {
	var hash string
	err := tx.QueryRowContext(ctx, `SELECT hash FROM documents WHERE id = ?`, id).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "document %d does not exist", id)
	}
	if err != nil {
		return nil, err
	}
	c := &tx.db.texts
	c.mu.Lock()
	for _, e := range c.entries {
		if e.x != nil && e.id == id && e.hash == hash {
			c.mu.Unlock()
			return e.x, nil
		}
	}
	c.mu.Unlock()
	var text string
	if err := tx.QueryRowContext(ctx, `SELECT text FROM documents WHERE id = ?`, id).Scan(&text); err != nil {
		return nil, err
	}
	x := annotate.NewTextIndex(text)
	c.mu.Lock()
	c.entries[c.next] = textEntry{id, hash, x}
	c.next = (c.next + 1) % len(c.entries)
	c.mu.Unlock()
	return x, nil
}
