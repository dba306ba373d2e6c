package store_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

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

// filePageSize is the page size the header of the SQLite file at path
// records (bytes 16-17, big-endian; 1 stands for 65536), 0 when unreadable.
func filePageSize(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil || len(b) < 100 {
		t.Errorf("read %s: %d bytes (%v)", path, len(b), err)
		return 0
	}
	if size := int(b[16])<<8 | int(b[17]); size != 1 {
		return size
	}
	return 65536
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
	if got := filePageSize(t, store.TemplatePath(filepath.Join(dir, "first.db"))); got != 65536 {
		t.Errorf("template pages of %d bytes, want 64 KiB", got)
	}
}

// TestExistingBookKeepsPageSize: a book made with SQLite's default 4 KiB
// pages that already holds tables is migrated and used as it is; its
// pages are not resized and its rows stay.
func TestExistingBookKeepsPageSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	rawExec(t, path, `PRAGMA page_size = 4096`, `CREATE TABLE kept(x)`, `INSERT INTO kept VALUES ('still here')`)
	st := openAt(t, path)
	if got := pageSizeOf(t, st); got != "page_size=4096 " {
		t.Errorf("%s, want the book's own 4 KiB pages", got)
	}
	if got := tableRows(t, st, `SELECT x FROM kept`); !reflect.DeepEqual(got, []string{"x=still here "}) {
		t.Errorf("the book's own rows: %v", got)
	}
	takesAnAccount(t, st, "the migrated book")
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
	if got := filePageSize(t, tpl); got != 4096 {
		t.Fatalf("the spoiled template has pages of %d bytes, want 4 KiB", got)
	}
	st := openAt(t, filepath.Join(dir, "second.db"))
	if fromTemplate(t, st) {
		t.Error("the book was copied from a template of 4 KiB pages")
	}
	if got := pageSizeOf(t, st); got != "page_size=65536 " {
		t.Errorf("%s, want 64 KiB pages", got)
	}
	again, err := os.ReadFile(tpl)
	if err != nil || len(again) != len(good) || filePageSize(t, tpl) != 65536 {
		t.Errorf("the template was not replaced by a 64 KiB one: %d bytes, want %d (%v)", len(again), len(good), err)
	}
}
