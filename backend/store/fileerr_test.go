package store

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"successdesk/backend/domain"
)

// TestOpenSaysWhyABookCannotBeOpened opens files that are not books, or
// damaged ones: the error names the file and the reason in plain words,
// and the file is left byte for byte as it was, with nothing beside it.
func TestOpenSaysWhyABookCannotBeOpened(t *testing.T) {
	dir := t.TempDir()
	book := closedBook(t, filepath.Join(dir, "good.db"), nil)
	// The schema page keeps SQLite's 100-byte file header; its b-tree is overwritten.
	damaged := append(append([]byte{}, book[:100]...), bytes.Repeat([]byte{0xA5}, 400)...)
	damaged = append(damaged, book[500:]...)

	for _, tc := range []struct {
		name    string
		content []byte
		says    string
	}{
		{"notes.db", []byte("these are my meeting notes, not a database at all\n"), "it is not a Success Desk book"},
		{"damaged.db", damaged, "it is damaged"},
	} {
		path := filepath.Join(dir, tc.name)
		if err := os.WriteFile(path, tc.content, 0o600); err != nil {
			t.Fatal(err)
		}
		err := refusedOpen(t, path, tc.content)
		msg := domain.ErrorMessage(err)
		if domain.ErrorCode(err) != domain.EUnavailable || !strings.Contains(msg, path+" cannot be opened: "+tc.says) ||
			!strings.Contains(msg, "left as it is") {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

// TestOpenRefusesABookANewerVersionChanged: a book that records a migration
// this build does not carry is refused before anything is applied, in plain
// words naming the book and the change, and the file is left byte for byte.
func TestOpenRefusesABookANewerVersionChanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "live.db")
	before := closedBook(t, path, func(tx *Tx) error {
		_, err := tx.exec(context.Background(), `INSERT INTO schema_migrations(name) VALUES ('0999_from_the_future.sql')`)
		return err
	})
	err := refusedOpen(t, path, before)
	msg := domain.ErrorMessage(err)
	if domain.ErrorCode(err) != domain.EUnavailable ||
		!strings.Contains(msg, "The book "+path+" was last opened by a newer version of Success Desk") ||
		!strings.Contains(msg, "(0999_from_the_future)") || !strings.Contains(msg, "left as it is") {
		t.Fatalf("open: %v", err)
	}
}

// closedBook makes a book at path, runs write in it when write is not nil,
// closes it and returns the file's bytes.
func closedBook(t *testing.T, path string, write func(*Tx) error) []byte {
	t.Helper()
	ctx := context.Background()
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if write != nil {
		if err := st.Write(ctx, write); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// refusedOpen opens path, which must fail, and returns the error after
// checking that the file still holds exactly want and that no -wal, -shm or
// -journal file was left beside it.
func refusedOpen(t *testing.T, path string, want []byte) error {
	t.Helper()
	st, err := Open(context.Background(), path)
	if err == nil {
		st.Close()
		t.Fatalf("%s opened", filepath.Base(path))
	}
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		if _, serr := os.Stat(path + side); serr == nil {
			t.Errorf("the failed open of %s left %s behind", filepath.Base(path), filepath.Base(path+side))
		}
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, want) {
		t.Errorf("%s was changed by the failed open", filepath.Base(path))
	}
	return err
}

// TestWriteOnAFullDiskSaysSoAndKeepsTheBook fills the book (SQLite's page
// limit stands in for the disk) with a write that cannot fit: the error says
// the disk is full in plain words, nothing of the write is kept, what was
// there before is, and the book takes writes again once there is room.
func TestWriteOnAFullDiskSaysSoAndKeepsTheBook(t *testing.T) {
	ctx := context.Background()
	s := openBook(t)
	before := domain.Account{Name: "Hooli", Domain: "hooli.com", CreatedAt: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
	if err := s.Write(ctx, func(tx *Tx) error { return tx.InsertAccount(ctx, &before, "") }); err != nil {
		t.Fatal(err)
	}
	var pages int
	if err := s.write.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.write.ExecContext(ctx, fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)); err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("a long note ", 2000)
	err := s.Write(ctx, func(tx *Tx) error {
		for i := range 50 {
			a := domain.Account{Name: fmt.Sprintf("Initech %d %s", i, big), Domain: fmt.Sprintf("initech%d.com", i), CreatedAt: before.CreatedAt}
			if err := tx.InsertAccount(ctx, &a, ""); err != nil {
				return err
			}
		}
		return nil
	})
	msg := domain.ErrorMessage(err)
	if domain.ErrorCode(err) != domain.EUnavailable || !strings.Contains(msg, "Could not save to the book "+s.Path()+": the disk is full") ||
		!strings.Contains(msg, "Free some space") {
		t.Fatalf("err %v", err)
	}
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM accounts`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("after the failed write the book holds %d accounts (%v), want the 1 before it", n, err)
	}
	if got, err := s.AccountByDomain(ctx, "hooli.com"); err != nil || got.Name != "Hooli" {
		t.Fatalf("the account written before: %+v (%v)", got, err)
	}

	if _, err := s.write.ExecContext(ctx, `PRAGMA max_page_count = 1073741823`); err != nil {
		t.Fatal(err)
	}
	after := domain.Account{Name: "Initech", Domain: "initech.com", CreatedAt: before.CreatedAt}
	if err := s.Write(ctx, func(tx *Tx) error { return tx.InsertAccount(ctx, &after, "") }); err != nil {
		t.Fatalf("with room again: %v", err)
	}
}

// TestWriteKeepsTheCallersOwnErrors: errors fn returns, and constraint
// failures, are not file troubles and come back unchanged.
func TestWriteKeepsTheCallersOwnErrors(t *testing.T) {
	ctx := context.Background()
	s := openBook(t)
	mine := domain.Errorf(domain.EConflict, "That account is already routed.")
	if err := s.Write(ctx, func(tx *Tx) error { return mine }); err != mine {
		t.Fatalf("err %v, want the caller's", err)
	}
	a := domain.Account{Name: "Hooli", Domain: "hooli.com"}
	if err := s.Write(ctx, func(tx *Tx) error { return tx.InsertAccount(ctx, &a, "") }); err != nil {
		t.Fatal(err)
	}
	b := domain.Account{Name: "Hooli again", Domain: "hooli.com"}
	err := s.Write(ctx, func(tx *Tx) error { return tx.InsertAccount(ctx, &b, "") })
	if err == nil || domain.ErrorCode(err) == domain.EUnavailable {
		t.Fatalf("a duplicate domain gave %v", err)
	}
}
