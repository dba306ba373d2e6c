package syncer

import (
	"context"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// StoreSink writes pages into a store. Account keys resolve in this order:
//  1. a key already linked for this source (sync_account_keys), so a record
//     without a domain, or an account merged by hand, stays where it is;
//  2. an existing account with the record's domain;
//  3. a new account (domain NULL when unknown), tracked, created now and
//     marked as created by the source's sync.
//
// The key is then linked. A record naming a key that no page has delivered
// yet is skipped and counted, not fatal: one orphan must not block a source
// forever. During a full pass (see connector.Page.StartsFullPass) only keys
// delivered by the pass itself resolve, so records of a customer the
// source no longer lists are skipped and then swept. Existing accounts are
// not renamed (full identity matching, with manual merges, is a later
// step).
//
// Every synced revenue source, invoice and key link is stamped with the
// source's full-pass number, and every such row and activity with its
// customer key (store.UpsertSyncedRevenue and friends), which is what the
// sweep and the deletions act on.
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

// Commit implements connector.Sink: one write transaction in which each
// of pages, in order (a run of pages that can be written as one is, which
// comes to the same, see pageRuns):
//  1. opens a new full pass when page.StartsFullPass;
//  2. upserts the page's records keyed by (source, external id), Source
//     fields forced to source;
//  3. applies page.Deleted: a RefAccount removes the key, its rows of this
//     source and, if the sync created it and nothing refers to it any
//     more, its account; RefRevenue and RefInvoice remove that row;
//  4. with page.EndsFullPass, sweeps what the open full pass did not
//     deliver (store.Tx.SweepFullPass; nothing without an open pass);
//  5. saves page.Next as the source's cursor with the records written.
//
// On error nothing of any page is kept.
func (s *StoreSink) Commit(ctx context.Context, source domain.Source, pages ...connector.Page) (connector.CommitResult, error) {
	var res connector.CommitResult
	now := s.now().UTC()
	err := s.st.Write(ctx, func(tx *store.Tx) error {
		res = connector.CommitResult{}
		for _, run := range pageRuns(pages) {
			if err := s.commitRun(ctx, tx, source, run, now, &res); err != nil {
				return err
			}
		}
		return nil
	})
	return res, err
}

// commitRun does Commit's work for a run of pages (see pageRuns) inside tx,
// adding its counts to res.
func (s *StoreSink) commitRun(ctx context.Context, tx *store.Tx, source domain.Source, run []connector.Page, now time.Time,
	res *connector.CommitResult) error {
	fp, err := tx.FullPass(ctx, source)
	if err != nil {
		return err
	}
	last := run[len(run)-1] // deletions, the end of a pass and the cursor are the last page's
	if run[0].StartsFullPass {
		n, err := tx.BeginFullPass(ctx, source, now)
		if err != nil {
			return err
		}
		fp = store.FullPass{Number: n, Open: true}
	}
	var pr connector.CommitResult
	w := pageWriter{tx: tx, source: source, now: now, pass: fp.Number, res: &pr, ids: map[string]int64{}}
	if fp.Open {
		w.minPass = fp.Number
	}
	if err := w.write(ctx, run); err != nil {
		return err
	}
	if err := w.deletions(ctx, last.Deleted); err != nil {
		return err
	}
	if last.EndsFullPass {
		sw, err := tx.SweepFullPass(ctx, source, now)
		if err != nil {
			return err
		}
		pr.Deleted += sw.Total()
	}
	res.Written, res.Skipped, res.Deleted = res.Written+pr.Written, res.Skipped+pr.Skipped, res.Deleted+pr.Deleted
	return tx.SaveCursor(ctx, source, last.Next, pr.Written, now)
}

// pageWriter writes one run of pages inside its transaction.
type pageWriter struct {
	tx      *store.Tx
	source  domain.Source
	now     time.Time
	pass    int64 // stamp for the rows written
	minPass int64 // links older than this do not resolve (an open full pass)
	ids     map[string]int64
	res     *connector.CommitResult
}

// write writes the records of a run of pages (see pageRuns): the first
// page's accounts, then each table's records of every page, in order, then
// the first page's usage, deals and enrichments (no other page of a run
// has any).
func (w *pageWriter) write(ctx context.Context, run []connector.Page) error {
	p := run[0]
	if err := w.accounts(ctx, p.Accounts); err != nil {
		return err
	}
	// Revenue, invoices and activities resolve their account keys inside
	// the store's upsert (a join on the links); what does not resolve is
	// skipped.
	var nrs, ninvs, nacts int
	for _, q := range run {
		nrs, ninvs, nacts = nrs+len(q.Revenue), ninvs+len(q.Invoices), nacts+len(q.Activities)
	}
	rs := make([]domain.RevenueSource, 0, nrs)
	keys := make([]string, 0, max(nrs, ninvs, nacts))
	for _, q := range run {
		for _, r := range q.Revenue {
			rs, keys = append(rs, r.RevenueSource), append(keys, r.AccountKey)
		}
	}
	n, err := w.tx.UpsertSyncedRevenue(ctx, w.source, rs, keys, w.pass, w.minPass)
	if err != nil {
		return err
	}
	w.count(n, len(rs))
	invs := make([]domain.Invoice, 0, ninvs)
	keys, subs := keys[:0], make([]string, 0, ninvs)
	for _, q := range run {
		for _, r := range q.Invoices {
			invs, keys, subs = append(invs, r.Invoice), append(keys, r.AccountKey), append(subs, r.RevenueKey)
		}
	}
	if n, err = w.tx.UpsertSyncedInvoices(ctx, w.source, invs, keys, subs, w.pass, w.minPass); err != nil {
		return err
	}
	w.count(n, len(invs))
	acts := make([]domain.Activity, 0, nacts)
	keys = keys[:0]
	for _, q := range run {
		for _, r := range q.Activities {
			acts, keys = append(acts, r.Activity), append(keys, r.AccountKey)
		}
	}
	if n, err = w.tx.UpsertSyncedActivities(ctx, w.source, acts, keys, w.minPass); err != nil {
		return err
	}
	w.count(n, len(acts))
	if err := w.usage(ctx, p.Usage); err != nil {
		return err
	}
	return w.crm(ctx, p.Deals, p.Enrichments)
}

// crm writes the page's deals and enrichments, one by one (a page holds
// at most a few hundred).
func (w *pageWriter) crm(ctx context.Context, deals []connector.DealRecord, enr []connector.EnrichmentRecord) error {
	keys := make([]string, 0, len(deals)+len(enr))
	for _, d := range deals {
		keys = append(keys, d.AccountKey)
	}
	for _, e := range enr {
		keys = append(keys, e.AccountKey)
	}
	if err := w.resolve(ctx, keys); err != nil {
		return err
	}
	for _, d := range deals {
		id, ok := w.ids[d.AccountKey]
		if !ok || d.AccountKey == "" || d.ExternalID == "" {
			w.res.Skipped++
			continue
		}
		d.AccountID, d.Source = id, w.source
		if d.CreatedAt.IsZero() {
			d.CreatedAt = w.now
		}
		if err := w.tx.UpsertDeal(ctx, &d.Deal); err != nil {
			return err
		}
		w.res.Written++
	}
	for _, e := range enr {
		id, ok := w.ids[e.AccountKey]
		if !ok || e.AccountKey == "" {
			w.res.Skipped++
			continue
		}
		e.AccountID, e.Source = id, w.source
		if e.UpdatedAt.IsZero() {
			e.UpdatedAt = w.now
		}
		if err := w.tx.UpsertEnrichment(ctx, e.Enrichment); err != nil {
			return err
		}
		w.res.Written++
	}
	return nil
}

// count adds n records written of total, the rest skipped.
func (w *pageWriter) count(n, total int) {
	w.res.Written += n
	w.res.Skipped += total - n
}

// usage writes the page's usage weeks, one by one (sources send few).
func (w *pageWriter) usage(ctx context.Context, recs []connector.UsageRecord) error {
	if len(recs) == 0 {
		return nil
	}
	keys := make([]string, len(recs))
	for i, r := range recs {
		keys[i] = r.AccountKey
	}
	if err := w.resolve(ctx, keys); err != nil {
		return err
	}
	for _, r := range recs {
		id, ok := w.ids[r.AccountKey]
		if !ok || r.AccountKey == "" {
			w.res.Skipped++
			continue
		}
		r.AccountID = id
		if err := w.tx.ReplaceUsageWeek(ctx, r.UsageWeek); err != nil {
			return err
		}
		w.res.Written++
	}
	return nil
}

// deletions applies the page's deleted records.
func (w *pageWriter) deletions(ctx context.Context, refs []connector.Ref) error {
	for _, r := range refs {
		switch r.Kind {
		case connector.RefAccount:
			sw, err := w.tx.DeleteSyncedKey(ctx, w.source, r.Key)
			if err != nil {
				return err
			}
			w.res.Deleted += sw.Total()
		case connector.RefRevenue, connector.RefInvoice:
			n, err := w.tx.DeleteSyncedRecord(ctx, w.source, string(r.Kind), r.Key)
			if err != nil {
				return err
			}
			w.res.Deleted += n
		default:
			return domain.Errorf(domain.EInternal, "Internal error.")
		}
	}
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
