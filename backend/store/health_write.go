package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"successdesk/backend/domain"
)

// Snapshot identifies one health recompute.
type Snapshot struct {
	ID         int64
	ComputedAt time.Time
	Settings   domain.HealthSettings
	Accounts   int
	Changed    int // accounts whose score row changed in this recompute
}

// BeginSnapshot starts a snapshot computed at computedAt with settings; add
// every account's score with AddScore in the same transaction. The snapshot
// is the current one once the transaction commits. A snapshot begun earlier
// in the same transaction is finished first (its counts are recorded and its
// rows become current), so one transaction can write several in turn.
func (t *Tx) BeginSnapshot(ctx context.Context, computedAt time.Time, settings domain.HealthSettings, accounts int) (int64, error) {
	if t.snapshot != 0 {
		if err := t.finishSnapshot(ctx); err != nil {
			return 0, err
		}
	}
	b, _ := json.Marshal(settings)
	res, err := t.exec(ctx, `INSERT INTO health_snapshots(computed_at, settings_json, accounts) VALUES (?, ?, ?)`,
		ts(computedAt), string(b), accounts)
	if err != nil {
		return 0, err
	}
	if t.snapshot, err = res.LastInsertId(); err != nil {
		return 0, err
	}
	t.snapshotAt, t.changed, t.accounts = computedAt, 0, 0
	if err := t.ApplyCurrent(ctx); err != nil { // an earlier snapshot's rows in this transaction
		return 0, err
	}
	err = t.tx.QueryRowContext(ctx, `SELECT COALESCE(max(rowid), 0) FROM health_scores`).Scan(&t.currentFrom)
	return t.snapshot, err
}

// EncodedScore is a score row ready to store: its column values and their
// hash. EncodeScore is pure, so callers may encode on other goroutines. The
// values are boxed in the types the driver takes as they are (int64,
// float64, string, nil), so the writer, which is the slower side of a
// recompute, converts nothing.
type EncodedScore struct {
	AccountID int64
	Hash      int64
	account   any   // AccountID, boxed
	row       []any // the health_scores columns after snapshot_id, computed_at and account_id
}

// EncodeScore turns h into the row AddEncoded stores.
func EncodeScore(h *domain.HealthScore) (EncodedScore, error) {
	var buf []byte
	return EncodeScoreBuf(h, &buf)
}

// EncodeScoreBuf is EncodeScore with a scratch buffer that one goroutine
// reuses from row to row; the row keeps nothing of it.
func EncodeScoreBuf(h *domain.HealthScore, scratch *[]byte) (EncodedScore, error) {
	buf, err := appendFactorsJSON((*scratch)[:0], nonNilFactors(h.Factors))
	if err != nil {
		return EncodedScore{}, err
	}
	n := len(buf)
	buf = appendMissingJSON(buf, nonNilMissing(h.Missing))
	*scratch = buf
	all := string(buf) // one allocation for both texts
	factors, missing := all[:n], all[n:]
	var active, trend any
	if h.ActiveUsers != nil {
		active = int64(*h.ActiveUsers)
	}
	if h.TrendPct != nil {
		trend = *h.TrendPct
	}
	row := make([]any, 14, 16)
	copy(row, []any{int64(h.Score), string(h.Level), factors, missing, active, int64(h.LicensedUsers), trend,
		h.ARR.AmountMinor, h.ARR.Currency, h.ARRBaseMinor, h.MRRMinor, ts(h.RenewalAt), h.PaymentStatus, ts(h.LastActivityAt)})
	hash := rowHash(row)
	row = append(row, hash, int64(len(h.Factors)))
	return EncodedScore{AccountID: h.AccountID, Hash: hash, account: h.AccountID, row: row}, nil
}

