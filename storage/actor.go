package storage

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"byline/annotate"
)

var _ annotate.ActorService = (*DB)(nil)

const actorColumns = `id, name, label, aliases, kb_id, note, created, updated`

func scanActor(sc interface{ Scan(...any) error }, a *annotate.Actor, extra ...any) error {
	var aliases, created, updated string
	dst := append([]any{&a.ID, &a.Name, &a.Label, &aliases, &a.KBID, &a.Note, &created, &updated}, extra...)
	if err := sc.Scan(dst...); err != nil {
		return err
	}
	a.Created, a.Updated = parseTime(created), parseTime(updated)
	a.Aliases = []string{}
	return json.Unmarshal([]byte(aliases), &a.Aliases)
}

func aliasesJSON(aliases []string) string {
	if len(aliases) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(aliases) // strings: cannot fail
	return string(b)
}

func loadActor(ctx context.Context, q queryer, id int64) (*annotate.Actor, error) {
	var a annotate.Actor
	err := scanActor(q.QueryRowContext(ctx, `SELECT `+actorColumns+` FROM actors WHERE id = ?`, id), &a)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, annotate.Errorf(annotate.ENOTFOUND, "actor %d does not exist (it may have been merged or deleted)", id)
	}
	return &a, err
}

// insertActor stores a; a.ID 0 gets a new id, any other keeps it (undo).
func insertActor(ctx context.Context, q queryer, a *annotate.Actor) error {
	res, err := q.ExecContext(ctx, `INSERT INTO actors(`+actorColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		nullID(a.ID), a.Name, a.Label, aliasesJSON(a.Aliases), a.KBID, a.Note,
		annotate.FormatTime(a.Created), annotate.FormatTime(a.Updated))
	if err != nil {
		return err
	}
	a.ID, err = res.LastInsertId()
	return err
}

func updateActorRow(ctx context.Context, tx *Tx, a *annotate.Actor) error {
	return mustDelete(ctx, tx, `UPDATE actors SET name = ?, label = ?, aliases = ?, kb_id = ?, note = ?, updated = ? WHERE id = ?`,
		a.Name, a.Label, aliasesJSON(a.Aliases), a.KBID, a.Note, annotate.FormatTime(a.Updated), a.ID)
}

