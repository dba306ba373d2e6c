package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"successdesk/backend/domain"
)

// TestDriverStmtsOutliveTransactions: a bulk statement is prepared once on
// the write connection and used again by later transactions, a rolled-back
// one included; its rows land only when their transaction commits; the
// statements are closed with the store.
func TestDriverStmtsOutliveTransactions(t *testing.T) {
	ctx := context.Background()
	s := openBook(t)
	const q = `INSERT INTO settings(key, value) VALUES (?, ?)`
	insert := func(key string, fail bool) error {
		return s.Write(ctx, func(tx *Tx) error {
			if n, err := tx.execValues(ctx, q, []any{key, 1}); err != nil || n != 1 {
				t.Fatalf("insert %s: %d rows (%v)", key, n, err)
			}
			if fail {
				return errors.New("changed my mind")
			}
			return nil
		})
	}
	if err := insert("a", false); err != nil {
		t.Fatal(err)
	}
	first := s.driverSt.m[q]
	if first == nil {
		t.Fatal("the statement was not kept after its transaction")
	}
	if err := insert("b", true); err == nil {
		t.Fatal("the failed write succeeded")
	}
	if err := insert("c", false); err != nil {
		t.Fatal(err)
	}
	if s.driverSt.m[q] != first || len(s.driverSt.m) != 1 {
		t.Errorf("later transactions prepared the statement again (%d kept)", len(s.driverSt.m))
	}
	var keys string
	if err := s.read.QueryRow(`SELECT group_concat(key, ',' ORDER BY key) FROM settings WHERE key IN ('a', 'b', 'c')`).
		Scan(&keys); err != nil || keys != "a,c" {
		t.Errorf("stored keys %q (%v), want a,c", keys, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s.driverSt.m != nil {
		t.Errorf("%d statements left open after Close", len(s.driverSt.m))
	}
}

// TestDriverStmtsFollowANewConnection: when the pool closes the write
// connection and opens another (here after every write, with no idle
// connection kept), the statements of the closed one are dropped, not
// touched, both by the next write, which prepares its own on the new
// connection, and by Close.
func TestDriverStmtsFollowANewConnection(t *testing.T) {
	ctx := context.Background()
	s := openBook(t)
	s.write.SetMaxIdleConns(0)
	const q = `INSERT INTO settings(key, value) VALUES (?, ?)`
	for _, key := range []string{"a", "b", "c"} {
		if err := s.Write(ctx, func(tx *Tx) error {
			_, err := tx.execValues(ctx, q, []any{key, 1})
			return err
		}); err != nil {
			t.Fatalf("write %s: %v", key, err)
		}
	}
	var n int
	if err := s.read.QueryRow(`SELECT count(*) FROM settings WHERE key IN ('a', 'b', 'c')`).Scan(&n); err != nil || n != 3 {
		t.Errorf("%d rows stored (%v), want 3", n, err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
}

// TestExecValuesConvertsLikeDatabaseSQL: execValues hands the driver what
// database/sql would: an int and a named string type are converted, and a
// value no driver can take is refused in words naming the argument.
func TestExecValuesConvertsLikeDatabaseSQL(t *testing.T) {
	ctx := context.Background()
	s := openBook(t)
	const q = `INSERT INTO settings(key, value) VALUES (?, ?)`
	if err := s.Write(ctx, func(tx *Tx) error {
		_, err := tx.execValues(ctx, q, []any{domain.SourceStripe, 7})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var v string
	if err := s.read.QueryRow(`SELECT value FROM settings WHERE key = 'stripe'`).Scan(&v); err != nil || v != "7" {
		t.Errorf("stored %q (%v), want 7", v, err)
	}
	err := s.Write(ctx, func(tx *Tx) error {
		_, err := tx.execValues(ctx, q, []any{"k", struct{}{}})
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "argument 2") {
		t.Errorf("a struct argument: %v, want an error naming argument 2", err)
	}
}
