package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"successdesk/backend/domain"
)

// This file is the sweep side of sync mark and sweep (migration 0003): the
// full-pass bookkeeping on sync_state and the deletions, both the sweep at
// the end of a full pass and a source's own reports of deleted records.
// synced_write.go holds the mark: the writes that stamp each row with the
// pass that saw it and the customer key it belongs to.

// FullPass is a source's full-pass bookkeeping.
type FullPass struct {
	Number      int64     // the open or the last full pass; 0 before the first
	Open        bool      // a pass has begun and its last page has not committed
	StartedAt   time.Time // when pass Number began
	CompletedAt time.Time // when the last full pass completed; zero if none has
}

// Swept counts the rows a sweep or a deletion removed.
type Swept struct {
	Revenue, Invoices, Activities, Keys, Accounts int
}

// Total is the number of rows removed.
func (s Swept) Total() int { return s.Revenue + s.Invoices + s.Activities + s.Keys + s.Accounts }

func (s *Swept) add(o Swept) {
	s.Revenue, s.Invoices, s.Activities = s.Revenue+o.Revenue, s.Invoices+o.Invoices, s.Activities+o.Activities
	s.Keys, s.Accounts = s.Keys+o.Keys, s.Accounts+o.Accounts
}

// deleted runs a DELETE and returns how many rows it removed.
func (t *Tx) deleted(ctx context.Context, query string, args ...any) (int, error) {
	res, err := t.exec(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// FullPass returns source's full-pass bookkeeping (zero when it never synced).
func (s *Store) FullPass(ctx context.Context, source domain.Source) (FullPass, error) {
	return fullPass(ctx, queryer{s.read, fullPassQuery}, source)
}

// queryer runs one query on a pool, as a prepared statement would.
type queryer struct {
	db    *sql.DB
	query string
}

func (q queryer) QueryRowContext(ctx context.Context, args ...any) *sql.Row {
	return q.db.QueryRowContext(ctx, q.query, args...)
}

// FullPass is Store.FullPass as this transaction sees it. Its statement
// stays prepared (a sync asks once a page).
func (t *Tx) FullPass(ctx context.Context, source domain.Source) (FullPass, error) {
	var st *sql.Stmt
	err := t.bookkeeping(func() (err error) { // a read: DataGeneration stays
		st, err = t.stmt(ctx, fullPassQuery)
		return err
	})
	if err != nil {
		return FullPass{}, err
	}
	return fullPass(ctx, st, source)
}

const fullPassQuery = `SELECT full_pass, full_pass_open, full_pass_started_at, last_full_pass_at
		FROM sync_state WHERE source = ?`

func fullPass(ctx context.Context, db interface {
	QueryRowContext(context.Context, ...any) *sql.Row
}, source domain.Source) (FullPass, error) {
	if err := validSource(source); err != nil {
		return FullPass{}, err
	}
	var fp FullPass
	var open int
	var started, done string
	err := db.QueryRowContext(ctx, string(source)).Scan(&fp.Number, &open, &started, &done)
	if errors.Is(err, sql.ErrNoRows) {
		return FullPass{}, nil
	}
	fp.Open, fp.StartedAt, fp.CompletedAt = open == 1, parseTS(started), parseTS(done)
	return fp, err
}

// BeginFullPass opens source's next full pass at at and returns its
// number. Rows written with it from now on are kept by its sweep; an open
// pass that never completes is simply replaced by the next one.
func (t *Tx) BeginFullPass(ctx context.Context, source domain.Source, at time.Time) (int64, error) {
	if err := t.upsertSyncState(ctx, source, at, `full_pass = full_pass + 1, full_pass_open = 1,
		full_pass_started_at = ?2`); err != nil {
		return 0, err
	}
	fp, err := t.FullPass(ctx, source)
	return fp.Number, err
}

// SweepFullPass completes source's open full pass at at: it deletes the
// source's revenue sources and invoices stamped by an earlier pass, the
// customer keys the pass did not deliver together with their activities,
// and then every account the sync created that nothing refers to any more
// (see DeleteOrphanAccount). Without an open pass it does nothing: a pass
// whose start was never recorded cannot tell what it missed.
func (t *Tx) SweepFullPass(ctx context.Context, source domain.Source, at time.Time) (Swept, error) {
	var sw Swept
	fp, err := t.FullPass(ctx, source)
	if err != nil || !fp.Open {
		return sw, err
	}
	src := string(source)
	// "+source" keeps these reading the table from end to end: nearly every
	// row has the source and few are deleted, so an index would only add a
	// look-up per row (and the unique keys name the external id first).
	if sw.Revenue, err = t.deleted(ctx, `DELETE FROM revenue_sources WHERE +source = ? AND sync_pass < ?`, src, fp.Number); err != nil {
		return sw, err
	}
	if sw.Invoices, err = t.deleted(ctx, `DELETE FROM invoices WHERE +source = ? AND sync_pass < ?`, src, fp.Number); err != nil {
		return sw, err
	}
	keys, err := t.pairs(ctx, `DELETE FROM sync_account_keys WHERE source = ? AND sync_pass < ?
		RETURNING key, account_id`, src, fp.Number)
	if err != nil {
		return sw, err
	}
	sw.Keys = len(keys)
	for key, id := range keys {
		n, err := t.deleteKey(ctx, source, key, id)
		if err != nil {
			return sw, err
		}
		sw.add(n)
	}
	return sw, t.upsertSyncState(ctx, source, at, `full_pass_open = 0, last_full_pass_at = ?2`)
}

// deleteKey deletes source's rows of customer key on account id (whose
// link is gone), then the account if it is an orphan.
func (t *Tx) deleteKey(ctx context.Context, source domain.Source, key string, id int64) (sw Swept, err error) {
	for _, q := range []struct {
		n     *int
		table string
	}{{&sw.Revenue, "revenue_sources"}, {&sw.Invoices, "invoices"}, {&sw.Activities, "activities"}} {
		*q.n, err = t.deleted(ctx, `DELETE FROM `+q.table+` WHERE account_id = ? AND source = ? AND sync_key = ?`,
			id, string(source), key)
		if err != nil {
			return sw, err
		}
	}
	gone, err := t.DeleteOrphanAccount(ctx, source, id)
	if gone {
		sw.Accounts = 1
	}
	return sw, err
}

// derivedTables hold what the app computes from an account, not what
// anyone said about it: they never keep an account alive.
var derivedTables = map[string]bool{"health_scores": true, "health_current": true}

// DeleteOrphanAccount deletes account id if source's sync created it and
// no row of any other table refers to it: no customer key of any source,
// no synced record, and nothing a person added (a route, a deal, a contact,
// or a table added later). Scores go with it. It reports whether it did.
func (t *Tx) DeleteOrphanAccount(ctx context.Context, source domain.Source, id int64) (bool, error) {
	var origin string
	err := t.tx.QueryRowContext(ctx, `SELECT created_by FROM accounts WHERE id = ?`, id).Scan(&origin)
	if errors.Is(err, sql.ErrNoRows) || err == nil && origin != string(source) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	tables, err := t.referrers(ctx)
	if err != nil {
		return false, err
	}
	for _, tc := range tables {
		var one int
		err := t.tx.QueryRowContext(ctx, `SELECT 1 FROM "`+tc[0]+`" WHERE "`+tc[1]+`" = ? LIMIT 1`, id).Scan(&one)
		if err == nil {
			return false, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return false, err
		}
	}
	_, err = t.exec(ctx, `DELETE FROM accounts WHERE id = ?`, id)
	return err == nil, err
}

// referrers lists (table, column) pairs whose foreign keys point at
// accounts, derived tables left out: read from the schema, so a table
// added later keeps its accounts alive without this file knowing it.
func (t *Tx) referrers(ctx context.Context) ([][2]string, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT m.name, f."from" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table' AND f."table" = 'accounts' ORDER BY m.name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var tc [2]string
		if err := rows.Scan(&tc[0], &tc[1]); err != nil {
			return nil, err
		}
		if !derivedTables[tc[0]] {
			out = append(out, tc)
		}
	}
	return out, rows.Err()
}

// DeleteSyncedKey removes source's customer key: its link, every row of
// the source stamped with it, and then its account if the sync created it
// and nothing else refers to it. An unknown key removes nothing.
func (t *Tx) DeleteSyncedKey(ctx context.Context, source domain.Source, key string) (Swept, error) {
	var sw Swept
	id, err := t.AccountIDForKey(ctx, source, key)
	if domain.ErrorCode(err) == domain.ENotFound {
		return sw, nil
	}
	if err != nil {
		return sw, err
	}
	if _, err := t.exec(ctx, `DELETE FROM sync_account_keys WHERE source = ? AND key = ?`, string(source), key); err != nil {
		return sw, err
	}
	sw, err = t.deleteKey(ctx, source, key, id)
	sw.Keys = 1
	return sw, err
}

// DeleteSyncedRecord removes one revenue source ("revenue") or invoice
// ("invoice") of source by external id; invoices of a removed revenue
// source keep their rows, unlinked. It returns how many rows went (0 or 1).
func (t *Tx) DeleteSyncedRecord(ctx context.Context, source domain.Source, kind, externalID string) (int, error) {
	table := map[string]string{"revenue": "revenue_sources", "invoice": "invoices"}[kind]
	if table == "" {
		return 0, domain.Errorf(domain.EInvalid, "%q records cannot be deleted.", kind)
	}
	return t.deleted(ctx, `DELETE FROM `+table+` WHERE source = ? AND external_id = ?`, string(source), externalID)
}
