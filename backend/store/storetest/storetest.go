// Package storetest gives tests a real store: a fresh SQLite file in the
// test's temporary directory, migrated and closed when the test ends.
package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"successdesk/backend/store"
)

// Open opens a new store on a real file in t.TempDir() and closes it on cleanup.
func Open(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "book.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
