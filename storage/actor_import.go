package storage

import (
	"context"

	"byline/annotate"
)

// txActors is the actor registry as an import transaction sees it.
type txActors struct {
	ctx context.Context
	tx  *Tx
}

var _ annotate.ActorRegistry = txActors{}

func (r txActors) ActorsWithKey(name, label, kbID string) ([]annotate.Actor, error) {
	query, args := `SELECT `+actorColumns+` FROM actors WHERE name = ? AND label = ? ORDER BY id`, []any{name, label}
	if kbID != "" {
		query, args = `SELECT `+actorColumns+` FROM actors WHERE kb_id = ? ORDER BY id`, []any{kbID}
	}
	rows, err := r.tx.QueryContext(r.ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []annotate.Actor
	for rows.Next() {
		var a annotate.Actor
		if err := scanActor(rows, &a); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func (r txActors) InsertActor(a *annotate.Actor) error {
	a.Created, a.Updated = r.tx.now, r.tx.now
	return insertActor(r.ctx, r.tx, a)
}

func (r txActors) ReplaceActor(a *annotate.Actor) error {
	a.Updated = r.tx.now
	return updateActorRow(r.ctx, r.tx, a)
}
