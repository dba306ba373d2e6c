package store

import (
	"context"
	"database/sql"
	"time"

	"successdesk/backend/domain"
)

// FactsWindow bounds how far back ScanFacts reads time-series inputs.
type FactsWindow struct {
	UsageSince   time.Time // usage weeks starting on or after this
	SignalsSince time.Time // signals that occurred on or after this
	InvoiceSince time.Time // invoices issued on or after this (unpaid ones are always read)
}

// ScanFacts calls fn once per account, in id order, with the account's
// health inputs, all read in one consistent read transaction. Each table is
// scanned once in account order and merged, so the cost is linear in the book.
// fn must not keep the *AccountFacts past its return.
func (s *Store) ScanFacts(ctx context.Context, w FactsWindow, fn func(*domain.AccountFacts) error) error {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()

	accounts, err := tx.QueryContext(ctx, `SELECT `+accountCols+` FROM accounts ORDER BY id`)
	if err != nil {
		return err
	}
	defer accounts.Close()
	rev, err := newCursor(ctx, tx, `SELECT `+revenueCols+` FROM revenue_sources ORDER BY account_id, id`, nil,
		func(r *sql.Rows) (int64, any, error) { v, err := scanRevenue(r); return v.AccountID, v, err })
	if err != nil {
		return err
	}
	defer rev.close()
	inv, err := newCursor(ctx, tx, `SELECT `+invoiceCols+` FROM invoices WHERE issued_at >= ? OR status IN ('open','failed')
		ORDER BY account_id, issued_at DESC, id DESC`, []any{ts(w.InvoiceSince)},
		func(r *sql.Rows) (int64, any, error) { v, err := scanInvoice(r); return v.AccountID, v, err })
	if err != nil {
		return err
	}
	defer inv.close()
	use, err := newCursor(ctx, tx, `SELECT account_id, week_start, active_users FROM usage_weeks WHERE week_start >= ?
		ORDER BY account_id, week_start`, []any{ts(w.UsageSince)},
		func(r *sql.Rows) (int64, any, error) {
			var u domain.UsageWeek
			var ws string
			err := r.Scan(&u.AccountID, &ws, &u.ActiveUsers)
			u.WeekStart = parseTS(ws)
			return u.AccountID, u, err
		})
	if err != nil {
		return err
	}
	defer use.close()
	sig, err := newCursor(ctx, tx, `SELECT `+activityCols+` FROM activities WHERE kind = 'signal' AND occurred_at >= ?
		ORDER BY account_id, occurred_at DESC, id DESC`, []any{ts(w.SignalsSince)},
		func(r *sql.Rows) (int64, any, error) { v, err := scanActivity(r); return v.AccountID, v, err })
	if err != nil {
		return err
	}
	defer sig.close()
	last, err := newCursor(ctx, tx, `SELECT account_id, max(occurred_at) FROM activities GROUP BY account_id ORDER BY account_id`, nil,
		func(r *sql.Rows) (int64, any, error) {
			var id int64
			var at string
			err := r.Scan(&id, &at)
			return id, parseTS(at), err
		})
	if err != nil {
		return err
	}
	defer last.close()

	var f domain.AccountFacts
	for accounts.Next() {
		a, err := scanAccount(accounts)
		if err != nil {
			return err
		}
		f = domain.AccountFacts{Account: a, Revenue: f.Revenue[:0], Invoices: f.Invoices[:0], Usage: f.Usage[:0], Signals: f.Signals[:0]}
		if err := rev.take(a.ID, func(v any) { f.Revenue = append(f.Revenue, v.(domain.RevenueSource)) }); err != nil {
			return err
		}
		if err := inv.take(a.ID, func(v any) { f.Invoices = append(f.Invoices, v.(domain.Invoice)) }); err != nil {
			return err
		}
		if err := use.take(a.ID, func(v any) { f.Usage = append(f.Usage, v.(domain.UsageWeek)) }); err != nil {
			return err
		}
		if err := sig.take(a.ID, func(v any) { f.Signals = append(f.Signals, v.(domain.Activity)) }); err != nil {
			return err
		}
		if err := last.take(a.ID, func(v any) { f.LastActivityAt = v.(time.Time) }); err != nil {
			return err
		}
		if err := fn(&f); err != nil {
			return err
		}
	}
	return accounts.Err()
}

// cursor walks rows ordered by account id, one account's run at a time.
type cursor struct {
	rows    *sql.Rows
	scan    func(*sql.Rows) (int64, any, error)
	pending bool
	id      int64
	val     any
	done    bool
}

func newCursor(ctx context.Context, tx *sql.Tx, q string, args []any, scan func(*sql.Rows) (int64, any, error)) (*cursor, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return &cursor{rows: rows, scan: scan}, nil
}

func (c *cursor) close() { c.rows.Close() }

// take passes every row of account id to add, skipping rows of accounts
// before id (rows whose account no longer exists).
func (c *cursor) take(id int64, add func(any)) error {
	for {
		if !c.pending {
			if c.done || !c.rows.Next() {
				c.done = true
				return c.rows.Err()
			}
			var err error
			if c.id, c.val, err = c.scan(c.rows); err != nil {
				return err
			}
			c.pending = true
		}
		switch {
		case c.id < id:
			c.pending = false
		case c.id == id:
			add(c.val)
			c.pending = false
		default:
			return nil
		}
	}
}
