package store

import (
	"context"
	"testing"
)

// TestHealthCurrentMigration upgrades a version-8 book with a current score
// and checks that migration 0009 keeps the row, drops the level index and
// the foreign key, and that the triggers still keep the row in step with
// its account: a rename is copied, a deleted account takes its row along.
// From version 14 on, migration 0015 does the same with the table rebuilt
// WITHOUT ROWID, keyed by account.
func TestHealthCurrentMigration(t *testing.T) {
	for _, from := range []string{"0008_ingest_checks.sql", "0014_signal_index.sql"} {
		t.Run(from, func(t *testing.T) { checkCurrentUpgrade(t, from) })
	}
}

func checkCurrentUpgrade(t *testing.T, from string) {
	ctx := context.Background()
	book := newOldBook(t, from,
		`INSERT INTO accounts(id, name, search_text, created_at) VALUES (7, 'Hooli', 'hooli', '2026-01-01T00:00:00Z'),
			(8, 'Raviga', 'raviga', '2026-01-01T00:00:00Z')`,
		`INSERT INTO health_current(account_id, snapshot_id, row_hash, tracked, score, level, arr_base_minor, active_users,
			renewal_at, factor_count, name, search_text)
		 VALUES (7, 3, 99, 1, 31, 'critical', 5000, 4, '', 2, 'Hooli', 'hooli'), (8, 3, 98, 1, 80, 'healthy', 0, NULL, '', 0, 'Raviga', 'raviga')`,
	)
	s := book.upgrade(t)
	var n int
	var level string
	if err := s.read.QueryRowContext(ctx, `SELECT count(*), max(level) FROM health_current WHERE account_id = 7 AND row_hash = 99
		AND score = 31 AND active_users = 4 AND factor_count = 2`).Scan(&n, &level); err != nil || n != 1 || level != "critical" {
		t.Fatalf("row after the rebuild: %d %q (err %v)", n, level, err)
	}
	for _, q := range []string{
		`SELECT count(*) FROM sqlite_master WHERE name = 'health_current_level'`,
		`SELECT count(*) FROM pragma_foreign_key_list('health_current')`,
	} {
		if err := s.read.QueryRowContext(ctx, q).Scan(&n); err != nil || n != 0 {
			t.Fatalf("%s = %d (err %v), want 0", q, n, err)
		}
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = 'health_current_score'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("score index: %d (err %v)", n, err)
	}
	if err := s.read.QueryRowContext(ctx, `SELECT wr FROM pragma_table_list('health_current')`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("health_current WITHOUT ROWID: %d (err %v), want 1", n, err)
	}
	if _, err := s.write.ExecContext(ctx, `UPDATE accounts SET name = 'Hooli XYZ', search_text = 'hooli xyz' WHERE id = 7`); err != nil {
		t.Fatal(err)
	}
	var name string
	if err := s.read.QueryRowContext(ctx, `SELECT name FROM health_current WHERE account_id = 7`).Scan(&name); err != nil || name != "Hooli XYZ" {
		t.Fatalf("renamed account's row: %q (err %v)", name, err)
	}
	if _, err := s.write.ExecContext(ctx, `DELETE FROM accounts WHERE id = 7`); err != nil {
		t.Fatal(err)
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM health_current`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("rows after deleting an account: %d (err %v), want 1", n, err)
	}
}
