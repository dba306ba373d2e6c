package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// A new book starts as a copy of an empty book already migrated to the
// current schema (a template), rather than by running every migration:
// fourteen migrations, some of which rebuild tables, cost ~50 ms of SQLite
// parsing, and a new book is made each day the demo book is regenerated
// (and by every test that opens a store). The first new book a process
// makes runs the migrations and keeps the result in memory and, beside the
// book, as a hidden file named for the schema's fingerprint
// (.schema-<fingerprint>.db); later new books copy it. A template that does
// not open as a complete book of this schema is deleted and the book is
// migrated from scratch. Books that already exist are migrated as always.

// templateName is the template's file name for the current schema.
func templateName() string { return ".schema-" + SchemaFingerprint() + ".db" }

// templateCache holds the current schema's template in memory, once made
// or read, so a process makes each new book from it without touching the
// disk for it.
type templateCache struct {
	mu    sync.Mutex
	bytes []byte
	made  int // books made from a template, for tests
}

var templates templateCache

// isNewBook reports whether path names no book yet: no file, or an empty one.
func isNewBook(path string) bool {
	fi, err := os.Stat(path)
	return errors.Is(err, os.ErrNotExist) || err == nil && fi.Size() == 0
}

// seedFromTemplate writes the template into path (a new book) and reports
// whether it did. The template comes from memory, else from the book's
// directory; with neither, the book is left to the migrations.
func seedFromTemplate(path string) bool {
	templates.mu.Lock()
	b := templates.bytes
	templates.mu.Unlock()
	if b == nil {
		var err error
		if b, err = os.ReadFile(filepath.Join(filepath.Dir(path), templateName())); err != nil || !isWholeBook(b) {
			return false
		}
		templates.mu.Lock()
		templates.bytes = b
		templates.mu.Unlock()
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		os.Remove(path)
		return false
	}
	templates.mu.Lock()
	templates.made++
	templates.mu.Unlock()
	return true
}

// isWholeBook reports whether b is an SQLite database file as long as its
// header says: the header's page size times its page count (a template cut
// short, or not a database at all, is not used).
func isWholeBook(b []byte) bool {
	if len(b) < 100 || !bytes.HasPrefix(b, []byte("SQLite format 3\x00")) {
		return false
	}
	size := int(binary.BigEndian.Uint16(b[16:18]))
	if size == 1 {
		size = 65536
	}
	pages := int(binary.BigEndian.Uint32(b[28:32]))
	return size >= 512 && pages > 0 && len(b) == size*pages
}

// keepTemplate keeps the book at path, just migrated from nothing on w (its
// only connection, idle), as the template: in memory, and in the book's
// directory (where there was none, or none that could be used), written to
// a temporary file and renamed into place, with the templates of earlier
// schemas removed. Failures only mean the next new
// book is migrated too.
func keepTemplate(ctx context.Context, w *sql.DB, path string) {
	if _, err := w.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return
	}
	b, err := os.ReadFile(path)
	if err != nil || !isWholeBook(b) {
		return
	}
	templates.mu.Lock()
	templates.bytes = b
	templates.mu.Unlock()
	dir := filepath.Dir(path)
	name := templateName()
	tmp, err := os.CreateTemp(dir, name+".*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(b)
	if err := errors.Join(werr, tmp.Close()); err != nil {
		os.Remove(tmp.Name())
		return
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, name)); err != nil {
		os.Remove(tmp.Name())
		return
	}
	olds, _ := filepath.Glob(filepath.Join(dir, ".schema-*.db"))
	for _, old := range olds {
		if filepath.Base(old) != name && !strings.Contains(filepath.Base(old), ".db.") {
			os.Remove(old)
		}
	}
}

// dropTemplate forgets a template that did not make a good book, in memory
// and beside path, and removes the book made from it.
func dropTemplate(path string) {
	templates.mu.Lock()
	templates.bytes = nil
	templates.mu.Unlock()
	os.Remove(filepath.Join(filepath.Dir(path), templateName()))
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
}

// openWriter opens the write pool on path and migrates the book to the
// current schema, a new book from the template when there is one (see
// above). It returns the pool, ready.
func openWriter(ctx context.Context, path string) (*sql.DB, error) {
	fresh := isNewBook(path)
	seeded := fresh && seedFromTemplate(path)
	w, err := migrated(ctx, path)
	if err != nil && seeded { // the template made a bad book: start over without it
		dropTemplate(path)
		seeded = false
		w, err = migrated(ctx, path)
	}
	if err != nil {
		return nil, err
	}
	if fresh && !seeded {
		keepTemplate(ctx, w, path)
	}
	return w, nil
}

// migrated opens the write pool (one connection) on path and migrates it.
func migrated(ctx context.Context, path string) (*sql.DB, error) {
	w, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	if err := migrate(ctx, w); err != nil {
		w.Close()
		return nil, openError(path, err)
	}
	return w, nil
}
