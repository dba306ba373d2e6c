package store

import (
	"context"
	"encoding/json"

	"successdesk/backend/domain"
)

// CurrentScore is one tracked account's current score,
// with only what a re-weighting needs.
type CurrentScore struct {
	SnapshotID int64
	AccountID  int64
	Name       string
	Score      int
	Factors    []domain.RiskFactor // Code, Category, Label, Points and Base only
	Missing    []domain.Missing
}

// CurrentScores calls fn for every tracked account's current score,
// in account id order.
func (s *Store) CurrentScores(ctx context.Context, fn func(CurrentScore) error) error {
	rows, err := s.read.QueryContext(ctx, `SELECT c.snapshot_id, c.account_id, c.name, c.score, h.factors_json, h.missing_json
		FROM health_current c JOIN health_scores h ON h.account_id = c.account_id AND h.snapshot_id = c.snapshot_id
		WHERE c.tracked = 1 ORDER BY c.account_id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	type slim struct {
		Code     string          `json:"code"`
		Category domain.Category `json:"category"`
		Label    string          `json:"label"`
		Points   int             `json:"points"`
		Base     int             `json:"base"`
	}
	for rows.Next() {
		var c CurrentScore
		var factors, missing string
		if err := rows.Scan(&c.SnapshotID, &c.AccountID, &c.Name, &c.Score, &factors, &missing); err != nil {
			return err
		}
		var fs []slim
		if err := json.Unmarshal([]byte(factors), &fs); err != nil {
			return err
		}
		c.Factors = make([]domain.RiskFactor, len(fs))
		for i, f := range fs {
			c.Factors[i] = domain.RiskFactor{Code: f.Code, Category: f.Category, Label: f.Label, Points: f.Points, Base: f.Base}
		}
		if err := json.Unmarshal([]byte(missing), &c.Missing); err != nil {
			return err
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return rows.Err()
}
