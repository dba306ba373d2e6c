package store

import (
	"context"
	"database/sql"
	"slices"
	"time"

	"successdesk/backend/domain"
)

// UpsertActivity inserts or updates a keyed by (source, external id), setting a.ID.
func (t *Tx) UpsertActivity(ctx context.Context, a *domain.Activity) error {
	var score any
	if a.Score != nil {
		score = *a.Score
	}
	id, err := t.queryRowID(ctx, `INSERT INTO activities(account_id, source, external_id, kind, signal, occurred_at,
		title, body, actor, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(source, external_id) DO UPDATE SET account_id = excluded.account_id, kind = excluded.kind,
		signal = excluded.signal, occurred_at = excluded.occurred_at, title = excluded.title, body = excluded.body,
		actor = excluded.actor, score = excluded.score
		RETURNING id`,
		a.AccountID, string(a.Source), a.ExternalID, string(a.Kind), string(a.Signal), ts(a.OccurredAt),
		a.Title, a.Body, a.Actor, score)
	a.ID = id
	return err
}

// InsertActivities inserts new activities in multi-row statements (a book
// being written from scratch, such as the demo book): it sets no ids, and a
// (source, external id) already stored fails the call, as any constraint
// does, leaving the transaction to be rolled back.
func (t *Tx) InsertActivities(ctx context.Context, acts []domain.Activity) error {
	return t.insertRows(ctx, `INSERT INTO activities(account_id, source, external_id, kind, signal, occurred_at,
		title, body, actor, score)`, ``, len(acts), 10, func(i int, args []any) []any {
		a := &acts[i]
		var score any
		if a.Score != nil {
			score = *a.Score
		}
		return append(args, a.AccountID, string(a.Source), a.ExternalID, string(a.Kind), string(a.Signal),
			ts(a.OccurredAt), a.Title, a.Body, a.Actor, score)
	})
}

const activityCols = `id, account_id, source, external_id, kind, signal, occurred_at, title, body, actor, score`

func scanActivity(sc interface{ Scan(...any) error }) (domain.Activity, error) {
	var a domain.Activity
	var src, kind, sig, at string
	var score sql.NullInt64
	err := sc.Scan(&a.ID, &a.AccountID, &src, &a.ExternalID, &kind, &sig, &at, &a.Title, &a.Body, &a.Actor, &score)
	a.Source, a.Kind, a.Signal, a.OccurredAt = domain.Source(src), domain.ActivityKind(kind), domain.SignalKind(sig), parseTS(at)
	if score.Valid {
		v := int(score.Int64)
		a.Score = &v
	}
	return a, err
}

// ActivityQuery selects part of an account's activity feed.
type ActivityQuery struct {
	AccountID int64
	Kinds     []domain.ActivityKind // empty means every kind
	Limit     int                   // 0 means 200
	Offset    int
	// AsOf is the time overdue notices are derived at (see
	// overdueNotices); zero leaves them out.
	AsOf time.Time
}

// Activities returns an account's activity newest first, and how many match
// in all: the stored events and, with q.AsOf set, the overdue notices
// derived from its open invoices at q.AsOf.
func (s *Store) Activities(ctx context.Context, q ActivityQuery) ([]domain.Activity, int, error) {
	where := `account_id = ?`
	args := []any{q.AccountID}
	if len(q.Kinds) > 0 {
		where += ` AND kind IN (` + placeholders(len(q.Kinds)) + `)`
		for _, k := range q.Kinds {
			args = append(args, string(k))
		}
	}
	var total int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM activities WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 200
	}
	notices, err := s.overdueNotices(ctx, q.AccountID, q.Kinds, q.AsOf)
	if err != nil {
		return nil, 0, err
	}
	newer := func(i int) (int, error) {
		var n int
		err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM activities WHERE `+where+` AND occurred_at > ?`,
			append(slices.Clip(args), ts(notices[i].OccurredAt))...).Scan(&n)
		return n, err
	}
	page := func(off, n int) ([]domain.Activity, error) {
		if n <= 0 {
			return nil, nil
		}
		return s.storedActivities(ctx, where, append(slices.Clip(args), n, off))
	}
	out, err := mergeFeed(notices, q.Offset, limit, newer, page)
	return out, total + len(notices), err
}

// storedActivities runs the feed query for where, whose arguments end with
// the limit and offset.
func (s *Store) storedActivities(ctx context.Context, where string, args []any) ([]domain.Activity, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+activityCols+` FROM activities WHERE `+where+`
		ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Activity
	for rows.Next() {
		a, err := scanActivity(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// ActivityCounts returns how many events of each kind an account has,
// counting the overdue notices derived at asOf (zero: none) as payments.
func (s *Store) ActivityCounts(ctx context.Context, accountID int64, asOf time.Time) (map[domain.ActivityKind]int, error) {
	notices, err := s.overdueNotices(ctx, accountID, nil, asOf)
	if err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT kind, count(*) FROM activities WHERE account_id = ? GROUP BY kind`, accountID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[domain.ActivityKind]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, err
		}
		out[domain.ActivityKind(k)] = n
	}
	if len(notices) > 0 {
		out[domain.ActivityPayment] += len(notices)
	}
	return out, rows.Err()
}

func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	b := make([]byte, 0, 2*n)
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '?')
	}
	return string(b)
}
