package convert

import (
	"time"

	"successdesk/backend/domain"
)

// now is a Wednesday; its week starts Monday 2026-11-23.
var now = time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)

var fx = domain.DefaultFXRates()

// weeks returns usage rows whose last count is now's week, the ones before
// it going back one week each.
func weeks(counts ...int) []domain.UsageWeek {
	return weeksEnding(domain.WeekStart(now), counts...)
}

// weeksEnding is weeks with the last count in the week starting last.
func weeksEnding(last time.Time, counts ...int) []domain.UsageWeek {
	out := make([]domain.UsageWeek, len(counts))
	for i, n := range counts {
		out[i] = domain.UsageWeek{AccountID: 1, WeekStart: last.AddDate(0, 0, -7*(len(counts)-1-i)), ActiveUsers: n}
	}
	return out
}

func inDays(d int) time.Time {
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, d)
}

// trial is a monthly Stripe trial of monthlyMinor USD a month for seats
// seats, ending endDays from now.
func trial(seats int, monthlyMinor int64, endDays int) domain.RevenueSource {
	return domain.RevenueSource{ID: 7, AccountID: 1, Source: domain.SourceStripe, ExternalID: "sub_T1", Product: "Pied Piper Pro",
		Status: domain.StatusTrialing, Interval: domain.IntervalMonthly, Amount: domain.Money{AmountMinor: monthlyMinor, Currency: "USD"},
		MRRMinor: monthlyMinor, ARRMinor: monthlyMinor * 12, Seats: seats, TermStart: inDays(endDays - 14), TrialEnd: inDays(endDays)}
}

// trialStarting is trial with its term starting startDays from now and
// ending endDays from now.
func trialStarting(seats int, monthlyMinor int64, startDays, endDays int) domain.RevenueSource {
	r := trial(seats, monthlyMinor, endDays)
	r.TermStart = inDays(startDays)
	return r
}

// order is an annual Salesbricks order of annualMinor USD with status st.
func order(st domain.RevenueStatus, seats int, annualMinor int64) domain.RevenueSource {
	return domain.RevenueSource{ID: 9, AccountID: 1, Source: domain.SourceSalesbricks, ExternalID: "sb_sub_O1", Product: "Pied Piper Enterprise",
		Status: st, Interval: domain.IntervalAnnual, Amount: domain.Money{AmountMinor: annualMinor, Currency: "USD"},
		MRRMinor: annualMinor / 12, ARRMinor: annualMinor, Seats: seats, TermStart: inDays(20), TermEnd: inDays(385)}
}

func company(d string) domain.Account {
	return domain.Account{ID: 1, Name: "Hooli", Domain: d, PrimaryEmail: "gavin@" + d}
}