// CurrentHashes returns the row hash of every account's current score.
func (t *Tx) CurrentHashes(ctx context.Context) (map[int64]int64, error) {
	if err := t.ApplyCurrent(ctx); err != nil {
		return nil, err
	}
	rows, err := t.tx.QueryContext(ctx, `SELECT account_id, row_hash FROM health_current`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var id, h int64
		if err := rows.Scan(&id, &h); err != nil {
			return nil, err
		}
		out[id] = h
	}
	return out, rows.Err()
}

// AddScore records one account's score in snapshot id. When the score row
// (score, level, factors with their details, missing inputs and the facts
// beside them) equals the account's current one nothing is written and it
// reports changed=false; otherwise the row is stored as a change and becomes
// the account's current score.
func (t *Tx) AddScore(ctx context.Context, snapshotID int64, h *domain.HealthScore) (changed bool, err error) {
	e, err := EncodeScore(h)
	if err != nil {
		return false, err
	}
	if err := t.ApplyCurrent(ctx); err != nil {
		return false, err
	}
	st, err := t.stmt(ctx, `SELECT row_hash FROM health_current WHERE account_id = ?`)
	if err != nil {
		return false, err
	}
	var cur int64
	switch err := st.QueryRowContext(ctx, h.AccountID).Scan(&cur); {
	case err == nil:
		return t.AddEncoded(ctx, snapshotID, e, map[int64]int64{h.AccountID: cur})
	case errors.Is(err, sql.ErrNoRows):
		return t.AddEncoded(ctx, snapshotID, e, nil)
	default:
		return false, err
	}
}

// AddEncoded is AddScore for a row encoded ahead, given the current hashes
// (from CurrentHashes) instead of looking each one up. A score of an
// account that does not exist is an ENotFound error, and writes nothing.
func (t *Tx) AddEncoded(ctx context.Context, snapshotID int64, e EncodedScore, current map[int64]int64) (changed bool, err error) {
	if cur, ok := current[e.AccountID]; ok && cur == e.Hash {
		return false, nil
	}
	var one int
	switch err := t.tx.QueryRowContext(ctx, `SELECT 1 FROM accounts WHERE id = ?`, e.AccountID).Scan(&one); {
	case errors.Is(err, sql.ErrNoRows):
		return false, domain.Errorf(domain.ENotFound, "There is no account %d to score.", e.AccountID)
	case err != nil:
		return false, err
	}
	n, err := t.AddEncodedBatch(ctx, snapshotID, []EncodedScore{e}, current)
	return n == 1, err
}

// SetSnapshotAccounts records n as the number of accounts the snapshot
// begun in this transaction scored, for callers that learn it only while
// adding scores (BeginSnapshot's count is used otherwise).
func (t *Tx) SetSnapshotAccounts(n int) { t.accounts = n }

// finishSnapshot records how many rows the snapshot changed (and, when set,
// how many accounts it scored).
func (t *Tx) finishSnapshot(ctx context.Context) error {
	if err := t.ApplyCurrent(ctx); err != nil {
		return err
	}
	if t.accounts > 0 {
		_, err := t.exec(ctx, `UPDATE health_snapshots SET changed = ?, accounts = ? WHERE id = ?`, t.changed, t.accounts, t.snapshot)
		return err
	}
	_, err := t.exec(ctx, `UPDATE health_snapshots SET changed = ? WHERE id = ?`, t.changed, t.snapshot)
	return err
}

// rowHash is a stable 63-bit hash of a score row's values (strings, ints,
// floats and nil, as AddScore builds them).
func rowHash(vals []any) int64 {
	h := fnv64a(offset64)
	for _, v := range vals {
		switch x := v.(type) {
		case string:
			h = h.str(x).byte(0)
		case int:
			h = h.word(uint64(x))
		case int64:
			h = h.word(uint64(x))
		case float64:
			h = h.word(math.Float64bits(x))
		case nil:
			h = h.byte(0xff)
		default:
			panic(fmt.Sprintf("store: rowHash cannot hash %T", v))
		}
	}
	return int64(uint64(h) >> 1)
}

