package store

import (
	"errors"
	"io/fs"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"successdesk/backend/domain"
)

// openError says in plain words why the book at path could not be opened,
// for the failures a person can act on (a file that is not a book or is
// damaged, one they may not write, a full disk, a book another program
// holds): a domain error (EUnavailable) naming the file and saying it was
// left as it is, with SQLite's own words for the log. Any other error is
// returned as it is.
func openError(path string, err error) error {
	var reason, next string
	var se *sqlite.Error
	code, says := -1, err.Error()
	if errors.As(err, &se) {
		code, says = se.Code()&0xff, se.Error() // the primary result code
	}
	switch {
	case code == sqlite3.SQLITE_NOTADB:
		reason, next = "it is not a Success Desk book", " Move it aside to start a new one, or put back a copy of the right file."
	case code == sqlite3.SQLITE_CORRUPT:
		reason, next = "it is damaged", " Restore it from a backup, or move it aside to start a new one."
	case code == sqlite3.SQLITE_READONLY || code == sqlite3.SQLITE_PERM || errors.Is(err, fs.ErrPermission):
		reason = "Success Desk may not write to it or to its folder"
	case code == sqlite3.SQLITE_CANTOPEN:
		reason = "the file or its folder cannot be opened for writing"
	case code == sqlite3.SQLITE_FULL:
		reason = "the disk is full"
	case code == sqlite3.SQLITE_BUSY || code == sqlite3.SQLITE_LOCKED:
		reason = "another program holds it (is Success Desk already open?)"
	default:
		return err
	}
	return domain.Errorf(domain.EUnavailable, "The book %s cannot be opened: %s (SQLite: %s). The file was left as it is.%s",
		path, reason, says, next)
}
