package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"successdesk/backend/domain"
)

// Snapshot identifies one health recompute.
type Snapshot struct {
	ID         int64
	ComputedAt time.Time
	Settings   domain.HealthSettings
	Accounts   int
}

// BeginSnapshot starts a snapshot computed at computedAt with settings; add
// scores with AddScore in the same transaction. When the transaction
// commits, the snapshot becomes the current one the Health table reads.
func (t *Tx) BeginSnapshot(ctx context.Context, computedAt time.Time, settings domain.HealthSettings, accounts int) (int64, error) {
	b, _ := json.Marshal(settings)
	res, err := t.exec(ctx, `INSERT INTO health_snapshots(computed_at, settings_json, accounts) VALUES (?, ?, ?)`,
		ts(computedAt), string(b), accounts)
	if err != nil {
		return 0, err
	}
	t.snapshot, err = res.LastInsertId()
	return t.snapshot, err
}

// promoteSnapshot rebuilds health_current from snapshot id.
func (t *Tx) promoteSnapshot(ctx context.Context, id int64) error {
	if _, err := t.tx.ExecContext(ctx, `DELETE FROM health_current`); err != nil {
		return err
	}
	_, err := t.tx.ExecContext(ctx, `INSERT INTO health_current(account_id, snapshot_id, tracked, score, level,
		arr_base_minor, active_users, renewal_at, factor_count, name, search_text)
		SELECT h.account_id, h.snapshot_id, a.tracked, h.score, h.level, h.arr_base_minor, h.active_users,
		h.renewal_at, h.factor_count, a.name, a.search_text
		FROM health_scores h JOIN accounts a ON a.id = h.account_id WHERE h.snapshot_id = ?`, id)
	return err
}

