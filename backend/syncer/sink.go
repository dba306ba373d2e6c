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

// Commit implements connector.Sink. One write transaction:
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
// On error nothing of the page is kept.
func (s *StoreSink) Commit(ctx context.Context, source domain.Source, page connector.Page) (connector.CommitResult, error) {
	var res connector.CommitResult
	now := s.now().UTC()
	err := s.st.Write(ctx, func(tx *store.Tx) error {
		res = connector.CommitResult{}
		fp, err := tx.FullPass(ctx, source)
		if err != nil {
			return err
		}
		if page.StartsFullPass {
			n, err := tx.BeginFullPass(ctx, source, now)
			if err != nil {
				return err
			}
			fp = store.FullPass{Number: n, Open: true}
		}
		w := pageWriter{tx: tx, source: source, now: now, pass: fp.Number, res: &res, ids: map[string]int64{}}
		if fp.Open {
			w.minPass = fp.Number
		}
		if err := w.write(ctx, page); err != nil {
			return err
		}
		if err := w.deletions(ctx, page.Deleted); err != nil {
			return err
		}
		if page.EndsFullPass {
			sw, err := tx.SweepFullPass(ctx, source, now)
			if err != nil {
				return err
			}
			res.Deleted += sw.Total()
		}
		return tx.SaveCursor(ctx, source, page.Next, res.Written, now)
	})
	return res, err
}

// pageWriter writes one page inside its transaction.
type pageWriter struct {
	tx      *store.Tx
	source  domain.Source
	now     time.Time
	pass    int64 // stamp for the rows written
	minPass int64 // links older than this do not resolve (an open full pass)
	ids     map[string]int64
	res     *connector.CommitResult
}

