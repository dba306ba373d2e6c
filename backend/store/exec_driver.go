package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"sync"
)

// execDriver runs query in the transaction with args handed to the driver
// as they are, and returns how many rows it changed. database/sql would
// copy every argument into a new []driver.NamedValue on each call, and
// check and convert each one: for the bulk writes' multi-row statements
// (a recompute's score rows, a sync's records) that was the largest
// allocation of the whole write, and the garbage collector's work grows
// with it. args must be numbered from 1 in order (Ordinal i+1 at index i)
// and hold driver values only (int64, float64, bool, []byte, string,
// time.Time or nil); the caller may reuse the slice once it returns. The
// statement is prepared once on the write connection and kept for later
// transactions (see driverStmts).
func (t *Tx) execDriver(ctx context.Context, query string, args []driver.NamedValue) (int64, error) {
	if !t.inBookkeeping {
		t.data = true
	}
	var n int64
	err := t.conn.Raw(func(dc any) error {
		st, err := t.driverSt.get(ctx, dc, query)
		if err != nil {
			return err
		}
		ex, ok := st.(driver.StmtExecContext)
		if !ok {
			return fmt.Errorf("exec: the SQLite driver cannot execute with a context")
		}
		res, err := ex.ExecContext(ctx, args)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

// execValues is execDriver for arguments built as a []any, as the
// multi-row writers build them: they are copied into the transaction's
// reused argument list, a value that is not a driver value already (an
// int, a named string type) converted as database/sql would
// (driver.DefaultParameterConverter).
func (t *Tx) execValues(ctx context.Context, query string, args []any) (int64, error) {
	nv := t.valueArgs[:0]
	for i, v := range args {
		if !driver.IsValue(v) {
			c, err := driver.DefaultParameterConverter.ConvertValue(v)
			if err != nil {
				clear(nv)
				return 0, fmt.Errorf("argument %d: %w", i+1, err)
			}
			v = c
		}
		nv = append(nv, driver.NamedValue{Ordinal: i + 1, Value: v})
	}
	n, err := t.execDriver(ctx, query, nv)
	clear(nv) // keep the slice, not what it points at
	t.valueArgs = nv[:0]
	return n, err
}

// maxDriverStmts bounds the statements driverStmts keeps.
const maxDriverStmts = 256

// driverStmts keeps the driver statements execDriver prepared on the one
// write connection, by query, across transactions: a bulk statement is
// compiled once per connection instead of once per transaction. They
// belong to that connection: should the pool replace it (database/sql
// closes a connection its driver reports broken), they are dropped without
// being closed, as closing a statement of a closed connection would reach
// into freed driver state, and prepared again on the new one. Only the
// transaction holding the write connection uses them; the mutex guards
// against a Close racing it.
type driverStmts struct {
	mu   sync.Mutex
	conn any // the driver connection the statements were prepared on
	m    map[string]driver.Stmt
}

// get returns the statement for query on the driver connection dc,
// preparing it when missing (and dropping the others when dc is not the
// connection they were prepared on).
func (d *driverStmts) get(ctx context.Context, dc any, query string) (driver.Stmt, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.conn != dc {
		d.m, d.conn = nil, dc
	}
	if st, ok := d.m[query]; ok {
		return st, nil
	}
	prep, ok := dc.(driver.ConnPrepareContext)
	if !ok {
		return nil, fmt.Errorf("prepare: the SQLite driver cannot prepare with a context")
	}
	st, err := prep.PrepareContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	if len(d.m) >= maxDriverStmts {
		d.closeLocked()
		d.conn = dc
	}
	if d.m == nil {
		d.m = map[string]driver.Stmt{}
	}
	d.m[query] = st
	return st, nil
}

// close closes every statement prepared on dc, the write connection the
// store holds as it closes (those of an earlier connection are dropped, as
// in get).
func (d *driverStmts) close(dc any) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.conn != dc {
		d.m, d.conn = nil, nil
		return
	}
	d.closeLocked()
}

func (d *driverStmts) closeLocked() {
	for _, st := range d.m {
		st.Close()
	}
	d.m, d.conn = nil, nil
}
