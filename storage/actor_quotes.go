package storage

import (
	"context"
	"database/sql"

	"byline/annotate"
)

// ActorQuotes calls fn with every quote whose speaker mention is linked to
// an actor (to f.ActorID when set), newest published first, then by
// document and position. One read transaction; rows stream, so memory stays
// flat whatever the corpus size.
func (db *DB) ActorQuotes(ctx context.Context, f annotate.QuoteFilter, fn func(*annotate.ActorQuote) error) error {
	const op = "read the quotes"
	if err := f.Validate(); err != nil {
		return err
	}
	where, args := " WHERE e.actor_id IS NOT NULL", []any{}
	if f.ActorID != 0 {
		where, args = " WHERE e.actor_id = ?", append(args, f.ActorID)
	}
	if f.Since != "" {
		where, args = where+" AND substr(d.published, 1, 10) >= ?", append(args, f.Since)
	}
	if f.Until != "" {
		where, args = where+" AND substr(d.published, 1, 10) <= ?", append(args, f.Until)
	}
	limit := ""
	if f.Limit > 0 {
		limit, args = " LIMIT ?", append(args, f.Limit)
	}
	tx, err := db.read(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// The segments come folded into JSON, one row per quote; their first
	// start orders a document's quotes by position.
	rows, err := tx.QueryContext(ctx, `SELECT a.id, a.name, q.id, d.id, d.external_id, d.list_title, d.source, d.published,
			q.kind, q.cue_start, q.cue_end, q.cue_text,
			(SELECT json_group_array(json_array(start, end, text)) FROM quote_segments WHERE quote_id = q.id),
			(SELECT min(start) FROM quote_segments WHERE quote_id = q.id) AS first
		FROM quotes q
		JOIN entities e ON e.id = q.speaker_id
		JOIN actors a ON a.id = e.actor_id
		JOIN documents d ON d.id = q.document_id`+where+`
		ORDER BY d.published DESC, d.id DESC, first, q.id`+limit, args...)
	if err != nil {
		return db.fail(op, err)
	}
	defer rows.Close()
	var sc rowScanner
	for rows.Next() {
		var aq annotate.ActorQuote
		var kind, segments string
		var cueStart, cueEnd sql.NullInt64
		var cueText sql.NullString
		var first sql.NullInt64
		if err := rows.Scan(&aq.ActorID, &aq.ActorName, &aq.QuoteID, &aq.DocumentID, &aq.ExternalID, &aq.Title,
			&aq.Source, &aq.Published, &kind, &cueStart, &cueEnd, &cueText, &segments, &first); err != nil {
			return db.fail(op, err)
		}
		aq.Kind = annotate.QuoteKind(kind)
		if cueStart.Valid {
			aq.Cue = &annotate.Segment{Start: int(cueStart.Int64), End: int(cueEnd.Int64), Text: cueText.String}
		}
		q := annotate.Quote{ID: aq.QuoteID}
		if err := sc.segments(segments, &q); err != nil {
			return db.fail(op, err)
		}
		aq.Content = q.Content
		if err := fn(&aq); err != nil {
			return err
		}
	}
	return db.fail(op, rows.Err())
}
