package store

import (
	"context"
	"database/sql/driver"
	"strings"
)

// scoreBatch is how many score rows one statement writes: multi-row
// statements spare the driver a round per row (17 values a row stays far
// below SQLite's limit of 32,766 per statement).
const scoreBatch = 64

// AddEncodedBatch is AddEncoded for many rows at once, in their order: the
// rows whose hash differs from current are stored as changes, scoreBatch
// rows per statement, and become their accounts' current scores before
// anything in this transaction reads them (see ApplyCurrent). It returns
// how many changed. Every row must name an account that exists in this
// transaction (health_scores has no foreign key to check it): the
// recompute reads the accounts under the same write lock.
func (t *Tx) AddEncodedBatch(ctx context.Context, snapshotID int64, rows []EncodedScore, current map[int64]int64) (int, error) {
	args := t.batchArgs[:0]
	n := 0
	add := func(v any) { args = append(args, driver.NamedValue{Ordinal: len(args) + 1, Value: v}) }
	flush := func() error {
		if n == 0 {
			return nil
		}
		_, err := t.execDriver(ctx, insertScoresSQLFor(n), args)
		args, n = args[:0], 0
		return err
	}
	changed := 0
	for i := range rows {
		e := &rows[i]
		cur, ok := current[e.AccountID]
		if ok && cur == e.Hash {
			continue
		}
		t.currentUpdates, t.currentInserts = t.currentUpdates || ok, t.currentInserts || !ok
		if n == 0 {
			add(snapshotID)
			add(ts(t.snapshotAt))
		}
		add(e.account)
		for _, v := range e.row {
			add(v)
		}
		changed, n = changed+1, n+1
		if n == scoreBatch {
			if err := flush(); err != nil {
				return 0, err
			}
		}
	}
	if err := flush(); err != nil {
		return 0, err
	}
	clear(args[:cap(args)]) // the rows are written: keep the slice, not what it points at
	t.batchArgs = args[:0]
	t.changed += changed
	return changed, nil
}

// fullScoresSQL is the statement of a full batch, built once.
var fullScoresSQL = insertScoresSQL(scoreBatch)

// insertScoresSQLFor returns the statement for n rows: the full one is
// built once, a last, shorter batch's when it comes.
func insertScoresSQLFor(n int) string {
	if n == scoreBatch {
		return fullScoresSQL
	}
	return insertScoresSQL(n)
}

// insertScoresSQL inserts n health_scores rows: ?1 is the snapshot id, ?2
// the time, then 17 values a row. Every row repeats ?1 and ?2, written
// before a row's own plain parameters, so those keep counting from 3 (the
// driver looks each parameter's name up in a list of the numbered ones: a
// long list would cost a scan per parameter). OR FAIL spares SQLite a
// statement journal (see migration 0010); the caller's transaction is
// rolled back on an error.
func insertScoresSQL(n int) string {
	group := "(?1, ?2, " + strings.TrimSuffix(strings.Repeat("?, ", 17), ", ") + ")"
	return `INSERT OR FAIL INTO health_scores(snapshot_id, computed_at, account_id, score, level, factors_json,
		missing_json, active_users, licensed_users, trend_pct, arr_minor, arr_currency, arr_base_minor, mrr_minor,
		renewal_at, payment_status, last_activity_at, row_hash, factor_count) VALUES ` +
		strings.TrimSuffix(strings.Repeat(group+", ", n), ", ")
}

// ApplyCurrent makes the score rows this transaction's snapshot wrote
// since the last call (rowids above currentFrom) their accounts' current
// scores now: one UPDATE for the accounts that have one, one INSERT for
// the rest, copying name, tracked and search text from accounts (set-based:
// SQLite reads the rows it just wrote, with no round through the driver;
// health_current is WITHOUT ROWID, so the insert keeps no statement
// journal, see migration 0015). Every Tx method that reads health_current calls it first, and so does the
// commit; a caller writing many rows calls it between large batches, so
// the work is done while its readers still run rather than all at the end.
func (t *Tx) ApplyCurrent(ctx context.Context) error {
	if !t.currentUpdates && !t.currentInserts {
		return nil
	}
	var upTo int64
	if err := t.tx.QueryRowContext(ctx, `SELECT COALESCE(max(rowid), 0) FROM health_scores`).Scan(&upTo); err != nil {
		return err
	}
	// Each statement runs only when some row needs it; with no update, no
	// row's account can have a current score (OR FAIL would say so).
	if t.currentUpdates {
		if _, err := t.exec(ctx, `UPDATE OR FAIL health_current SET snapshot_id = h.snapshot_id, row_hash = h.row_hash,
		score = h.score, level = h.level, arr_base_minor = h.arr_base_minor, active_users = h.active_users,
		renewal_at = h.renewal_at, factor_count = h.factor_count
		FROM health_scores h WHERE h.rowid > ?1 AND h.rowid <= ?2 AND health_current.account_id = h.account_id`,
			t.currentFrom, upTo); err != nil {
			return err
		}
	}
	if t.currentInserts {
		q := `INSERT OR FAIL INTO health_current(account_id, snapshot_id, row_hash, tracked, score,
		level, arr_base_minor, active_users, renewal_at, factor_count, name, search_text)
		SELECT h.account_id, h.snapshot_id, h.row_hash, a.tracked, h.score, h.level, h.arr_base_minor, h.active_users,
		h.renewal_at, h.factor_count, a.name, a.search_text
		FROM health_scores h JOIN accounts a ON a.id = h.account_id
		WHERE h.rowid > ?1 AND h.rowid <= ?2`
		if t.currentUpdates {
			q += ` AND NOT EXISTS (SELECT 1 FROM health_current c WHERE c.account_id = h.account_id)`
		}
		if _, err := t.exec(ctx, q, t.currentFrom, upTo); err != nil {
			return err
		}
	}
	t.currentFrom, t.currentUpdates, t.currentInserts = upTo, false, false
	return nil
}
