package health

import (
	"context"
	"database/sql"
	"time"

	"successdesk/backend/domain"
)

// loader inserts synthetic rows with statements prepared once per
// transaction. It writes the columns of migrations 0001 and 0007 the way the store
// does (RFC 3339 UTC text, "" for a zero time) and is meant for an empty
// book: it never upserts, except to add a week to an account's usage series
// (migration 0007).
type loader struct {
	ctx                             context.Context
	acct, index, rev, inv, use, act *sql.Stmt
	stmts                           []*sql.Stmt
	lastErr                         error
}

func newLoader(ctx context.Context, tx *sql.Tx) (*loader, error) {
	l := &loader{ctx: ctx}
	prep := func(q string) *sql.Stmt {
		if l.lastErr != nil {
			return nil
		}
		st, err := tx.PrepareContext(ctx, q)
		if err != nil {
			l.lastErr = err
			return nil
		}
		l.stmts = append(l.stmts, st)
		return st
	}
	l.acct = prep(`INSERT INTO accounts(id, domain, name, primary_email, owner, tracked, search_text, created_at)
		VALUES (?, ?, ?, ?, '', ?, ?, ?)`)
	l.index = prep(`INSERT INTO accounts_fts(rowid, search_text) VALUES (?, ?)`) // the store indexes its new accounts
	l.rev = prep(`INSERT INTO revenue_sources(account_id, source, external_id, product, status, interval, amount_minor,
		currency, mrr_minor, arr_minor, seats, term_start, term_end, trial_end, cancel_at_period_end)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	l.inv = prep(`INSERT INTO invoices(account_id, revenue_source_id, source, external_id, status, amount_due_minor,
		amount_paid_minor, currency, issued_at, due_at, paid_at, attempts, last_failure_at, next_attempt_at, failure_reason)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	l.use = prep(`INSERT INTO usage_series(account_id, weeks) VALUES (?, json_object(?, ?))
		ON CONFLICT(account_id) DO UPDATE SET weeks = json_patch(weeks, excluded.weeks)`)
	l.act = prep(`INSERT INTO activities(account_id, source, external_id, kind, signal, occurred_at, title, body, actor, score)
		VALUES (?, ?, ?, ?, ?, ?, ?, '', '', ?)`)
	if l.lastErr != nil {
		l.close()
		return nil, l.lastErr
	}
	return l, nil
}

func (l *loader) close() {
	for _, st := range l.stmts {
		st.Close()
	}
}

func ts(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func (l *loader) account(a *domain.Account) error {
	tracked := 0
	if a.Tracked {
		tracked = 1
	}
	search := a.Name + " " + a.Domain + " " + a.PrimaryEmail
	if _, err := l.acct.ExecContext(l.ctx, a.ID, a.Domain, a.Name, a.PrimaryEmail, tracked, search,
		ts(a.CreatedAt)); err != nil {
		return err
	}
	_, err := l.index.ExecContext(l.ctx, a.ID, search)
	return err
}

func (l *loader) revenue(r *domain.RevenueSource) error {
	cancel := 0
	if r.CancelAtPeriodEnd {
		cancel = 1
	}
	res, err := l.rev.ExecContext(l.ctx, r.AccountID, string(r.Source), r.ExternalID, r.Product, string(r.Status),
		string(r.Interval), r.Amount.AmountMinor, r.Amount.Currency, r.MRRMinor, r.ARRMinor, r.Seats,
		ts(r.TermStart), ts(r.TermEnd), ts(r.TrialEnd), cancel)
	if err != nil {
		return err
	}
	r.ID, err = res.LastInsertId()
	return err
}

func (l *loader) invoice(i *domain.Invoice) error {
	var rs any
	if i.RevenueSourceID != 0 {
		rs = i.RevenueSourceID
	}
	_, err := l.inv.ExecContext(l.ctx, i.AccountID, rs, string(i.Source), i.ExternalID, string(i.Status),
		i.AmountDue.AmountMinor, i.AmountPaidMinor, i.AmountDue.Currency, ts(i.IssuedAt), ts(i.DueAt), ts(i.PaidAt),
		i.Attempts, ts(i.LastFailureAt), ts(i.NextAttemptAt), i.FailureReason)
	return err
}

func (l *loader) usage(u domain.UsageWeek) error {
	_, err := l.use.ExecContext(l.ctx, u.AccountID, ts(u.WeekStart), u.ActiveUsers)
	return err
}

func (l *loader) activity(a *domain.Activity) error {
	var score any
	if a.Score != nil {
		score = *a.Score
	}
	_, err := l.act.ExecContext(l.ctx, a.AccountID, string(a.Source), a.ExternalID, string(a.Kind), string(a.Signal),
		ts(a.OccurredAt), a.Title, score)
	return err
}
