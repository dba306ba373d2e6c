package scoring

import (
	"math"
	"reflect"
	"testing"
	"time"

	"successdesk/backend/domain"
)

// fuzzFacts builds an account from fuzzed numbers. Day offsets are relative
// to now and bounded so times stay representable.
func fuzzFacts(seats int32, users [4]int32, gap uint8, status uint8, termDays int16, cancelAtEnd bool,
	dueDays, failDays, paidDays int16, nEsc, nCmp uint8, nps int8, npsDays int16) *domain.AccountFacts {
	at := func(d int16) time.Time { return now.AddDate(0, 0, int(d)) }
	f := &domain.AccountFacts{Account: domain.Account{ID: 7, Name: "Fuzz"}}
	cur := domain.WeekStart(now)
	for i, n := range users {
		if gap&(1<<i) != 0 { // leave this week out
			continue
		}
		f.Usage = append(f.Usage, domain.UsageWeek{AccountID: 7, WeekStart: cur.AddDate(0, 0, -7*(3-i)), ActiveUsers: int(n)})
	}
	if gap&0x10 != 0 { // a future week, out of order
		f.Usage = append(f.Usage, domain.UsageWeek{AccountID: 7, WeekStart: cur.AddDate(0, 0, 7)})
	}
	if status != 0xff {
		st := domain.RevenueStatuses[int(status)%len(domain.RevenueStatuses)]
		r := contract("C-F", st, int(seats), at(-200), at(termDays))
		r.CancelAtPeriodEnd = cancelAtEnd
		if gap&0x20 != 0 {
			r.TermEnd = time.Time{}
		}
		eur := subscription("sub_F", domain.StatusActive, domain.Money{AmountMinor: int64(seats) * 100, Currency: "EUR"}, 3, at(-40), at(termDays/2))
		f.Revenue = append(f.Revenue, r, eur)
	}
	if gap&0x40 == 0 {
		inv := openInvoice("in_F", int64(seats)*1000, at(dueDays-30), at(dueDays))
		if failDays != 0 {
			inv.Status, inv.LastFailureAt, inv.FailureReason = domain.InvoiceFailed, at(failDays), "declined"
		}
		if paidDays%3 == 0 {
			inv.Status, inv.PaidAt, inv.AmountPaidMinor = domain.InvoicePaid, at(paidDays), inv.AmountDue.AmountMinor
		}
		f.Invoices = append(f.Invoices, inv)
	}
	for i := range int(nEsc % 8) {
		f.Signals = append(f.Signals, signal("esc", domain.SignalEscalation, at(int16(-i*5)), "x"))
	}
	for i := range int(nCmp % 8) {
		f.Signals = append(f.Signals, signal("cmp", domain.SignalComplaint, at(int16(-i*7+3)), ""))
	}
	f.Signals = append(f.Signals, npsSignal("nps", int(nps), at(npsDays)))
	f.LastActivityAt = at(npsDays)
	return f
}

func FuzzHealth(f *testing.F) {
	f.Add(int32(25), int32(20), int32(20), int32(20), int32(5), uint8(0), uint8(0), int16(30), false,
		int16(-10), int16(-3), int16(1), uint8(1), uint8(2), int8(3), int16(-10), int8(35), int8(25), int8(20), int8(20), int8(40), int8(70))
	f.Add(int32(0), int32(0), int32(0), int32(0), int32(0), uint8(0x7f), uint8(3), int16(-5), true,
		int16(5), int16(0), int16(3), uint8(9), uint8(9), int8(10), int16(-100), int8(0), int8(100), int8(0), int8(0), int8(1), int8(2))
	f.Add(int32(-3), int32(-1), int32(2), int32(1<<30), int32(7), uint8(0x35), uint8(0xff), int16(0), false,
		int16(0), int16(5), int16(-6), uint8(0), uint8(0), int8(-4), int16(2), int8(-5), int8(0), int8(0), int8(0), int8(90), int8(10))
	f.Fuzz(func(t *testing.T, seats, u0, u1, u2, u3 int32, gap, status uint8, termDays int16, cancelAtEnd bool,
		dueDays, failDays, paidDays int16, nEsc, nCmp uint8, nps int8, npsDays int16, wA, wP, wR, wS, crit, atRisk int8) {
		facts := fuzzFacts(seats, [4]int32{u0, u1, u2, u3}, gap, status, termDays, cancelAtEnd, dueDays, failDays, paidDays,
			nEsc, nCmp, nps, npsDays)
		before := deepCopy(facts)
		s := domain.HealthSettings{Weights: domain.Weights{Adoption: int(wA), Payment: int(wP), Renewal: int(wR), Signals: int(wS)},
			Cutoffs: domain.Cutoffs{Critical: int(crit), AtRisk: int(atRisk)}}
		h := Health(facts, s, domain.DefaultFXRates(), now)

		if h.Score < 0 || h.Score > 100 {
			t.Fatalf("score %d out of 0..100", h.Score)
		}
		if h.Level != s.Cutoffs.Level(h.Score) {
			t.Fatalf("level %s, cut-offs say %s for %d", h.Level, s.Cutoffs.Level(h.Score), h.Score)
		}
		sum := 0
		for i, fc := range h.Factors {
			sum += fc.Points
			if fc.Points == 0 {
				t.Fatalf("factor %s kept with 0 points", fc.Code)
			}
			if sp := spec(fc.Code); sp.Category != fc.Category || sp.Label != fc.Label {
				t.Fatalf("factor %s has category %s label %q, catalogue says %s %q", fc.Code, fc.Category, fc.Label, sp.Category, sp.Label)
			}
			if fc.Detail == "" || len(fc.Evidence) == 0 || len(fc.Evidence) > maxEvidence {
				t.Fatalf("factor %s: detail %q with %d evidence items", fc.Code, fc.Detail, len(fc.Evidence))
			}
			if i > 0 && (h.Factors[i-1].Points > fc.Points || (h.Factors[i-1].Points == fc.Points && h.Factors[i-1].Code > fc.Code)) {
				t.Fatalf("factors not sorted at %d: %v", i, h.Factors)
			}
		}
		if want := min(max(100+sum, 0), 100); h.Score != want {
			t.Fatalf("score %d, but 100%+d clamps to %d", h.Score, sum, want)
		}
		if h.TrendPct != nil && (math.IsNaN(*h.TrendPct) || math.IsInf(*h.TrendPct, 0)) {
			t.Fatalf("trend %v", *h.TrendPct)
		}
		if h.ActiveUsers != nil && *h.ActiveUsers < 0 || h.LicensedUsers < 0 {
			t.Fatalf("negative users: %v of %d", h.ActiveUsers, h.LicensedUsers)
		}
		hasUsage := false
		for _, u := range facts.Usage {
			hasUsage = hasUsage || !u.WeekStart.After(now)
		}
		if (h.ActiveUsers != nil) != hasUsage {
			t.Fatalf("active users %v, but usage up to now exists: %v", h.ActiveUsers, hasUsage)
		}
		for _, m := range h.Missing {
			categoryIndex(m.Category) // panics on an unknown category
		}
		if !reflect.DeepEqual(before, facts) {
			t.Fatal("Health changed its input facts")
		}
	})
}
