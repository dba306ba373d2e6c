package store

import (
	"context"
	"testing"
)

// TestWeeklyMigrationKeepsRowsAndLinks upgrades a version-5 book holding a
// contract with an invoice and checks that the rebuilt revenue_sources
// keeps the row, its id and the invoice's link, accepts a weekly interval,
// and still cascades from accounts.
func TestWeeklyMigrationKeepsRowsAndLinks(t *testing.T) {
	ctx := context.Background()
	book := newOldBook(t, "0005_last_seen.sql",
		`INSERT INTO accounts(id, name, created_at) VALUES (7, 'Hooli', '2026-01-01T00:00:00Z')`,
		`INSERT INTO revenue_sources(id, account_id, source, external_id, status, interval, amount_minor, currency, mrr_minor, arr_minor, sync_key)
		 VALUES (42, 7, 'stripe', 'sub_1', 'active', 'monthly', 9900, 'USD', 9900, 118800, 'k')`,
		`INSERT INTO invoices(account_id, revenue_source_id, source, external_id, status, amount_due_minor, currency, issued_at)
		 VALUES (7, 42, 'stripe', 'in_1', 'paid', 9900, 'USD', '2026-02-01T00:00:00Z')`,
	)
	db := book.db
	if _, err := db.ExecContext(ctx, `INSERT INTO revenue_sources(account_id, source, external_id, status, interval, amount_minor, currency, mrr_minor, arr_minor)
		VALUES (7, 'stripe', 'sub_w', 'active', 'weekly', 1000, 'USD', 4333, 52000)`); err == nil {
		t.Fatal("version 5 accepted a weekly interval: the test does not start from the old schema")
	}
	s := book.upgrade(t)
	var ext, key string
	var link int64
	if err := s.read.QueryRowContext(ctx, `SELECT r.external_id, r.sync_key, i.revenue_source_id FROM invoices i
		JOIN revenue_sources r ON r.id = i.revenue_source_id WHERE i.external_id = 'in_1'`).Scan(&ext, &key, &link); err != nil {
		t.Fatal(err)
	}
	if ext != "sub_1" || key != "k" || link != 42 {
		t.Fatalf("after the rebuild: %s %q linked to %d", ext, key, link)
	}
	if _, err := s.write.ExecContext(ctx, `INSERT INTO revenue_sources(account_id, source, external_id, status, interval, amount_minor, currency, mrr_minor, arr_minor)
		VALUES (7, 'stripe', 'sub_w', 'active', 'weekly', 1000, 'USD', 4333, 52000)`); err != nil {
		t.Fatalf("a weekly interval is refused: %v", err)
	}
	if _, err := s.write.ExecContext(ctx, `DELETE FROM accounts WHERE id = 7`); err != nil {
		t.Fatal(err)
	}
	var left int
	if err := s.write.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM revenue_sources) + (SELECT count(*) FROM invoices)`).Scan(&left); err != nil {
		t.Fatal(err)
	}
	if left != 0 {
		t.Fatalf("%d rows outlived their account: the rebuilt table lost its cascade", left)
	}
	var fk int
	if err := s.write.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Fatalf("foreign keys are %d after the migration (%v)", fk, err)
	}
}
