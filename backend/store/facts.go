package store

import (
	"context"
	"database/sql"
	"errors"
	"maps"
	"math"
	"slices"
	"time"

	"successdesk/backend/domain"
)

// FactsWindow bounds what ScanFacts reads for a score as of AsOf.
type FactsWindow struct {
	AsOf         time.Time           // the moment scored
	UsageSince   time.Time           // usage weeks starting on or after this
	SignalsSince time.Time           // signals that occurred on or after this
	SignalKinds  []domain.SignalKind // the signal kinds to read; empty reads every kind
	// KindSince starts some kinds later: a kind listed is read from its
	// time here rather than from SignalsSince (a time before SignalsSince
	// changes nothing).
	KindSince     map[domain.SignalKind]time.Time
	FailuresSince time.Time // invoices whose last payment failure is on or after this
	FromID, ToID  int64     // accounts with FromID <= id < ToID; ToID 0 means no upper bound
}

// idRange is the SQL condition on column col for w's account range, and its arguments.
func (w FactsWindow) idRange(col string) (string, []any) {
	to := w.ToID
	if to <= 0 {
		to = math.MaxInt64
	}
	return col + ` >= ? AND ` + col + ` < ?`, []any{w.FromID, to}
}

// ScanFacts calls fn once per account, in id order, with the account's
// health inputs, all read in one consistent read transaction. Each table is
// read once in account order and merged, so the cost is linear in the book;
// an account's last activity and whether it was ever invoiced are index
// look-ups made with its row, and usage is one series per account.
// Invoices are the ones that can move a score: unpaid, failed since
// w.FailuresSince, or paid after w.AsOf; signals are those of w.SignalKinds
// since w.SignalsSince (or their w.KindSince), with
// the fields a score reads (account, external id, kind, signal, time, title
// and score; not the row id, source, body or actor). fn must not keep the
// *AccountFacts or its slices past its return.
func (s *Store) ScanFacts(ctx context.Context, w FactsWindow, fn func(*domain.AccountFacts) error) error {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()

	idsAcc, rangeArgs := w.idRange("id")
	ids, _ := w.idRange("account_id")
	with := func(args ...any) []any { return append(args, rangeArgs...) }
	// Each account's last activity and whether it has an invoice come with
	// its row, one index look-up each, rather than from two more cursors
	// merged in Go: a cursor row costs more in the driver than the look-up
	// in SQLite. Each look-up stops at its first index entry (ORDER BY ...
	// LIMIT 1 and EXISTS), where max() and count() walked all of the
	// account's entries.
	accounts, err := tx.QueryContext(ctx, `SELECT `+accountCols+`,
		COALESCE((SELECT occurred_at FROM activities WHERE account_id = accounts.id ORDER BY occurred_at DESC LIMIT 1), ''),
		EXISTS (SELECT 1 FROM invoices WHERE account_id = accounts.id)
		FROM accounts WHERE `+idsAcc+` ORDER BY id`, rangeArgs...)
	if err != nil {
		return err
	}
	defer accounts.Close()
	var opened []interface{ close() }
	defer func() {
		for _, c := range opened {
			c.close()
		}
	}()
	revRow := newRevenueRow()
	rev, err := openCursor(ctx, tx, &opened, `SELECT `+revenueCols+` FROM revenue_sources WHERE `+ids+` ORDER BY account_id, id`, with(),
		func(r *sql.Rows) (int64, domain.RevenueSource, error) {
			v, err := revRow.scan(r)
			return v.AccountID, v, err
		})
	if err != nil {
		return err
	}
	// Three small ranges of the partial indexes instead of a scan of every
	// invoice. UNION ALL, not UNION: a merged UNION wants each arm in id
	// order, which made SQLite scan the whole table for two of them; IN
	// ignores the duplicates anyway. Each index holds the account id, so an
	// arm keeps only this range's invoices without reading their rows; the
	// "+" on the last two keeps SQLite on the time index (it would take
	// invoices_account for the account range and read every invoice in it).
	invRow := newInvoiceRow()
	plusIDs, _ := w.idRange("+account_id")
	inv, err := openCursor(ctx, tx, &opened, `SELECT `+invoiceCols+` FROM invoices WHERE id IN (
			SELECT id FROM invoices WHERE status IN ('open', 'failed') AND `+ids+`
			UNION ALL SELECT id FROM invoices WHERE last_failure_at >= ? AND last_failure_at <> '' AND `+plusIDs+`
			UNION ALL SELECT id FROM invoices WHERE paid_at > ? AND paid_at <> '' AND `+plusIDs+`) AND `+ids+`
		ORDER BY account_id, issued_at DESC, id DESC`,
		slices.Concat(rangeArgs, []any{ts(w.FailuresSince)}, rangeArgs, []any{ts(w.AsOf)}, rangeArgs, rangeArgs),
		func(r *sql.Rows) (int64, domain.Invoice, error) { v, err := invRow.scan(r); return v.AccountID, v, err })
	if err != nil {
		return err
	}
	weeks := weekCache{}
	use, err := openCursor(ctx, tx, &opened, `SELECT account_id, weeks FROM usage_series WHERE `+ids+` ORDER BY account_id`,
		with(), newIDValueRow[string]().scan)
	if err != nil {
		return err
	}
	sigQuery, sigArgs := w.signalQuery()
	sig, err := openCursor(ctx, tx, &opened, sigQuery, sigArgs, newSignalRow().scan)
	if err != nil {
		return err
	}
	var f domain.AccountFacts
	acctRow := newFactsAccountRow()
	for accounts.Next() {
		a, err := acctRow.scan(accounts)
		if err != nil {
			return err
		}
		f = domain.AccountFacts{Account: a, Revenue: f.Revenue[:0], Invoices: f.Invoices[:0], Usage: f.Usage[:0], Signals: f.Signals[:0],
			Invoiced: acctRow.invoiced, LastActivityAt: parseTS(acctRow.last)}
		err = errors.Join(
			rev.take(a.ID, func(v *domain.RevenueSource) error { f.Revenue = append(f.Revenue, *v); return nil }),
			inv.take(a.ID, func(v *domain.Invoice) error { f.Invoices = append(f.Invoices, *v); return nil }),
			use.take(a.ID, func(v *string) error { return weeks.unpackSeries(a.ID, *v, w.UsageSince, &f.Usage) }),
			sig.take(a.ID, func(v *domain.Activity) error { f.Signals = append(f.Signals, *v); return nil }),
		)
		if err != nil {
			return err
		}
		if err := fn(&f); err != nil {
			return err
		}
	}
	return accounts.Err()
}

