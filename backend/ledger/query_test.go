package ledger

import (
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	"successdesk/backend/domain"
)

// book is a small ledger with one row of every kind the filters tell apart:
//
//	rs:1+2 Hooli       Pro (merged, amounts differ)  active, annual, renews in 165 days
//	rs:3   Hooli       Storage (Stripe)              past_due, monthly, renews in 12 days
//	rs:4   Pied Piper  Team (Salesbricks)            trialing, renews in 25 days
//	rs:5   Raviga      Scale (Salesbricks, JPY)      active, renews in 30 days
//	rs:6   Raviga      Support (Stripe)              canceled, ended 5 days ago
//	rs:7   Endframe    Enterprise (Salesbricks)      pending, no renewal date
//	rs:8   Bachmanity  Pro (Stripe, GBP)             active, renews in 31 days
func book() *Ledger {
	pro := sb(1, "Pro", domain.StatusActive, domain.IntervalAnnual, 1_200_000, "USD")
	proSub := st(2, "Pro", domain.StatusActive, domain.IntervalAnnual, 1_000_000, "USD")
	storage := st(3, "Storage", domain.StatusPastDue, domain.IntervalMonthly, 29_900, "USD")
	storage.TermEnd = day(12)
	team := sb(4, "Team", domain.StatusTrialing, domain.IntervalAnnual, 600_000, "USD")
	team.TermEnd, team.TrialEnd = day(25), day(10)
	scale := sb(5, "Scale", domain.StatusActive, domain.IntervalAnnual, 3_600_000, "JPY")
	scale.TermEnd = day(30)
	support := st(6, "Support", domain.StatusCanceled, domain.IntervalMonthly, 50_000, "USD")
	support.TermEnd = day(-5)
	ent := sb(7, "Enterprise", domain.StatusPending, domain.IntervalAnnual, 9_000_000, "USD")
	ent.TermEnd = time.Time{}
	bach := st(8, "Pro", domain.StatusActive, domain.IntervalMonthly, 40_000, "GBP")
	bach.TermEnd = day(31)
	return build(
		Input{Account: Account{ID: 1, Name: "Hooli", Domain: "hooli.com", Email: "gavin@hooli.com"}, Records: []Record{pro, proSub, storage}},
		Input{Account: Account{ID: 2, Name: "Pied Piper", Domain: "piedpiper.com", Email: "richard@piedpiper.com"}, Records: []Record{team}},
		Input{Account: Account{ID: 3, Name: "Raviga", Domain: "raviga.vc", Email: "laurie@raviga.vc"}, Records: []Record{scale, support}},
		Input{Account: Account{ID: 4, Name: "Endframe", Domain: "endframe.io", Email: "ops@endframe.io",
			Search: "endframe endframe.io ops@endframe.io dana@contoso.example"}, Records: []Record{ent}},
		Input{Account: Account{ID: 5, Name: "bachmanity", Domain: "bachmanity.com", Email: "erlich@bachmanity.com"}, Records: []Record{bach}},
	)
}

func keys(rows []*Row) []string {
	out := []string{}
	for _, r := range rows {
		out = append(out, r.Key)
	}
	return out
}

func TestFilters(t *testing.T) {
	l := book()
	for _, tc := range []struct {
		name string
		f    Filter
		want []string // in the default order: running rows by renewal, then the others, unknown last
	}{
		{"all", Filter{}, []string{"rs:3", "rs:4", "rs:5", "rs:8", "rs:1+2", "rs:6", "rs:7"}},
		{"active", Filter{Status: "active"}, []string{"rs:5", "rs:8", "rs:1+2"}},
		{"past due", Filter{Status: "past_due"}, []string{"rs:3"}},
		{"trialing", Filter{Status: "trialing"}, []string{"rs:4"}},
		{"canceled", Filter{Status: "canceled"}, []string{"rs:6"}},
		{"pending", Filter{Status: "pending"}, []string{"rs:7"}},
		{"draft", Filter{Status: "draft"}, []string{}},
		{"expiring in 30 days: live, 0 to 30 days", Filter{Status: StatusExpiring30}, []string{"rs:3", "rs:4", "rs:5"}},
		{"Salesbricks includes merged", Filter{Source: "salesbricks"}, []string{"rs:4", "rs:5", "rs:1+2", "rs:7"}},
		{"Stripe includes merged", Filter{Source: "stripe"}, []string{"rs:3", "rs:8", "rs:1+2", "rs:6"}},
		{"mismatched", Filter{Mismatched: true}, []string{"rs:1+2"}},
		{"search name, any case", Filter{Search: "  HOOLI "}, []string{"rs:3", "rs:1+2"}},
		{"search e-mail", Filter{Search: "laurie@"}, []string{"rs:5", "rs:6"}},
		{"search domain", Filter{Search: "piedpiper.com"}, []string{"rs:4"}},
		{"search a contact e-mail", Filter{Search: "contoso"}, []string{"rs:7"}},
		{"search product", Filter{Search: "pro"}, []string{"rs:8", "rs:1+2"}},
		{"search and status and source", Filter{Search: "pro", Status: "active", Source: "stripe"}, []string{"rs:8", "rs:1+2"}},
		{"no match", Filter{Search: "nucleus"}, []string{}},
	} {
		got := keys(l.All(Query{Filter: tc.f}))
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
		if _, total := l.Page(Query{Filter: tc.f, Limit: 2}); total != len(tc.want) {
			t.Errorf("%s: total %d, want %d", tc.name, total, len(tc.want))
		}
	}
}

