package store

import (
	"context"

	"successdesk/backend/domain"
)

// SourceRows counts what one source has put in the book: the rows a
// disconnect that removes the source's data would delete.
type SourceRows struct {
	Accounts      int // accounts known only through this source (removed with it)
	Subscriptions int // revenue sources
	Invoices      int
	Activities    int
	Contacts      int
	Deals         int
	Releases      int
	Enrichments   int
}

// Total is the number of rows counted.
func (r SourceRows) Total() int {
	return r.Accounts + r.Subscriptions + r.Invoices + r.Activities + r.Contacts + r.Deals + r.Releases + r.Enrichments
}

// sourceTables are the tables whose rows carry a source column.
var sourceTables = []string{"revenue_sources", "invoices", "activities", "contacts", "deals", "releases", "enrichments"}

// onlyThroughSource selects accounts linked to ?1 and to no other source.
const onlyThroughSource = `SELECT k.account_id FROM sync_account_keys k WHERE k.source = ?1
	AND NOT EXISTS (SELECT 1 FROM sync_account_keys o WHERE o.account_id = k.account_id AND o.source <> ?1)`

// CountSourceRows counts source's rows (EInvalid for an unknown source).
func (s *Store) CountSourceRows(ctx context.Context, source domain.Source) (SourceRows, error) {
	var r SourceRows
	if err := validSource(source); err != nil {
		return r, err
	}
	dst := []*int{&r.Subscriptions, &r.Invoices, &r.Activities, &r.Contacts, &r.Deals, &r.Releases, &r.Enrichments}
	for i, table := range sourceTables {
		if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE source = ?`, string(source)).Scan(dst[i]); err != nil {
			return r, err
		}
	}
	err := s.read.QueryRowContext(ctx, `SELECT count(DISTINCT account_id) FROM (`+onlyThroughSource+`)`, string(source)).Scan(&r.Accounts)
	return r, err
}

// DeleteSourceData removes everything source synced: its rows in every
// sourced table, the accounts known only through it (their routes and
// scores go with them), its account links and its sync state, so a later
// connection starts with a full pass. Accounts that other sources also
// know stay, with their other data. It returns the counts it removed.
func (t *Tx) DeleteSourceData(ctx context.Context, source domain.Source) (SourceRows, error) {
	var r SourceRows
	if err := validSource(source); err != nil {
		return r, err
	}
	src := string(source)
	dst := []*int{&r.Subscriptions, &r.Invoices, &r.Activities, &r.Contacts, &r.Deals, &r.Releases, &r.Enrichments}
	for i, table := range sourceTables {
		res, err := t.exec(ctx, `DELETE FROM `+table+` WHERE source = ?`, src)
		if err != nil {
			return r, err
		}
		n, _ := res.RowsAffected()
		*dst[i] = int(n)
	}
	// Rows first, so the counts are the source's own and not cascades.
	res, err := t.exec(ctx, `DELETE FROM accounts WHERE id IN (`+onlyThroughSource+`)`, src)
	if err != nil {
		return r, err
	}
	n, _ := res.RowsAffected()
	r.Accounts = int(n)
	for _, q := range []string{`DELETE FROM sync_account_keys WHERE source = ?`, `DELETE FROM sync_state WHERE source = ?`} {
		if _, err := t.exec(ctx, q, src); err != nil {
			return r, err
		}
	}
	return r, nil
}
