package syncer

import (
	"context"
	"strings"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// StoreSink writes pages into a store. Account keys resolve in this order:
//  1. a key already linked for this source (sync_account_keys), so a record
//     without a domain, or an account merged by hand, stays where it is;
//  2. an existing account with the record's domain;
//  3. a new account (domain NULL when unknown), tracked, created now.
//
// The key is then linked. A record naming a key that no page has delivered
// yet is skipped and counted, not fatal: one orphan must not block a source
// forever. Existing accounts are not renamed (full identity matching, with
// manual merges, is a later step).
type StoreSink struct {
	st  *store.Store
	now func() time.Time
}

// NewStoreSink returns a sink writing to st; now stamps new accounts and
// state rows (nil means time.Now).
func NewStoreSink(st *store.Store, now func() time.Time) *StoreSink {
	if now == nil {
		now = time.Now
	}
	return &StoreSink{st: st, now: now}
}

// Commit implements connector.Sink: one write transaction upserts the
// page's records keyed by (source, external id) and saves page.Next as the
// source's cursor with the number of records written. Record Source fields
// are forced to source. On error nothing of the page is kept.
func (s *StoreSink) Commit(ctx context.Context, source domain.Source, page connector.Page) (connector.CommitResult, error) {
	var res connector.CommitResult
	now := s.now().UTC()
	err := s.st.Write(ctx, func(tx *store.Tx) error {
		res = connector.CommitResult{}
		w := pageWriter{tx: tx, source: source, now: now, ids: map[string]int64{}, res: &res}
		if err := w.write(ctx, page); err != nil {
			return err
		}
		return tx.SaveCursor(ctx, source, page.Next, res.Written, now)
	})
	return res, err
}

type pageWriter struct {
	tx     *store.Tx
	source domain.Source
	now    time.Time
	ids    map[string]int64 // account key -> id, this page
	res    *connector.CommitResult
}

func (w *pageWriter) write(ctx context.Context, p connector.Page) error {
	for _, a := range p.Accounts {
		if a.Key == "" {
			w.res.Skipped++
			continue
		}
		if err := w.account(ctx, a); err != nil {
			return err
		}
		w.res.Written++
	}
	// Each upsert below runs only when its account resolved.
	revenue := func(r connector.RevenueRecord, id int64) error {
		r.AccountID, r.Source = id, w.source
		return w.tx.UpsertRevenueSource(ctx, &r.RevenueSource)
	}
	invoice := func(r connector.InvoiceRecord, id int64) error {
		r.AccountID, r.Source, r.RevenueSourceID = id, w.source, 0
		if r.RevenueKey != "" {
			rs, err := w.tx.RevenueSourceIDFor(ctx, w.source, r.RevenueKey)
			if err != nil && domain.ErrorCode(err) != domain.ENotFound {
				return err
			}
			r.RevenueSourceID = rs
		}
		return w.tx.UpsertInvoice(ctx, &r.Invoice)
	}
	activity := func(r connector.ActivityRecord, id int64) error {
		r.AccountID, r.Source = id, w.source
		return w.tx.UpsertActivity(ctx, &r.Activity)
	}
	usage := func(r connector.UsageRecord, id int64) error {
		r.AccountID = id
		return w.tx.ReplaceUsageWeek(ctx, r.UsageWeek)
	}
	for _, r := range p.Revenue {
		if err := each(ctx, w, r.AccountKey, r, revenue); err != nil {
			return err
		}
	}
	for _, r := range p.Invoices {
		if err := each(ctx, w, r.AccountKey, r, invoice); err != nil {
			return err
		}
	}
	for _, r := range p.Activities {
		if err := each(ctx, w, r.AccountKey, r, activity); err != nil {
			return err
		}
	}
	for _, r := range p.Usage {
		if err := each(ctx, w, r.AccountKey, r, usage); err != nil {
			return err
		}
	}
	return nil
}

// each resolves key and writes r with fn, or counts r as skipped.
func each[R any](ctx context.Context, w *pageWriter, key string, r R, fn func(R, int64) error) error {
	id, ok, err := w.lookup(ctx, key)
	if err != nil {
		return err
	}
	if !ok {
		w.res.Skipped++
		return nil
	}
	if err := fn(r, id); err != nil {
		return err
	}
	w.res.Written++
	return nil
}

func (w *pageWriter) lookup(ctx context.Context, key string) (int64, bool, error) {
	if key == "" {
		return 0, false, nil
	}
	if id, ok := w.ids[key]; ok {
		return id, true, nil
	}
	id, err := w.tx.AccountIDForKey(ctx, w.source, key)
	switch {
	case err == nil:
		w.ids[key] = id
		return id, true, nil
	case domain.ErrorCode(err) == domain.ENotFound:
		return 0, false, nil
	}
	return 0, false, err
}

func (w *pageWriter) account(ctx context.Context, a connector.AccountRecord) error {
	if _, ok, err := w.lookup(ctx, a.Key); err != nil || ok {
		return err
	}
	d := strings.ToLower(a.Domain)
	var id int64
	if d != "" {
		found, err := w.tx.AccountIDByDomain(ctx, d)
		if err != nil && domain.ErrorCode(err) != domain.ENotFound {
			return err
		}
		id = found
	}
	if id == 0 {
		acc := domain.Account{Domain: d, Name: firstNonEmpty(a.Name, d, a.Key), PrimaryEmail: a.PrimaryEmail,
			Tracked: true, CreatedAt: w.now}
		if err := w.tx.InsertAccount(ctx, &acc); err != nil {
			return err
		}
		id = acc.ID
	}
	if err := w.tx.LinkAccountKey(ctx, w.source, a.Key, id); err != nil {
		return err
	}
	w.ids[a.Key] = id
	return nil
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

var _ connector.Sink = (*StoreSink)(nil)
