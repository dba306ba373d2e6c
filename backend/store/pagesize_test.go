package store_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// pageSizeOf is the page size of the open book st.
func pageSizeOf(t *testing.T, st *store.Store) string {
	t.Helper()
	got := tableRows(t, st, `PRAGMA page_size`)
	if len(got) != 1 {
		t.Fatalf("PRAGMA page_size gave %v", got)
	}
	return got[0]
}

// TestNewBookPageSize: a new book, migrated from nothing or copied from the
// template, has 64 KiB pages and is in WAL mode, and so is the template.
func TestNewBookPageSize(t *testing.T) {
	dir := t.TempDir()
	first := openAt(t, filepath.Join(dir, "first.db"))
	second := openAt(t, filepath.Join(dir, "second.db"))
	for name, st := range map[string]*store.Store{"migrated": first, "copied": second} {
		if got := pageSizeOf(t, st); got != "page_size=65536 " {
			t.Errorf("%s book: %s, want 64 KiB pages", name, got)
		}
		if got := tableRows(t, st, `PRAGMA journal_mode`); !reflect.DeepEqual(got, []string{"journal_mode=wal "}) {
			t.Errorf("%s book: %v, want WAL mode", name, got)
		}
	}
	b, err := os.ReadFile(store.TemplatePath(filepath.Join(dir, "first.db")))
	if err != nil || len(b) < 100 || b[16] != 0 || b[17] != 1 { // 1 stands for 65536
		t.Fatalf("template header page size %v (%v), want 64 KiB", b[16:18], err)
	}
}

// TestExistingBookKeepsPageSize: a book made with SQLite's default 4 KiB
// pages that already holds tables is migrated and used as it is; its
// pages are not resized and its rows stay.
func TestExistingBookKeepsPageSize(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	rawExec(t, path, `PRAGMA page_size = 4096`, `CREATE TABLE kept(x)`, `INSERT INTO kept VALUES ('still here')`)
	st := openAt(t, path)
	if got := pageSizeOf(t, st); got != "page_size=4096 " {
		t.Errorf("%s, want the book's own 4 KiB pages", got)
	}
	if got := tableRows(t, st, `SELECT x FROM kept`); !reflect.DeepEqual(got, []string{"x=still here "}) {
		t.Errorf("the book's own rows: %v", got)
	}
	err := st.Write(ctx, func(tx *store.Tx) error {
		a := domain.Account{Domain: "acme.com", Name: "Acme", CreatedAt: t0}
		return tx.InsertAccount(ctx, &a)
	})
	if n, cerr := st.CountAccounts(ctx); err != nil || cerr != nil || n != 1 {
		t.Errorf("write into the migrated book: %v, %v, %d accounts", err, cerr, n)
	}
}

// TestTemplateOfOtherPageSizeIsReplaced: a complete template of this schema
// whose pages are another size (left by a build that made books with other
// pages) is not copied: the new book is migrated with 64 KiB pages and a
// template of that size takes the old one's place.
func TestTemplateOfOtherPageSizeIsReplaced(t *testing.T) {
	dir := t.TempDir()
	openAt(t, filepath.Join(dir, "first.db"))
	tpl := store.TemplatePath(filepath.Join(dir, "first.db"))
	good, err := os.ReadFile(tpl)
	if err != nil {
		t.Fatal(err)
	}
	rawExec(t, tpl, `PRAGMA journal_mode = DELETE`, `PRAGMA page_size = 4096`, `VACUUM`)
	markTemplate(t, tpl)
	if b, err := os.ReadFile(tpl); err != nil || b[16] != 0x10 || b[17] != 0 {
		t.Fatalf("the spoiled template is not a 4 KiB one: %v (%v)", b[16:18], err)
	}
	st := openAt(t, filepath.Join(dir, "second.db"))
	if fromTemplate(t, st) {
		t.Error("the book was copied from a template of 4 KiB pages")
	}
	if got := pageSizeOf(t, st); got != "page_size=65536 " {
		t.Errorf("%s, want 64 KiB pages", got)
	}
	again, err := os.ReadFile(tpl)
	if err != nil || len(again) != len(good) || again[16] != 0 || again[17] != 1 {
		t.Errorf("the template was not replaced by a 64 KiB one: %d bytes, want %d (%v)", len(again), len(good), err)
	}
}
