package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// syncedModel is what a synced table should hold: row by external id.
type syncedModel map[string]syncedRow

type syncedRow struct {
	account int64
	data    string // the values the test varies
	key     string
	pass    int64
}

// TestSyncedUpsertsMatchTheModel upserts random chunks over random stored
// rows (unchanged rows, changed ones, new ones, repeated external ids, keys
// without a link or linked by an older pass, chunks of more than one
// statement) and checks every row and the written count against applying
// the chunk's rows one by one: a row whose key resolves is stored as sent,
// re-pointed and stamped; the others change nothing.
func TestSyncedUpsertsMatchTheModel(t *testing.T) {
	for seed := range uint64(150) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 7))
			ctx := context.Background()
			st := mustOpen(t)
			// Keys k0..k7 are linked (k0..k3 by pass 1, k4..k7 by pass 3);
			// k8 and k9 are not.
			links := map[string]int64{}
			linkPass := map[string]int64{}
			err := st.Write(ctx, func(tx *store.Tx) error {
				var accs []*domain.Account
				for i := range 8 {
					accs = append(accs, &domain.Account{Name: fmt.Sprint("k", i), Tracked: true, CreatedAt: t0})
				}
				if err := tx.InsertSyncedAccounts(ctx, stripeSrc, accs); err != nil {
					return err
				}
				for i, a := range accs {
					k, pass := fmt.Sprint("k", i), int64(1+2*(i/4))
					links[k], linkPass[k] = a.ID, pass
					if err := tx.LinkSyncedKeys(ctx, stripeSrc, []store.KeyLink{{Key: k, AccountID: a.ID}}, pass); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			revenue, acts := syncedModel{}, syncedModel{}
			randomRows := func(n, exts int) (ext, keys, data []string) {
				for range n {
					ext = append(ext, fmt.Sprint("x", rng.IntN(exts)))
					keys = append(keys, fmt.Sprint("k", rng.IntN(10)))
					data = append(data, fmt.Sprint("d", rng.IntN(3)))
				}
				return ext, keys, data
			}
			// Two rounds: the first stores rows, the second passes over them.
			for round, pass := range []int64{2, 4} {
				minPass := int64(0)
				if round == 1 && rng.IntN(2) == 0 {
					minPass = 3
				}
				n := 1 + rng.IntN(160)
				if round == 1 && rng.IntN(3) == 0 { // a pass over exactly what is stored
					n = 0
				}
				exts := 3 + rng.IntN(40)
				if rng.IntN(2) == 0 { // mostly distinct ids: chunks of new rows go in whole
					exts = 3 + rng.IntN(4000)
				}
				ext, keys, data := randomRows(n, exts)
				if n == 0 {
					for x, r := range revenue {
						ext, keys, data = append(ext, x), append(keys, r.key), append(data, r.data)
					}
				}
				wantRevenue, wantActs := applyModel(revenue, ext, keys, data, links, linkPass, pass, minPass),
					applyModel(acts, ext, keys, data, links, linkPass, 0, minPass)
				// The rows go in one call, or in two (as two pages of a sync
				// commit: the second call follows what the first left).
				split := len(ext)
				if rng.IntN(2) == 0 {
					split = rng.IntN(len(ext) + 1)
				}
				err := st.Write(ctx, func(tx *store.Tx) error {
					rs := make([]domain.RevenueSource, len(ext))
					as := make([]domain.Activity, len(ext))
					for i := range ext {
						rs[i] = domain.RevenueSource{ExternalID: ext[i], Product: data[i], Status: domain.StatusActive,
							Interval: domain.IntervalMonthly, Amount: domain.Money{AmountMinor: 100, Currency: "USD"}}
						as[i] = domain.Activity{ExternalID: ext[i], Kind: domain.ActivityPayment, Title: data[i], OccurredAt: t0}
					}
					gotRevenue, gotActs := 0, 0
					for _, part := range [][2]int{{0, split}, {split, len(ext)}} {
						lo, hi := part[0], part[1]
						n, err := tx.UpsertSyncedRevenue(ctx, stripeSrc, rs[lo:hi], keys[lo:hi], pass, minPass)
						if err != nil {
							return err
						}
						gotRevenue += n
						if n, err = tx.UpsertSyncedActivities(ctx, stripeSrc, as[lo:hi], keys[lo:hi], minPass); err != nil {
							return err
						}
						gotActs += n
					}
					if gotRevenue != wantRevenue || gotActs != wantActs {
						t.Errorf("round %d: written %d revenue, %d activities, want %d, %d", round, gotRevenue, gotActs,
							wantRevenue, wantActs)
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				checkModel(t, st, `SELECT external_id, account_id, product, sync_key, sync_pass FROM revenue_sources`, revenue)
				checkModel(t, st, `SELECT external_id, account_id, title, sync_key, 0 FROM activities`, acts)
			}
		})
	}
}

// applyModel applies rows to m one by one and returns how many resolved.
func applyModel(m syncedModel, ext, keys, data []string, links, linkPass map[string]int64, pass, minPass int64) int {
	n := 0
	for i := range ext {
		id, ok := links[keys[i]]
		if !ok || linkPass[keys[i]] < minPass {
			continue
		}
		m[ext[i]] = syncedRow{account: id, data: data[i], key: keys[i], pass: pass}
		n++
	}
	return n
}

func checkModel(t *testing.T, st *store.Store, query string, want syncedModel) {
	t.Helper()
	rows, err := st.DB().Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := syncedModel{}
	for rows.Next() {
		var ext string
		var r syncedRow
		if err := rows.Scan(&ext, &r.account, &r.data, &r.key, &r.pass); err != nil {
			t.Fatal(err)
		}
		got[ext] = r
	}
	if len(got) != len(want) {
		t.Errorf("%d rows stored, want %d", len(got), len(want))
	}
	for x, w := range want {
		if got[x] != w {
			t.Errorf("%s: stored %+v, want %+v", x, got[x], w)
		}
	}
}

// TestSyncedUpsertsCountRepeatedIDs passes over a stored row with a chunk
// that names it twice (changed, then as stored) beside a row whose key has
// no link: two rows are written, whatever the order of the statements.
func TestSyncedUpsertsCountRepeatedIDs(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	ids := syncedRows(t, st, 1, "a")
	rs := func(products ...string) []domain.RevenueSource {
		var out []domain.RevenueSource
		for i, p := range products {
			out = append(out, domain.RevenueSource{ExternalID: []string{"sub_a", "sub_a", "sub_z"}[i], Product: p,
				Status: domain.StatusActive, Interval: domain.IntervalMonthly, Amount: domain.Money{AmountMinor: 100, Currency: "USD"}})
		}
		return out
	}
	err := st.Write(ctx, func(tx *store.Tx) error {
		if n, err := tx.UpsertSyncedRevenue(ctx, stripeSrc, rs("changed", "", ""), []string{"a", "a", "nobody"}, 2, 0); err != nil || n != 2 {
			t.Errorf("revenue: %d written, want 2 (%v)", n, err)
		}
		acts := []domain.Activity{
			{ExternalID: "in_a/attempt/1", Kind: domain.ActivityPayment, Title: "changed", OccurredAt: t0},
			{ExternalID: "in_a/attempt/1", Kind: domain.ActivityPayment, OccurredAt: t0},
			{ExternalID: "in_z/attempt/1", Kind: domain.ActivityPayment, OccurredAt: t0},
		}
		if n, err := tx.UpsertSyncedActivities(ctx, stripeSrc, acts, []string{"a", "a", "nobody"}, 0); err != nil || n != 2 {
			t.Errorf("activities: %d written, want 2 (%v)", n, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkModel(t, st, `SELECT external_id, account_id, product, sync_key, sync_pass FROM revenue_sources`,
		syncedModel{"sub_a": {account: ids["a"], key: "a", pass: 2}})
	checkModel(t, st, `SELECT external_id, account_id, title, sync_key, 0 FROM activities`,
		syncedModel{"in_a/attempt/1": {account: ids["a"], key: "a"}})
}
