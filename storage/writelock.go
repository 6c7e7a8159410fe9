package storage

import (
	"context"
	"database/sql"
)

// HoldWriteLock takes the write lock of the database at path on a
// connection of its own, as another program writing to the file (a
// `byline import`) holds it, and keeps it until release is called. Tests
// use it to check that the window and the editor go on taking input
// meanwhile.
func HoldWriteLock(ctx context.Context, path string) (release func() error, err error) {
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		return nil, err
	}
	conn, err := db.Conn(ctx)
	if err == nil {
		_, err = conn.ExecContext(ctx, "BEGIN IMMEDIATE")
	}
	if err != nil {
		if conn != nil {
			conn.Close()
		}
		db.Close()
		return nil, err
	}
	return func() error {
		_, err := conn.ExecContext(ctx, "ROLLBACK")
		conn.Close()
		db.Close()
		return err
	}, nil
}