// Actors lists every actor with its mention and quote counts, by name.
func (db *DB) Actors(ctx context.Context) ([]annotate.ActorSummary, error) {
	const op = "list the actors"
	// The counts are kept by triggers (migration 0006): no join per listing.
	// Sorted here rather than by ORDER BY, which sorted whole rows in SQLite.
	rows, err := db.rdb.QueryContext(ctx, `SELECT `+actorColumns+`, mentions, quotes FROM actors`)
	if err != nil {
		return nil, db.fail(op, err)
	}
	defer rows.Close()
	out := []annotate.ActorSummary{}
	for rows.Next() {
		var s annotate.ActorSummary
		if err := scanActor(rows, &s.Actor, &s.Mentions, &s.Quotes); err != nil {
			return nil, db.fail(op, err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, db.fail(op, err)
	}
	slices.SortFunc(out, func(x, y annotate.ActorSummary) int {
		if c := compareNoCase(x.Name, y.Name); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	return out, nil
}

// compareNoCase orders as SQLite's NOCASE collation: ASCII letters without
// case, every other byte as it is.
func compareNoCase(x, y string) int {
	for i := 0; i < len(x) && i < len(y); i++ {
		a, b := lowerASCII(x[i]), lowerASCII(y[i])
		if a != b {
			return cmp.Compare(a, b)
		}
	}
	return cmp.Compare(len(x), len(y))
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// FindActor returns one actor. ENOTFOUND.
func (db *DB) FindActor(ctx context.Context, id int64) (*annotate.Actor, error) {
	a, err := loadActor(ctx, db.rdb, id)
	if err != nil {
		return nil, db.fail("read the actor", err)
	}
	return a, nil
}

// CreateActor validates and stores a, filling ID and times. EINVALID.
func (db *DB) CreateActor(ctx context.Context, a *annotate.Actor) error {
	const op = "save the actor"
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	schema, err := loadSchema(ctx, tx)
	if err != nil {
		return db.fail(op, err)
	}
	saved := *a
	saved.ID = 0
	if err := annotate.CleanActor(&saved, schema); err != nil {
		return err
	}
	saved.Created, saved.Updated = tx.now, tx.now
	if err := insertActor(ctx, tx, &saved); err != nil {
		return db.fail(op, err)
	}
	if err := tx.recordRegistry(ctx, annotate.ActionCreateActor, annotate.ActorSummaryText(&saved),
		nil, &registrySnap{Actor: &saved}); err != nil {
		return db.fail(op, err)
	}
	if err := tx.commit(op); err != nil {
		return err
	}
	*a = saved
	return nil
}

// UpdateActor changes an actor's name, label, aliases, external id or note.
func (db *DB) UpdateActor(ctx context.Context, id int64, upd annotate.ActorUpdate) (*annotate.Actor, error) {
	const op = "change the actor"
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	old, err := loadActor(ctx, tx, id)
	if err != nil {
		return nil, db.fail(op, err)
	}
	schema, err := loadSchema(ctx, tx)
	if err != nil {
		return nil, db.fail(op, err)
	}
	a := *old
	if err := upd.Apply(&a, schema); err != nil {
		return nil, err
	}
	if sameActor(old, &a) {
		return &a, nil
	}
	a.Updated = tx.now
	if err := updateActorRow(ctx, tx, &a); err != nil {
		return nil, db.fail(op, err)
	}
	if err := tx.recordRegistry(ctx, annotate.ActionUpdateActor, annotate.ActorSummaryText(&a),
		&registrySnap{Actor: old}, &registrySnap{Actor: &a}); err != nil {
		return nil, db.fail(op, err)
	}
	if err := tx.commit(op); err != nil {
		return nil, err
	}
	return &a, nil
}

func sameActor(x, y *annotate.Actor) bool {
	return x.Name == y.Name && x.Label == y.Label && x.KBID == y.KBID && x.Note == y.Note &&
		aliasesJSON(x.Aliases) == aliasesJSON(y.Aliases)
}

// DeleteActor removes an actor; its mentions stay, unlinked. Undo links
// them again.
func (db *DB) DeleteActor(ctx context.Context, id int64) error {
	const op = "delete the actor"
	tx, err := db.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	a, err := loadActor(ctx, tx, id)
	if err != nil {
		return db.fail(op, err)
	}
	mentions, err := int64s(ctx, tx, `SELECT id FROM entities WHERE actor_id = ? ORDER BY id`, id)
	if err != nil {
		return db.fail(op, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM actors WHERE id = ?`, id); err != nil {
		return db.fail(op, err)
	}
	if err := tx.recordRegistry(ctx, annotate.ActionDeleteActor, annotate.ActorSummaryText(a),
		&registrySnap{Actor: a, Mentions: mentions}, nil); err != nil {
		return db.fail(op, err)
	}
	return tx.commit(op)
}

// MergeActors moves drop's mentions to keep, folds drop's names into keep's
// aliases and deletes drop: one transaction, one event.
func (db *DB) MergeActors(ctx context.Context, keep, drop int64) (*annotate.Actor, error) {
	const op = "merge the actors"
	if keep == drop {
		return nil, annotate.Errorf(annotate.EINVALID, "an actor cannot be merged with itself")
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	k, err := loadActor(ctx, tx, keep)
	if err != nil {
		return nil, db.fail(op, err)
	}
	d, err := loadActor(ctx, tx, drop)
	if err != nil {
		return nil, db.fail(op, err)
	}
	mentions, err := int64s(ctx, tx, `SELECT id FROM entities WHERE actor_id = ? ORDER BY id`, drop)
	if err != nil {
		return nil, db.fail(op, err)
	}
	merged := annotate.Merged(k, d)
	merged.Updated = tx.now
	after := &registrySnap{Actor: &merged}
	before := &registrySnap{Actor: k, Merged: d, Mentions: mentions}
	if err := tx.registryTransition(ctx, before, after); err != nil {
		return nil, db.fail(op, err)
	}
	summary := fmt.Sprintf("%s merged into %q (%d mention(s))", annotate.ActorSummaryText(d), k.Name, len(mentions))
	if err := tx.recordRegistry(ctx, annotate.ActionMergeActors, summary, before, after); err != nil {
		return nil, db.fail(op, err)
	}
	if err := tx.commit(op); err != nil {
		return nil, err
	}
	return &merged, nil
}

// LinkMention links an entity to an actor (0 unlinks it): one event of the
// entity's document.
func (db *DB) LinkMention(ctx context.Context, entityID, actorID int64) (*annotate.Entity, error) {
	const op = "link the mention"
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	e, err := loadEntity(ctx, tx, entityID)
	if err != nil {
		return nil, db.fail(op, err)
	}
	if e.ActorID == actorID {
		return e, nil
	}
	var a *annotate.Actor
	if actorID != 0 {
		if a, err = loadActor(ctx, tx, actorID); err != nil {
			return nil, db.fail(op, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE entities SET actor_id = ? WHERE id = ?`, nullID(actorID), entityID); err != nil {
		return nil, db.fail(op, err)
	}
	summary := annotate.LinkSummary(e, a)
	if err := tx.record(ctx, e.DocumentID, annotate.ActionLinkMention, summary,
		&snapshot{Link: &linkJSON{Entity: entityID, Actor: e.ActorID}},
		&snapshot{Link: &linkJSON{Entity: entityID, Actor: actorID}}); err != nil {
		return nil, db.fail(op, err)
	}
	if err := tx.commit(op); err != nil {
		return nil, err
	}
	e.ActorID = actorID
	return e, nil
}

// linkActors fills ann.Actors with the actors the document's entities link
// to, in one query however many there are (opening an article runs this).
func linkActors(ctx context.Context, q queryer, docID int64, ann *annotate.Annotations) error {
	rows, err := q.QueryContext(ctx, `SELECT `+actorColumns+` FROM actors
		WHERE id IN (SELECT actor_id FROM entities WHERE document_id = ? AND actor_id IS NOT NULL)`, docID)
	if err != nil {
		return err
	}
	defer rows.Close()
	ann.Actors = nil
	for rows.Next() {
		var a annotate.Actor
		if err := scanActor(rows, &a); err != nil {
			return err
		}
		ann.Actors = append(ann.Actors, a)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	annotate.SortActors(ann.Actors)
	return nil
}
