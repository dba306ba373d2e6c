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

func openAt(t *testing.T, path string, opts ...store.Option) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// rawExec runs statements on the SQLite file at path outside any store.
func rawExec(t *testing.T, path string, qs ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range qs {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

// takesAnAccount writes one account into st, an empty book named what, and
// checks that the book then counts one.
func takesAnAccount(t *testing.T, st *store.Store, what string) {
	t.Helper()
	ctx := context.Background()
	err := st.Write(ctx, func(tx *store.Tx) error {
		a := domain.Account{Domain: "acme.com", Name: "Acme", CreatedAt: t0}
		return tx.InsertAccount(ctx, &a)
	})
	if n, cerr := st.CountAccounts(ctx); err != nil || cerr != nil || n != 1 {
		t.Errorf("write into %s: %v, %v, %d accounts", what, err, cerr, n)
	}
}

// markTemplate stamps the template's migrations with a date no migration
// run today records, so a book copied from it shows that it was.
func markTemplate(t *testing.T, tpl string) {
	rawExec(t, tpl, `UPDATE schema_migrations SET applied_at = '2000-01-01T00:00:00Z'`, `PRAGMA wal_checkpoint(TRUNCATE)`)
}

// fromTemplate reports whether st's migrations carry markTemplate's date.
func fromTemplate(t *testing.T, st *store.Store) bool {
	t.Helper()
	got := tableRows(t, st, `SELECT DISTINCT applied_at FROM schema_migrations`)
	return reflect.DeepEqual(got, []string{"applied_at=2000-01-01T00:00:00Z "})
}

// TestNewBookFromTemplate: the first new book in a folder is migrated and
// leaves the template beside it; the next new book is a copy of it, with
// the same schema and migrations, and takes writes that leave the
// template as it was. An older schema's template and a temporary file a
// crash left are removed.
func TestNewBookFromTemplate(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	old := filepath.Join(dir, ".schema-0000000000000000.db")
	crashed := store.TemplatePath(filepath.Join(dir, "first.db")) + ".12345"
	for _, p := range []string{old, crashed} {
		if err := os.WriteFile(p, []byte("SQLite format 3\x00"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	first := openAt(t, filepath.Join(dir, "first.db"))
	tpl := store.TemplatePath(filepath.Join(dir, "first.db"))
	if filepath.Dir(tpl) != dir {
		t.Fatalf("template at %s, want it beside the book", tpl)
	}
	for _, p := range []string{old, crashed} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s, an older schema's template or a crash's leftover, is still there (%v)", filepath.Base(p), err)
		}
	}
	if fromTemplate(t, first) {
		t.Fatal("the first book carries the mark before any template was marked")
	}
	markTemplate(t, tpl)

	second := openAt(t, filepath.Join(dir, "second.db"))
	if !fromTemplate(t, second) {
		t.Fatal("the second book was not copied from the template")
	}
	if a, b := schemaOf(t, first), schemaOf(t, second); len(a) < 20 || !reflect.DeepEqual(a, b) {
		t.Errorf("schemas differ:\nmigrated %v\ntemplate %v", a, b)
	}
	takesAnAccount(t, second, "the copied book")
	third := openAt(t, filepath.Join(dir, "third.db"))
	if n, err := third.CountAccounts(ctx); err != nil || n != 0 || !fromTemplate(t, third) {
		t.Errorf("a third new book holds %d accounts (%v), or was not copied", n, err)
	}
}

// TestTemplateDir: with WithTemplateDir, books in different folders share
// the template kept there, and none is left beside them.
func TestTemplateDir(t *testing.T) {
	shared := t.TempDir()
	a, b := filepath.Join(t.TempDir(), "a.db"), filepath.Join(t.TempDir(), "b.db")
	openAt(t, a, store.WithTemplateDir(shared))
	tpl := store.TemplatePath(a, store.WithTemplateDir(shared))
	if filepath.Dir(tpl) != shared {
		t.Fatalf("template at %s, want it in %s", tpl, shared)
	}
	markTemplate(t, tpl)
	if !fromTemplate(t, openAt(t, b, store.WithTemplateDir(shared))) {
		t.Error("a book in another folder was not copied from the shared template")
	}
	if _, err := os.Stat(store.TemplatePath(b)); !os.IsNotExist(err) {
		t.Errorf("a template was left beside the book (%v)", err)
	}
}

// TestBadTemplateIsReplaced: a template that does not make a good book (cut
// short; or recording a migration this build does not know, so the book
// copied from it does not open) is dropped, the new book is migrated from
// nothing, and a good template takes its place.
func TestBadTemplateIsReplaced(t *testing.T) {
	for name, spoil := range map[string]func(t *testing.T, tpl string, good []byte){
		"cut short": func(t *testing.T, tpl string, good []byte) {
			if err := os.WriteFile(tpl, good[:len(good)/3], 0o600); err != nil {
				t.Fatal(err)
			}
		},
		"newer schema": func(t *testing.T, tpl string, good []byte) {
			rawExec(t, tpl, `INSERT INTO schema_migrations(name) VALUES ('9999_future.sql')`, `PRAGMA wal_checkpoint(TRUNCATE)`)
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			openAt(t, filepath.Join(dir, "first.db"))
			tpl := store.TemplatePath(filepath.Join(dir, "first.db"))
			good, err := os.ReadFile(tpl)
			if err != nil {
				t.Fatal(err)
			}
			spoil(t, tpl, good)
			st := openAt(t, filepath.Join(dir, "second.db"))
			names, err := st.Migrations(context.Background())
			if err != nil || len(names) < 14 || names[len(names)-1] == "9999_future.sql" {
				t.Fatalf("the book after a bad template records migrations %v (%v)", names, err)
			}
			again, err := os.ReadFile(tpl)
			if err != nil || len(again) != len(good) {
				t.Fatalf("the template was not replaced by a good one: %d bytes, want %d (%v)", len(again), len(good), err)
			}
			markTemplate(t, tpl)
			if !fromTemplate(t, openAt(t, filepath.Join(dir, "third.db"))) {
				t.Error("the replaced template was not used for the next book")
			}
		})
	}
}

// TestNewBookIgnoresAnOldLog: a book deleted without its log (-wal) and
// made again at the same path starts as a copy of the template, empty: the
// old book's log, which holds a committed account, is not read into it
// (a book copied from the template is in WAL mode, so SQLite would replay
// any log it finds beside it).
func TestNewBookIgnoresAnOldLog(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "book.db")
	old, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := old.Write(ctx, func(tx *store.Tx) error {
		a := domain.Account{Domain: "old.com", Name: "Old", CreatedAt: t0}
		return tx.InsertAccount(ctx, &a)
	}); err != nil {
		t.Fatal(err)
	}
	wal, err := os.ReadFile(path + "-wal")
	if err != nil || len(wal) == 0 {
		t.Fatalf("the old book left no log to test with (%v)", err)
	}
	old.Close()
	// The book goes; its log stays behind.
	for _, p := range []string{path, path + "-shm"} {
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path+"-wal", wal, 0o600); err != nil {
		t.Fatal(err)
	}
	markTemplate(t, store.TemplatePath(path))
	st := openAt(t, path)
	if n, err := st.CountAccounts(ctx); err != nil || n != 0 || !fromTemplate(t, st) {
		t.Errorf("the new book holds %d accounts (%v), or is not a copy of the template: the old log was read into it", n, err)
	}
}
