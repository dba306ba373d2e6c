package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// oldBook is a book file migrated up to and including the migration named
// last, holding the rows seed inserts, for a test of the migrations after
// it. Its connection stays open for more statements; upgrade closes it.
type oldBook struct {
	path string
	db   *sql.DB
}

func newOldBook(t *testing.T, last string, seed ...string) oldBook {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "live.db")
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	if err := migrateUpTo(ctx, db, last); err != nil {
		t.Fatal(err)
	}
	for _, q := range seed {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	return oldBook{path: path, db: db}
}

// upgrade closes the old connection and opens the book as the app does,
// which applies every later migration; the store is closed at cleanup.
func (b oldBook) upgrade(t *testing.T) *Store {
	t.Helper()
	b.db.Close()
	s, err := Open(context.Background(), b.path)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
