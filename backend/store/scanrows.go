package store

import (
	"database/sql"

	"successdesk/backend/domain"
)

// A row scanner owns the destinations of one kind of row and the argument
// list that points at them, so scanning a row allocates nothing beyond the
// column texts. A plain Scan(&a, &b, ...) call allocates its argument list
// and moves every destination to the heap, once per row: at a hundred
// thousand accounts that was most of a recompute's garbage. A scanner is
// for one goroutine; each scan returns a copy.

// accountRow scans accountCols.
type accountRow struct {
	a       domain.Account
	tracked int
	created string
	dest    []any
}

func newAccountRow() *accountRow {
	x := &accountRow{}
	x.dest = x.cols()
	return x
}

// cols is the destinations of accountCols.
func (x *accountRow) cols() []any {
	return []any{&x.a.ID, &x.a.Domain, &x.a.Name, &x.a.PrimaryEmail, &x.a.Owner, &x.tracked, &x.created}
}

// factsAccountRow scans accountCols followed by the account's last
// activity time (empty when it has none) and whether it has any invoice,
// as ScanFacts reads them.
type factsAccountRow struct {
	accountRow
	last     string
	invoiced bool
}

func newFactsAccountRow() *factsAccountRow {
	x := &factsAccountRow{}
	x.dest = append(x.cols(), &x.last, &x.invoiced)
	return x
}

func (x *accountRow) scan(sc interface{ Scan(...any) error }) (domain.Account, error) {
	err := sc.Scan(x.dest...)
	a := x.a
	a.Tracked = x.tracked == 1
	a.CreatedAt = parseTS(x.created)
	return a, err
}

// revenueRow scans revenueCols.
type revenueRow struct {
	r                                  domain.RevenueSource
	src, status, iv, start, end, trial string
	cancel                             int
	dest                               []any
}

func newRevenueRow() *revenueRow {
	x := &revenueRow{}
	x.dest = []any{&x.r.ID, &x.r.AccountID, &x.src, &x.r.ExternalID, &x.r.Product, &x.status, &x.iv,
		&x.r.Amount.AmountMinor, &x.r.Amount.Currency, &x.r.MRRMinor, &x.r.ARRMinor, &x.r.Seats,
		&x.start, &x.end, &x.trial, &x.cancel}
	return x
}

func (x *revenueRow) scan(sc interface{ Scan(...any) error }) (domain.RevenueSource, error) {
	err := sc.Scan(x.dest...)
	r := x.r
	r.Source, r.Status, r.Interval = domain.Source(x.src), domain.RevenueStatus(x.status), domain.Interval(x.iv)
	r.TermStart, r.TermEnd, r.TrialEnd = parseTS(x.start), parseTS(x.end), parseTS(x.trial)
	r.CancelAtPeriodEnd = x.cancel == 1
	return r, err
}

// invoiceRow scans invoiceCols.
type invoiceRow struct {
	i                                            domain.Invoice
	src, status, issued, due, paid, failed, next string
	dest                                         []any
}

func newInvoiceRow() *invoiceRow {
	x := &invoiceRow{}
	x.dest = []any{&x.i.ID, &x.i.AccountID, &x.i.RevenueSourceID, &x.src, &x.i.ExternalID, &x.status,
		&x.i.AmountDue.AmountMinor, &x.i.AmountPaidMinor, &x.i.AmountDue.Currency, &x.issued, &x.due, &x.paid,
		&x.i.Attempts, &x.failed, &x.next, &x.i.FailureReason}
	return x
}

func (x *invoiceRow) scan(sc interface{ Scan(...any) error }) (domain.Invoice, error) {
	err := sc.Scan(x.dest...)
	i := x.i
	i.Source, i.Status = domain.Source(x.src), domain.InvoiceStatus(x.status)
	i.IssuedAt, i.DueAt, i.PaidAt = parseTS(x.issued), parseTS(x.due), parseTS(x.paid)
	i.LastFailureAt, i.NextAttemptAt = parseTS(x.failed), parseTS(x.next)
	return i, err
}

// signalRow scans ScanFacts' signal columns: account_id, external_id,
// signal, occurred_at, title, score. The Activity it returns has Kind
// signal and those fields; the rest are zero.
type signalRow struct {
	a       domain.Activity
	sig, at string
	score   sql.NullInt64
	dest    []any
}

func newSignalRow() *signalRow {
	x := &signalRow{}
	x.dest = []any{&x.a.AccountID, &x.a.ExternalID, &x.sig, &x.at, &x.a.Title, &x.score}
	return x
}

func (x *signalRow) scan(r *sql.Rows) (int64, domain.Activity, error) {
	err := r.Scan(x.dest...)
	a := domain.Activity{Kind: domain.ActivitySignal, AccountID: x.a.AccountID, ExternalID: x.a.ExternalID, Title: x.a.Title,
		Signal: domain.SignalKind(x.sig), OccurredAt: parseTS(x.at)}
	if x.score.Valid {
		v := int(x.score.Int64)
		a.Score = &v
	}
	return a.AccountID, a, err
}

// idValueRow scans an account id and one value.
type idValueRow[T any] struct {
	id   int64
	v    T
	dest []any
}

func newIDValueRow[T any]() *idValueRow[T] {
	x := &idValueRow[T]{}
	x.dest = []any{&x.id, &x.v}
	return x
}

func (x *idValueRow[T]) scan(r *sql.Rows) (int64, T, error) {
	err := r.Scan(x.dest...)
	return x.id, x.v, err
}
