package store

import (
	"context"
	"database/sql"
	"testing"
)

// TestIngestChecksMigration upgrades a version-7 book holding a contract,
// an invoice and an activity, and checks that migration 0008 keeps the
// rows, their ids and the invoice's link, the indexes and the cascades,
// that the rewritten CHECK constraints accept and refuse exactly the
// values the old ones did, and that account search merges with automerge 16.
func TestIngestChecksMigration(t *testing.T) {
	ctx := context.Background()
	book := newOldBook(t, "0007_usage_series.sql",
		`INSERT INTO accounts(id, name, created_at) VALUES (7, 'Hooli', '2026-01-01T00:00:00Z')`,
		`INSERT INTO revenue_sources(id, account_id, source, external_id, status, interval, amount_minor, currency, mrr_minor, arr_minor, sync_key, sync_pass)
		 VALUES (42, 7, 'stripe', 'sub_1', 'active', 'weekly', 9900, 'USD', 42900, 514800, 'k', 3)`,
		`INSERT INTO invoices(id, account_id, revenue_source_id, source, external_id, status, amount_due_minor, currency, issued_at, paid_at, sync_key, sync_pass)
		 VALUES (5, 7, 42, 'stripe', 'in_1', 'paid', 9900, 'USD', '2026-02-01T00:00:00Z', '2026-02-02T00:00:00Z', 'k', 3)`,
		`INSERT INTO activities(id, account_id, source, external_id, kind, signal, occurred_at, score, sync_key)
		 VALUES (9, 7, 'stripe', 'ch_1', 'payment', 'nps', '2026-02-02T00:00:00Z', 8, 'k')`,
	)
	s := book.upgrade(t)
	var ext, key, kind string
	var link, pass, score int64
	if err := s.read.QueryRowContext(ctx, `SELECT r.external_id, r.sync_key, r.sync_pass, i.revenue_source_id, v.kind, v.score
		FROM invoices i JOIN revenue_sources r ON r.id = i.revenue_source_id JOIN activities v ON v.account_id = i.account_id
		WHERE i.id = 5 AND r.id = 42 AND v.id = 9`).Scan(&ext, &key, &pass, &link, &kind, &score); err != nil {
		t.Fatal(err)
	}
	if ext != "sub_1" || key != "k" || pass != 3 || link != 42 || kind != "payment" || score != 8 {
		t.Fatalf("after the rebuild: %s %q pass %d linked to %d, %s %d", ext, key, pass, link, kind, score)
	}
	var indexes int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN
		('revenue_sources_account', 'invoices_account', 'invoices_unpaid', 'invoices_failed_at', 'invoices_paid_at',
		 'activities_account', 'activities_signals', 'sqlite_autoindex_revenue_sources_1', 'sqlite_autoindex_invoices_1',
		 'sqlite_autoindex_activities_1')`).Scan(&indexes); err != nil || indexes != 10 {
		t.Fatalf("%d of 10 indexes after the rebuild (%v)", indexes, err)
	}
	checks := []struct {
		q  string
		ok bool
	}{
		{`INSERT INTO revenue_sources(account_id, source, external_id, status, interval, amount_minor, currency, mrr_minor, arr_minor)
		  VALUES (7, 'salesbricks', 'c1', 'draft', 'annual', 1, 'USD', 1, 12)`, true},
		{`INSERT INTO revenue_sources(account_id, source, external_id, status, interval, amount_minor, currency, mrr_minor, arr_minor)
		  VALUES (7, 'hubspot', 'c2', 'active', 'monthly', 1, 'USD', 1, 12)`, false},
		{`INSERT INTO revenue_sources(account_id, source, external_id, status, interval, amount_minor, currency, mrr_minor, arr_minor)
		  VALUES (7, 'stripe', 'c3', 'unpaid', 'monthly', 1, 'USD', 1, 12)`, false},
		{`INSERT INTO revenue_sources(account_id, source, external_id, status, interval, amount_minor, currency, mrr_minor, arr_minor)
		  VALUES (7, 'stripe', 'c4', 'active', 'daily', 1, 'USD', 1, 12)`, false},
		{`INSERT INTO revenue_sources(account_id, source, external_id, status, interval, amount_minor, currency, mrr_minor, arr_minor)
		  VALUES (7, 'stripe', 'c5', 'Active', 'monthly', 1, 'USD', 1, 12)`, false},
		{`INSERT INTO invoices(account_id, source, external_id, status, amount_due_minor, currency, issued_at)
		  VALUES (7, 'stripe', 'in_2', 'void', 1, 'USD', '2026-03-01T00:00:00Z')`, true},
		{`INSERT INTO invoices(account_id, source, external_id, status, amount_due_minor, currency, issued_at)
		  VALUES (7, 'stripe', 'in_3', 'draft', 1, 'USD', '2026-03-01T00:00:00Z')`, false},
		{`INSERT INTO activities(account_id, source, external_id, kind, signal, occurred_at)
		  VALUES (7, 'stripe', 'a2', 'contract_change', '', '2026-03-01T00:00:00Z')`, true},
		{`INSERT INTO activities(account_id, source, external_id, kind, signal, occurred_at)
		  VALUES (7, 'stripe', 'a3', 'meeting', '', '2026-03-01T00:00:00Z')`, false},
		{`INSERT INTO activities(account_id, source, external_id, kind, signal, occurred_at)
		  VALUES (7, 'stripe', 'a4', 'call', 'churn', '2026-03-01T00:00:00Z')`, false},
		{`UPDATE invoices SET status = 'late' WHERE id = 5`, false},
	}
	for _, c := range checks {
		_, err := s.write.ExecContext(ctx, c.q)
		if (err == nil) != c.ok {
			t.Errorf("%s: err %v, want accepted %v", c.q, err, c.ok)
		}
	}
	var merge int
	if err := s.read.QueryRowContext(ctx, `SELECT v FROM accounts_fts_config WHERE k = 'automerge'`).Scan(&merge); err != nil || merge != 16 {
		t.Errorf("accounts_fts automerge = %d (%v), want 16", merge, err)
	}
	if _, err := s.write.ExecContext(ctx, `DELETE FROM revenue_sources WHERE id = 42`); err != nil {
		t.Fatal(err)
	}
	var dangling sql.NullInt64
	if err := s.read.QueryRowContext(ctx, `SELECT revenue_source_id FROM invoices WHERE id = 5`).Scan(&dangling); err != nil || dangling.Valid {
		t.Fatalf("the invoice still links %v after its contract went (%v): ON DELETE SET NULL is lost", dangling, err)
	}
	if _, err := s.write.ExecContext(ctx, `DELETE FROM accounts WHERE id = 7`); err != nil {
		t.Fatal(err)
	}
	var left int
	if err := s.write.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM revenue_sources) + (SELECT count(*) FROM invoices)
		+ (SELECT count(*) FROM activities)`).Scan(&left); err != nil || left != 0 {
		t.Fatalf("%d rows outlived their account (%v): a rebuilt table lost its cascade", left, err)
	}
}
