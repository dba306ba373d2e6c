package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
)

// bookPageSize is the page size of a new book, in bytes: SQLite's largest.
// The book's work is bulk work on whole tables (a recompute reads every
// account's facts and writes a score row and a current row for each; a sync
// writes pages of hundreds of rows), and with 64 KiB pages it takes a
// sixteenth of the page look-ups, b-tree splits and log frames that 4 KiB
// pages (SQLite's default) took. On a 100,000-account book a full recompute
// went from 2.8 s to 2.1 s, and a fresh Stripe pass from 35,000 to 42,000
// objects/s, with Health list queries unchanged (`make bench`). Small writes
// (a route, a setting) log a 64 KiB frame per page they touch, which is
// still far below a millisecond of disk.
const bookPageSize = 65536

// sizePages gives an empty book (no schema yet) bookPageSize pages, on db's
// single connection, before the first table is made. SQLite keeps the page
// size a file was created with and cannot change it while the file is in
// WAL mode (the DSN puts every connection in WAL mode as it opens), so the
// empty file is taken out of WAL mode, given the size, rewritten (VACUUM,
// instant on an empty file) and put back. A book that has a schema keeps
// its page size: it works the same at any size, and rewriting a large book
// would hold up its opening.
func sizePages(ctx context.Context, db *sql.DB) error {
	var tables, size int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&tables); err != nil {
		return err
	}
	if err := db.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&size); err != nil {
		return err
	}
	if tables > 0 || size == bookPageSize {
		return nil
	}
	for _, q := range []string{`PRAGMA journal_mode = DELETE`, fmt.Sprintf(`PRAGMA page_size = %d`, bookPageSize),
		`VACUUM`, `PRAGMA journal_mode = WAL`} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("set the page size of a new book: %w", err)
		}
	}
	return nil
}

// headerPageSize is the page size an SQLite file header (its first 100
// bytes, which the caller has checked are there) records; 1 stands for 65536.
func headerPageSize(header []byte) int {
	size := int(binary.BigEndian.Uint16(header[16:18]))
	if size == 1 {
		size = 65536
	}
	return size
}
