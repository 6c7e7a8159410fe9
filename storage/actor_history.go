package storage

import (
	"context"
	"encoding/json"
	"strings"

	"byline/annotate"
)

// registrySnap is the state a registry event changes (events.before and
// events.after of an event without a document). A merge's before state
// holds the kept actor as it was, the merged actor and the mentions that
// moved; its after state the kept actor as merged.
type registrySnap struct {
	Actor    *annotate.Actor `json:"actor,omitempty"`
	Merged   *annotate.Actor `json:"merged,omitempty"`
	Mentions []int64         `json:"mentions,omitempty"`
}

// linkJSON is a mention's actor link in a document event.
type linkJSON struct {
	Entity int64 `json:"entity"`
	Actor  int64 `json:"actor,omitempty"`
}

// registryActions are the actions UndoActors and RedoActors step through.
var registryActions = `'` + strings.Join([]string{annotate.ActionCreateActor, annotate.ActionUpdateActor,
	annotate.ActionDeleteActor, annotate.ActionMergeActors}, `', '`) + `'`

// recordRegistry writes the event of a registry change and drops the
// registry's redo history.
func (tx *Tx) recordRegistry(ctx context.Context, action, summary string, before, after *registrySnap) error {
	if _, err := tx.ExecContext(ctx, `UPDATE events SET discarded = 1
		WHERE document_id IS NULL AND undone = 1 AND discarded = 0 AND action IN (`+registryActions+`)`); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO events(document_id, action, summary, annotator, at, before, after)
		VALUES (NULL, ?, ?, ?, ?, ?, ?)`, action, summary, tx.db.Annotator(), tx.nowText(),
		registryJSON(before), registryJSON(after))
	return err
}

func registryJSON(s *registrySnap) any {
	if s == nil {
		return nil
	}
	b, _ := json.Marshal(s) // plain structs: cannot fail
	return string(b)
}

func decodeRegistry(raw json.RawMessage) (*registrySnap, error) {
	if string(raw) == "null" {
		return &registrySnap{}, nil
	}
	var s registrySnap
	return &s, json.Unmarshal(raw, &s)
}

// UndoActors reverts the latest registry change not yet undone; nil when
// there is none. ECONFLICT when later work prevents it.
func (db *DB) UndoActors(ctx context.Context) (*annotate.Event, error) {
	return db.stepRegistry(ctx, true)
}

// RedoActors re-applies the latest undone registry change; nil when there
// is none.
func (db *DB) RedoActors(ctx context.Context) (*annotate.Event, error) {
	return db.stepRegistry(ctx, false)
}

func (db *DB) stepRegistry(ctx context.Context, undo bool) (*annotate.Event, error) {
	op := "redo"
	query := `SELECT ` + eventColumns + ` FROM events WHERE document_id IS NULL AND action IN (` + registryActions + `)
		AND undone = 1 AND discarded = 0 ORDER BY id LIMIT 1`
	if undo {
		op = "undo"
		query = `SELECT ` + eventColumns + ` FROM events WHERE document_id IS NULL AND action IN (` + registryActions + `)
			AND undone = 0 ORDER BY id DESC LIMIT 1`
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return stepEvent(ctx, tx, op, tx.QueryRowContext(ctx, query), undo, decodeRegistry,
		func(from, to *registrySnap) error { return tx.registryTransition(ctx, from, to) }, "the actors changed since")
}

// registryTransition moves the registry from state from to state to. It
// also performs a merge (from: before, to: after).
func (tx *Tx) registryTransition(ctx context.Context, from, to *registrySnap) error {
	switch {
	case from.Merged != nil && to.Merged == nil: // merge
		if err := relink(ctx, tx, from.Mentions, from.Merged.ID, to.Actor.ID); err != nil {
			return err
		}
		if err := mustDelete(ctx, tx, `DELETE FROM actors WHERE id = ?`, from.Merged.ID); err != nil {
			return err
		}
		return updateActorRow(ctx, tx, to.Actor)
	case to.Merged != nil && from.Merged == nil: // split a merge again
		if err := updateActorRow(ctx, tx, to.Actor); err != nil {
			return err
		}
		if err := insertActor(ctx, tx, to.Merged); err != nil {
			return err
		}
		return relink(ctx, tx, to.Mentions, to.Actor.ID, to.Merged.ID)
	case from.Actor != nil && to.Actor == nil: // delete (redo a delete, undo a create)
		if from.Mentions == nil {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM entities WHERE actor_id = ?`, from.Actor.ID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return annotate.Errorf(annotate.ECONFLICT, "%d mention(s) are linked to it since; unlink them first", n)
			}
		}
		return mustDelete(ctx, tx, `DELETE FROM actors WHERE id = ?`, from.Actor.ID)
	case from.Actor == nil && to.Actor != nil: // create (redo a create, undo a delete)
		a := *to.Actor
		if err := insertActor(ctx, tx, &a); err != nil {
			return err
		}
		return relink(ctx, tx, to.Mentions, 0, a.ID)
	case to.Actor != nil:
		return updateActorRow(ctx, tx, to.Actor)
	}
	return nil
}

// relink moves the listed mentions that still link to actor from (0: to
// none) over to actor to. Mentions deleted or relinked since stay as they
// are.
func relink(ctx context.Context, tx *Tx, mentions []int64, from, to int64) error {
	if len(mentions) == 0 {
		return nil
	}
	st, err := tx.PrepareContext(ctx, `UPDATE entities SET actor_id = ? WHERE id = ? AND coalesce(actor_id, 0) = ?`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, id := range mentions {
		if _, err := st.ExecContext(ctx, to, id, from); err != nil {
			return err
		}
	}
	return nil
}
