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
)

// A new book starts as a copy of an empty book already migrated to the
// current schema (a template), rather than by running every migration:
// fourteen migrations, some of which rebuild tables, cost ~50 ms of SQLite
// parsing, and a new book is made each day the demo book is regenerated
// (and by every test that opens a store). A new book made with no template
// at hand runs the migrations and leaves the result as the template, a
// hidden file named for the schema's fingerprint (.schema-<fingerprint>.db)
// in the template folder: the book's own folder unless WithTemplateDir says
// otherwise. Later new books copy it. A template that does not make a
// complete book of this schema is deleted and the book is migrated from
// scratch. Books that already exist are migrated as always.

// Option changes how Open opens a book.
type Option func(*openOptions)

type openOptions struct {
	templateDir string // "" means the book's folder
}

// optionsOf applies opts in order.
func optionsOf(opts []Option) openOptions {
	var o openOptions
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// WithTemplateDir keeps the empty-book template new books are copied from
// in dir rather than beside each book (tests, whose books each live in a
// folder of their own, share one).
func WithTemplateDir(dir string) Option { return func(o *openOptions) { o.templateDir = dir } }

// templatePath is where the template for the current schema is kept for
// the book at path.
func (o openOptions) templatePath(path string) string {
	dir := o.templateDir
	if dir == "" {
		dir = filepath.Dir(path)
	}
	return filepath.Join(dir, ".schema-"+SchemaFingerprint()+".db")
}

// createPrivate creates the empty file at path readable by its owner only,
// where there is none: SQLite would create it readable by all (as the umask
// allows) and gives its log and index files the book's own permissions.
func createPrivate(path string) {
	if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600); err == nil {
		f.Close()
	}
}

// isNewBook reports whether path names no book yet: no file, or an empty one.
func isNewBook(path string) bool {
	fi, err := os.Stat(path)
	return errors.Is(err, os.ErrNotExist) || err == nil && fi.Size() == 0
}

// seedFromTemplate copies the template at tpl into path (a new book) and
// reports whether it did; with no whole template there, the book is left
// to the migrations.
func seedFromTemplate(tpl, path string) bool {
	b, err := os.ReadFile(tpl)
	if err != nil || !isWholeBook(b) {
		return false
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		os.Remove(path)
		return false
	}
	return true
}

// isWholeBook reports whether b is an SQLite database file of new books'
// page size (bookPageSize) and as long as its header says: the page size
// times its page count (a template cut short, made with other pages, or not
// a database at all, is not used).
func isWholeBook(b []byte) bool {
	if len(b) < 100 || !bytes.HasPrefix(b, []byte("SQLite format 3\x00")) {
		return false
	}
	size := headerPageSize(b)
	pages := int(binary.BigEndian.Uint32(b[28:32]))
	return size == bookPageSize && pages > 0 && len(b) == size*pages
}

// keepTemplate makes the book at path, just migrated from nothing on w (its
// only connection, idle), the template at tpl: written to a temporary file
// and renamed into place, with the templates of earlier schemas in that
// folder removed, and any temporary file one left. Failures only mean the next new book is migrated too.
func keepTemplate(ctx context.Context, w *sql.DB, path, tpl string) {
	if _, err := w.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return
	}
	b, err := os.ReadFile(path)
	if err != nil || !isWholeBook(b) {
		return
	}
	dir, name := filepath.Split(tpl)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, name+".*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(b)
	if err := errors.Join(werr, tmp.Close()); err != nil {
		os.Remove(tmp.Name())
		return
	}
	if err := os.Rename(tmp.Name(), tpl); err != nil {
		os.Remove(tmp.Name())
		return
	}
	// Earlier schemas' templates, and temporary files a crash left (or
	// another process's, whose rename then fails and keeps nothing).
	olds, _ := filepath.Glob(filepath.Join(dir, ".schema-*"))
	for _, old := range olds {
		if filepath.Base(old) != name {
			os.Remove(old)
		}
	}
}

// openWriter opens the write pool on path and migrates the book to the
// current schema, a new book from the template when there is one (see
// above). It returns the pool, ready.
func openWriter(ctx context.Context, path string, o openOptions) (*sql.DB, error) {
	tpl := o.templatePath(path)
	fresh := isNewBook(path)
	if fresh {
		// A log or index left by a book no longer there would be read
		// into the new one.
		os.Remove(path + "-wal")
		os.Remove(path + "-shm")
	}
	seeded := fresh && seedFromTemplate(tpl, path)
	if fresh && !seeded {
		createPrivate(path)
	}
	w, err := migrated(ctx, path)
	if err != nil && seeded { // the template made a bad book: start over without it
		for _, p := range []string{tpl, path, path + "-wal", path + "-shm"} {
			os.Remove(p)
		}
		seeded = false
		createPrivate(path)
		w, err = migrated(ctx, path)
	}
	if err != nil {
		return nil, err
	}
	if fresh && !seeded {
		keepTemplate(ctx, w, path, tpl)
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
