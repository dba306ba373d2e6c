package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrate applies every embedded migration not yet recorded, in name order,
// each in its own transaction. Applied migrations are never edited.
func migrate(ctx context.Context, db *sql.DB) error { return migrateUpTo(ctx, db, "") }

// migrateUpTo applies the pending migrations in name order up to and
// including last ("" means all of them). An empty file is first given new
// books' page size (sizePages).
func migrateUpTo(ctx context.Context, db *sql.DB, last string) error {
	if err := sizePages(ctx, db); err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	entries, err := migrationFS.ReadDir("migrations")
	if err != nil {
		return err
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".sql") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	if err := refuseNewer(ctx, db, names); err != nil {
		return err
	}
	for _, name := range names {
		if last != "" && name > last {
			break
		}
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE name = ?`, name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		body, err := migrationFS.ReadFile("migrations/" + name)
		if err != nil {
			return err
		}
		if err := apply(ctx, db, name, string(body)); err != nil {
			return err
		}
	}
	return nil
}

// newerBook is the error of a book that records migrations this build does
// not carry: a newer version of the app changed its schema. openError says
// it in plain words, naming the book.
type newerBook struct{ unknown []string }

func (e newerBook) Error() string {
	return "the book has migrations this version does not know: " + strings.Join(e.unknown, ", ")
}

// refuseNewer returns a newerBook error, before anything is applied, when
// the book records a migration this build does not carry (known holds every
// embedded migration's name, sorted): this version would misread the schema
// or undo the newer one's work. The file is not touched.
func refuseNewer(ctx context.Context, db *sql.DB, known []string) error {
	rows, err := db.QueryContext(ctx, `SELECT name FROM schema_migrations ORDER BY name`)
	if err != nil {
		return err
	}
	var unknown []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		if _, found := slices.BinarySearch(known, name); !found {
			unknown = append(unknown, strings.TrimSuffix(name, ".sql"))
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	if len(unknown) > 0 {
		return newerBook{unknown}
	}
	return nil
}

// rebuildMarker opens a migration that rebuilds a table (SQLite's
// documented twelve-step procedure): it runs with foreign keys off, so that
// dropping the old table does not cascade, and checks them before commit.
const rebuildMarker = "-- rebuilds tables: foreign keys off"

// apply runs one migration in one transaction on one connection and
// records it.
func apply(ctx context.Context, db *sql.DB, name, body string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	rebuild := strings.HasPrefix(body, rebuildMarker)
	if rebuild {
		if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
			return err
		}
		defer conn.ExecContext(context.Background(), `PRAGMA foreign_keys = ON`)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return fmt.Errorf("migration %s: %w", name, err)
	}
	if rebuild {
		var bad int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&bad); err != nil {
			return fmt.Errorf("migration %s: check foreign keys: %w", name, err)
		}
		if bad > 0 {
			return fmt.Errorf("migration %s: %d rows break a foreign key", name, bad)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(name) VALUES (?)`, name); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: %w", name, err)
	}
	return nil
}

// Migrations lists the names of the applied migrations in order.
func (s *Store) Migrations(ctx context.Context) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT name FROM schema_migrations ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// SchemaFingerprint identifies the embedded migrations (names and contents)
// and the page size new books are made with.
// A generated book stamped with another fingerprint was written by another
// build and is regenerated rather than migrated.
func SchemaFingerprint() string { return schemaFingerprint() }

var schemaFingerprint = sync.OnceValue(func() string {
	h := sha256.New()
	entries, _ := migrationFS.ReadDir("migrations")
	for _, e := range entries {
		b, _ := migrationFS.ReadFile("migrations/" + e.Name())
		h.Write([]byte(e.Name()))
		h.Write(b)
	}
	// A template made with other pages is another template.
	fmt.Fprintf(h, "page_size %d", bookPageSize)
	return hex.EncodeToString(h.Sum(nil))[:16]
})
