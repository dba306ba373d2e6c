package store

import (
	"context"
	"strings"
	"testing"

	"successdesk/backend/domain"
)

// TestBatchedLookupsSeekEachValue checks the plans of the sync's batched
// look-ups: each listed value is looked up by the table's key, and the list
// is not first copied into a temporary index ("LIST SUBQUERY").
func TestBatchedLookupsSeekEachValue(t *testing.T) {
	s := openBook(t)
	for _, c := range []struct {
		query string
		args  []any
		want  []string
	}{
		{syncedKeysSQL, []any{"stripe", 0, `["cus_a"]`}, []string{"SEARCH k USING PRIMARY KEY (key=? AND source=?)"}},
		{accountsByDomainSQL, []any{`["hooli.com"]`}, []string{"SEARCH a USING COVERING INDEX sqlite_autoindex_accounts_1 (domain=?)",
			"SEARCH d USING PRIMARY KEY (domain=?)"}},
	} {
		plan := queryPlan(t, s, c.query, c.args)
		for _, w := range c.want {
			if !strings.Contains(plan, w) {
				t.Errorf("plan of %q lacks %q:\n%s", c.query, w, plan)
			}
		}
		if strings.Contains(plan, "LIST SUBQUERY") || strings.Contains(plan, "TEMP B-TREE") {
			t.Errorf("plan of %q copies the list first:\n%s", c.query, plan)
		}
	}
}

// TestBatchedLookupsResolve checks what the batched look-ups return: a key
// only for its source and from the least pass on, listed twice or not at
// all; a domain through the account or through a merged-away domain.
func TestBatchedLookupsResolve(t *testing.T) {
	ctx := context.Background()
	s := openBook(t)
	var keys, hubKeys, domains map[string]int64
	err := s.Write(ctx, func(tx *Tx) error {
		hooli := &domain.Account{Domain: "hooli.com", Name: "Hooli", Tracked: true}
		aviato := &domain.Account{Domain: "aviato.com", Name: "Aviato", Tracked: true}
		if err := tx.InsertSyncedAccounts(ctx, domain.SourceStripe, []*domain.Account{hooli, aviato}); err != nil {
			return err
		}
		if err := tx.LinkSyncedKeys(ctx, domain.SourceStripe, []KeyLink{{Key: "cus_old", AccountID: hooli.ID}}, 1); err != nil {
			return err
		}
		if err := tx.LinkSyncedKeys(ctx, domain.SourceStripe, []KeyLink{{Key: "cus_new", AccountID: aviato.ID}}, 2); err != nil {
			return err
		}
		if err := tx.LinkSyncedKeys(ctx, domain.SourceHubSpot, []KeyLink{{Key: "cus_old", AccountID: aviato.ID}}, 2); err != nil {
			return err
		}
		if err := tx.AbsorbAccount(ctx, hooli.ID, aviato.ID); err != nil {
			return err
		}
		var err error
		if keys, err = tx.SyncedKeys(ctx, domain.SourceStripe, []string{"cus_old", "cus_new", "cus_old", "cus_none"}, 0); err != nil {
			return err
		}
		if hubKeys, err = tx.SyncedKeys(ctx, domain.SourceStripe, []string{"cus_old", "cus_new"}, 2); err != nil {
			return err
		}
		domains, err = tx.AccountIDsByDomain(ctx, []string{"HOOLI.com", "aviato.com", "piedpiper.com"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 2 || keys["cus_old"] != keys["cus_new"] || keys["cus_old"] == 0 {
		t.Errorf("SyncedKeys(any pass) = %v, want cus_old and cus_new, both on the kept account", keys)
	}
	if len(hubKeys) != 1 || hubKeys["cus_new"] == 0 {
		t.Errorf("SyncedKeys(pass 2 on) = %v, want cus_new alone", hubKeys)
	}
	if len(domains) != 2 || domains["hooli.com"] != keys["cus_old"] || domains["aviato.com"] != keys["cus_old"] {
		t.Errorf("AccountIDsByDomain = %v, want hooli.com and aviato.com, both on account %d", domains, keys["cus_old"])
	}
}

// TestLinkSyncedKeysAfterNewLinks re-links a stored key right after a call
// whose links were all new, in the same transaction: the second call
// starts as if its links were new too, and must still replace the stored
// link (account, name and pass) beside the new one.
func TestLinkSyncedKeysAfterNewLinks(t *testing.T) {
	ctx := context.Background()
	s := openBook(t)
	var b int64
	err := s.Write(ctx, func(tx *Tx) error {
		accs := []*domain.Account{{Domain: "hooli.com", Name: "Hooli", Tracked: true},
			{Domain: "aviato.com", Name: "Aviato", Tracked: true}}
		if err := tx.InsertSyncedAccounts(ctx, domain.SourceStripe, accs); err != nil {
			return err
		}
		b = accs[1].ID
		if err := tx.LinkSyncedKeys(ctx, domain.SourceStripe, []KeyLink{{Key: "cus_1", AccountID: accs[0].ID, Name: "Hooli"},
			{Key: "cus_2", AccountID: accs[0].ID}}, 1); err != nil {
			return err
		}
		return tx.LinkSyncedKeys(ctx, domain.SourceStripe, []KeyLink{{Key: "cus_9", AccountID: b},
			{Key: "cus_1", AccountID: b, Name: "Hooli Renamed"}}, 2)
	})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	var account, pass int64
	var name string
	if err := s.read.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM sync_account_keys), account_id, name, sync_pass
		FROM sync_account_keys WHERE key = 'cus_1'`).Scan(&n, &account, &name, &pass); err != nil {
		t.Fatal(err)
	}
	if n != 3 || account != b || name != "Hooli Renamed" || pass != 2 {
		t.Errorf("%d links; cus_1 → account %d %q pass %d, want 3 links and cus_1 → account %d \"Hooli Renamed\" pass 2",
			n, account, name, pass, b)
	}
}
