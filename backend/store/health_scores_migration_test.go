package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestHealthScoresMigration upgrades a version-9 book with score history
// and checks that migration 0010 keeps every row and rowid, drops the
// foreign key, still refuses a level outside the three, and that deleting
// an account deletes its history, as the cascade did.
func TestHealthScoresMigration(t *testing.T) {
	ctx := context.Background()
	row := func(account, snapshot, score int, level string) string {
		return fmt.Sprintf(`(%d, %d, '2026-01-0%dT00:00:00Z', %d, '%s', '[]', '[]', NULL, 5, NULL, 100, 'USD', 100, 9, '',
			'active', '')`, account, snapshot, snapshot, score, level)
	}
	book := newOldBook(t, "0009_health_current.sql",
		`INSERT INTO accounts(id, name, search_text, created_at) VALUES (7, 'Hooli', 'hooli', '2026-01-01T00:00:00Z'),
			(8, 'Raviga', 'raviga', '2026-01-01T00:00:00Z')`,
		`INSERT INTO health_scores(account_id, snapshot_id, computed_at, score, level, factors_json, missing_json,
			active_users, licensed_users, trend_pct, arr_minor, arr_currency, arr_base_minor, mrr_minor, renewal_at,
			payment_status, last_activity_at) VALUES `+row(7, 1, 31, "critical")+`, `+row(8, 1, 80, "healthy")+`, `+
			row(7, 2, 55, "at_risk"),
	)
	s := book.upgrade(t)
	var got string
	if err := s.read.QueryRowContext(ctx, `SELECT group_concat(rowid || ':' || account_id || '/' || snapshot_id || '=' || score || level, ' ')
		FROM (SELECT rowid, * FROM health_scores ORDER BY rowid)`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if want := "1:7/1=31critical 2:8/1=80healthy 3:7/2=55at_risk"; got != want {
		t.Fatalf("rows after the rebuild: %q, want %q", got, want)
	}
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_list('health_scores')`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("foreign keys: %d (err %v), want 0", n, err)
	}
	if _, err := s.write.ExecContext(ctx, `INSERT INTO health_scores(account_id, snapshot_id, computed_at, score, level,
		factors_json, missing_json, licensed_users, arr_minor, arr_currency, arr_base_minor, mrr_minor, renewal_at,
		payment_status, last_activity_at) VALUES (8, 3, '', 50, 'fine', '[]', '[]', 0, 0, 'USD', 0, 0, '', '', '')`); err == nil ||
		!strings.Contains(err.Error(), "CHECK") {
		t.Fatalf("a level outside the three: err %v, want a CHECK failure", err)
	}
	if _, err := s.write.ExecContext(ctx, `DELETE FROM accounts WHERE id = 7`); err != nil {
		t.Fatal(err)
	}
	if err := s.read.QueryRowContext(ctx, `SELECT group_concat(account_id) FROM health_scores`).Scan(&got); err != nil || got != "8" {
		t.Fatalf("history after deleting account 7: %q (err %v), want 8's alone", got, err)
	}
}
