package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// ConvertBook writes, in tx, the Convert benchmarks' book: 85,000 accounts,
// each with a main record (one in ten a Stripe trial, one in 25 a
// Salesbricks draft or pending order, the others a contract in a settled
// status) and 15,000 extra records (Stripe add-ons, and draft expansion
// orders of paying accounts): 100,000 contracts. Candidate accounts get
// eight usage weeks and up to four conversations, the others two weeks and
// up to one; 50 accounts are routed to Convert. It returns how many
// candidate records (trialing, pending or draft) it holds.
func ConvertBook(ctx context.Context, tx *store.Tx, now time.Time) (int, error) {
	const accounts, extras = 85_000, 15_000
	rng := rand.New(rand.NewPCG(3, 5))
	wk := domain.WeekStart(now)
	cands, extra, ext := 0, 0, 0
	money := func(minor int64) domain.Money {
		return domain.Money{AmountMinor: minor, Currency: []string{"USD", "USD", "EUR", "GBP"}[rng.IntN(4)]}
	}
	rev := func(a int64, src domain.Source, st domain.RevenueStatus, monthly int64, seats int, trialEnd time.Time) error {
		ext++
		r := domain.RevenueSource{AccountID: a, Source: src, ExternalID: fmt.Sprintf("rec_%07d", ext), Product: "Pied Piper Pro",
			Status: st, Interval: domain.IntervalMonthly, Amount: money(monthly), MRRMinor: monthly, ARRMinor: monthly * 12,
			Seats: seats, TermStart: now.AddDate(0, -rng.IntN(24), -rng.IntN(28)), TrialEnd: trialEnd}
		if st == domain.StatusTrialing || st == domain.StatusPending || st == domain.StatusDraft {
			cands++
		}
		return tx.UpsertRevenueSource(ctx, &r)
	}
	for i := 0; i < accounts; i++ {
		d := fmt.Sprintf("company%06d.com", i)
		a := domain.Account{Domain: d, Name: fmt.Sprintf("Company %06d Labs", i), PrimaryEmail: "ops@" + d, Tracked: true, CreatedAt: now}
		if i%50 == 7 {
			a.Domain, a.PrimaryEmail = "", fmt.Sprintf("founder%d@gmail.com", i)
		}
		if err := tx.InsertAccount(ctx, &a); err != nil {
			return 0, err
		}
		seats, monthly := 5+rng.IntN(60), int64(2_000+rng.IntN(400_000))
		cand := true
		var err error
		switch k := i % 100; {
		case k < 10:
			err = rev(a.ID, domain.SourceStripe, domain.StatusTrialing, monthly, seats, now.AddDate(0, 0, rng.IntN(30)-3))
		case k < 14:
			err = rev(a.ID, domain.SourceSalesbricks, []domain.RevenueStatus{domain.StatusDraft, domain.StatusPending}[k%2], monthly, seats, time.Time{})
		default:
			cand = false
			st := []domain.RevenueStatus{domain.StatusActive, domain.StatusActive, domain.StatusActive, domain.StatusPastDue,
				domain.StatusCanceled, domain.StatusExpired}[rng.IntN(6)]
			err = rev(a.ID, domain.SourceSalesbricks, st, monthly, seats, time.Time{})
			if err == nil && extra < extras && k >= 20 {
				extra++
				if extra%3 == 0 {
					err = rev(a.ID, domain.SourceSalesbricks, domain.StatusDraft, monthly/4, seats/4, time.Time{})
				} else {
					err = rev(a.ID, domain.SourceStripe, domain.StatusActive, 29_900, 0, time.Time{})
				}
			}
		}
		if err != nil {
			return 0, err
		}
		nweeks := 2
		if cand {
			nweeks = 8
		}
		users := rng.IntN(seats + 1)
		for w := nweeks - 1; w >= 0; w-- {
			users = max(0, users+rng.IntN(7)-3)
			if err := tx.ReplaceUsageWeek(ctx, domain.UsageWeek{AccountID: a.ID, WeekStart: wk.AddDate(0, 0, -7*w), ActiveUsers: users}); err != nil {
				return 0, err
			}
		}
		nact := rng.IntN(2)
		if cand {
			nact = rng.IntN(5)
		}
		for j := 0; j < nact; j++ {
			x := domain.Activity{AccountID: a.ID, Source: domain.SourceBuildBetter, ExternalID: fmt.Sprintf("act_%d_%d", i, j),
				OccurredAt: now.Add(-time.Duration(rng.IntN(20*24)) * time.Hour), Title: "Weekly sync"}
			switch rng.IntN(6) {
			case 0, 1:
				x.Kind = domain.ActivityCall
			case 2, 3:
				x.Kind = domain.ActivityEmail
			case 4:
				x.Kind, x.Signal = domain.ActivitySignal, domain.SignalFeatureRequest
			default:
				x.Kind, x.Signal = domain.ActivitySignal, domain.SignalComplaint
			}
			if err := tx.UpsertActivity(ctx, &x); err != nil {
				return 0, err
			}
		}
		if i%1700 == 3 || i%1700 == 20 { // 50 routes: trials, and accounts without a candidate record
			r := domain.Route{AccountID: a.ID, From: domain.SectionHealth, To: domain.SectionConvert, Reason: "Asked about upgrading", CreatedAt: now}
			if err := tx.InsertRoute(ctx, &r); err != nil {
				return 0, err
			}
		}
	}
	return cands, nil
}
