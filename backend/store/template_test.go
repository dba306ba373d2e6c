package store_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// schemaOf is a book's schema (every entry of sqlite_master, by name) and
// the migrations it records.
func schemaOf(t *testing.T, st *store.Store) []string {
	t.Helper()
	out := tableRows(t, st, `SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name`)
	names, err := st.Migrations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return append(out, names...)
}

func openAt(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestNewBookFromTemplate: the first new book in a directory is migrated and
// leaves the template beside it; the next new book, made from it (read from
// the disk, the in-memory copy forgotten), has the same schema and
// migrations, and takes writes.
func TestNewBookFromTemplate(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	store.ForgetTemplate()
	first := openAt(t, filepath.Join(dir, "first.db"))
	if _, err := os.Stat(filepath.Join(dir, store.TemplateName())); err != nil {
		t.Fatalf("no template beside the first book: %v", err)
	}
	// An older schema's template is gone once the current one is written.
	old := filepath.Join(dir, ".schema-0000000000000000.db")
	if err := os.WriteFile(old, []byte("SQLite format 3\x00"), 0o600); err != nil {
		t.Fatal(err)
	}
	store.ForgetTemplate()
	if err := os.Remove(filepath.Join(dir, store.TemplateName())); err != nil {
		t.Fatal(err)
	}
	openAt(t, filepath.Join(dir, "again.db"))
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("an older schema's template is still there (%v)", err)
	}

	store.ForgetTemplate()
	made := store.BooksFromTemplate()
	second := openAt(t, filepath.Join(dir, "second.db"))
	if store.BooksFromTemplate() != made+1 {
		t.Fatal("the second book was not made from the template")
	}
	if a, b := schemaOf(t, first), schemaOf(t, second); len(a) < 20 || !reflect.DeepEqual(a, b) {
		t.Errorf("schemas differ:\nmigrated %v\ntemplate %v", a, b)
	}
	err := second.Write(ctx, func(tx *store.Tx) error {
		a := domain.Account{Domain: "acme.com", Name: "Acme", CreatedAt: t0}
		return tx.InsertAccount(ctx, &a)
	})
	if n, cerr := second.CountAccounts(ctx); err != nil || cerr != nil || n != 1 {
		t.Errorf("write into the templated book: %v, %v, %d accounts", err, cerr, n)
	}
	// The template itself is untouched by the book's writes.
	third := openAt(t, filepath.Join(dir, "third.db"))
	if n, err := third.CountAccounts(ctx); err != nil || n != 0 {
		t.Errorf("a new book holds %d accounts (%v)", n, err)
	}
}

// TestBadTemplateIsReplaced: a template that does not make a good book (cut
// short; or recording a migration this build does not know, so the book
// made from it does not open) is dropped, the new book is migrated from
// nothing, and a good template takes its place.
func TestBadTemplateIsReplaced(t *testing.T) {
	ctx := context.Background()
	for name, spoil := range map[string]func(t *testing.T, tpl string, good []byte){
		"cut short": func(t *testing.T, tpl string, good []byte) {
			if err := os.WriteFile(tpl, good[:len(good)/3], 0o600); err != nil {
				t.Fatal(err)
			}
		},
		"newer schema": func(t *testing.T, tpl string, good []byte) {
			db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(tpl))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			for _, q := range []string{`INSERT INTO schema_migrations(name) VALUES ('9999_future.sql')`, `PRAGMA wal_checkpoint(TRUNCATE)`} {
				if _, err := db.ExecContext(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			store.ForgetTemplate()
			openAt(t, filepath.Join(dir, "first.db"))
			tpl := filepath.Join(dir, store.TemplateName())
			good, err := os.ReadFile(tpl)
			if err != nil {
				t.Fatal(err)
			}
			spoil(t, tpl, good)
			store.ForgetTemplate()
			st := openAt(t, filepath.Join(dir, "second.db"))
			names, err := st.Migrations(ctx)
			if err != nil || len(names) < 14 || names[len(names)-1] == "9999_future.sql" {
				t.Fatalf("the book after a bad template records migrations %v (%v)", names, err)
			}
			again, err := os.ReadFile(tpl)
			if err != nil || len(again) != len(good) {
				t.Errorf("the template was not replaced by a good one: %d bytes, want %d (%v)", len(again), len(good), err)
			}
			store.ForgetTemplate()
			made := store.BooksFromTemplate()
			openAt(t, filepath.Join(dir, "third.db"))
			if store.BooksFromTemplate() != made+1 {
				t.Error("the replaced template was not used for the next book")
			}
		})
	}
}
