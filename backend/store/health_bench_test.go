package store_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"testing"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

var (
	benchOnce  sync.Once
	benchStore *store.Store
	benchErr   error
)

// benchBook writes 100,000 accounts and one snapshot once per test binary.
func benchBook(b *testing.B) *store.Store {
	benchOnce.Do(func() {
		ctx := context.Background()
		dir, err := mkdirTemp()
		if err != nil {
			benchErr = err
			return
		}
		st, err := store.Open(ctx, filepath.Join(dir, "bench.db"))
		if err != nil {
			benchErr = err
			return
		}
		rng := rand.New(rand.NewPCG(1, 2))
		cut := domain.DefaultHealthSettings().Cutoffs
		const n = 100_000
		benchErr = st.Write(ctx, func(tx *store.Tx) error {
			snap, err := tx.BeginSnapshot(ctx, t0, domain.DefaultHealthSettings(), n)
			if err != nil {
				return err
			}
			for i := 0; i < n; i++ {
				d := fmt.Sprintf("company%06d.com", i)
				a := domain.Account{Domain: d, Name: fmt.Sprintf("Company %06d Labs", i), PrimaryEmail: "ops@" + d,
					Tracked: i%33 != 0, CreatedAt: t0}
				if err := tx.InsertAccount(ctx, &a, "cs@"+d); err != nil {
					return err
				}
				score := 100 - int(rng.ExpFloat64()*18)
				if score < 0 {
					score = 0
				}
				fs := []domain.RiskFactor{{Code: "low_adoption", Category: domain.CategoryAdoption, Label: "Low product adoption",
					Points: -8, Base: -8, Detail: "9 of 25 licensed users active this week (36%)"}}
				users := rng.IntN(50)
				h := domain.HealthScore{AccountID: a.ID, Score: score, Level: cut.Level(score), Factors: fs, ActiveUsers: &users,
					LicensedUsers: 50, ARR: domain.Money{AmountMinor: int64(rng.IntN(400_000_00)), Currency: "USD"},
					RenewalAt: t0.AddDate(0, 0, rng.IntN(365)), PaymentStatus: "active"}
				h.ARRBaseMinor = h.ARR.AmountMinor
				if _, err := tx.AddScore(ctx, snap, &h); err != nil {
					return err
				}
			}
			return nil
		})
		benchStore = st
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchStore
}

var benchDirs []string

func mkdirTemp() (string, error) {
	dir := filepath.Join(osTempDir(), fmt.Sprintf("successdesk-bench-%d", rand.Int64()))
	benchDirs = append(benchDirs, dir)
	return dir, nil
}

// The page query the Health table runs: critical filter, a search, ARR sort, one page.
var benchQuery = store.HealthQuery{Risk: domain.RiskCritical, Search: "labs", Sort: store.SortARR, Desc: true, Limit: 100,
	PinSection: domain.SectionHealth}

func BenchmarkListHealth100k(b *testing.B) {
	st := benchBook(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		st.ResetCaches() // measure the count too, as on a new filter or search
		p, err := st.ListHealth(ctx, benchQuery)
		if err != nil || len(p.Rows) != 100 {
			b.Fatalf("rows %d err %v", len(p.Rows), err)
		}
	}
}

// BenchmarkListHealthRawSQL100k runs the same filter, search, sort and page
// straight through database/sql, scanning only primitives: the floor the
// store's query is measured against.
func BenchmarkListHealthRawSQL100k(b *testing.B) {
	st := benchBook(b)
	ctx := context.Background()
	db := st.DB()
	// A level is filtered as the store filters it: the score range the
	// snapshot's cut-offs give it, and the level.
	snap, err := st.LatestSnapshot(ctx)
	if err != nil {
		b.Fatal(err)
	}
	where := fmt.Sprintf(`c.tracked = 1 AND c.score >= %d AND c.score < %d AND c.level = 'critical' AND c.search_text LIKE '%%labs%%'`,
		math.MinInt32, snap.Settings.Cutoffs.Critical)
	b.ResetTimer()
	for b.Loop() {
		var total int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM health_current c WHERE `+where).Scan(&total); err != nil {
			b.Fatal(err)
		}
		rows, err := db.QueryContext(ctx, `SELECT a.id, a.name, a.domain, h.score, h.level, h.factors_json, h.arr_minor,
			h.arr_base_minor, h.renewal_at FROM health_current c
			JOIN health_scores h ON h.snapshot_id = c.snapshot_id AND h.account_id = c.account_id
			JOIN accounts a ON a.id = c.account_id
			WHERE `+where+` ORDER BY c.arr_base_minor DESC, c.account_id LIMIT 100`)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			var id, arr, base int64
			var name, domain, level, factors, renewal string
			var score int
			if err := rows.Scan(&id, &name, &domain, &score, &level, &factors, &arr, &base, &renewal); err != nil {
				b.Fatal(err)
			}
			n++
		}
		rows.Close()
		if n != 100 {
			b.Fatalf("rows %d", n)
		}
	}
}

// BenchmarkSearchHealth100k is a selective search over the whole book (no
// risk filter), the trigram-index path.
func BenchmarkSearchHealth100k(b *testing.B) {
	st := benchBook(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		st.ResetCaches()
		p, err := st.ListHealth(ctx, store.HealthQuery{Search: "company0123", Sort: store.SortScore, Limit: 100,
			PinSection: domain.SectionHealth})
		if err != nil || p.Total == 0 {
			b.Fatalf("total %d err %v", p.Total, err)
		}
	}
}

// BenchmarkSearchHealthRawSQL100k is the same selective search with LIKE.
func BenchmarkSearchHealthRawSQL100k(b *testing.B) {
	st := benchBook(b)
	ctx := context.Background()
	db := st.DB()
	b.ResetTimer()
	for b.Loop() {
		var total int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM health_current c WHERE c.tracked = 1
			AND c.search_text LIKE '%company0123%'`).Scan(&total); err != nil || total == 0 {
			b.Fatal(err)
		}
	}
}

func BenchmarkSummarizeHealth100k(b *testing.B) {
	st := benchBook(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		st.ResetCaches()
		if _, err := st.SummarizeHealth(ctx, store.HealthQuery{}, t0); err != nil {
			b.Fatal(err)
		}
	}
}
