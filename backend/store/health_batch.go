package store

import (
	"context"
	"strings"
)

// scoreBatch is how many score rows one statement writes: multi-row
// statements spare the driver a round per row (17 values a row stays far
// below SQLite's limit of 32,766 per statement).
const scoreBatch = 64

// AddEncodedBatch is AddEncoded for many rows at once, in their order: the
// rows whose hash differs from current are stored as changes, scoreBatch
// rows per statement, and become their accounts' current scores. It
// returns how many changed. Every row must name an account that exists in
// this transaction (health_scores has no foreign key to check it): the
// recompute reads the accounts under the same write lock.
func (t *Tx) AddEncodedBatch(ctx context.Context, snapshotID int64, rows []EncodedScore, current map[int64]int64) (int, error) {
	changed := make([]EncodedScore, 0, len(rows))
	for _, e := range rows {
		if cur, ok := current[e.AccountID]; !ok || cur != e.Hash {
			changed = append(changed, e)
		}
	}
	snap, at := any(snapshotID), any(ts(t.snapshotAt)) // boxed once for every row
	scores, cur := t.scoreArgs[:0], t.currentArgs[:0]
	for start := 0; start < len(changed); start += scoreBatch {
		chunk := changed[start:min(start+scoreBatch, len(changed))]
		scores, cur = scores[:0], cur[:0]
		for _, e := range chunk {
			scores = append(append(scores, e.account, snap, at), e.row...)
			cur = append(append(cur, e.account, snap), e.current...)
		}
		q := batchSQLFor(len(chunk))
		if _, err := t.exec(ctx, q.scores, scores...); err != nil {
			return 0, err
		}
		if _, err := t.exec(ctx, q.current, cur...); err != nil {
			return 0, err
		}
	}
	clear(scores) // the rows are written: keep the slices, not what they point at
	clear(cur)
	t.scoreArgs, t.currentArgs = scores[:0], cur[:0]
	t.changed += len(changed)
	return len(changed), nil
}

// batchSQL holds the two statements of a chunk of n rows.
type batchSQL struct{ scores, current string }

// fullBatchSQL is the statements of a full chunk, built once.
var fullBatchSQL = batchSQL{insertScoresSQL(scoreBatch), upsertCurrentSQL(scoreBatch)}

// batchSQLFor returns the statements of a chunk of n rows: the full ones
// are built once, a last, shorter chunk's when it comes.
func batchSQLFor(n int) batchSQL {
	if n == scoreBatch {
		return fullBatchSQL
	}
	return batchSQL{insertScoresSQL(n), upsertCurrentSQL(n)}
}

// insertScoresSQL inserts n health_scores rows. OR FAIL spares SQLite a
// statement journal (see migration 0010); the caller's transaction is
// rolled back on an error.
func insertScoresSQL(n int) string {
	return `INSERT OR FAIL INTO health_scores(account_id, snapshot_id, computed_at, score, level, factors_json,
		missing_json, active_users, licensed_users, trend_pct, arr_minor, arr_currency, arr_base_minor, mrr_minor,
		renewal_at, payment_status, last_activity_at) VALUES ` + valueGroups(n, 17)
}

// upsertCurrentSQL makes n rows their accounts' current scores, copying
// name, tracked and search text from accounts.
func upsertCurrentSQL(n int) string {
	return `INSERT INTO health_current(account_id, snapshot_id, row_hash, tracked, score, level,
		arr_base_minor, active_users, renewal_at, factor_count, name, search_text)
		SELECT a.id, v.column2, v.column3, a.tracked, v.column4, v.column5, v.column6, v.column7, v.column8, v.column9,
		a.name, a.search_text FROM (VALUES ` + valueGroups(n, 9) + `) v JOIN accounts a ON a.id = v.column1 WHERE true
		ON CONFLICT(account_id) DO UPDATE SET snapshot_id = excluded.snapshot_id, row_hash = excluded.row_hash,
		score = excluded.score, level = excluded.level, arr_base_minor = excluded.arr_base_minor,
		active_users = excluded.active_users, renewal_at = excluded.renewal_at, factor_count = excluded.factor_count`
}

// valueGroups is n groups of k question marks: "(?, ?), (?, ?)".
func valueGroups(n, k int) string {
	group := "(" + strings.TrimSuffix(strings.Repeat("?, ", k), ", ") + ")"
	return strings.TrimSuffix(strings.Repeat(group+", ", n), ", ")
}