// AddScore writes one account's score into snapshot id.
func (t *Tx) AddScore(ctx context.Context, snapshotID int64, h *domain.HealthScore) error {
	factors, err := json.Marshal(nonNilFactors(h.Factors))
	if err != nil {
		return err
	}
	missing, err := json.Marshal(nonNilMissing(h.Missing))
	if err != nil {
		return err
	}
	var active, trend any
	if h.ActiveUsers != nil {
		active = *h.ActiveUsers
	}
	if h.TrendPct != nil {
		trend = *h.TrendPct
	}
	_, err = t.exec(ctx, `INSERT INTO health_scores(snapshot_id, account_id, score, level, factors_json, factor_count,
		missing_json, active_users, licensed_users, trend_pct, arr_minor, arr_currency, arr_base_minor, mrr_minor,
		renewal_at, payment_status, last_activity_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		snapshotID, h.AccountID, h.Score, string(h.Level), string(factors), len(h.Factors), string(missing), active,
		h.LicensedUsers, trend, h.ARR.AmountMinor, h.ARR.Currency, h.ARRBaseMinor, h.MRRMinor, ts(h.RenewalAt),
		h.PaymentStatus, ts(h.LastActivityAt))
	return err
}

// PruneSnapshots keeps every snapshot of the 48 hours before now and the last
// snapshot of each earlier day within 180 days; it deletes the rest.
func (t *Tx) PruneSnapshots(ctx context.Context, now time.Time) error {
	_, err := t.exec(ctx, `DELETE FROM health_snapshots WHERE computed_at < ? AND (computed_at < ? OR id NOT IN (
		SELECT max(id) FROM health_snapshots GROUP BY substr(computed_at, 1, 10)))`,
		ts(now.Add(-48*time.Hour)), ts(now.AddDate(0, 0, -180)))
	return err
}

func nonNilFactors(f []domain.RiskFactor) []domain.RiskFactor {
	if f == nil {
		return []domain.RiskFactor{}
	}
	return f
}

func nonNilMissing(m []domain.Missing) []domain.Missing {
	if m == nil {
		return []domain.Missing{}
	}
	return m
}

// LatestSnapshot returns the newest snapshot, or an ENotFound error when no
// recompute has run yet.
func (s *Store) LatestSnapshot(ctx context.Context) (Snapshot, error) {
	var sn Snapshot
	var at, settings string
	err := s.read.QueryRowContext(ctx, `SELECT id, computed_at, settings_json, accounts FROM health_snapshots
		ORDER BY id DESC LIMIT 1`).Scan(&sn.ID, &at, &settings, &sn.Accounts)
	if errors.Is(err, sql.ErrNoRows) {
		return sn, notFound("A health snapshot")
	}
	if err != nil {
		return sn, err
	}
	sn.ComputedAt = parseTS(at)
	err = json.Unmarshal([]byte(settings), &sn.Settings)
	return sn, err
}

// HistoryPoint is an account's score in one snapshot.
type HistoryPoint struct {
	SnapshotID int64
	ComputedAt time.Time
	Score      domain.HealthScore
}

// ScoreHistory returns an account's scores across snapshots, oldest first,
// at most limit points (the newest ones).
func (s *Store) ScoreHistory(ctx context.Context, accountID int64, limit int) ([]HistoryPoint, error) {
	if limit <= 0 {
		limit = 60
	}
	rows, err := s.read.QueryContext(ctx, `SELECT * FROM (SELECT s.id, s.computed_at, `+scoreCols+`
		FROM health_scores h JOIN health_snapshots s ON s.id = h.snapshot_id
		WHERE h.account_id = ? ORDER BY s.id DESC LIMIT ?) ORDER BY 1`, accountID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []HistoryPoint
	for rows.Next() {
		var p HistoryPoint
		var at string
		dest := []any{&p.SnapshotID, &at}
		sc := newScoreScan()
		if err := rows.Scan(append(dest, sc.dest()...)...); err != nil {
			return nil, err
		}
		p.ComputedAt = parseTS(at)
		if p.Score, err = sc.finish(); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// LatestScore returns an account's score in the newest snapshot that holds it,
// or an ENotFound error.
func (s *Store) LatestScore(ctx context.Context, accountID int64) (domain.HealthScore, time.Time, error) {
	sc := newScoreScan()
	var at string
	err := s.read.QueryRowContext(ctx, `SELECT s.computed_at, `+scoreCols+`
		FROM health_scores h JOIN health_snapshots s ON s.id = h.snapshot_id
		WHERE h.account_id = ? ORDER BY s.id DESC LIMIT 1`, accountID).Scan(append([]any{&at}, sc.dest()...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.HealthScore{}, time.Time{}, notFound("A health score for this account")
	}
	if err != nil {
		return domain.HealthScore{}, time.Time{}, err
	}
	h, err := sc.finish()
	return h, parseTS(at), err
}

const scoreCols = `h.account_id, h.score, h.level, h.factors_json, h.missing_json, h.active_users, h.licensed_users,
	h.trend_pct, h.arr_minor, h.arr_currency, h.arr_base_minor, h.mrr_minor, h.renewal_at, h.payment_status,
	h.last_activity_at`

type scoreScan struct {
	h                       domain.HealthScore
	level, factors, missing string
	active                  sql.NullInt64
	trend                   sql.NullFloat64
	renewal, lastActivity   string
}

func newScoreScan() *scoreScan { return &scoreScan{} }

func (s *scoreScan) dest() []any {
	h := &s.h
	return []any{&h.AccountID, &h.Score, &s.level, &s.factors, &s.missing, &s.active, &h.LicensedUsers, &s.trend,
		&h.ARR.AmountMinor, &h.ARR.Currency, &h.ARRBaseMinor, &h.MRRMinor, &s.renewal, &h.PaymentStatus, &s.lastActivity}
}

func (s *scoreScan) finish() (domain.HealthScore, error) {
	h := s.h
	h.Level = domain.RiskLevel(s.level)
	if s.active.Valid {
		v := int(s.active.Int64)
		h.ActiveUsers = &v
	}
	if s.trend.Valid {
		v := s.trend.Float64
		h.TrendPct = &v
	}
	h.RenewalAt, h.LastActivityAt = parseTS(s.renewal), parseTS(s.lastActivity)
	if err := json.Unmarshal([]byte(s.factors), &h.Factors); err != nil {
		return h, err
	}
	if err := json.Unmarshal([]byte(s.missing), &h.Missing); err != nil {
		return h, err
	}
	return h, nil
}
