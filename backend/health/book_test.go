package health

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"path/filepath"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// bookStats counts the rows seedBook wrote.
type bookStats struct{ accounts, revenue, invoices, usage, activities int }

func (s bookStats) String() string {
	return fmt.Sprintf("%d accounts, %d revenue sources, %d invoices, %d usage weeks, %d activities",
		s.accounts, s.revenue, s.invoices, s.usage, s.activities)
}

// seedBook inserts n synthetic accounts as of now into the empty store st
// with prepared INSERTs on a connection of its own, 5,000 accounts per
// transaction (the Tx upserts re-parse their SQL per row, which makes a 100k
// book take minutes). st must not write meanwhile. The mix is deterministic
// for a seed: per account about 1.15 revenue sources (most active, some
// trialing, past due, canceled or expired; some in EUR or GBP), 4 quarterly
// invoices (some open, past due or failed), 13 usage weeks for 9 in 10
// accounts, one call and 0–3 signals.
func seedBook(ctx context.Context, st *store.Store, n int, now time.Time, seed uint64) (bookStats, error) {
	db, err := openWriter(st.Path())
	if err != nil {
		return bookStats{}, err
	}
	defer db.Close()
	rng := rand.New(rand.NewPCG(seed, 7))
	var stats bookStats
	const batch = 5000
	for start := 0; start < n; start += batch {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return stats, err
		}
		ld, err := newLoader(ctx, tx)
		if err != nil {
			tx.Rollback()
			return stats, err
		}
		for i := start; i < min(start+batch, n); i++ {
			if err = seedAccount(ld, rng, i, now, &stats); err != nil {
				err = fmt.Errorf("account %d: %w", i, err)
				break
			}
		}
		ld.close()
		if err != nil {
			tx.Rollback()
			return stats, err
		}
		if err := tx.Commit(); err != nil {
			return stats, err
		}
	}
	return stats, nil
}

// openWriter opens one write connection on the SQLite file at path with the
// pragmas the store uses for its own writer.
func openWriter(path string) (*sql.DB, error) {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(5000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(ON)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

var seedStatuses = []domain.RevenueStatus{domain.StatusActive, domain.StatusActive, domain.StatusActive, domain.StatusActive,
	domain.StatusActive, domain.StatusActive, domain.StatusActive, domain.StatusActive, domain.StatusActive, domain.StatusActive,
	domain.StatusActive, domain.StatusActive, domain.StatusActive, domain.StatusActive, domain.StatusActive, domain.StatusActive,
	domain.StatusTrialing, domain.StatusPastDue, domain.StatusCanceled, domain.StatusExpired}

func seedAccount(ld *loader, rng *rand.Rand, i int, now time.Time, stats *bookStats) error {
	day := func(d int) time.Time { return now.AddDate(0, 0, d).Truncate(time.Second) }
	d := fmt.Sprintf("acct%07d.example", i)
	a := domain.Account{ID: int64(i + 1), Domain: d, Name: fmt.Sprintf("Account %07d", i), PrimaryEmail: "ops@" + d,
		Tracked: i%25 != 0, CreatedAt: day(-700)}
	if err := ld.account(&a); err != nil {
		return err
	}
	stats.accounts++

	seats := 5 + rng.IntN(120)
	var rs []domain.RevenueSource
	if rng.IntN(20) != 0 {
		st := seedStatuses[rng.IntN(len(seedStatuses))]
		amount := int64(seats) * 30_000
		rs = append(rs, domain.RevenueSource{AccountID: a.ID, Source: domain.SourceSalesbricks, ExternalID: "sb_" + d,
			Product: "Platform", Status: st, Interval: domain.IntervalAnnual, Amount: domain.Money{AmountMinor: amount, Currency: "USD"},
			MRRMinor: domain.NormalizeMRR(amount, domain.IntervalAnnual), ARRMinor: amount, Seats: seats,
			TermStart: day(-300 + rng.IntN(200)), TermEnd: day(-60 + rng.IntN(420)), CancelAtPeriodEnd: rng.IntN(40) == 0})
		if rng.IntN(7) == 0 {
			cur := []string{"EUR", "GBP", "USD"}[rng.IntN(3)]
			amt := int64(50_00 + rng.IntN(500_00))
			rs = append(rs, domain.RevenueSource{AccountID: a.ID, Source: domain.SourceStripe, ExternalID: "sub_" + d,
				Product: "Add-on", Status: domain.StatusActive, Interval: domain.IntervalMonthly,
				Amount: domain.Money{AmountMinor: amt, Currency: cur}, MRRMinor: amt, ARRMinor: amt * 12, Seats: 2,
				TermStart: day(-20), TermEnd: day(10)})
		}
	}
	for k := range rs {
		if err := ld.revenue(&rs[k]); err != nil {
			return err
		}
		stats.revenue++
	}

	for q := range 4 {
		issued := day(-90*q - rng.IntN(30))
		inv := domain.Invoice{AccountID: a.ID, Source: domain.SourceStripe, ExternalID: fmt.Sprintf("in_%s_%d", d, q),
			Status: domain.InvoicePaid, AmountDue: domain.Money{AmountMinor: int64(seats) * 7_500, Currency: "USD"},
			IssuedAt: issued, DueAt: issued.AddDate(0, 0, 30), Attempts: 1}
		switch r := rng.IntN(40); {
		case q == 0 && r < 3:
			inv.Status = domain.InvoiceOpen
		case q == 0 && r < 5:
			inv.Status, inv.Attempts, inv.LastFailureAt, inv.FailureReason = domain.InvoiceFailed, 2, issued.AddDate(0, 0, 3), "card_declined"
		default:
			inv.PaidAt, inv.AmountPaidMinor = issued.AddDate(0, 0, 5), inv.AmountDue.AmountMinor
		}
		if len(rs) > 0 {
			inv.RevenueSourceID = rs[0].ID
		}
		if err := ld.invoice(&inv); err != nil {
			return err
		}
		stats.invoices++
	}

	if rng.IntN(10) != 0 {
		level := rng.Float64() * 1.1
		trend := 1 - rng.Float64()*0.06
		users := float64(seats) * level
		cur := domain.WeekStart(now)
		for w := 12; w >= 0; w-- {
			if err := ld.usage(domain.UsageWeek{AccountID: a.ID, WeekStart: cur.AddDate(0, 0, -7*w),
				ActiveUsers: int(users)}); err != nil {
				return err
			}
			users *= trend
			stats.usage++
		}
	}

	acts := []domain.Activity{{Kind: domain.ActivityCall, OccurredAt: day(-rng.IntN(60)), Title: "Check-in call"}}
	for range rng.IntN(4) {
		sg := domain.Activity{Kind: domain.ActivitySignal, OccurredAt: day(-rng.IntN(90)), Title: "Signal from a call"}
		switch rng.IntN(4) {
		case 0:
			sg.Signal = domain.SignalComplaint
		case 1:
			sg.Signal = domain.SignalEscalation
		case 2:
			sg.Signal, sg.Score = domain.SignalNPS, new(rng.IntN(11))
		default:
			sg.Signal = domain.SignalPraise
		}
		acts = append(acts, sg)
	}
	for k := range acts {
		acts[k].AccountID, acts[k].Source, acts[k].ExternalID = a.ID, domain.SourceBuildBetter, fmt.Sprintf("bb_%s_%d", d, k)
		if err := ld.activity(&acts[k]); err != nil {
			return err
		}
		stats.activities++
	}
	return nil
}
