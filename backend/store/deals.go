package store

import (
	"context"

	"successdesk/backend/domain"
)

// UpsertDeal inserts or updates d keyed by (source, external id), setting d.ID.
func (t *Tx) UpsertDeal(ctx context.Context, d *domain.Deal) error {
	id, err := t.queryRowID(ctx, `INSERT INTO deals(account_id, source, external_id, name, stage, status, value_minor,
		currency, owner, close_date, lost_at, lost_reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(source, external_id) DO UPDATE SET account_id = excluded.account_id, name = excluded.name,
		stage = excluded.stage, status = excluded.status, value_minor = excluded.value_minor,
		currency = excluded.currency, owner = excluded.owner, close_date = excluded.close_date,
		lost_at = excluded.lost_at, lost_reason = excluded.lost_reason
		RETURNING id`,
		d.AccountID, string(d.Source), d.ExternalID, d.Name, d.Stage, string(d.Status), d.Value.AmountMinor,
		d.Value.Currency, d.Owner, ts(d.CloseDate), ts(d.LostAt), d.LostReason, ts(d.CreatedAt))
	d.ID = id
	return err
}

// Deals returns an account's deals, newest first.
func (s *Store) Deals(ctx context.Context, accountID int64) ([]domain.Deal, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, account_id, source, external_id, name, stage, status, value_minor,
		currency, owner, close_date, lost_at, lost_reason, created_at FROM deals WHERE account_id = ?
		ORDER BY created_at DESC, id DESC`, accountID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Deal
	for rows.Next() {
		var d domain.Deal
		var src, status, closeDate, lostAt, created string
		if err := rows.Scan(&d.ID, &d.AccountID, &src, &d.ExternalID, &d.Name, &d.Stage, &status, &d.Value.AmountMinor,
			&d.Value.Currency, &d.Owner, &closeDate, &lostAt, &d.LostReason, &created); err != nil {
			return nil, err
		}
		d.Source, d.Status = domain.Source(src), domain.DealStatus(status)
		d.CloseDate, d.LostAt, d.CreatedAt = parseTS(closeDate), parseTS(lostAt), parseTS(created)
		out = append(out, d)
	}
	return out, rows.Err()
}

// UpsertRelease inserts or updates r keyed by (source, external id), setting r.ID.
func (t *Tx) UpsertRelease(ctx context.Context, r *domain.Release) error {
	id, err := t.queryRowID(ctx, `INSERT INTO releases(source, external_id, title, body, url, shipped_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT(source, external_id) DO UPDATE SET title = excluded.title, body = excluded.body,
		url = excluded.url, shipped_at = excluded.shipped_at
		RETURNING id`,
		string(r.Source), r.ExternalID, r.Title, r.Body, r.URL, ts(r.ShippedAt))
	r.ID = id
	return err
}

// CountRows returns the number of rows of each synced table, for tests and
// the Settings & Data summary.
func (s *Store) CountRows(ctx context.Context) (map[string]int, error) {
	out := map[string]int{}
	for _, t := range []string{"accounts", "contacts", "revenue_sources", "invoices", "usage_weeks", "activities",
		"deals", "releases", "enrichments", "routes", "health_snapshots"} {
		var n int
		if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
			return nil, err
		}
		out[t] = n
	}
	return out, nil
}
