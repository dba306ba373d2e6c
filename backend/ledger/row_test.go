package ledger

import (
	"slices"
	"testing"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/reconcile"
)

var now = time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)

func day(n int) time.Time { return now.AddDate(0, 0, n) }

var fx = domain.FXRates{Base: "USD", Rates: map[string]float64{"USD": 1, "EUR": 1.08, "GBP": 1.27, "JPY": 0.0067}}

// rec is a revenue source of amount per interval iv, in currency cur.
func rec(id int64, src domain.Source, product string, st domain.RevenueStatus, iv domain.Interval, amount int64, cur string) Record {
	return Record{RevenueSource: domain.RevenueSource{ID: id, Source: src, ExternalID: string(src) + "-" + product + "-" + string(rune('a'+id%26)),
		Product: product, Status: st, Interval: iv, Amount: domain.Money{AmountMinor: amount, Currency: cur},
		MRRMinor: domain.NormalizeMRR(amount, iv), ARRMinor: domain.NormalizeARR(amount, iv),
		TermStart: day(-200), TermEnd: day(165), Seats: 10}}
}

func sb(id int64, product string, st domain.RevenueStatus, iv domain.Interval, amount int64, cur string) Record {
	return rec(id, domain.SourceSalesbricks, product, st, iv, amount, cur)
}

func st(id int64, product string, s domain.RevenueStatus, iv domain.Interval, amount int64, cur string) Record {
	return rec(id, domain.SourceStripe, product, s, iv, amount, cur)
}

func acct(id int64, name string) Account {
	return Account{ID: id, Name: name, Domain: "acct" + string(rune('a'+id%26)) + ".example", Email: "ops@" + name + ".example"}
}

func build(ins ...Input) *Ledger {
	b := NewBuilder(now, fx)
	for _, in := range ins {
		b.Add(in)
	}
	return b.Ledger()
}

func TestAnAccountsRows(t *testing.T) {
	l := build(Input{Account: acct(1, "Hooli"), Records: []Record{
		sb(10, "Pro", domain.StatusActive, domain.IntervalAnnual, 1_200_000, "USD"),
		st(11, "Storage add-on", domain.StatusActive, domain.IntervalMonthly, 29_900, "EUR"),
		st(12, "Pro", domain.StatusTrialing, domain.IntervalWeekly, 5_000, "GBP"),
	}})
	// The Stripe trial bills the contract's product, so the two are one
	// merged row; the add-on of another product stands alone.
	if l.Len() != 2 {
		t.Fatalf("rows %d, want a merged Pro row and the add-on", l.Len())
	}
	pro, addOn := l.Row(0), l.Row(1)
	if pro.Key != "rs:10+12" || pro.Source != SourceMerged || addOn.Key != "rs:11" || addOn.Source != SourceStripe {
		t.Fatalf("keys %s/%s sources %s/%s", pro.Key, addOn.Key, pro.Source, addOn.Source)
	}
	if addOn.MRRMinor != 29_900 || addOn.ARRMinor != 358_800 || addOn.Amount.Currency != "EUR" || addOn.AccountRows != 2 {
		t.Fatalf("add-on %+v", addOn)
	}
	if pro.Status != domain.StatusActive || pro.MRRMinor != 100_000 || pro.ARRMinor != 1_200_000 || pro.Interval != domain.IntervalAnnual {
		t.Fatalf("merged Pro row takes the running contract's revenue: %+v", pro)
	}
	if pro.Days != 165 || !pro.RenewalKnown() {
		t.Fatalf("days %d", pro.Days)
	}
}