// fnv64a is FNV-1a (as hash/fnv's New64a computes it), kept in a register:
// no allocation and no copy of the strings it hashes.
type fnv64a uint64

const (
	offset64 fnv64a = 14695981039346656037
	prime64         = 1099511628211
)

func (h fnv64a) byte(b byte) fnv64a { return (h ^ fnv64a(b)) * prime64 }

func (h fnv64a) str(s string) fnv64a {
	for i := 0; i < len(s); i++ {
		h = (h ^ fnv64a(s[i])) * prime64
	}
	return h
}

// word hashes x's 8 bytes, little-endian first.
func (h fnv64a) word(x uint64) fnv64a {
	for i := 0; i < 8; i++ {
		h = (h ^ fnv64a(byte(x>>(8*i)))) * prime64
	}
	return h
}

// PruneSnapshots forgets snapshots older than 180 days before now, and the
// score changes recorded in them except each account's current row.
func (t *Tx) PruneSnapshots(ctx context.Context, now time.Time) error {
	if err := t.ApplyCurrent(ctx); err != nil {
		return err
	}
	horizon := ts(now.AddDate(0, 0, -180))
	// A score row carries its snapshot's time and outlives that snapshot
	// only as a current row (the rows go first, below), so with no
	// snapshot older than the horizon there is nothing to prune, and the
	// scan of every score row is skipped.
	var old bool
	if err := t.tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM health_snapshots WHERE computed_at < ?)`,
		horizon).Scan(&old); err != nil || !old {
		return err
	}
	if _, err := t.exec(ctx, `DELETE FROM health_scores WHERE computed_at < ? AND snapshot_id <
		(SELECT c.snapshot_id FROM health_current c WHERE c.account_id = health_scores.account_id)`, horizon); err != nil {
		return err
	}
	_, err := t.exec(ctx, `DELETE FROM health_snapshots WHERE computed_at < ?
		AND id < (SELECT max(id) FROM health_snapshots)`, horizon)
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
	err := s.read.QueryRowContext(ctx, `SELECT id, computed_at, settings_json, accounts, changed FROM health_snapshots
		ORDER BY id DESC LIMIT 1`).Scan(&sn.ID, &at, &settings, &sn.Accounts, &sn.Changed)
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

// HistoryPoint is an account's score as recorded at one change.
type HistoryPoint struct {
	SnapshotID int64
	ComputedAt time.Time
	Score      domain.HealthScore
}

// ScoreHistory returns the recorded changes of an account's score, oldest
// first, at most limit (the newest ones; 0 means 60).
func (s *Store) ScoreHistory(ctx context.Context, accountID int64, limit int) ([]HistoryPoint, error) {
	if limit <= 0 {
		limit = 60
	}
	rows, err := s.read.QueryContext(ctx, `SELECT * FROM (SELECT h.snapshot_id, h.computed_at, `+scoreCols+`
		FROM health_scores h WHERE h.account_id = ? ORDER BY h.snapshot_id DESC LIMIT ?) ORDER BY 1`, accountID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []HistoryPoint
	for rows.Next() {
		var p HistoryPoint
		var at string
		sc := newScoreScan()
		if err := rows.Scan(append([]any{&p.SnapshotID, &at}, sc.dest()...)...); err != nil {
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

// LatestScore returns an account's current score and the time of the newest
// snapshot (which confirmed it), or an ENotFound error.
func (s *Store) LatestScore(ctx context.Context, accountID int64) (domain.HealthScore, time.Time, error) {
	sc := newScoreScan()
	var at string
	err := s.read.QueryRowContext(ctx, `SELECT (SELECT max(computed_at) FROM health_snapshots), `+scoreCols+`
		FROM health_current c JOIN health_scores h ON h.account_id = c.account_id AND h.snapshot_id = c.snapshot_id
		WHERE c.account_id = ?`, accountID).Scan(append([]any{&at}, sc.dest()...)...)
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
