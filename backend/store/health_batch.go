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
// returns how many changed.
func (t *Tx) AddEncodedBatch(ctx context.Context, snapshotID int64, rows []EncodedScore, current map[int64]int64) (int, error) {
	changed := make([]EncodedScore, 0, len(rows))
	for _, e := range rows {
		if cur, ok := current[e.AccountID]; !ok || cur != e.Hash {
			changed = append(changed, e)
		}
	}
	at := ts(t.snapshotAt)
	for start := 0; start < len(changed); start += scoreBatch {
		chunk := changed[start:min(start+scoreBatch, len(changed))]
		scores := make([]any, 0, len(chunk)*17)
		cur := make([]any, 0, len(chunk)*10)
		for _, e := range chunk {
			scores = append(append(scores, e.AccountID, snapshotID, at), e.row...)
			cur = append(cur, e.AccountID, snapshotID, e.Hash, e.score, e.level, e.arrBase, e.active, e.renewal, e.factors)
		}
		if _, err := t.exec(ctx, insertScoresSQL(len(chunk)), scores...); err != nil {
			return 0, err
		}
		if _, err := t.exec(ctx, upsertCurrentSQL(len(chunk)), cur...); err != nil {
			return 0, err
		}
	}
	t.changed += len(changed)
	return len(changed), nil
}

// insertScoresSQL inserts n health_scores rows.
func insertScoresSQL(n int) string {
	return `INSERT INTO health_scores(account_id, snapshot_id, computed_at, score, level, factors_json,
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
