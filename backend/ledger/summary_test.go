package ledger

import (
	"slices"
	"testing"

	"successdesk/backend/domain"
)

func TestSummaryCountsTheVisibleRows(t *testing.T) {
	l := book()
	s := l.Summarize(Filter{Status: "canceled", Mismatched: true}) // status and mismatch do not narrow the cards
	if s.Total != 7 || s.Salesbricks != 4 || s.Stripe != 4 || s.Merged != 1 || s.Mismatched != 1 {
		t.Fatalf("source counts %+v", s)
	}
	// Live: three active, a trial and a past-due row.
	if s.Live != 5 || s.Counts[domain.StatusActive] != 3 || s.Counts[domain.StatusTrialing] != 1 ||
		s.Counts[domain.StatusPastDue] != 1 || s.Counts[domain.StatusCanceled] != 1 || s.Counts[domain.StatusPending] != 1 ||
		s.Expiring30 != 3 {
		t.Fatalf("status counts %+v", s)
	}
	// Every count equals what the matching status filter lists.
	for st, n := range s.Counts {
		if got := len(l.All(Query{Filter: Filter{Status: string(st)}})); got != n {
			t.Errorf("%s: card %d, filter %d", st, n, got)
		}
	}
	if got := len(l.All(Query{Filter: Filter{Status: StatusExpiring30}})); got != s.Expiring30 {
		t.Errorf("expiring: card %d, filter %d", s.Expiring30, got)
	}
	stripe := l.Summarize(Filter{Source: "stripe", Search: "hooli"})
	if stripe.Total != 2 || stripe.Merged != 1 || stripe.Salesbricks != 1 || stripe.Stripe != 2 {
		t.Fatalf("search and source narrow the cards: %+v", stripe)
	}
}

func TestRecurringTotalsPerCurrencyAndInTheBase(t *testing.T) {
	l := book()
	s := l.Summarize(Filter{})
	// Recurring rows: Pro (USD 1,200,000/yr, MRR 100,000), Storage (past
	// due, USD 29,900/mo), Scale (JPY 3,600,000/yr, MRR 300,000) and
	// Bachmanity (GBP 40,000/mo). The trial, the canceled and the pending
	// rows earn nothing.
	want := []CurrencyTotal{
		{Currency: "JPY", Rows: 1, MRRMinor: 300_000, ARRMinor: 3_600_000, ARRBaseMinor: 2_412_000, Rated: true},
		{Currency: "USD", Rows: 2, MRRMinor: 129_900, ARRMinor: 1_558_800, ARRBaseMinor: 1_558_800, Rated: true},
		{Currency: "GBP", Rows: 1, MRRMinor: 40_000, ARRMinor: 480_000, ARRBaseMinor: 609_600, Rated: true},
	}
	if !slices.Equal(s.ByCurrency, want) {
		t.Fatalf("by currency\n got %+v\nwant %+v", s.ByCurrency, want)
	}
	// Each currency converted once: JPY 300,000 × 0.0067 = USD 2,010.00;
	// GBP 400.00 × 1.27 = USD 508.00.
	if s.Base != "USD" || s.MRRBaseMinor != 201_000+129_900+50_800 || s.ARRBaseMinor != 2_412_000+1_558_800+609_600 || len(s.Unrated) != 0 {
		t.Fatalf("base totals MRR %d ARR %d unrated %v", s.MRRBaseMinor, s.ARRBaseMinor, s.Unrated)
	}
}

func TestTotalsStayExactAndNameCurrenciesWithoutARate(t *testing.T) {
	// Three quarterly subscriptions of USD 1.00, a Swiss-franc one the rates
	// lack, and a trial.
	var recs []Record
	for i := range 3 {
		recs = append(recs, st(int64(i+1), "Seat "+string(rune('A'+i)), domain.StatusActive, domain.IntervalQuarterly, 100, "USD"))
	}
	recs = append(recs, sb(9, "Pro", domain.StatusActive, domain.IntervalMonthly, 12_345, "CHF"))
	recs = append(recs, sb(10, "Trial", domain.StatusTrialing, domain.IntervalMonthly, 99_999, "USD"))
	s := build(Input{Account: acct(1, "Hooli"), Records: recs}).Summarize(Filter{})
	usd, chf := s.ByCurrency[1], s.ByCurrency[0]
	// Quarterly 100 is MRR 33 (rounded per row, as stored) and ARR 400, exactly.
	if usd.Currency != "USD" || usd.Rows != 3 || usd.MRRMinor != 99 || usd.ARRMinor != 1200 {
		t.Fatalf("USD %+v", usd)
	}
	if chf.Currency != "CHF" || chf.Rated || chf.MRRMinor != 12_345 || !slices.Equal(s.Unrated, []string{"CHF"}) {
		t.Fatalf("CHF %+v unrated %v", chf, s.Unrated)
	}
	if s.MRRBaseMinor != 99+12_345 {
		t.Fatalf("an unrated currency counts at 1: %d", s.MRRBaseMinor)
	}
}

func TestToBaseRestatesMinorDigits(t *testing.T) {
	usd := domain.FXRates{Base: "USD", Rates: map[string]float64{"JPY": 0.0067, "EUR": 1.08}}
	jpy := domain.FXRates{Base: "JPY", Rates: map[string]float64{"USD": 150}}
	for _, tc := range []struct {
		fx   domain.FXRates
		m    domain.Money
		want int64
	}{
		{usd, domain.Money{AmountMinor: 10_000, Currency: "JPY"}, 6_700},   // ¥10,000 = $67.00
		{usd, domain.Money{AmountMinor: -10_000, Currency: "JPY"}, -6_700}, // credits too
		{usd, domain.Money{AmountMinor: 1_000, Currency: "EUR"}, 1_080},    // same digits: as ToBase
		{usd, domain.Money{AmountMinor: 1_000, Currency: "USD"}, 1_000},
		{jpy, domain.Money{AmountMinor: 1_050, Currency: "USD"}, 1_575},   // $10.50 = ¥1,575
		{jpy, domain.Money{AmountMinor: -1_050, Currency: "USD"}, -1_575}, // and back
	} {
		if got, _ := tc.fx.ToBase(tc.m); got != tc.want {
			t.Errorf("%v in %s: %d, want %d", tc.m, tc.fx.Base, got, tc.want)
		}
	}
}