// cursor walks rows ordered by account id, one account's run at a time. It
// holds the row ahead as a T, so walking allocates nothing per row.
type cursor[T any] struct {
	rows    *sql.Rows
	scan    func(*sql.Rows) (int64, T, error)
	pending bool
	id      int64
	val     T
	done    bool
}

// openCursor runs q in tx and returns a cursor over its rows, adding it to
// opened so the caller closes it.
func openCursor[T any](ctx context.Context, tx *sql.Tx, opened *[]interface{ close() }, q string, args []any,
	scan func(*sql.Rows) (int64, T, error)) (*cursor[T], error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	c := &cursor[T]{rows: rows, scan: scan}
	*opened = append(*opened, c)
	return c, nil
}

func (c *cursor[T]) close() { c.rows.Close() }

// take passes every row of account id to add, skipping rows of accounts
// before id (rows whose account no longer exists). add must not keep the
// pointer.
func (c *cursor[T]) take(id int64, add func(*T) error) error {
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
			if err := add(&c.val); err != nil {
				return err
			}
			c.pending = false
		default:
			return nil
		}
	}
}

// signalQuery is the statement reading the window's signals of its account
// range, in account and time order (on the partial index of signals,
// activities_signals), and its arguments.
func (w FactsWindow) signalQuery() (string, []any) {
	ids, args := w.idRange("account_id")
	where := `kind = 'signal' AND ` + ids + ` AND occurred_at >= ?`
	args = append(args, ts(w.SignalsSince))
	if len(w.SignalKinds) > 0 {
		where += ` AND signal IN (` + placeholders(len(w.SignalKinds)) + `)`
		for _, k := range w.SignalKinds {
			args = append(args, string(k))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(w.KindSince)) {
		where += ` AND (signal <> ? OR occurred_at >= ?)`
		args = append(args, string(k), ts(w.KindSince[k]))
	}
	return `SELECT account_id, external_id, signal, occurred_at, title, score
		FROM activities WHERE ` + where + ` ORDER BY account_id, occurred_at`, args
}
