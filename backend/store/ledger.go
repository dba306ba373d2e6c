package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"successdesk/backend/domain"
)

// LedgerAccount is one account's share of the Contracts ledger.
type LedgerAccount struct {
	Account domain.Account // ID, Domain, Name and PrimaryEmail
	Search  string         // the account's lower-case search text: name, domain, contact e-mails
	Revenue []domain.RevenueSource
	// Invoices sums the account's invoices per revenue source and source;
	// RevenueSourceID 0 sums those that name no revenue source.
	Invoices []InvoiceState
}

// InvoiceState sums an account's invoices of one revenue source.
type InvoiceState struct {
	RevenueSourceID int64 // 0: invoices that name no revenue source
	Source          domain.Source
	Invoices        int       // not void
	Unpaid          int       // open or failed
	Failed          bool      // an unpaid invoice has had a failed attempt
	OldestDue       time.Time // the earliest due date of an unpaid invoice; zero when none is dated
}

// ReadLedger reads everything the Contracts ledger is built from: each
// account with a revenue source (in id order) with its revenue sources
// (by id) and its invoice states. Three reads run side by side on their
// own connections, each a sequential scan: the accounts, the revenue
// sources, and the invoices (the ones not void, then the unpaid ones
// through their index) summed per revenue source in memory. A write that
// commits between them may show in some reads only; it bumps Generation,
// so a cache keyed on the generation read before ReadLedger is rebuilt.
func (s *Store) ReadLedger(ctx context.Context) ([]LedgerAccount, error) {
	var states invoiceStates
	var accts []LedgerAccount
	invDone, acctDone := make(chan error, 1), make(chan error, 1)
	go func() { invDone <- s.readInvoiceStates(ctx, &states) }()
	go func() {
		var err error
		accts, err = s.readLedgerAccounts(ctx)
		acctDone <- err
	}()
	revs, err := s.readRevenueByID(ctx)
	if aerr := <-acctDone; err == nil {
		err = aerr
	}
	if ierr := <-invDone; err == nil {
		err = ierr
	}
	if err != nil {
		return nil, err
	}
	// Place the revenue sources by account (accts is in id order), keeping
	// each account's in id order; those whose account was deleted since drop.
	at := make([]int, len(revs))
	ends := make([]int, len(accts)+1)
	for i, r := range revs {
		j, ok := slices.BinarySearchFunc(accts, r.AccountID, func(a LedgerAccount, id int64) int { return cmp.Compare(a.Account.ID, id) })
		at[i] = -1
		if ok {
			at[i] = j
			ends[j+1]++
		}
	}
	for j := range accts {
		ends[j+1] += ends[j]
	}
	placed := make([]domain.RevenueSource, ends[len(accts)])
	next := slices.Clone(ends[:len(accts)])
	for i, j := range at {
		if j >= 0 {
			placed[next[j]] = revs[i]
			next[j]++
		}
	}
	out := accts[:0]
	for j, a := range accts {
		if ends[j] == ends[j+1] {
			continue
		}
		a.Revenue = placed[ends[j]:ends[j+1]:ends[j+1]]
		for _, r := range a.Revenue {
			if st, ok := states.byRevenue[r.ID]; ok {
				a.Invoices = append(a.Invoices, *st)
			}
		}
		a.Invoices = append(a.Invoices, states.loose[a.Account.ID]...)
		out = append(out, a)
	}
	return out, nil
}

// readLedgerAccounts reads every account, in id order.
func (s *Store) readLedgerAccounts(ctx context.Context) ([]LedgerAccount, error) {
	out, err := sized[LedgerAccount](ctx, s.read, "accounts")
	if err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT id, COALESCE(domain, ''), name, primary_email, search_text FROM accounts ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var a LedgerAccount
		if err := rows.Scan(&a.Account.ID, &a.Account.Domain, &a.Account.Name, &a.Account.PrimaryEmail, &a.Search); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// revenuePacked reads every revenue source in id order with its text
// columns packed into one, separated by char(31), the product last (the
// only free text): fetching one value instead of nine cuts the read of a
// large book by about a quarter, the driver's cost being per value.
const revenuePacked = `SELECT id, account_id, amount_minor, mrr_minor, arr_minor, seats, cancel_at_period_end,
	source || char(31) || status || char(31) || interval || char(31) || currency || char(31) || term_start || char(31) ||
	term_end || char(31) || trial_end || char(31) || external_id || char(31) || product
	FROM revenue_sources ORDER BY id`

// readRevenueByID reads every revenue source, in id order.
func (s *Store) readRevenueByID(ctx context.Context) ([]domain.RevenueSource, error) {
	out, err := sized[domain.RevenueSource](ctx, s.read, "revenue_sources")
	if err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, revenuePacked)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r domain.RevenueSource
		var cancel int
		var packed string
		if err := rows.Scan(&r.ID, &r.AccountID, &r.Amount.AmountMinor, &r.MRRMinor, &r.ARRMinor, &r.Seats, &cancel, &packed); err != nil {
			return nil, err
		}
		next := func() string {
			f, rest, _ := strings.Cut(packed, "\x1f")
			packed = rest
			return f
		}
		r.Source, r.Status, r.Interval = domain.Source(next()), domain.RevenueStatus(next()), domain.Interval(next())
		r.Amount.Currency = next()
		r.TermStart, r.TermEnd, r.TrialEnd = parseTS(next()), parseTS(next()), parseTS(next())
		r.ExternalID, r.Product = next(), packed
		r.CancelAtPeriodEnd = cancel == 1
		out = append(out, r)
	}
	return out, rows.Err()
}

