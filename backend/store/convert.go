package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"time"

	"successdesk/backend/convert"
	"successdesk/backend/domain"
)

// ConvertWindow bounds what ConvertFacts reads.
type ConvertWindow struct {
	UsageSince    time.Time // usage weeks starting on or after this
	ActivitySince time.Time // activities that occurred on or after this...
	ActivityUntil time.Time // ...and before this
}

// convertPayingExpr is 1 when account a has an active or past-due record.
const convertPayingExpr = `EXISTS (SELECT 1 FROM revenue_sources p WHERE p.account_id = a.id AND p.status IN ('active', 'past_due'))`

// ConvertFacts returns, in one consistent read transaction, the facts of
// every candidate record: each revenue source whose status is trialing,
// pending or draft (whatever the source), with its account's name, domain
// and primary e-mail, whether the account already pays (an active or
// past-due record), the account's usage weeks since w.UsageSince (oldest
// first), its calls, e-mails and signals in [w.ActivitySince,
// w.ActivityUntil), and its active route into Convert. An account routed to
// Convert that has no such record gets one fact without a record (Record.ID
// 0). Facts come in account id order, records by id; the facts of one
// account share their Usage slice.
//
// The cost is one scan of revenue_sources plus index lookups per candidate
// account, whatever the size of the rest of the book.
func (s *Store) ConvertFacts(ctx context.Context, w ConvertWindow) ([]convert.Facts, error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	routes, err := convertRoutes(ctx, tx)
	if err != nil {
		return nil, err
	}
	var out []convert.Facts
	rows, err := tx.QueryContext(ctx, `SELECT rs.id, rs.account_id, rs.source, rs.external_id, rs.product, rs.status,
		rs.interval, rs.amount_minor, rs.currency, rs.mrr_minor, rs.arr_minor, rs.seats, rs.term_start, rs.term_end,
		rs.trial_end, rs.cancel_at_period_end, a.name, COALESCE(a.domain, ''), a.primary_email, `+convertPayingExpr+`
		FROM revenue_sources rs JOIN accounts a ON a.id = rs.account_id
		WHERE rs.status IN ('trialing', 'pending', 'draft')`) // one sequential scan; sorted below
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	times := weekCache{} // the same few dates repeat across thousands of records
	for rows.Next() {
		var f convert.Facts
		r := &f.Record
		var src, status, iv, start, end, trial string
		var cancel, paying int
		if err := rows.Scan(&r.ID, &r.AccountID, &src, &r.ExternalID, &r.Product, &status, &iv, &r.Amount.AmountMinor,
			&r.Amount.Currency, &r.MRRMinor, &r.ARRMinor, &r.Seats, &start, &end, &trial, &cancel,
			&f.Account.Name, &f.Account.Domain, &f.Account.PrimaryEmail, &paying); err != nil {
			return nil, err
		}
		r.Source, r.Status, r.Interval = domain.Source(src), domain.RevenueStatus(status), domain.Interval(iv)
		r.TermStart, r.TermEnd, r.TrialEnd = times.parse(start), times.parse(end), times.parse(trial)
		r.CancelAtPeriodEnd = cancel == 1
		f.Account.ID, f.Paying, f.Route = r.AccountID, paying == 1, routes[r.AccountID]
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if out, err = convertRoutedOnly(ctx, tx, out, routes); err != nil {
		return nil, err
	}
	out = sortConvertFacts(out)
	if err := convertFill(ctx, tx, w, out); err != nil {
		return nil, err
	}
	return out, nil
}

// ConvertRoutes returns the active routes into Convert by account: what
// ConvertFacts pins. A route is bookkeeping (Store.DataGeneration stays),
// so a cache of facts can re-read just this after a route changes.
func (s *Store) ConvertRoutes(ctx context.Context) (map[int64]*domain.Route, error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return convertRoutes(ctx, tx)
}

// ConvertRoutedFacts returns the facts ConvertFacts gives the accounts in
// ids that routes routes into Convert and that have no candidate record:
// one record-less fact each, with usage and activity read through w, in
// account id order. Other ids are skipped.
func (s *Store) ConvertRoutedFacts(ctx context.Context, w ConvertWindow, routes map[int64]*domain.Route, ids []int64) ([]convert.Facts, error) {
	want := make(map[int64]*domain.Route, len(ids))
	for _, id := range ids {
		if r := routes[id]; r != nil {
			want[id] = r
		}
	}
	if len(want) == 0 {
		return nil, nil
	}
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	out, err := convertRoutedOnly(ctx, tx, nil, want)
	if err != nil {
		return nil, err
	}
	if err := convertFill(ctx, tx, w, out); err != nil {
		return nil, err
	}
	return out, nil
}

// convertFill reads the usage weeks and activity of the accounts of out,
// which is in account id order.
func convertFill(ctx context.Context, tx *sql.Tx, w ConvertWindow, out []convert.Facts) error {
	times := weekCache{}
	byAccount := make(map[int64][]int, len(out))
	ids := make([]byte, 0, 8*len(out))
	ids = append(ids, '[')
	for i := range out {
		id := out[i].Account.ID
		if _, seen := byAccount[id]; !seen {
			if len(ids) > 1 {
				ids = append(ids, ',')
			}
			ids = strconv.AppendInt(ids, id, 10)
		}
		byAccount[id] = append(byAccount[id], i)
	}
	ids = append(ids, ']')
	if err := convertUsage(ctx, tx, w, string(ids), out, byAccount, times); err != nil {
		return err
	}
	return convertActivity(ctx, tx, w, string(ids), out, byAccount)
}

// sortConvertFacts returns fs ordered by account id, then record id. It sorts
// small keys and moves each (large) fact once.
func sortConvertFacts(fs []convert.Facts) []convert.Facts {
	type key struct {
		account, record int64
		i               int
	}
	keys := make([]key, len(fs))
	for i := range fs {
		keys[i] = key{fs[i].Account.ID, fs[i].Record.ID, i}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(a.account, b.account); c != 0 {
			return c
		}
		return cmp.Compare(a.record, b.record)
	})
	out := make([]convert.Facts, len(fs))
	for i, k := range keys {
		out[i] = fs[k.i]
	}
	return out
}