func TestMergedRowRules(t *testing.T) {
	const (
		A  = domain.StatusActive
		T  = domain.StatusTrialing
		PD = domain.StatusPastDue
		C  = domain.StatusCanceled
		E  = domain.StatusExpired
		P  = domain.StatusPending
	)
	for _, tc := range []struct {
		c, s       domain.RevenueStatus
		want       domain.RevenueStatus
		fromStripe bool // revenue from the subscription
		earns      bool
		mismatch   reconcile.Kind
	}{
		{A, A, A, false, true, ""},
		{A, PD, PD, false, true, reconcile.KindStatus},
		{PD, C, PD, false, true, reconcile.KindContractNoSubscription},
		{E, A, A, true, true, reconcile.KindSubscriptionNoContract},
		{C, PD, PD, true, true, reconcile.KindSubscriptionNoContract},
		{A, C, A, false, true, reconcile.KindContractNoSubscription},
		{P, A, A, true, true, ""},
		{T, A, T, false, false, reconcile.KindStatus},
		{E, C, E, false, false, ""},
	} {
		c := sb(1, "Pro", tc.c, domain.IntervalAnnual, 1_200_000, "USD")
		s := st(2, "pro", tc.s, domain.IntervalMonthly, 90_000, "USD")
		s.TermEnd = day(20)
		l := build(Input{Account: acct(1, "Hooli"), Records: []Record{c, s}})
		if l.Len() != 1 {
			t.Fatalf("%s+%s: %d rows", tc.c, tc.s, l.Len())
		}
		r := l.Row(0)
		if r.Status != tc.want || r.Source != SourceMerged || r.Key != "rs:1+2" {
			t.Errorf("%s+%s: status %s source %s key %s, want %s merged rs:1+2", tc.c, tc.s, r.Status, r.Source, r.Key, tc.want)
		}
		wantIv, wantMRR, wantDays := domain.IntervalAnnual, int64(100_000), 165
		if tc.fromStripe {
			wantIv, wantMRR, wantDays = domain.IntervalMonthly, 90_000, 20
		}
		if !tc.earns {
			wantMRR = 0
		}
		if r.Interval != wantIv || r.MRRMinor != wantMRR || r.Days != wantDays {
			t.Errorf("%s+%s: interval %s MRR %d days %d, want %s %d %d", tc.c, tc.s, r.Interval, r.MRRMinor, r.Days, wantIv, wantMRR, wantDays)
		}
		// The two sides bill differently on purpose (amount, interval,
		// renewal); of the lifecycle findings only the expected one shows.
		var kinds []reconcile.Kind
		for _, m := range r.Mismatches {
			kinds = append(kinds, m.Kind)
		}
		for _, k := range []reconcile.Kind{reconcile.KindStatus, reconcile.KindContractNoSubscription, reconcile.KindSubscriptionNoContract} {
			if slices.Contains(kinds, k) != (k == tc.mismatch) {
				t.Errorf("%s+%s: mismatches %v, want %q among status findings", tc.c, tc.s, kinds, tc.mismatch)
			}
		}
	}
}