func TestSortOrders(t *testing.T) {
	l := book()
	for _, tc := range []struct {
		sort string
		desc bool
		want []string
	}{
		// Upcoming: running rows by renewal, then the others latest first.
		{"", false, []string{"rs:3", "rs:4", "rs:5", "rs:8", "rs:1+2", "rs:6", "rs:7"}},
		{SortRenewal, false, []string{"rs:6", "rs:3", "rs:4", "rs:5", "rs:8", "rs:1+2", "rs:7"}},
		// Unknown renewal dates stay last in both directions.
		{SortRenewal, true, []string{"rs:1+2", "rs:8", "rs:5", "rs:4", "rs:3", "rs:6", "rs:7"}},
		// Ties by customer name (any case), then key.
		{SortCustomer, false, []string{"rs:8", "rs:7", "rs:1+2", "rs:3", "rs:4", "rs:5", "rs:6"}},
		{SortCustomer, true, []string{"rs:5", "rs:6", "rs:4", "rs:1+2", "rs:3", "rs:7", "rs:8"}},
		{SortProduct, false, []string{"rs:7", "rs:8", "rs:1+2", "rs:5", "rs:3", "rs:6", "rs:4"}},
		{SortStatus, false, []string{"rs:8", "rs:1+2", "rs:5", "rs:4", "rs:3", "rs:6", "rs:7"}},
		{SortSource, false, []string{"rs:1+2", "rs:7", "rs:4", "rs:5", "rs:8", "rs:3", "rs:6"}},
		// Amounts in the base currency: JPY 3,600,000 is USD 24,120.00 and
		// GBP 400.00 is USD 508.00.
		{SortAmount, true, []string{"rs:7", "rs:5", "rs:1+2", "rs:4", "rs:8", "rs:6", "rs:3"}},
		// MRR is zero for the trial, the canceled and the pending rows.
		{SortMRR, true, []string{"rs:5", "rs:1+2", "rs:8", "rs:3", "rs:7", "rs:4", "rs:6"}},
		{SortARR, false, []string{"rs:7", "rs:4", "rs:6", "rs:3", "rs:8", "rs:1+2", "rs:5"}},
		{SortInterval, false, []string{"rs:8", "rs:3", "rs:6", "rs:7", "rs:1+2", "rs:4", "rs:5"}},
		{SortPayment, false, []string{"rs:3", "rs:8", "rs:7", "rs:1+2", "rs:4", "rs:5", "rs:6"}},
	} {
		got := keys(l.All(Query{Sort: tc.sort, Desc: tc.desc}))
		if !slices.Equal(got, tc.want) {
			t.Errorf("sort %q desc %v: %v, want %v", tc.sort, tc.desc, got, tc.want)
		}
	}
}

func TestPinnedAccountsComeFirstAndPagesSlice(t *testing.T) {
	l := book()
	q := Query{Sort: SortCustomer, Pinned: []int64{3, 2, 3, 99}}
	all := keys(l.All(q))
	want := []string{"rs:5", "rs:6", "rs:4", "rs:8", "rs:7", "rs:1+2", "rs:3"}
	if !slices.Equal(all, want) {
		t.Fatalf("pinned: %v, want %v", all, want)
	}
	// Windows over the pinned and the other rows add up to the whole.
	var paged []string
	for off := 0; off < len(want); off += 3 {
		rows, total := l.Page(Query{Sort: SortCustomer, Pinned: q.Pinned, Offset: off, Limit: 3})
		if total != len(want) {
			t.Fatalf("offset %d: total %d", off, total)
		}
		paged = append(paged, keys(rows)...)
	}
	if !slices.Equal(paged, want) {
		t.Fatalf("pages %v, want %v", paged, want)
	}
	// A pinned account's rows still obey the filter.
	if got := keys(l.All(Query{Filter: Filter{Status: "canceled"}, Pinned: []int64{3}})); !slices.Equal(got, []string{"rs:6"}) {
		t.Fatalf("filtered pinned: %v", got)
	}
	if rows, total := l.Page(Query{Offset: 50}); len(rows) != 0 || total != 7 {
		t.Fatalf("past the end: %d rows of %d", len(rows), total)
	}
}

func TestValidate(t *testing.T) {
	for _, q := range []Query{{Filter: Filter{Status: "doomed"}}, {Filter: Filter{Status: "Active"}}, {Filter: Filter{Source: "merged"}},
		{Filter: Filter{Source: "hubspot"}}, {Sort: "name; DROP TABLE"}, {Offset: -1}, {Limit: -1}, {Limit: MaxLimit + 1}} {
		if err := q.Validate(); domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("%+v: %v, want invalid", q, err)
		}
	}
	for _, q := range []Query{{}, {Filter: Filter{Status: StatusExpiring30, Source: "stripe"}, Sort: SortMRR, Limit: MaxLimit}} {
		if err := q.Validate(); err != nil {
			t.Errorf("%+v: %v", q, err)
		}
	}
}

func TestConcurrentQueriesAgree(t *testing.T) {
	l := book()
	want := map[string][]string{}
	for s := range primaries {
		want[s] = keys(l.All(Query{Sort: s}))
	}
	fresh := book()
	var wg sync.WaitGroup
	got := make([][]string, len(want)*4)
	sorts := slices.Sorted(maps.Keys(want))
	for i := range got {
		wg.Go(func() { got[i] = keys(fresh.All(Query{Sort: sorts[i%len(sorts)]})) })
	}
	wg.Wait()
	for i, g := range got {
		if s := sorts[i%len(sorts)]; !slices.Equal(g, want[s]) {
			t.Errorf("sort %s in parallel: %v, want %v", s, g, want[s])
		}
	}
}
