package store

import (
	"context"
	"database/sql/driver"
	"fmt"
)

// execDriver runs query in the transaction with args handed to the driver
// as they are. database/sql would copy every argument into a new
// []driver.NamedValue on each call: for a recompute's 64-row statements
// that was the largest allocation of the whole run, and the garbage
// collector's work grows with it. args must be numbered from 1 in order
// (Ordinal i+1 at index i); the caller may reuse the slice once it returns.
// The statement is prepared once per transaction and closed with it.
func (t *Tx) execDriver(ctx context.Context, query string, args []driver.NamedValue) error {
	if !t.inBookkeeping {
		t.data = true
	}
	return t.conn.Raw(func(dc any) error {
		st, ok := t.driverSt[query]
		if !ok {
			prep, ok := dc.(driver.ConnPrepareContext)
			if !ok {
				return fmt.Errorf("prepare: the SQLite driver cannot prepare with a context")
			}
			var err error
			if st, err = prep.PrepareContext(ctx, query); err != nil {
				return fmt.Errorf("prepare: %w", err)
			}
			if t.driverSt == nil {
				t.driverSt = map[string]driver.Stmt{}
			}
			t.driverSt[query] = st
		}
		ex, ok := st.(driver.StmtExecContext)
		if !ok {
			return fmt.Errorf("exec: the SQLite driver cannot execute with a context")
		}
		_, err := ex.ExecContext(ctx, args)
		return err
	})
}

// closeDriverStmts closes the statements execDriver prepared.
func (t *Tx) closeDriverStmts() {
	if len(t.driverSt) == 0 {
		return
	}
	_ = t.conn.Raw(func(any) error {
		for _, st := range t.driverSt {
			st.Close()
		}
		return nil
	})
	t.driverSt = nil
}
