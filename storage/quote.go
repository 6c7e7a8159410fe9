package storage

import (
	"context"

	"byline/annotate"
)

// checkQuote validates q against its document and completes the texts of
// its segments and cue.
func (tx *Tx) checkQuote(ctx context.Context, q *annotate.Quote) error {
	x, err := tx.textIndex(ctx, q.DocumentID)
	if err != nil {
		return err
	}
	speakers, err := entitiesByID(ctx, tx, q.DocumentID, q.SpeakerID)
	if err != nil {
		return err
	}
	return annotate.PrepareQuote(x, q, speakers)
}

// CreateQuote validates and stores q (its kind defaults from the quotation
// marks), filling ID, texts, Annotator and times. EINVALID, ENOTFOUND.
func (db *DB) CreateQuote(ctx context.Context, q *annotate.Quote) error {
	const op = "save the quote"
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	saved := *q
	saved.ID = 0
	if err := tx.checkQuote(ctx, &saved); err != nil {
		return db.fail(op, err)
	}
	saved.Annotator = db.annotatorOr(q.Annotator)
	saved.Created, saved.Updated = tx.now, tx.now
	if err := insertQuote(ctx, tx, &saved); err != nil {
		return db.fail(op, err)
	}
	if err := tx.record(ctx, saved.DocumentID, annotate.ActionCreateQuote, annotate.QuoteSummary(&saved),
		nil, &snapshot{Quote: quoteSnap(&saved)}); err != nil {
		return db.fail(op, err)
	}
	if err := tx.commit(op); err != nil {
		return err
	}
	*q = saved
	return nil
}

// UpdateQuote changes a quote's kind, content, cue, speaker or note.
// EINVALID, ENOTFOUND.
func (db *DB) UpdateQuote(ctx context.Context, id int64, upd annotate.QuoteUpdate) (*annotate.Quote, error) {
	const op = "change the quote"
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	old, err := loadQuote(ctx, tx, id)
	if err != nil {
		return nil, db.fail(op, err)
	}
	q := *old
	if err := upd.Apply(&q); err != nil {
		return nil, err
	}
	if err := tx.checkQuote(ctx, &q); err != nil {
		return nil, db.fail(op, err)
	}
	q.Annotator = db.Annotator()
	q.Updated = tx.now
	if err := updateQuoteRow(ctx, tx, &q); err != nil {
		return nil, db.fail(op, err)
	}
	if err := tx.record(ctx, q.DocumentID, annotate.ActionUpdateQuote, annotate.QuoteSummary(&q),
		&snapshot{Quote: quoteSnap(old)}, &snapshot{Quote: quoteSnap(&q)}); err != nil {
		return nil, db.fail(op, err)
	}
	if err := tx.commit(op); err != nil {
		return nil, err
	}
	return &q, nil
}

// DeleteQuote removes a quote. ENOTFOUND.
func (db *DB) DeleteQuote(ctx context.Context, id int64) error {
	const op = "delete the quote"
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	q, err := loadQuote(ctx, tx, id)
	if err != nil {
		return db.fail(op, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM quotes WHERE id = ?`, id); err != nil {
		return db.fail(op, err)
	}
	if err := tx.record(ctx, q.DocumentID, annotate.ActionDeleteQuote, annotate.QuoteSummary(q), &snapshot{Quote: quoteSnap(q)}, nil); err != nil {
		return db.fail(op, err)
	}
	return tx.commit(op)
}
