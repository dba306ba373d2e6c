package scoring

import (
	"time"

	"successdesk/backend/domain"
)

// now is a Wednesday; its week starts Monday 2026-10-12.
var now = time.Date(2026, 10, 14, 15, 0, 0, 0, time.UTC)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// weeks returns usage rows whose last count is now's week, the ones before
// it going back one week each.
func weeks(counts ...int) []domain.UsageWeek {
	cur := domain.WeekStart(now)
	out := make([]domain.UsageWeek, len(counts))
	for i, n := range counts {
		out[i] = domain.UsageWeek{AccountID: 1, WeekStart: cur.AddDate(0, 0, -7*(len(counts)-1-i)), ActiveUsers: n}
	}
	return out
}

// contract is an annual USD 12,000 Salesbricks contract.
func contract(ext string, st domain.RevenueStatus, seats int, start, end time.Time) domain.RevenueSource {
	return domain.RevenueSource{ID: 1, AccountID: 1, Source: domain.SourceSalesbricks, ExternalID: ext, Product: "Pro",
		Status: st, Interval: domain.IntervalAnnual, Amount: usd(1_200_000), MRRMinor: 100_000, ARRMinor: 1_200_000,
		Seats: seats, TermStart: start, TermEnd: end}
}

// subscription is a monthly Stripe subscription of amount minor units.
func subscription(ext string, st domain.RevenueStatus, m domain.Money, seats int, start, end time.Time) domain.RevenueSource {
	return domain.RevenueSource{ID: 2, AccountID: 1, Source: domain.SourceStripe, ExternalID: ext, Product: "Team",
		Status: st, Interval: domain.IntervalMonthly, Amount: m, MRRMinor: m.AmountMinor, ARRMinor: m.AmountMinor * 12,
		Seats: seats, TermStart: start, TermEnd: end}
}

func usd(minor int64) domain.Money { return domain.Money{AmountMinor: minor, Currency: "USD"} }

func paidInvoice(ext string, issued time.Time) domain.Invoice {
	return domain.Invoice{AccountID: 1, Source: domain.SourceStripe, ExternalID: ext, Status: domain.InvoicePaid,
		AmountDue: usd(120_000), AmountPaidMinor: 120_000, IssuedAt: issued, DueAt: issued.AddDate(0, 0, 30),
		PaidAt: issued.AddDate(0, 0, 2), Attempts: 1}
}

func openInvoice(ext string, amount int64, issued, due time.Time) domain.Invoice {
	return domain.Invoice{AccountID: 1, Source: domain.SourceStripe, ExternalID: ext, Status: domain.InvoiceOpen,
		AmountDue: usd(amount), IssuedAt: issued, DueAt: due}
}

func signal(ext string, kind domain.SignalKind, at time.Time, title string) domain.Activity {
	return domain.Activity{AccountID: 1, Source: domain.SourceBuildBetter, ExternalID: ext, Kind: domain.ActivitySignal,
		Signal: kind, OccurredAt: at, Title: title}
}

func npsSignal(ext string, score int, at time.Time) domain.Activity {
	a := signal(ext, domain.SignalNPS, at, "Quarterly NPS survey")
	a.Score = &score
	return a
}

// neutral is an account that triggers no factor: 15 of 25 seats active every
// week, a contract renewing in 2027, paid invoices and no signals.
func neutral() *domain.AccountFacts {
	return &domain.AccountFacts{
		Account: domain.Account{ID: 1, Domain: "hooli.com", Name: "Hooli", Tracked: true},
		Revenue: []domain.RevenueSource{contract("C-1", domain.StatusActive, 25, date(2026, 1, 1), date(2027, 1, 1))},
		Invoices: []domain.Invoice{
			paidInvoice("in_2", date(2026, 7, 1)),
			paidInvoice("in_1", date(2026, 1, 1)),
		},
		Usage:          weeks(15, 15, 15, 15, 15, 15),
		LastActivityAt: date(2026, 10, 10),
	}
}

// with returns neutral() changed by fn.
func with(fn func(f *domain.AccountFacts)) *domain.AccountFacts {
	f := neutral()
	fn(f)
	return f
}