func TestMergedRowCarriesBothSidesOfEachMismatch(t *testing.T) {
	c := sb(1, "Scale", domain.StatusActive, domain.IntervalAnnual, 2_400_000, "USD")
	s := st(2, "Scale", domain.StatusActive, domain.IntervalMonthly, 180_000, "USD")
	s.TermEnd = c.TermEnd.AddDate(0, 0, 20)
	l := build(Input{Account: acct(1, "Hooli"), Records: []Record{c, s}})
	got := map[reconcile.Kind][2]string{}
	for _, m := range l.Row(0).Mismatches {
		got[m.Kind] = [2]string{m.Salesbricks, m.Stripe}
	}
	want := map[reconcile.Kind][2]string{
		reconcile.KindAmount:   {"$2,000.00/mo", "$1,800.00/mo"},
		reconcile.KindInterval: {"annual", "monthly"},
		reconcile.KindRenewal:  {"May 9, 2027", "May 29, 2027"},
	}
	if len(got) != len(want) {
		t.Fatalf("mismatches %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
}

func TestCancelAtPeriodEndKeepsEarningUntilTheTermEnds(t *testing.T) {
	r := st(1, "Pro", domain.StatusActive, domain.IntervalMonthly, 50_000, "USD")
	r.CancelAtPeriodEnd, r.TermEnd = true, day(10)
	ended := st(2, "Team", domain.StatusCanceled, domain.IntervalMonthly, 50_000, "USD")
	ended.TermEnd = day(-3)
	l := build(Input{Account: acct(1, "Hooli"), Records: []Record{r, ended}})
	a, b := l.Row(0), l.Row(1)
	if !a.CancelAtEnd || a.Status != domain.StatusActive || a.MRRMinor != 50_000 || !a.Expiring30() {
		t.Fatalf("cancel at period end: %+v", a)
	}
	if b.MRRMinor != 0 || b.ARRMinor != 0 || b.Expiring30() || b.Days != -3 {
		t.Fatalf("ended: %+v", b)
	}
	if s := l.Summarize(Filter{}); s.ByCurrency[0].MRRMinor != 50_000 || s.ByCurrency[0].Rows != 1 {
		t.Fatalf("totals %+v", s.ByCurrency)
	}
}

func TestPaymentStates(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status domain.RevenueStatus
		bill   Billing
		want   Payment
	}{
		{"no invoices", domain.StatusActive, Billing{}, PaymentNone},
		{"paid", domain.StatusActive, Billing{Invoices: 4}, PaymentPaid},
		{"open not due", domain.StatusActive, Billing{Invoices: 4, Unpaid: 1, OldestDue: day(5)}, PaymentOpen},
		{"open undated", domain.StatusActive, Billing{Invoices: 4, Unpaid: 1}, PaymentOpen},
		{"failed not due", domain.StatusActive, Billing{Invoices: 4, Unpaid: 1, Failed: true, OldestDue: day(2)}, PaymentFailed},
		{"overdue", domain.StatusActive, Billing{Invoices: 4, Unpaid: 1, OldestDue: day(-1)}, PaymentPastDue},
		{"past due status", domain.StatusPastDue, Billing{Invoices: 4}, PaymentPastDue},
	} {
		if got := payment(tc.status, tc.bill, now); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestInvoicesWithoutARevenueSourceBelongToTheirSourcesRows(t *testing.T) {
	in := Input{Account: acct(1, "Hooli"), Records: []Record{
		sb(1, "Pro", domain.StatusActive, domain.IntervalAnnual, 1_200_000, "USD"),
		st(2, "Storage", domain.StatusActive, domain.IntervalMonthly, 29_900, "USD"),
	}, Loose: []Billing{
		{Source: domain.SourceStripe, Invoices: 1, Unpaid: 1, OldestDue: day(-4)},
		{Source: domain.SourceHubSpot, Invoices: 1, Unpaid: 1, Failed: true, OldestDue: day(3)},
	}}
	in.Records[0].Billing = Billing{Invoices: 2}
	l := build(in)
	pro, storage := l.Row(0), l.Row(1)
	// The Stripe invoice is the Stripe row's; the one from a source no row
	// has belongs to every row.
	if pro.Payment != PaymentFailed || storage.Payment != PaymentPastDue {
		t.Fatalf("payments %s / %s", pro.Payment, storage.Payment)
	}
	invs := []domain.Invoice{
		{ID: 1, ExternalID: "in_pro", RevenueSourceID: 1, Source: domain.SourceSalesbricks, IssuedAt: day(-40)},
		{ID: 2, ExternalID: "in_loose", Source: domain.SourceStripe, IssuedAt: day(-10)},
		{ID: 3, ExternalID: "in_storage", RevenueSourceID: 2, Source: domain.SourceStripe, IssuedAt: day(-5)},
		{ID: 4, ExternalID: "in_other", RevenueSourceID: 99, Source: domain.SourceStripe, IssuedAt: day(-1)},
	}
	ids := func(r *Row) []string {
		var out []string
		for _, i := range l.Invoices(r, invs) {
			out = append(out, i.ExternalID)
		}
		return out
	}
	if got := ids(pro); !slices.Equal(got, []string{"in_pro"}) {
		t.Errorf("Pro invoices %v", got)
	}
	if got := ids(storage); !slices.Equal(got, []string{"in_storage", "in_loose"}) {
		t.Errorf("Storage invoices %v (newest first)", got)
	}
}

func TestFindNamesRowsByKey(t *testing.T) {
	l := build(Input{Account: acct(1, "Hooli"), Records: []Record{
		sb(7, "Pro", domain.StatusActive, domain.IntervalAnnual, 1_200_000, "USD"),
		st(9, "Pro", domain.StatusActive, domain.IntervalAnnual, 1_200_000, "USD"),
		st(8, "Storage", domain.StatusActive, domain.IntervalMonthly, 100, "USD"),
	}})
	for key, want := range map[string]string{"rs:7+9": "rs:7+9", "rs:8": "rs:8", "rs:7": "", "rs:9": "", "rs:7+8": "",
		"": "", "rs:x": "", "contract:7": ""} {
		got := ""
		if r := l.Find(key); r != nil {
			got = r.Key
		}
		if got != want {
			t.Errorf("Find(%q) = %q, want %q", key, got, want)
		}
	}
	if rows := l.AccountRows(1); len(rows) != 2 || rows[0].Key != "rs:7+9" {
		t.Fatalf("account rows %v", rows)
	}
	if l.AccountRows(2) != nil {
		t.Fatal("unknown account has rows")
	}
}
