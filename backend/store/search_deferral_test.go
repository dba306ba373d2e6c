package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"successdesk/backend/domain"
)

// TestSearchDeferral checks the contract of deferred search indexing
// (search_deferral.go): accounts a sync creates are searchable once its
// transaction commits, as they are at the commit (renamed, deleted or
// merged away inside it), accounts made before it keep their triggers,
// the index agrees with the table (FTS5's own integrity check), and no
// deferral outlives a transaction, committed or rolled back.
func TestSearchDeferral(t *testing.T) {
	ctx := context.Background()
	s := openBook(t)
	at := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	old := &domain.Account{Name: "Hooli", Domain: "hooli.example", Tracked: true, CreatedAt: at}
	if err := s.Write(ctx, func(tx *Tx) error { return tx.InsertAccount(ctx, old) }); err != nil {
		t.Fatal(err)
	}
	accs := []*domain.Account{
		{Name: "Aviato", Domain: "aviato.example", Tracked: true, CreatedAt: at},
		{Name: "Bachmanity", Domain: "bachmanity.example", Tracked: true, CreatedAt: at},
		{Name: "Gavin Labs", Domain: "gavinlabs.example", Tracked: true, CreatedAt: at},
	}
	late := &domain.Account{Name: "Raviga", Domain: "raviga.example", Tracked: true, CreatedAt: at}
	if err := s.Write(ctx, func(tx *Tx) error {
		if err := tx.InsertSyncedAccounts(ctx, domain.SourceStripe, accs); err != nil {
			return err
		}
		if err := tx.InsertAccount(ctx, late); err != nil { // created while deferred: waits too
			return err
		}
		if err := tx.SetSearchText(ctx, accs[1], []string{"erlich@bachmanity.example"}); err != nil {
			return err
		}
		if err := tx.SetSearchText(ctx, old, []string{"gavin@hooli.example"}); err != nil { // indexed before: trigger
			return err
		}
		return tx.MergeAccounts(ctx, accs[0].ID, accs[2].ID) // Gavin Labs is deleted unindexed
	}); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string][]string{
		"aviato":    {"Aviato"},
		"erlich@":   {"Bachmanity"},
		"raviga":    {"Raviga"},
		"gavin":     {"Aviato", "Hooli"}, // Aviato took Gavin Labs' domain; Hooli's new e-mail
		"hooli.exa": {"Hooli"},
	} {
		got, err := s.FindAccounts(ctx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, a := range got {
			names = append(names, a.Name)
		}
		if !slices.Equal(names, want) {
			t.Errorf("search %q = %v, want %v", q, names, want)
		}
	}
	checkSearchIndex(t, s)

	// A write that fails leaves no deferral and no index entry behind.
	boom := errors.New("boom")
	err := s.Write(ctx, func(tx *Tx) error {
		if err := tx.InsertSyncedAccounts(ctx, domain.SourceStripe, []*domain.Account{{Name: "Endframe",
			Domain: "endframe.example", Tracked: true, CreatedAt: at}}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("write = %v, want boom", err)
	}
	if got, _ := s.FindAccounts(ctx, "endframe", 10); len(got) != 0 {
		t.Errorf("rolled-back account found: %v", got)
	}
	checkSearchIndex(t, s)
	// The next account made outside a sync is indexed by its trigger.
	next := &domain.Account{Name: "Endframe", Domain: "endframe.example", Tracked: true, CreatedAt: at}
	if err := s.Write(ctx, func(tx *Tx) error { return tx.InsertAccount(ctx, next) }); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FindAccounts(ctx, "endframe", 10); len(got) != 1 {
		t.Errorf("search endframe = %v, want the new account", got)
	}
	checkSearchIndex(t, s)
}

// checkSearchIndex fails t unless no deferral is stored and FTS5 finds the
// index consistent with the accounts table.
func checkSearchIndex(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM search_deferred`).Scan(&n); err != nil || n != 0 {
		t.Errorf("search_deferred rows = %d (%v), want 0", n, err)
	}
	if err := s.Write(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO accounts_fts(accounts_fts, rank) VALUES ('integrity-check', 1)`)
		return err
	}); err != nil {
		t.Errorf("search index integrity: %v", err)
	}
}
