// Package storetest gives tests a real store: a fresh SQLite file in the
// test's temporary directory, migrated and closed when the test ends.
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"successdesk/backend/store"
)

// templateDir is where test books share their empty-book template (see
// store.WithTemplateDir), so each new book is a copy rather than a run of
// every migration; it holds one small file per schema and is kept between
// runs.
var templateDir = filepath.Join(os.TempDir(), "successdesk-test-templates")

// Open opens a new store on a real file in t.TempDir() and closes it on cleanup.
func Open(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "book.db"), store.WithTemplateDir(templateDir))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Query runs q on db and hands each row's values to row (text read as
// []byte is handed over as a string); any error fails t.
func Query(t testing.TB, db *sql.DB, q string, row func([]any)) {
	t.Helper()
	query(t, db, q, func(_ []string, v []any) { row(v) })
}

// Rows returns q's rows on db as text, one string per row naming each
// column and its value, in q's order: for comparing two books row by row.
func Rows(t testing.TB, db *sql.DB, q string) []string {
	t.Helper()
	var out []string
	query(t, db, q, func(cols []string, v []any) {
		var b strings.Builder
		for i, x := range v {
			fmt.Fprintf(&b, "%s=%v ", cols[i], x)
		}
		out = append(out, b.String())
	})
	return out
}

func query(t testing.TB, db *sql.DB, q string, row func(cols []string, v []any)) {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		v := make([]any, len(cols))
		p := make([]any, len(cols))
		for i := range v {
			p[i] = &v[i]
		}
		if err := rows.Scan(p...); err != nil {
			t.Fatal(err)
		}
		for i, c := range v {
			if b, ok := c.([]byte); ok {
				v[i] = string(b)
			}
		}
		row(cols, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}
