package storage

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

// migrationFiles are the schema steps, applied in order. Never edit a file
// that has shipped; add the next one.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

var migrations = mustLoadMigrations(migrationFiles)

// latestVersion is the user_version of a fully migrated database.
func latestVersion() int { return migrations[len(migrations)-1].version }

// mustLoadMigrations reads NNNN_name.sql files; their numbers must run 1, 2,
// 3... without gaps (a build-time mistake, hence the panic).
func mustLoadMigrations(fsys fs.FS) []migration {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	var out []migration
	for i, n := range names {
		base := strings.TrimPrefix(n, "migrations/")
		num, rest, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v != i+1 {
			panic(fmt.Sprintf("storage: migration %s: want number %04d", base, i+1))
		}
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			panic(err)
		}
		out = append(out, migration{version: v, name: strings.TrimSuffix(rest, ".sql"), sql: string(b)})
	}
	if len(out) == 0 {
		panic("storage: no migrations")
	}
	return out
}

// migrate applies every step above the database's version, each in its own
// transaction together with its user_version bump, so a failure leaves the
// database at the last complete step. The version is read again inside each
// transaction: another process may have migrated meanwhile.
func migrate(ctx context.Context, conn *sql.DB, steps []migration) error {
	for _, m := range steps {
		if err := applyStep(ctx, conn, m); err != nil {
			return err
		}
	}
	return nil
}

func applyStep(ctx context.Context, conn *sql.DB, m migration) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: begin %04d: %w", m.version, err)
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("migrate: read version: %w", err)
	}
	if v >= m.version {
		return nil
	}
	if v != m.version-1 {
		return fmt.Errorf("migrate: database is at version %d, cannot apply %04d", v, m.version)
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migrate: apply %04d_%s: %w", m.version, m.name, err)
	}
	// PRAGMA takes no parameters; the number is ours.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return fmt.Errorf("migrate: set version %d: %w", m.version, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate: commit %04d: %w", m.version, err)
	}
	return nil
}
