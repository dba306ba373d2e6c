package syncer_test

import (
	"strings"
	"testing"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// runBoundarySequence is a book's pages arranged around the places where a
// commit may not write consecutive pages as one run: a deletion followed by
// records, the end of a pass followed by an incremental page, a pass that
// starts on a page without accounts, and usage after plain records.
func runBoundarySequence() []connector.Page {
	acct := func(key string) connector.AccountRecord {
		return connector.AccountRecord{Key: key, Domain: key + ".example", Name: "Co " + key}
	}
	rev := func(key, sub string) connector.RevenueRecord {
		return connector.RevenueRecord{AccountKey: key, RevenueSource: domain.RevenueSource{ExternalID: sub, Product: "Pro",
			Status: domain.StatusActive, Interval: domain.IntervalMonthly, Amount: domain.Money{AmountMinor: 100, Currency: "USD"}}}
	}
	act := func(key, id string) connector.ActivityRecord {
		return connector.ActivityRecord{AccountKey: key, Activity: domain.Activity{ExternalID: id, Kind: domain.ActivityPayment,
			OccurredAt: t0, Title: "Paid " + id}}
	}
	usage := []connector.UsageRecord{{AccountKey: "c1", UsageWeek: domain.UsageWeek{WeekStart: domain.WeekStart(t0), ActiveUsers: 3}}}
	return []connector.Page{
		{Accounts: []connector.AccountRecord{acct("c0")}, Revenue: []connector.RevenueRecord{rev("c0", "s0")}, Next: "0"},
		{StartsFullPass: true, Accounts: []connector.AccountRecord{acct("c1"), acct("c2")}, Next: "1"},
		{Revenue: []connector.RevenueRecord{rev("c1", "s1")}, Next: "2"},
		{Deleted: []connector.Ref{{Kind: connector.RefRevenue, Key: "s1"}}, Next: "3"}, // s1 is gone
		{Revenue: []connector.RevenueRecord{rev("c2", "s2")}, Next: "4"},
		{Activities: []connector.ActivityRecord{act("c2", "e2")}, Usage: usage, Next: "5"},
		// The pass ends (c0 and s0 are swept); then an incremental page.
		{Activities: []connector.ActivityRecord{act("c1", "e1")}, Next: "6", Done: true, EndsFullPass: true},
		{Revenue: []connector.RevenueRecord{rev("c1", "s3")}, Next: "7"},
		// A pass whose first page has no accounts: s4's customer is not
		// delivered by this pass yet, so s4 is skipped.
		{StartsFullPass: true, Revenue: []connector.RevenueRecord{rev("c2", "s4")}, Next: "8"},
		{Accounts: []connector.AccountRecord{acct("c1"), acct("c2")}, Activities: []connector.ActivityRecord{act("c2", "e4")},
			Next: "9", Done: true},
	}
}

// TestPageRunsKeepPageOrder: commits that write consecutive pages as one
// run end the store as one page per commit does, at each boundary where a
// run must stop (see pageRuns).
func TestPageRunsKeepPageOrder(t *testing.T) {
	pages := runBoundarySequence()
	want := commitGroups(t, pages, []int{1})
	for _, gone := range []string{"s0", "s1", "s4", "c0.example"} {
		if strings.Contains(want, gone) {
			t.Fatalf("one page per commit keeps %s:\n%s", gone, want)
		}
	}
	for _, kept := range []string{"s2", "s3", "e1", "e2", "e4", "usage_series: "} {
		if !strings.Contains(want, kept) {
			t.Fatalf("one page per commit lost %s:\n%s", kept, want)
		}
	}
	for _, g := range [][]int{{len(pages)}, {4, 6}, {3}, {2, 5}} {
		if got := commitGroups(t, pages, g); got != want {
			t.Errorf("pages in commits of %v differ from one page per commit:\n got %s\nwant %s", g, got, want)
		}
	}
}
