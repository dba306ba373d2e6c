package health

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"successdesk/backend/domain"
)

// The SELECTs of store.ScanFacts, with the same columns, filters and order
// (copied; keep them in step with backend/store/facts.go).
var rawReads = []string{
	`SELECT id, COALESCE(domain, ''), name, primary_email, owner, tracked, created_at,
		COALESCE((SELECT occurred_at FROM activities WHERE account_id = accounts.id ORDER BY occurred_at DESC LIMIT 1), ''),
		EXISTS (SELECT 1 FROM invoices WHERE account_id = accounts.id)
		FROM accounts ORDER BY id`,
	`SELECT id, account_id, source, external_id, product, status, interval, amount_minor, currency,
		mrr_minor, arr_minor, seats, term_start, term_end, trial_end, cancel_at_period_end
		FROM revenue_sources ORDER BY account_id, id`,
	`SELECT id, account_id, COALESCE(revenue_source_id, 0), source, external_id, status, amount_due_minor,
		amount_paid_minor, currency, issued_at, due_at, paid_at, attempts, last_failure_at, next_attempt_at, failure_reason
		FROM invoices WHERE id IN (
			SELECT id FROM invoices WHERE status IN ('open', 'failed')
			UNION ALL SELECT id FROM invoices WHERE last_failure_at >= ? AND last_failure_at <> ''
			UNION ALL SELECT id FROM invoices WHERE paid_at > ? AND paid_at <> '')
		ORDER BY account_id, issued_at DESC, id DESC`,
	`SELECT account_id, weeks FROM usage_series ORDER BY account_id`,
	`SELECT account_id, external_id, signal, occurred_at, title, score
		FROM activities WHERE kind = 'signal' AND occurred_at >= ? AND signal IN (?, ?, ?)
		AND (signal <> ? OR occurred_at >= ?) AND (signal <> ? OR occurred_at >= ?) ORDER BY account_id, occurred_at`,
}

// The writes of a first snapshot, where every account's row is new, one
// account at a time as Tx.AddScore makes them: Tx.BeginSnapshot, then per
// account the current-hash lookup, the health_scores insert and the
// health_current upsert, then Tx.PruneSnapshots' deletes.
const (
	rawSnapshot = `INSERT INTO health_snapshots(computed_at, settings_json, accounts) VALUES (?, ?, ?)`
	rawLookup   = `SELECT row_hash FROM health_current WHERE account_id = ?`
	rawScore    = `INSERT INTO health_scores(account_id, snapshot_id, computed_at, score, level, factors_json,
		missing_json, active_users, licensed_users, trend_pct, arr_minor, arr_currency, arr_base_minor, mrr_minor,
		renewal_at, payment_status, last_activity_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	rawCurrent = `INSERT INTO health_current(account_id, snapshot_id, row_hash, tracked, score, level,
		arr_base_minor, active_users, renewal_at, factor_count, name, search_text)
		SELECT a.id, ?, ?, a.tracked, ?, ?, ?, ?, ?, ?, a.name, a.search_text FROM accounts a WHERE a.id = ?
		ON CONFLICT(account_id) DO UPDATE SET snapshot_id = excluded.snapshot_id, row_hash = excluded.row_hash,
		score = excluded.score, level = excluded.level, arr_base_minor = excluded.arr_base_minor,
		active_users = excluded.active_users, renewal_at = excluded.renewal_at, factor_count = excluded.factor_count`
	rawPruneScores = `DELETE FROM health_scores WHERE computed_at < ? AND snapshot_id <
		(SELECT c.snapshot_id FROM health_current c WHERE c.account_id = health_scores.account_id)`
	rawPruneSnapshots = `DELETE FROM health_snapshots WHERE computed_at < ?
		AND id < (SELECT max(id) FROM health_snapshots)`
)

// rawRecompute is the floor a recompute is measured against: the same
// SELECTs scanned into plain values and the same rows written, with no
// domain types, no scoring and no JSON.
func rawRecompute(ctx context.Context, read, write *sql.DB, now time.Time) (int, error) {
	w := Window(now)
	args := [][]any{nil, nil, {ts(w.FailuresSince), ts(w.AsOf)}, nil,
		{ts(w.SignalsSince), "escalation", "complaint", "nps", "complaint", ts(w.KindSince[domain.SignalComplaint]),
			"escalation", ts(w.KindSince[domain.SignalEscalation])}}
	tx, err := read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var ids []int64
	for qi, q := range rawReads {
		rows, err := tx.QueryContext(ctx, q, args[qi]...)
		if err != nil {
			return 0, err
		}
		cols, _ := rows.ColumnTypes()
		dest := make([]any, len(cols))
		ints := make([]sql.NullInt64, len(cols))
		strs := make([]sql.NullString, len(cols))
		for i, c := range cols {
			if c.DatabaseTypeName() == "INTEGER" {
				dest[i] = &ints[i]
			} else {
				dest[i] = &strs[i]
			}
		}
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				rows.Close()
				return 0, err
			}
			if qi == 0 {
				ids = append(ids, ints[0].Int64)
			}
		}
		if err := rows.Close(); err != nil {
			return 0, err
		}
	}

	wtx, err := write.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer wtx.Rollback()
	res, err := wtx.ExecContext(ctx, rawSnapshot, ts(now), `{}`, len(ids))
	if err != nil {
		return 0, err
	}
	snap, _ := res.LastInsertId()
	var stmts [3]*sql.Stmt
	for i, q := range []string{rawLookup, rawScore, rawCurrent} {
		if stmts[i], err = wtx.PrepareContext(ctx, q); err != nil {
			return 0, err
		}
		defer stmts[i].Close()
	}
	at := ts(now)
	for _, id := range ids {
		var cur int64
		if err := stmts[0].QueryRowContext(ctx, id).Scan(&cur); err != nil && err != sql.ErrNoRows {
			return 0, err
		}
		if _, err := stmts[1].ExecContext(ctx, id, snap, at, 80, "healthy", "[]", "[]", nil, 0, nil, 0, "USD", 0, 0,
			"", "none", ""); err != nil {
			return 0, err
		}
		if _, err := stmts[2].ExecContext(ctx, snap, id, 80, "healthy", 0, nil, "", 0, id); err != nil {
			return 0, err
		}
	}
	horizon := ts(now.AddDate(0, 0, -180))
	for _, q := range []string{rawPruneScores, rawPruneSnapshots} {
		if _, err := wtx.ExecContext(ctx, q, horizon); err != nil {
			return 0, err
		}
	}
	return len(ids), wtx.Commit()
}

// BenchmarkRecomputeRawSQL is the raw database/sql floor of
// BenchmarkRecompute: same reads, same number of rows written.
func BenchmarkRecomputeRawSQL(b *testing.B) {
	st := benchBook(b)
	write, err := openWriter(st.Path())
	if err != nil {
		b.Fatal(err)
	}
	defer write.Close()
	ctx := context.Background()
	cpu := cpuTime()
	for b.Loop() {
		n, err := rawRecompute(ctx, st.DB(), write, benchNow)
		if err != nil || n != benchAccounts {
			b.Fatalf("%d accounts, err %v", n, err)
		}
	}
	reportPerAccount(b, cpuTime()-cpu)
}
