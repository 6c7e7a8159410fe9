package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"byline/annotate"
)

// importStmts are the statements an import runs, prepared once per batch.
type importStmts struct {
	hash, url, doc                        *sql.Stmt
	entities, quotes, segments, relations *bulkInsert
	actors                                annotate.ActorImport
	// actorCounts is what the rows stored add to each actor's mentions
	// and quotes, which the suspended triggers would have counted.
	actorCounts map[int64]*actorCount
	// firstDocument is the first document the batch stored (0: none); ids
	// grow, so the batch's documents are those from it on.
	firstDocument int64
}

func prepareImport(ctx context.Context, tx *Tx) (*importStmts, error) {
	s := &importStmts{
		entities: &bulkInsert{head: `INSERT INTO entities(document_id, start, end, label, text, annotator, note, created, updated, actor_id) VALUES `, params: 10},
		quotes: &bulkInsert{head: `INSERT INTO quotes(document_id, kind, speaker_id, cue_start, cue_end, cue_text, annotator, note, created, updated) VALUES `,
			params: 10},
		segments:  &bulkInsert{head: `INSERT INTO quote_segments(quote_id, start, end, text) VALUES `, params: 4},
		relations: &bulkInsert{head: `INSERT INTO relations(document_id, type, head_id, tail_id, annotator, note, created, updated) VALUES `, params: 8},
	}
	for _, p := range []struct {
		dst   **sql.Stmt
		query string
	}{
		{&s.url, `SELECT id FROM documents WHERE url = ? AND url <> '' ORDER BY id DESC LIMIT 1`},
		{&s.doc, `INSERT INTO documents(external_id, ordinal, title, list_title, source, url, author, published, meta, meta_extra,
			text, hash, status, imported_at, debris, version_of, annotations) VALUES (?, (SELECT coalesce(max(ordinal), 0) + 1 FROM documents),
			?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
	} {
		st, err := tx.PrepareContext(ctx, p.query)
		if err != nil {
			s.close()
			return nil, err
		}
		*p.dst = st
	}
	return s, nil
}

// insertTriggers are the triggers that run for every row an import inserts
// (migrations 2, 5 and 6). Each run of the count triggers is a sub-program
// call: together they were a tenth of an annotated import's writing. The
// full-text index's trigger cost more: the index flushes the terms it holds
// in memory into a new segment at the start of every statement that opens
// a savepoint, so a document at a time made one small segment per document
// and merging them was a third of an annotated import's writing
// (indexBatch adds the batch's documents in one statement instead).
// TestImportSuspendsEveryInsertTrigger keeps this list complete.
var insertTriggers = []string{"documents_fts_insert", "entities_count_insert", "actor_mention_insert", "quotes_count_insert", "actor_quote_insert", "relations_count_insert"}

// suspendInsertTriggers drops insertTriggers for the rest of tx and returns
// the function that creates them again, as they were, before tx commits.
// Their work is done otherwise: a document's row carries its annotation
// count from the start, the import adds to the actors' counts
// (addActorCounts) and to the full-text index (indexBatch). Schema changes are part of the transaction, so an
// import that fails or is killed leaves the triggers in place.
func suspendInsertTriggers(ctx context.Context, tx *Tx) (restore func() error, err error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?`+
		strings.Repeat(", ?", len(insertTriggers)-1)+`)`, anySlice(insertTriggers)...)
	if err != nil {
		return nil, err
	}
	var drops, defs []string
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return nil, err
		}
		drops, defs = append(drops, "DROP TRIGGER "+name), append(defs, def)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, err
	}
	rows.Close()
	if len(defs) != len(insertTriggers) {
		return nil, fmt.Errorf("found %d of the triggers %v", len(defs), insertTriggers)
	}
	if _, err := tx.ExecContext(ctx, strings.Join(drops, "; ")); err != nil {
		return nil, err
	}
	return func() error {
		_, err := tx.ExecContext(ctx, strings.Join(defs, ";\n"))
		return err
	}, nil
}

func anySlice(list []string) []any {
	out := make([]any, len(list))
	for i, v := range list {
		out[i] = v
	}
	return out
}

// actorCount is what an import adds to one actor's counts.
type actorCount struct{ mentions, quotes int }

// counted returns what the batch adds to actor's counts so far.
func (s *importStmts) counted(actor int64) *actorCount {
	if s.actorCounts == nil {
		s.actorCounts = map[int64]*actorCount{}
	}
	c := s.actorCounts[actor]
	if c == nil {
		c = &actorCount{}
		s.actorCounts[actor] = c
	}
	return c
}

