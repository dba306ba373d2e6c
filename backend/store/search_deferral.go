package store

import (
	"context"
	"fmt"
)

// This file defers search indexing of the accounts a write creates in bulk
// to the end of its transaction (migration 0016).
//
// FTS5 flushes the index data it holds to a new segment at every statement
// of a transaction once it holds some, so accounts indexed by trigger while
// each sync page is written cost one small segment per page, and merges to
// match. Deferred, a transaction's new accounts are indexed by one
// statement just before it commits: one segment per commit.

// deferSearch marks the transaction so that accounts created from now on
// (ids above the greatest one today) skip the search triggers; the
// transaction indexes them before it commits (flushSearch). Calling it
// again in the same transaction does nothing.
func (t *Tx) deferSearch(ctx context.Context) error {
	if t.searchDeferred {
		return nil
	}
	if _, err := t.exec(ctx, `INSERT INTO search_deferred(after_id) SELECT COALESCE(max(id), 0) FROM accounts`); err != nil {
		return fmt.Errorf("defer search indexing: %w", err)
	}
	t.searchDeferred = true
	return nil
}

// flushSearch indexes the accounts created since deferSearch, as they are
// now (those deleted since were never indexed), and ends the deferral, so
// the transaction commits with every account searchable. Without a
// deferral it does nothing.
func (t *Tx) flushSearch(ctx context.Context) error {
	if !t.searchDeferred {
		return nil
	}
	if _, err := t.exec(ctx, `INSERT INTO accounts_fts(rowid, search_text)
		SELECT id, search_text FROM accounts WHERE id > (SELECT after_id FROM search_deferred)`); err != nil {
		return fmt.Errorf("index new accounts for search: %w", err)
	}
	if _, err := t.exec(ctx, `DELETE FROM search_deferred`); err != nil {
		return fmt.Errorf("index new accounts for search: %w", err)
	}
	t.searchDeferred = false
	return nil
}