func (w *pageWriter) write(ctx context.Context, p connector.Page) error {
	if err := w.accounts(ctx, p.Accounts); err != nil {
		return err
	}
	// Revenue, invoices and activities resolve their account keys inside
	// the store's upsert (a join on the links); what does not resolve is
	// skipped.
	rs := make([]domain.RevenueSource, 0, len(p.Revenue))
	keys := make([]string, 0, max(len(p.Revenue), len(p.Invoices), len(p.Activities)))
	for _, r := range p.Revenue {
		rs, keys = append(rs, r.RevenueSource), append(keys, r.AccountKey)
	}
	n, err := w.tx.UpsertSyncedRevenue(ctx, w.source, rs, keys, w.pass, w.minPass)
	if err != nil {
		return err
	}
	w.count(n, len(rs))
	invs := make([]domain.Invoice, 0, len(p.Invoices))
	keys, subs := keys[:0], make([]string, 0, len(p.Invoices))
	for _, r := range p.Invoices {
		invs, keys, subs = append(invs, r.Invoice), append(keys, r.AccountKey), append(subs, r.RevenueKey)
	}
	if n, err = w.tx.UpsertSyncedInvoices(ctx, w.source, invs, keys, subs, w.pass, w.minPass); err != nil {
		return err
	}
	w.count(n, len(invs))
	acts := make([]domain.Activity, 0, len(p.Activities))
	keys = keys[:0]
	for _, r := range p.Activities {
		acts, keys = append(acts, r.Activity), append(keys, r.AccountKey)
	}
	if n, err = w.tx.UpsertSyncedActivities(ctx, w.source, acts, keys, w.minPass); err != nil {
		return err
	}
	w.count(n, len(acts))
	return w.usage(ctx, p.Usage)
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
	if err := w.resolve(ctx, recs); err != nil {
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

// resolve looks up, in one query, the keys of recs that the page's own
// accounts did not deliver.
func (w *pageWriter) resolve(ctx context.Context, recs []connector.UsageRecord) error {
	var keys []string
	for _, r := range recs {
		if _, ok := w.ids[r.AccountKey]; !ok && r.AccountKey != "" {
			w.ids[r.AccountKey] = 0 // placeholder, removed below when unresolved
			keys = append(keys, r.AccountKey)
		}
	}
	found, err := w.tx.SyncedKeys(ctx, w.source, keys, w.minPass)
	if err != nil {
		return err
	}
	for _, k := range keys {
		if id, ok := found[k]; ok {
			w.ids[k] = id
		} else {
			delete(w.ids, k)
		}
	}
	return nil
}

// accounts resolves and links the page's accounts (see StoreSink): one
// query for the keys already linked, one for the domains of the others,
// one insert for the accounts to create and one for the links.
func (w *pageWriter) accounts(ctx context.Context, recs []connector.AccountRecord) error {
	if len(recs) == 0 {
		return nil
	}
	keys := make([]string, 0, len(recs))
	for _, a := range recs {
		keys = append(keys, a.Key)
	}
	linked, err := w.tx.SyncedKeys(ctx, w.source, keys, 0)
	if err != nil {
		return err
	}
	aliases, err := w.aliasLinks(ctx, recs)
	if err != nil {
		return err
	}
	var domains []string
	for _, a := range recs {
		if _, ok := linked[a.Key]; !ok && a.Domain != "" {
			domains = append(domains, strings.ToLower(a.Domain))
		}
	}
	byDomain, err := w.tx.AccountIDsByDomain(ctx, domains)
	if err != nil {
		return err
	}
	// A key resolves to an existing account id or to an account created
	// below; each key is linked once, in page order.
	type target struct {
		id  int64
		acc *domain.Account
	}
	targets := map[string]*target{}
	var order []string
	var fresh []*domain.Account
	created := map[string]*domain.Account{} // by domain
	for _, a := range recs {
		if a.Key == "" {
			w.res.Skipped++
			continue
		}
		w.res.Written++
		if _, seen := targets[a.Key]; seen {
			continue
		}
		order = append(order, a.Key)
		d := strings.ToLower(a.Domain)
		if id, ok := linked[a.Key]; ok {
			targets[a.Key] = &target{id: id}
		} else if id := aliasAccount(a, aliases); id != 0 {
			targets[a.Key] = &target{id: id}
		} else if id, ok := byDomain[d]; ok && d != "" {
			targets[a.Key] = &target{id: id}
		} else if acc := created[d]; acc != nil && d != "" {
			targets[a.Key] = &target{acc: acc}
		} else {
			acc := &domain.Account{Domain: d, Name: firstNonEmpty(a.Name, d, a.Key), PrimaryEmail: a.PrimaryEmail,
				Tracked: true, CreatedAt: w.now}
			fresh = append(fresh, acc)
			if d != "" {
				created[d] = acc
			}
			targets[a.Key] = &target{acc: acc}
		}
	}
	if err := w.tx.InsertSyncedAccounts(ctx, w.source, fresh); err != nil {
		return err
	}
	byKey := make(map[string]connector.AccountRecord, len(recs))
	for _, a := range recs {
		if _, dup := byKey[a.Key]; !dup {
			byKey[a.Key] = a
		}
	}
	links := make([]store.KeyLink, 0, len(order))
	for _, k := range order {
		id := targets[k].id
		if acc := targets[k].acc; acc != nil {
			id = acc.ID
		}
		a := byKey[k]
		links = append(links, store.KeyLink{Key: k, AccountID: id, Name: a.Name, Domain: strings.ToLower(a.Domain), Email: a.PrimaryEmail})
		w.ids[k] = id
	}
	if err := w.tx.LinkSyncedKeys(ctx, w.source, links, w.pass); err != nil {
		return err
	}
	return w.linkAliases(ctx, recs, aliases)
}

// aliasLinks looks up the accounts the records' aliases already link to.
func (w *pageWriter) aliasLinks(ctx context.Context, recs []connector.AccountRecord) (map[connector.KeyRef]int64, error) {
	bySource := map[domain.Source][]string{}
	for _, a := range recs {
		for _, al := range a.Aliases {
			if al.Source != w.source && al.Key != "" {
				bySource[al.Source] = append(bySource[al.Source], al.Key)
			}
		}
	}
	out := map[connector.KeyRef]int64{}
	for src, keys := range bySource {
		ids, err := w.tx.SyncedKeys(ctx, src, keys, 0)
		if err != nil {
			return nil, err
		}
		for k, id := range ids {
			out[connector.KeyRef{Source: src, Key: k}] = id
		}
	}
	return out, nil
}

// aliasAccount is the account the first linked alias of a points at (0: none).
func aliasAccount(a connector.AccountRecord, linked map[connector.KeyRef]int64) int64 {
	for _, al := range a.Aliases {
		if id, ok := linked[al]; ok {
			return id
		}
	}
	return 0
}

// linkAliases links every alias not linked yet to its record's account,
// stamped with pass 0: the alias's own source restamps the link when it
// lists the key, and its next full-pass sweep removes it when it does not.
func (w *pageWriter) linkAliases(ctx context.Context, recs []connector.AccountRecord, linked map[connector.KeyRef]int64) error {
	bySource := map[domain.Source][]store.KeyLink{}
	for _, a := range recs {
		id, ok := w.ids[a.Key]
		if !ok {
			continue
		}
		for _, al := range a.Aliases {
			if _, done := linked[al]; done || al.Source == w.source || al.Key == "" {
				continue
			}
			linked[al] = id
			bySource[al.Source] = append(bySource[al.Source], store.KeyLink{Key: al.Key, AccountID: id})
		}
	}
	for src, links := range bySource {
		if err := w.tx.LinkSyncedKeys(ctx, src, links, 0); err != nil {
			return err
		}
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
