package store

import (
	"context"

	"successdesk/backend/domain"
)

// UpsertRevenueSource inserts or updates r keyed by (source, external id),
// setting r.ID. It is idempotent.
func (t *Tx) UpsertRevenueSource(ctx context.Context, r *domain.RevenueSource) error {
	id, err := t.queryRowID(ctx, `INSERT INTO revenue_sources(account_id, source, external_id, product, status, interval,
		amount_minor, currency, mrr_minor, arr_minor, seats, term_start, term_end, trial_end, cancel_at_period_end)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(source, external_id) DO UPDATE SET account_id = excluded.account_id, product = excluded.product,
		status = excluded.status, interval = excluded.interval, amount_minor = excluded.amount_minor,
		currency = excluded.currency, mrr_minor = excluded.mrr_minor, arr_minor = excluded.arr_minor,
		seats = excluded.seats, term_start = excluded.term_start, term_end = excluded.term_end,
		trial_end = excluded.trial_end, cancel_at_period_end = excluded.cancel_at_period_end
		RETURNING id`,
		r.AccountID, string(r.Source), r.ExternalID, r.Product, string(r.Status), string(r.Interval),
		r.Amount.AmountMinor, r.Amount.Currency, r.MRRMinor, r.ARRMinor, r.Seats,
		ts(r.TermStart), ts(r.TermEnd), ts(r.TrialEnd), boolInt(r.CancelAtPeriodEnd))
	r.ID = id
	return err
}

const revenueCols = `id, account_id, source, external_id, product, status, interval, amount_minor, currency,
	mrr_minor, arr_minor, seats, term_start, term_end, trial_end, cancel_at_period_end`

func scanRevenue(sc interface{ Scan(...any) error }) (domain.RevenueSource, error) {
	return newRevenueRow().scan(sc)
}

// RevenueSources returns an account's contracts and subscriptions, newest term first.
func (s *Store) RevenueSources(ctx context.Context, accountID int64) ([]domain.RevenueSource, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+revenueCols+` FROM revenue_sources WHERE account_id = ?
		ORDER BY term_start DESC, id`, accountID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.RevenueSource
	for rows.Next() {
		r, err := scanRevenue(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// UpsertInvoice inserts or updates inv keyed by (source, external id), setting inv.ID.
func (t *Tx) UpsertInvoice(ctx context.Context, inv *domain.Invoice) error {
	var rsID any
	if inv.RevenueSourceID != 0 {
		rsID = inv.RevenueSourceID
	}
	id, err := t.queryRowID(ctx, `INSERT INTO invoices(account_id, revenue_source_id, source, external_id, status,
		amount_due_minor, amount_paid_minor, currency, issued_at, due_at, paid_at, attempts, last_failure_at,
		next_attempt_at, failure_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(source, external_id) DO UPDATE SET account_id = excluded.account_id,
		revenue_source_id = excluded.revenue_source_id, status = excluded.status,
		amount_due_minor = excluded.amount_due_minor, amount_paid_minor = excluded.amount_paid_minor,
		currency = excluded.currency, issued_at = excluded.issued_at, due_at = excluded.due_at,
		paid_at = excluded.paid_at, attempts = excluded.attempts, last_failure_at = excluded.last_failure_at,
		next_attempt_at = excluded.next_attempt_at, failure_reason = excluded.failure_reason
		RETURNING id`,
		inv.AccountID, rsID, string(inv.Source), inv.ExternalID, string(inv.Status), inv.AmountDue.AmountMinor,
		inv.AmountPaidMinor, inv.AmountDue.Currency, ts(inv.IssuedAt), ts(inv.DueAt), ts(inv.PaidAt), inv.Attempts,
		ts(inv.LastFailureAt), ts(inv.NextAttemptAt), inv.FailureReason)
	inv.ID = id
	return err
}

// InsertInvoices inserts new invoices in multi-row statements (a book
// being written from scratch, such as the demo book): it sets no ids, and a
// (source, external id) already stored fails the call, as any constraint
// does, leaving the transaction to be rolled back.
func (t *Tx) InsertInvoices(ctx context.Context, invs []domain.Invoice) error {
	return t.insertRows(ctx, `INSERT INTO invoices(account_id, revenue_source_id, source, external_id, status,
		amount_due_minor, amount_paid_minor, currency, issued_at, due_at, paid_at, attempts, last_failure_at,
		next_attempt_at, failure_reason)`, ``, len(invs), 15, func(i int, args []any) []any {
		inv := &invs[i]
		var rsID any
		if inv.RevenueSourceID != 0 {
			rsID = inv.RevenueSourceID
		}
		return append(args, inv.AccountID, rsID, string(inv.Source), inv.ExternalID, string(inv.Status),
			inv.AmountDue.AmountMinor, inv.AmountPaidMinor, inv.AmountDue.Currency, ts(inv.IssuedAt), ts(inv.DueAt),
			ts(inv.PaidAt), inv.Attempts, ts(inv.LastFailureAt), ts(inv.NextAttemptAt), inv.FailureReason)
	})
}

const invoiceCols = `id, account_id, COALESCE(revenue_source_id, 0), source, external_id, status, amount_due_minor,
	amount_paid_minor, currency, issued_at, due_at, paid_at, attempts, last_failure_at, next_attempt_at, failure_reason`

func scanInvoice(sc interface{ Scan(...any) error }) (domain.Invoice, error) {
	return newInvoiceRow().scan(sc)
}

// Invoices returns an account's invoices, newest first.
func (s *Store) Invoices(ctx context.Context, accountID int64) ([]domain.Invoice, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+invoiceCols+` FROM invoices WHERE account_id = ?
		ORDER BY issued_at DESC, id DESC`, accountID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Invoice
	for rows.Next() {
		i, err := scanInvoice(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// Currencies lists the currencies of the book's contracts, subscriptions and
// invoices, in code order.
func (s *Store) Currencies(ctx context.Context) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT currency FROM revenue_sources WHERE currency <> ''
		UNION SELECT currency FROM invoices WHERE currency <> '' ORDER BY 1`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
