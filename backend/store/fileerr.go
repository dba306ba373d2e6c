package store

import (
	"errors"
	"io/fs"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"successdesk/backend/domain"
)

// fileTrouble is why SQLite could not use the book file, for the failures a
// person can act on: a file that is not a book or is damaged, one they may
// not write, a full or failing disk, a book another program holds.
type fileTrouble struct {
	reason string // "the disk is full"
	next   string // what to do, a sentence with a leading space; may be ""
	says   string // SQLite's own words, for the log and for support
}

// troubleOf returns the trouble err reports, or false when it is none of
// those (a constraint, a bug: the caller's to handle).
func troubleOf(err error) (fileTrouble, bool) {
	var se *sqlite.Error
	code, says := -1, err.Error()
	if errors.As(err, &se) {
		code, says = se.Code()&0xff, se.Error() // the primary result code
	}
	t := fileTrouble{says: says}
	switch {
	case code == sqlite3.SQLITE_NOTADB:
		t.reason, t.next = "it is not a Success Desk book", " Move it aside to start a new one, or put back a copy of the right file."
	case code == sqlite3.SQLITE_CORRUPT:
		t.reason, t.next = "it is damaged", " Restore it from a backup, or move it aside to start a new one."
	case code == sqlite3.SQLITE_READONLY || code == sqlite3.SQLITE_PERM || errors.Is(err, fs.ErrPermission):
		t.reason = "Success Desk may not write to it or to its folder"
	case code == sqlite3.SQLITE_CANTOPEN:
		t.reason = "the file or its folder cannot be opened for writing"
	case code == sqlite3.SQLITE_FULL:
		t.reason, t.next = "the disk is full", " Free some space and try again."
	case code == sqlite3.SQLITE_IOERR:
		t.reason = "the disk reported an error"
	case code == sqlite3.SQLITE_BUSY || code == sqlite3.SQLITE_LOCKED:
		t.reason = "another program holds it (is Success Desk already open?)"
	default:
		return t, false
	}
	return t, true
}

// openError says in plain words why the book at path could not be opened:
// a domain error (EUnavailable) naming the file, the reason and SQLite's
// words (or, for a book a newer version changed, the changes this one
// cannot read), and saying the file was left as it is. Any other error is
// returned as it is.
func openError(path string, err error) error {
	var newer newerBook
	if errors.As(err, &newer) {
		return domain.Errorf(domain.EUnavailable, "The book %s was last opened by a newer version of Success Desk, which "+
			"changed it in ways this version cannot read (%s). Open it with that version or a newer one. "+
			"The file was left as it is.", path, strings.Join(newer.unknown, ", "))
	}
	t, ok := troubleOf(err)
	if !ok {
		return err
	}
	return domain.Errorf(domain.EUnavailable, "The book %s cannot be opened: %s (SQLite: %s). The file was left as it is.%s",
		path, t.reason, t.says, t.next)
}

// writeError is openError for a write transaction that failed: nothing of
// it was saved and the book keeps what it held before. Errors that are not
// file troubles (the caller's own, constraints) are returned as they are.
func writeError(path string, err error) error {
	t, ok := troubleOf(err)
	if !ok {
		return err
	}
	return domain.Errorf(domain.EUnavailable, "Could not save to the book %s: %s (SQLite: %s). Nothing of this change was saved; the book keeps what it held before.%s",
		path, t.reason, t.says, t.next)
}