// convertRoutes returns the active routes into Convert by account.
func convertRoutes(ctx context.Context, tx *sql.Tx) (map[int64]*domain.Route, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+routeCols+` FROM routes WHERE to_section = 'convert' AND active = 1`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]*domain.Route{}
	for rows.Next() {
		r, err := scanRoute(rows)
		if err != nil {
			return nil, err
		}
		out[r.AccountID] = &r
	}
	return out, rows.Err()
}

// convertRoutedOnly appends a record-less fact for each account of routes
// that is routed into Convert and has no candidate record.
func convertRoutedOnly(ctx context.Context, tx *sql.Tx, out []convert.Facts, routes map[int64]*domain.Route) ([]convert.Facts, error) {
	if len(routes) == 0 {
		return out, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT a.id, a.name, COALESCE(a.domain, ''), a.primary_email, `+convertPayingExpr+`
		FROM routes r JOIN accounts a ON a.id = r.account_id
		WHERE r.to_section = 'convert' AND r.active = 1 AND NOT EXISTS (SELECT 1 FROM revenue_sources c
			WHERE c.account_id = a.id AND c.status IN ('trialing', 'pending', 'draft'))
		ORDER BY a.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var f convert.Facts
		var paying int
		if err := rows.Scan(&f.Account.ID, &f.Account.Name, &f.Account.Domain, &f.Account.PrimaryEmail, &paying); err != nil {
			return nil, err
		}
		if f.Route = routes[f.Account.ID]; f.Route == nil {
			continue // routed after routes was read, or not asked for
		}
		f.Paying, f.Record.AccountID = paying == 1, f.Account.ID
		out = append(out, f)
	}
	return out, rows.Err()
}

