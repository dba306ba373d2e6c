package syncer

import (
	"context"
	"strings"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// This file is account resolution: which account each of a page's
// customer keys belongs to (its link, an alias's account, its domain, or
// a new account), and the links that make that choice stick.

// resolve looks up, in one query, the account keys that the page's own
// accounts did not deliver.
func (w *pageWriter) resolve(ctx context.Context, want []string) error {
	var keys []string
	for _, k := range want {
		if _, ok := w.ids[k]; !ok && k != "" {
			w.ids[k] = 0 // placeholder, removed below when unresolved
			keys = append(keys, k)
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
		if _, seen := targets[a.Key]; seen {
			w.res.Written++
			continue
		}
		d := strings.ToLower(a.Domain)
		var tg *target
		if id, ok := linked[a.Key]; ok {
			tg = &target{id: id}
		} else if id := aliasAccount(a, aliases); id != 0 {
			id, err := w.settleAlias(ctx, id, d, byDomain, aliases, created[d] != nil)
			if err != nil {
				return err
			}
			tg = &target{id: id}
		} else if id, ok := byDomain[d]; ok && d != "" {
			tg = &target{id: id}
		} else if acc := created[d]; acc != nil && d != "" {
			tg = &target{acc: acc}
		} else if !a.MatchOnly {
			acc := &domain.Account{Domain: d, Name: firstNonEmpty(a.Name, d, a.Key), PrimaryEmail: a.PrimaryEmail,
				Tracked: true, CreatedAt: w.now}
			fresh = append(fresh, acc)
			if d != "" {
				created[d] = acc
			}
			tg = &target{acc: acc}
		}
		if tg == nil { // a match-only record that matched nothing: its records wait for a later pass
			w.res.Skipped++
			continue
		}
		w.res.Written++
		order = append(order, a.Key)
		targets[a.Key] = tg
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
		links = append(links, store.KeyLink{Key: k, AccountID: id, Name: a.Name, Domain: strings.ToLower(a.Domain),
			Email: a.PrimaryEmail, LastSeen: a.LastSeenAt})
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

// settleAlias returns the account a record joins through an alias (id),
// once the record's domain d has had its say. An alias account without a
// domain (a customer billed from a free-mail address) takes d when no
// account holds it; when another account holds d and the sync made the
// alias account, that account is absorbed into the holder, so that the
// company is one account whichever source synced first.
func (w *pageWriter) settleAlias(ctx context.Context, id int64, d string, byDomain map[string]int64,
	aliases map[connector.KeyRef]int64, creating bool) (int64, error) {
	if d == "" || creating { // creating: an account of this page takes d
		return id, nil
	}
	dom, createdBy, err := w.tx.AccountOrigin(ctx, id)
	if err != nil || dom != "" {
		return id, err
	}
	holder, held := byDomain[d]
	switch {
	case !held:
		ok, err := w.tx.ClaimDomain(ctx, id, d)
		if ok {
			byDomain[d] = id
		}
		return id, err
	case holder == id || createdBy == "":
		return id, nil
	}
	if err := w.tx.AbsorbAccount(ctx, holder, id); err != nil {
		return id, err
	}
	for k, v := range aliases {
		if v == id {
			aliases[k] = holder
		}
	}
	for k, v := range w.ids {
		if v == id {
			w.ids[k] = holder
		}
	}
	return holder, nil
}