// sized returns an empty slice with room for every row of table (one of
// the few names above, never user input), so that a scan does not regrow it.
func sized[T any](ctx context.Context, db *sql.DB, table string) ([]T, error) {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&n); err != nil {
		return nil, err
	}
	return make([]T, 0, n), nil
}

// invoiceStates are the invoice states of a book: per revenue source, and
// per account for the invoices that name none (one per source).
type invoiceStates struct {
	byRevenue map[int64]*InvoiceState
	loose     map[int64][]InvoiceState
}

// state returns the state invoices of (revenue source rs, account, src) add to.
func (st *invoiceStates) state(rs, account int64, src []byte) *InvoiceState {
	if rs != 0 {
		x, ok := st.byRevenue[rs]
		if !ok {
			x = &InvoiceState{RevenueSourceID: rs, Source: domain.Source(src)}
			st.byRevenue[rs] = x
		}
		return x
	}
	l := st.loose[account]
	for i := range l {
		if string(l[i].Source) == string(src) {
			return &l[i]
		}
	}
	st.loose[account] = append(l, InvoiceState{Source: domain.Source(src)})
	return &st.loose[account][len(l)]
}

// readInvoiceStates sums every invoice that is not void, then adds what the
// unpaid ones say, in one read transaction.
func (s *Store) readInvoiceStates(ctx context.Context, st *invoiceStates) error {
	st.byRevenue, st.loose = map[int64]*InvoiceState{}, map[int64][]InvoiceState{}
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT COALESCE(revenue_source_id, 0), account_id, source FROM invoices WHERE status <> 'void'`)
	if err != nil {
		return err
	}
	var rs, account int64
	var src sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&rs, &account, &src); err != nil {
			rows.Close()
			return err
		}
		st.state(rs, account, src).Invoices++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.QueryContext(ctx, `SELECT COALESCE(revenue_source_id, 0), account_id, source,
		status = 'failed' OR attempts > 0 OR last_failure_at <> '', due_at FROM invoices WHERE status IN ('open', 'failed')`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var failed bool
		var due string
		if err := rows.Scan(&rs, &account, &src, &failed, &due); err != nil {
			return err
		}
		x := st.state(rs, account, src)
		x.Unpaid++
		x.Failed = x.Failed || failed
		if d := parseTS(due); !d.IsZero() && (x.OldestDue.IsZero() || d.Before(x.OldestDue)) {
			x.OldestDue = d
		}
	}
	return rows.Err()
}

// ContractFile is what the contract detail sheet reads of one account.
type ContractFile struct {
	Changes  []domain.Activity // contract changes, newest first
	Payments []domain.Activity // payment events, newest first
	Invoices []domain.Invoice  // newest first
}

// ContractFile reads an account's contract changes, payment events and
// invoices in one read transaction. An unknown account has none.
func (s *Store) ContractFile(ctx context.Context, accountID int64) (ContractFile, error) {
	var out ContractFile
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return out, err
	}
	defer tx.Rollback()
	acts, err := tx.QueryContext(ctx, `SELECT `+activityCols+` FROM activities
		WHERE account_id = ? AND kind IN ('contract_change', 'payment') ORDER BY occurred_at DESC, id DESC`, accountID)
	if err != nil {
		return out, err
	}
	for acts.Next() {
		a, err := scanActivity(acts)
		if err != nil {
			acts.Close()
			return out, err
		}
		if a.Kind == domain.ActivityContractChange {
			out.Changes = append(out.Changes, a)
		} else {
			out.Payments = append(out.Payments, a)
		}
	}
	acts.Close()
	if err := acts.Err(); err != nil {
		return out, err
	}
	invs, err := tx.QueryContext(ctx, `SELECT `+invoiceCols+` FROM invoices WHERE account_id = ?
		ORDER BY issued_at DESC, id DESC`, accountID)
	if err != nil {
		return out, err
	}
	defer invs.Close()
	for invs.Next() {
		i, err := scanInvoice(invs)
		if err != nil {
			return out, err
		}
		out.Invoices = append(out.Invoices, i)
	}
	return out, invs.Err()
}