// convertUsage fills the usage weeks of the candidate accounts from their
// series.
func convertUsage(ctx context.Context, tx *sql.Tx, w ConvertWindow, ids string, out []convert.Facts, byAccount map[int64][]int, weeks weekCache) error {
	// CROSS JOIN keeps the id list as the outer loop: one primary-key range
	// per candidate account instead of a scan of every usage week.
	rows, err := tx.QueryContext(ctx, `SELECT u.account_id, u.weeks
		FROM json_each(?) j CROSS JOIN usage_series u ON u.account_id = j.value`, ids)
	if err != nil {
		return err
	}
	defer rows.Close()
	var buf []domain.UsageWeek
	for rows.Next() {
		var id int64
		var packed string
		if err := rows.Scan(&id, &packed); err != nil {
			return err
		}
		idx, ok := byAccount[id]
		if !ok {
			continue
		}
		start := len(buf)
		if err := weeks.unpackSeries(id, packed, w.UsageSince, &buf); err != nil {
			return err
		}
		// Capped, so that a later append never writes into this account's weeks.
		usage := buf[start:len(buf):len(buf)]
		for _, i := range idx {
			out[i].Usage = usage
		}
	}
	return rows.Err()
}

// convertActivity fills the activity counts of the candidate accounts.
func convertActivity(ctx context.Context, tx *sql.Tx, w ConvertWindow, ids string, out []convert.Facts, byAccount map[int64][]int) error {
	rows, err := tx.QueryContext(ctx, `SELECT x.account_id,
		sum(x.kind = 'call'), sum(x.kind = 'email'),
		sum(x.kind = 'signal' AND (x.signal IN ('praise', 'feature_request') OR (x.signal = 'nps' AND x.score >= 9))),
		sum(x.kind = 'signal' AND x.signal = 'complaint'), sum(x.kind = 'signal' AND x.signal = 'escalation'),
		sum(x.kind = 'signal' AND x.signal = 'nps' AND x.score <= 6)
		FROM json_each(?) j CROSS JOIN activities x ON x.account_id = j.value AND x.occurred_at >= ? AND x.occurred_at < ?
		GROUP BY x.account_id`, ids, ts(w.ActivitySince), ts(w.ActivityUntil))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var a convert.Activity
		if err := rows.Scan(&id, &a.Calls, &a.Emails, &a.Positive, &a.Complaints, &a.Escalations, &a.Detractors); err != nil {
			return err
		}
		for _, i := range byAccount[id] {
			out[i].Activity = a
		}
	}
	return rows.Err()
}

// ConvertDetail is what the candidate sheet reads beyond the queue.
type ConvertDetail struct {
	Record   domain.RevenueSource // zero without a record
	Usage    []domain.UsageWeek   // oldest first
	Contacts []domain.Contact
}

// ConvertDetail reads, in one read transaction, revenue record recordID
// (none when 0; ENotFound when it does not exist), the usage weeks of
// accountID since usageSince, oldest first, and its contacts by id. With a
// record, its account is the one read.
func (s *Store) ConvertDetail(ctx context.Context, recordID, accountID int64, usageSince time.Time) (ConvertDetail, error) {
	var d ConvertDetail
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return d, err
	}
	defer tx.Rollback()
	if recordID != 0 {
		d.Record, err = scanRevenue(tx.QueryRowContext(ctx, `SELECT `+revenueCols+` FROM revenue_sources WHERE id = ?`, recordID))
		if errors.Is(err, sql.ErrNoRows) {
			return d, notFound("The trial or order")
		}
		if err != nil {
			return d, err
		}
		accountID = d.Record.AccountID
	}
	rows, err := tx.QueryContext(ctx, `SELECT week_start, active_users FROM usage_weeks WHERE account_id = ? AND week_start >= ?
		ORDER BY week_start`, accountID, ts(usageSince))
	if err != nil {
		return d, err
	}
	for rows.Next() {
		u := domain.UsageWeek{AccountID: accountID}
		var wk string
		if err := rows.Scan(&wk, &u.ActiveUsers); err != nil {
			rows.Close()
			return d, err
		}
		u.WeekStart = parseTS(wk)
		d.Usage = append(d.Usage, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return d, err
	}
	rows, err = tx.QueryContext(ctx, `SELECT id, account_id, name, email, title FROM contacts WHERE account_id = ? ORDER BY id`, accountID)
	if err != nil {
		return d, err
	}
	defer rows.Close()
	for rows.Next() {
		var c domain.Contact
		if err := rows.Scan(&c.ID, &c.AccountID, &c.Name, &c.Email, &c.Title); err != nil {
			return d, err
		}
		d.Contacts = append(d.Contacts, c)
	}
	return d, rows.Err()
}