// addActorCounts adds the mentions and quotes stored to their actors.
func (s *importStmts) addActorCounts(ctx context.Context, tx *Tx) error {
	for id, c := range s.actorCounts {
		if _, err := tx.ExecContext(ctx, `UPDATE actors SET mentions = mentions + ?, quotes = quotes + ? WHERE id = ?`, c.mentions, c.quotes, id); err != nil {
			return err
		}
	}
	return nil
}

// indexBatch adds the documents the batch stored to the full-text index,
// as the suspended trigger documents_fts_insert would have, in one
// statement.
func (s *importStmts) indexBatch(ctx context.Context, tx *Tx) error {
	if s.firstDocument == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO documents_fts(docid, title, text) SELECT id, title, text FROM documents WHERE id >= ?`, s.firstDocument)
	return err
}

func (s *importStmts) close() {
	for _, st := range []*sql.Stmt{s.url, s.doc} {
		if st != nil {
			st.Close()
		}
	}
	for _, b := range []*bulkInsert{s.entities, s.quotes, s.segments, s.relations} {
		b.close()
	}
}

// bulkRows is how many rows one INSERT stores (at most 10 parameters each,
// well under SQLite's limit of 32,766): one call into SQLite per row was
// most of an annotated import's time.
const bulkRows = 64

// bulkInsert inserts rows of one table up to bulkRows per statement. A
// column whose value every row of a statement shares (the document, the
// annotator, the import's time) is bound once for the statement: binding
// was a quarter of an annotated import's writing. A statement is prepared
// once per batch for each row count and set of shared columns used.
type bulkInsert struct {
	head   string // "INSERT INTO t(a, b) VALUES "
	params int    // per row
	stmts  map[bulkShape]*sql.Stmt
	rows   []any // the parameters of a statement's rows, row by row
	args   []any
}

// bulkShape is a statement's row count and its shared columns (bit p for
// parameter p).
type bulkShape struct {
	rows   int
	shared uint64
}

// insert stores n rows whose parameters row(i, args) appends, and returns
// the id of each row in order. The rows of one statement get consecutive
// ids (the tables' ids are rowids and one transaction writes at a time),
// the last one reported.
func (b *bulkInsert) insert(ctx context.Context, tx *Tx, n int, row func(i int, args []any) []any, ids []int64) ([]int64, error) {
	for from := 0; from < n; from += bulkRows {
		to := min(from+bulkRows, n)
		b.rows = b.rows[:0]
		for i := from; i < to; i++ {
			b.rows = row(i, b.rows)
		}
		shape := bulkShape{rows: to - from, shared: b.sharedColumns(to - from)}
		st, err := b.stmt(ctx, tx, shape)
		if err != nil {
			return ids, err
		}
		b.args = b.args[:0]
		for p := range b.params {
			if shape.shared&(1<<p) != 0 {
				b.args = append(b.args, b.rows[p])
			}
		}
		for i, v := range b.rows {
			if shape.shared&(1<<(i%b.params)) == 0 {
				b.args = append(b.args, v)
			}
		}
		res, err := st.ExecContext(ctx, b.args...)
		if err != nil {
			return ids, err
		}
		last, err := res.LastInsertId()
		if err != nil {
			return ids, err
		}
		for i := from; i < to; i++ {
			ids = append(ids, last-int64(to-1-i))
		}
	}
	return ids, nil
}

// sharedColumns returns the parameters whose value all n rows in b.rows
// share.
func (b *bulkInsert) sharedColumns(n int) uint64 {
	if n < 2 {
		return 0
	}
	var shared uint64
	for p := range b.params {
		first := b.rows[p]
		switch first.(type) {
		case nil, string, int, int64:
		default:
			continue // compared only where == cannot panic
		}
		same := true
		for i := 1; i < n && same; i++ {
			same = b.rows[i*b.params+p] == first
		}
		if same {
			shared |= 1 << p
		}
	}
	return shared
}

// stmt returns the statement for shape: numbered parameters, the shared
// columns' first, then the rest row by row.
func (b *bulkInsert) stmt(ctx context.Context, tx *Tx, shape bulkShape) (*sql.Stmt, error) {
	if st, ok := b.stmts[shape]; ok {
		return st, nil
	}
	number := make([]int, b.params) // the shared columns' parameter numbers
	next := 1
	for p := range b.params {
		if shape.shared&(1<<p) != 0 {
			number[p] = next
			next++
		}
	}
	var q strings.Builder
	q.WriteString(b.head)
	for i := range shape.rows {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteByte('(')
		for p := range b.params {
			if p > 0 {
				q.WriteString(", ")
			}
			q.WriteByte('?')
			if number[p] != 0 {
				q.WriteString(strconv.Itoa(number[p]))
			} else {
				q.WriteString(strconv.Itoa(next))
				next++
			}
		}
		q.WriteByte(')')
	}
	st, err := tx.PrepareContext(ctx, q.String())
	if err != nil {
		return nil, err
	}
	if b.stmts == nil {
		b.stmts = map[bulkShape]*sql.Stmt{}
	}
	b.stmts[shape] = st
	return st, nil
}

func (b *bulkInsert) close() {
	for _, st := range b.stmts {
		st.Close()
	}
}

// ImportRecords stores records in one transaction: all of them or none.
// A record whose text is already stored (or came earlier in recs) is skipped
// as a duplicate, its outcome naming the stored document (or, with
// opt.KeepDuplicates, stored as a copy marked with meta "copy_of"); one sharing its
// URL with a stored document is stored and flagged as a new version of it. Labels and relation types the records use
// but the schema lacks are added to it; opt.Schema, when set, is saved too.
func (db *DB) ImportRecords(ctx context.Context, recs []*annotate.Record, opt annotate.ImportOptions) ([]annotate.ImportOutcome, error) {
	const op = "import documents"
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	// The statements run on a context that is never done, and the loop
	// below checks for cancellation between records: given a context that
	// can be done, the driver runs each statement on a goroutine of its own
	// and waits for it, which cost more than the statements themselves.
	canceled := ctx
	ctx = context.WithoutCancel(ctx)
	stored, err := loadSchema(ctx, tx)
	if err != nil {
		return nil, db.fail(op, err)
	}
	schema := stored
	if opt.Schema != nil {
		if err := opt.Schema.Validate(); err != nil {
			return nil, err
		}
		schema = opt.Schema.Clone()
	}
	nLabels, nRels := len(schema.Entities), len(schema.Relations)
	restoreTriggers, err := suspendInsertTriggers(ctx, tx)
	if err != nil {
		return nil, db.fail(op, err)
	}
	st, err := prepareImport(ctx, tx)
	if err != nil {
		return nil, db.fail(op, err)
	}
	defer st.close()
	hashes := make([]string, len(recs))
	for i, rec := range recs {
		hashes[i] = annotate.ContentHash(rec.Text)
	}
	// content hash -> first document with it, stored or earlier in recs
	seen, err := storedCopies(ctx, tx, hashes)
	if err != nil {
		return nil, db.fail(op, err)
	}
	outs := make([]annotate.ImportOutcome, 0, len(recs))
	for i, rec := range recs {
		if err := canceled.Err(); err != nil {
			return nil, err
		}
		if err := prepare(rec, schema, opt.Prepared); err != nil {
			return nil, annotate.AtLine(recordError(rec, err), "", rec.Line)
		}
		out, err := tx.importRecord(ctx, st, rec, hashes[i], seen, opt.KeepDuplicates)
		if err != nil {
			return nil, annotate.AtLine(recordError(rec, db.fail(op, err)), "", rec.Line)
		}
		outs = append(outs, out)
	}
	if err := st.addActorCounts(ctx, tx); err != nil {
		return nil, db.fail(op, err)
	}
	if err := st.indexBatch(ctx, tx); err != nil {
		return nil, db.fail(op, err)
	}
	if err := restoreTriggers(); err != nil {
		return nil, db.fail(op, err)
	}
	if opt.Schema != nil || len(schema.Entities) != nLabels || len(schema.Relations) != nRels {
		if err := storeSchema(ctx, tx, schema); err != nil {
			return nil, db.fail(op, err)
		}
	}
	n := 0
	for _, o := range outs {
		if !o.Duplicate {
			n++
		}
	}
	if n > 0 {
		if err := tx.record(ctx, 0, annotate.ActionImport, fmt.Sprintf("%d document(s) imported", n), nil, nil); err != nil {
			return nil, db.fail(op, err)
		}
	}
	if err := tx.commit(op); err != nil {
		return nil, err
	}
	return outs, nil
}

// prepare checks a record as annotate.PrepareRecord does. A record with no
// spans needs no offset tables, which are the costly part on long texts; a
// record the caller prepared (the importer's readers do, on several cores)
// is not checked twice: only its labels are added to the schema.
func prepare(rec *annotate.Record, schema *annotate.Schema, prepared bool) error {
	if prepared {
		for _, e := range rec.Entities {
			schema.EnsureLabel(e.Label)
		}
		for _, a := range rec.Actors {
			schema.EnsureLabel(a.Label)
		}
		for _, r := range rec.Relations {
			schema.EnsureRelationType(r.Type)
		}
		return nil
	}
	if rec.Annotated() || len(rec.Debris) > 0 {
		_, err := annotate.PrepareRecord(rec, schema)
		return err
	}
	if rec.Status == "" {
		rec.Status = annotate.StatusTodo
	}
	if !rec.Status.Valid() {
		return annotate.Errorf(annotate.EINVALID, "status %q is not one of todo, in_progress, done, skipped", rec.Status)
	}
	if _, err := annotate.ParseTime(rec.Imported); err != nil {
		return annotate.Errorf(annotate.EINVALID, "imported time %q is not RFC 3339", rec.Imported)
	}
	return nil
}

func recordError(rec *annotate.Record, err error) error {
	var coded *annotate.Error
	if e, ok := err.(*annotate.Error); ok {
		coded = e
	} else if annotate.ErrorCode(err) != annotate.EINTERNAL {
		return err
	}
	if coded == nil || rec.ID == "" {
		return err
	}
	c := *coded
	c.Message = "record " + rec.ID + ": " + c.Message
	return &c
}

// firstCopy is the first stored document with a given text.
type firstCopy struct {
	id         int64
	externalID string
}

// hashQueryRows is how many hashes one storedCopies query asks for.
const hashQueryRows = 500

// storedCopies returns the first stored document of each of hashes that has
// one: a few queries per batch instead of one per record.
func storedCopies(ctx context.Context, tx *Tx, hashes []string) (map[string]firstCopy, error) {
	seen := make(map[string]firstCopy, len(hashes))
	args := make([]any, 0, hashQueryRows)
	for from := 0; from < len(hashes); from += hashQueryRows {
		part := hashes[from:min(from+hashQueryRows, len(hashes))]
		args = args[:0]
		for _, h := range part {
			args = append(args, h)
		}
		rows, err := tx.QueryContext(ctx, `SELECT hash, id, external_id FROM documents WHERE hash IN (?`+
			strings.Repeat(", ?", len(part)-1)+`) ORDER BY id`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var h string
			var f firstCopy
			if err := rows.Scan(&h, &f.id, &f.externalID); err != nil {
				rows.Close()
				return nil, err
			}
			if _, ok := seen[h]; !ok {
				seen[h] = f
			}
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return seen, nil
}

// importRecord stores rec, whose content hash is hash; seen holds the first
// document of every hash stored before it.
func (tx *Tx) importRecord(ctx context.Context, st *importStmts, rec *annotate.Record, hash string, seen map[string]firstCopy, keepDuplicates bool) (annotate.ImportOutcome, error) {
	out := annotate.ImportOutcome{ExternalID: rec.ID}
	first := seen[hash]
	if first.id != 0 && !keepDuplicates {
		out.DocumentID, out.Duplicate = first.id, true
		return out, nil
	}
	var versionOf any
	if first.id != 0 {
		// A copy is marked in its metadata, where exports carry it too; it
		// is not a new version of its URL, its text being the same.
		out.CopyOf = first.externalID
		b, _ := json.Marshal(first.externalID)
		rec.Meta.SetKey("copy_of", b)
	} else if rec.Meta.URL != "" {
		var id int64
		err := st.url.QueryRowContext(ctx, rec.Meta.URL).Scan(&id)
		if err != nil && err != sql.ErrNoRows {
			return out, err
		}
		if err == nil {
			versionOf, out.NewVersion = id, true
		}
	}
	meta, err := json.Marshal(rec.Meta)
	if err != nil {
		return out, err
	}
	debris := "[]"
	if len(rec.Debris) > 0 {
		b, _ := json.Marshal(rec.Debris)
		debris = string(b)
	}
	imported := tx.nowText()
	if rec.Imported != "" {
		imported = normTime(rec.Imported, imported)
	}
	res, err := st.doc.ExecContext(ctx, rec.ID, rec.Meta.Title, listTitle(rec.Meta.Title, rec.Text), rec.Meta.Source, rec.Meta.URL,
		rec.Meta.Author, rec.Meta.Published, string(meta), len(rec.Meta.Extra) > 0, rec.Text, hash, string(rec.Status), imported,
		debris, versionOf, len(rec.Entities)+len(rec.Quotes)+len(rec.Relations))
	if err != nil {
		return out, err
	}
	if out.DocumentID, err = res.LastInsertId(); err != nil {
		return out, err
	}
	if st.firstDocument == 0 {
		st.firstDocument = out.DocumentID
	}
	if first.id == 0 {
		seen[hash] = firstCopy{out.DocumentID, rec.ID}
	}
	now := tx.nowText()
	actors, err := st.actors.Resolve(txActors{ctx, tx}, rec, &out)
	if err != nil {
		return out, err
	}
	annotator := tx.db.annotatorOr
	entityIDs, err := st.entities.insert(ctx, tx, len(rec.Entities), func(i int, args []any) []any {
		e := &rec.Entities[i]
		created := normTime(e.Created, now)
		return append(args, out.DocumentID, e.Start, e.End, e.Label, e.Text,
			annotator(e.Annotator), e.Note, created, normTime(e.Updated, created), nullID(actors[e.Actor]))
	}, make([]int64, 0, len(rec.Entities)))
	if err != nil {
		return out, err
	}
	ids := make(map[string]int64, len(rec.Entities))
	actorOf := map[string]int64{} // entity id -> its actor, for linked mentions
	for i, e := range rec.Entities {
		ids[e.ID] = entityIDs[i]
		if a := actors[e.Actor]; a != 0 {
			actorOf[e.ID] = a
			st.counted(a).mentions++
		}
	}
	for _, q := range rec.Quotes {
		if a := actorOf[q.Speaker]; a != 0 {
			st.counted(a).quotes++
		}
	}
	quoteIDs, err := st.quotes.insert(ctx, tx, len(rec.Quotes), func(i int, args []any) []any {
		q := &rec.Quotes[i]
		var cueStart, cueEnd, cueText any
		if q.Cue != nil {
			cueStart, cueEnd, cueText = q.Cue.Start, q.Cue.End, q.Cue.Text
		}
		created := normTime(q.Created, now)
		return append(args, out.DocumentID, string(q.Kind), nullID(ids[q.Speaker]), cueStart, cueEnd, cueText,
			annotator(q.Annotator), q.Note, created, normTime(q.Updated, created))
	}, make([]int64, 0, len(rec.Quotes)))
	if err != nil {
		return out, err
	}
	type segmentRow struct {
		quote int64
		seg   *annotate.Segment
	}
	var segments []segmentRow
	for i := range rec.Quotes {
		for j := range rec.Quotes[i].Content {
			segments = append(segments, segmentRow{quoteIDs[i], &rec.Quotes[i].Content[j]})
		}
	}
	if _, err := st.segments.insert(ctx, tx, len(segments), func(i int, args []any) []any {
		s := segments[i]
		return append(args, s.quote, s.seg.Start, s.seg.End, s.seg.Text)
	}, nil); err != nil {
		return out, err
	}
	if _, err := st.relations.insert(ctx, tx, len(rec.Relations), func(i int, args []any) []any {
		r := &rec.Relations[i]
		created := normTime(r.Created, now)
		return append(args, out.DocumentID, r.Type, ids[r.Head], ids[r.Tail], annotator(r.Annotator), r.Note, created, normTime(r.Updated, created))
	}, nil); err != nil {
		return out, err
	}
	return out, nil
}

// normTime returns s in the stored form (UTC RFC 3339), or def when s is "".
func normTime(s, def string) string {
	if s == "" {
		return def
	}
	t, err := annotate.ParseTime(s)
	if err != nil {
		return def
	}
	return annotate.FormatTime(t)
}

// statusWhere selects documents by status for export.
func statusWhere(f annotate.ExportFilter, column string) (string, []any) {
	if len(f.Statuses) == 0 {
		return "", nil
	}
	marks := make([]string, len(f.Statuses))
	args := make([]any, len(f.Statuses))
	for i, s := range f.Statuses {
		marks[i], args[i] = "?", string(s)
	}
	return " WHERE " + column + " IN (" + strings.Join(marks, ", ") + ")", args
}
