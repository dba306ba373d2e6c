//go:build unix

package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// TestNewBooksArePrivate: a new book, its log and its index are readable by
// their owner only, whether the book was migrated or copied.
func TestNewBooksArePrivate(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"migrated.db", "copied.db"} {
		path := filepath.Join(dir, name)
		st := openAt(t, path)
		ctx := context.Background()
		if err := st.Write(ctx, func(tx *store.Tx) error {
			a := domain.Account{Domain: name + ".com", Name: name, CreatedAt: t0}
			return tx.InsertAccount(ctx, &a)
		}); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm()&0o077 != 0 {
				t.Errorf("%s is %v: others may read it", filepath.Base(p), fi.Mode().Perm())
			}
		}
	}
}
