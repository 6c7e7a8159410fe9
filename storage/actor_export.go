package storage

import (
	"database/sql/driver"
	"encoding/json"
	"io"

	"byline/annotate"

	"github.com/mattn/go-sqlite3"
)

// actorTable is the actor registry as an export reads it: small next to
// the corpus (thousands of rows), so it is read once, in the export's
// snapshot, rather than joined into every document's row.
type actorTable map[int64]*annotate.Actor

func loadActorTable(c *sqlite3.SQLiteConn) (actorTable, error) {
	rows, err := c.Query(`SELECT `+actorColumns+` FROM actors`, nil)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	t := actorTable{}
	vals := make([]driver.Value, 8)
	for {
		if err := rows.Next(vals); err == io.EOF {
			return t, nil
		} else if err != nil {
			return nil, err
		}
		a := &annotate.Actor{ID: integer(vals[0]), Name: text(vals[1]), Label: text(vals[2]), KBID: text(vals[4]),
			Note: text(vals[5]), Created: parseTime(text(vals[6])), Updated: parseTime(text(vals[7]))}
		if err := json.Unmarshal([]byte(text(vals[3])), &a.Aliases); err != nil {
			return nil, err
		}
		t[a.ID] = a
	}
}

// of appends to dst the actors the entities link to, by id.
func (t actorTable) of(ents []annotate.Entity, dst []annotate.Actor) []annotate.Actor {
	for i := range ents {
		id := ents[i].ActorID
		if id == 0 {
			continue
		}
		if a, ok := t[id]; ok && !containsActor(dst, id) {
			dst = append(dst, *a)
		}
	}
	annotate.SortActors(dst)
	return dst
}

func containsActor(list []annotate.Actor, id int64) bool {
	for i := range list {
		if list[i].ID == id {
			return true
		}
	}
	return false
}
