package store

import (
	"context"
	"path/filepath"
	"testing"
)

// openBook is storetest.Open for this package's own tests (which read the
// Store's pools): a new book on a real file in t.TempDir(), closed on cleanup.
func openBook(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "book.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
