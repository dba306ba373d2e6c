package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// TestAddEncodedBatchWritesOnlyChanges: 130 rows span three statements
// (64 + 64 + 2); a second batch where three rows changed writes those three,
// and each account's current score is its last one.
func TestAddEncodedBatchWritesOnlyChanges(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	const n = 130
	ids := make([]int64, n)
	err := st.Write(ctx, func(tx *store.Tx) error {
		for i := range ids {
			a := domain.Account{Domain: fmt.Sprintf("acct%03d.io", i), Name: fmt.Sprintf("Account %03d", i), Tracked: true, CreatedAt: t0}
			if err := tx.InsertAccount(ctx, &a); err != nil {
				return err
			}
			ids[i] = a.ID
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	encode := func(bump map[int]int) []store.EncodedScore {
		out := make([]store.EncodedScore, n)
		for i, id := range ids {
			h := domain.HealthScore{AccountID: id, Score: 50 + i%40 + bump[i], Level: domain.RiskAtRisk, PaymentStatus: "active",
				ARR: domain.Money{AmountMinor: int64(i) * 100, Currency: "USD"}, ARRBaseMinor: int64(i) * 100}
			e, err := store.EncodeScore(&h)
			if err != nil {
				t.Fatal(err)
			}
			out[i] = e
		}
		return out
	}
	write := func(at time.Time, rows []store.EncodedScore) int {
		t.Helper()
		var changed int
		err := st.Write(ctx, func(tx *store.Tx) error {
			id, err := tx.BeginSnapshot(ctx, at, domain.DefaultHealthSettings(), len(rows))
			if err != nil {
				return err
			}
			current, err := tx.CurrentHashes(ctx)
			if err != nil {
				return err
			}
			changed, err = tx.AddEncodedBatch(ctx, id, rows, current)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return changed
	}
	if got := write(t0, encode(nil)); got != n {
		t.Fatalf("first batch changed %d of %d", got, n)
	}
	// Inside the transaction that wrote them, the rows are already current.
	err = st.Write(ctx, func(tx *store.Tx) error {
		id, err := tx.BeginSnapshot(ctx, t0.Add(time.Minute), domain.DefaultHealthSettings(), n)
		if err != nil {
			return err
		}
		rows := encode(map[int]int{5: 2, 70: 2})
		before, err := tx.CurrentHashes(ctx)
		if err != nil {
			return err
		}
		if _, err := tx.AddEncodedBatch(ctx, id, rows, before); err != nil {
			return err
		}
		after, err := tx.CurrentHashes(ctx)
		if err != nil {
			return err
		}
		for i, e := range rows {
			if after[e.AccountID] != e.Hash {
				t.Errorf("account %d: current hash %d inside the transaction, want %d", i, after[e.AccountID], e.Hash)
			}
		}
		return errRollback
	})
	if err != errRollback {
		t.Fatal(err)
	}
	if got := write(t0.Add(time.Hour), encode(map[int]int{0: 1, 64: 1, 129: 1})); got != 3 {
		t.Fatalf("second batch changed %d, want 3", got)
	}
	snap, err := st.LatestSnapshot(ctx)
	if err != nil || snap.Changed != 3 {
		t.Fatalf("latest snapshot %+v (%v)", snap, err)
	}
	for _, i := range []int{0, 63, 64, 129} {
		h, _, err := st.LatestScore(ctx, ids[i])
		hist, herr := st.ScoreHistory(ctx, ids[i], 0)
		want, changes := 50+i%40, 1
		if i == 0 || i == 64 || i == 129 {
			want, changes = want+1, 2
		}
		if err != nil || herr != nil || h.Score != want || len(hist) != changes || h.ARR.AmountMinor != int64(i)*100 {
			t.Fatalf("account %d: score %d with %d changes (%v, %v), want %d with %d", i, h.Score, len(hist), err, herr, want, changes)
		}
	}
}

// errRollback makes a test's write transaction roll back.
var errRollback = errors.New("roll back")

// TestAddScoreMissingAccount: a score of an account that does not exist is
// a not-found error and writes no row (health_scores has no foreign key to
// refuse it).
func TestAddScoreMissingAccount(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	err := st.Write(ctx, func(tx *store.Tx) error {
		id, err := tx.BeginSnapshot(ctx, t0, domain.DefaultHealthSettings(), 1)
		if err != nil {
			return err
		}
		_, err = tx.AddScore(ctx, id, &domain.HealthScore{AccountID: 4242, Score: 42, Level: domain.RiskAtRisk,
			PaymentStatus: "active", ARR: domain.Money{Currency: "USD"}})
		return err
	})
	if domain.ErrorCode(err) != domain.ENotFound {
		t.Fatalf("err = %v, want not found", err)
	}
	if hist, err := st.ScoreHistory(ctx, 4242, 0); err != nil || len(hist) != 0 {
		t.Fatalf("history: %d rows (%v), want none", len(hist), err)
	}
}

// TestAddEncodedBatchMixesNewAndChangedAccounts writes one batch in which
// some accounts already have a current score (changed) and others get
// their first: every account ends with the batch's score as current, and
// the unchanged one keeps its row.
func TestAddEncodedBatchMixesNewAndChangedAccounts(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	var ids []int64
	err := st.Write(ctx, func(tx *store.Tx) error {
		for i := range 4 {
			a := domain.Account{Domain: fmt.Sprintf("mix%d.io", i), Name: fmt.Sprintf("Mix %d", i), Tracked: true, CreatedAt: t0}
			if err := tx.InsertAccount(ctx, &a); err != nil {
				return err
			}
			ids = append(ids, a.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	snapshot := func(at time.Time, scores map[int64]int) {
		t.Helper()
		err := st.Write(ctx, func(tx *store.Tx) error {
			id, err := tx.BeginSnapshot(ctx, at, domain.DefaultHealthSettings(), len(scores))
			if err != nil {
				return err
			}
			current, err := tx.CurrentHashes(ctx)
			if err != nil {
				return err
			}
			var rows []store.EncodedScore
			for _, acct := range ids {
				s, ok := scores[acct]
				if !ok {
					continue
				}
				e, err := store.EncodeScore(&domain.HealthScore{AccountID: acct, Score: s, Level: domain.RiskHealthy,
					PaymentStatus: "active", ARR: domain.Money{Currency: "USD"}})
				if err != nil {
					return err
				}
				rows = append(rows, e)
			}
			_, err = tx.AddEncodedBatch(ctx, id, rows, current)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	snapshot(t0, map[int64]int{ids[0]: 80, ids[1]: 81})
	snapshot(t0.Add(time.Hour), map[int64]int{ids[0]: 90, ids[1]: 81, ids[2]: 92, ids[3]: 93})
	for i, want := range []int{90, 81, 92, 93} {
		h, _, err := st.LatestScore(ctx, ids[i])
		if err != nil || h.Score != want {
			t.Errorf("account %d: current score %d (%v), want %d", i, h.Score, err, want)
		}
	}
	if hist, err := st.ScoreHistory(ctx, ids[1], 0); err != nil || len(hist) != 1 {
		t.Errorf("unchanged account: %d history rows (%v), want 1", len(hist), err)
	}
}
