package convert

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/golden"
)

// render is the human-readable explanation the golden files hold: the
// score and tier, each factor, the trial end, the value and the next step.
func render(x Explanation, base string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "score %d %s\n", x.Score, x.Tier)
	for _, f := range x.Factors {
		fmt.Fprintf(&b, "%+d %s %s: %s — %s\n", f.Points, f.Category, f.Code, f.Label, f.Detail)
	}
	if x.HasTrialEnd {
		fmt.Fprintf(&b, "trial days remaining %d\n", x.TrialDays)
	} else {
		b.WriteString("no trial end\n")
	}
	fmt.Fprintf(&b, "value %s (%s in %s)\n", x.Value.Display(), (domain.Money{AmountMinor: x.ValueBaseMinor, Currency: base}).Display(), base)
	fmt.Fprintf(&b, "next: %s\n", x.NextStep)
	return b.String()
}

// checkGolden compares got with testdata/<name>.golden (see golden.File;
// -update rewrites it).
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.File(t, "testdata/"+name+".golden", []byte(got))
}

func TestExplanations(t *testing.T) {
	routed := &domain.Route{ID: 3, AccountID: 1, From: domain.SectionHealth, To: domain.SectionConvert, Reason: "Asked about the Pro plan",
		CreatedAt: now.AddDate(0, 0, -2)}
	eur := trial(12, 80_000, 4)
	eur.Amount.Currency = "EUR"
	tests := []struct {
		name     string
		f        Facts
		settings func(*Settings)
		score    int
		tier     Tier
	}{
		{name: "engaged_trial_ending", f: Facts{Record: trial(10, 50_000, 2), Account: company("hooli.com"),
			Usage: weeks(4, 6, 8, 9), Activity: Activity{Calls: 1, Emails: 2}}, score: 80, tier: TierHigh},
		{name: "engaged_late_in_window", f: Facts{Record: trial(10, 50_000, 5), Account: company("hooli.com"),
			Usage: weeks(4, 6, 8, 9), Activity: Activity{Calls: 1, Emails: 2}}, score: 80, tier: TierHigh},
		{name: "ends_in_three_weeks", f: Facts{Record: trial(10, 50_000, 20), Account: company("hooli.com"),
			Usage: weeks(4, 6, 8, 9)}, score: 61, tier: TierMedium},
		{name: "ends_outside_four_windows", f: Facts{Record: trial(10, 50_000, 30), Account: company("hooli.com"),
			Usage: weeks(4, 6, 8, 9)}, score: 56, tier: TierMedium},
		{name: "wider_window", f: Facts{Record: trial(10, 50_000, 20), Account: company("hooli.com"),
			Usage: weeks(4, 6, 8, 9)}, settings: func(s *Settings) { s.UrgencyDays = 30 }, score: 71, tier: TierHigh},
		{name: "idle_trial_ending_clamped", f: Facts{Record: trial(20, 10_000, 5), Account: company("hooli.com"),
			Usage: weeks(3, 1, 0, 0)}, score: 0, tier: TierLow},
		{name: "trial_ended", f: Facts{Record: trial(10, 50_000, -3), Account: company("hooli.com"),
			Usage: weeks(5, 5, 5)}, score: 35, tier: TierLow},
		{name: "no_seat_count", f: Facts{Record: trial(0, 50_000, 12), Account: company("hooli.com"),
			Usage: weeks(7, 7)}, score: 52, tier: TierMedium},
		{name: "many_users_no_seat_count", f: Facts{Record: trial(0, 50_000, 12), Account: company("hooli.com"),
			Usage: weeks(25, 30)}, score: 66, tier: TierMedium},
		{name: "declining", f: Facts{Record: trial(25, 50_000, 10), Account: company("hooli.com"),
			Usage: weeks(20, 20, 20, 12)}, score: 24, tier: TierLow},
		{name: "dip_counts_as_steady", f: Facts{Record: trial(16, 50_000, 12), Account: company("hooli.com"),
			Usage: weeks(16, 16, 16, 13)}, score: 61, tier: TierMedium},
		{name: "trial_first_week", f: Facts{Record: trialStarting(14, 50_000, 0, 14), Account: company("hooli.com"),
			Usage: weeks(12), Activity: Activity{Calls: 1}}, score: 71, tier: TierHigh},
		{name: "trial_first_week_idle", f: Facts{Record: trialStarting(14, 50_000, 0, 14), Account: company("hooli.com"),
			Usage: weeks(0)}, score: 0, tier: TierLow},
		{name: "growing_from_zero", f: Facts{Record: trial(10, 50_000, 10), Account: company("hooli.com"),
			Usage: weeks(0, 4)}, score: 46, tier: TierMedium},
		{name: "first_week_only", f: Facts{Record: trial(10, 50_000, 10), Account: company("hooli.com"),
			Usage: weeks(5)}, score: 45, tier: TierMedium},
		{name: "stale_usage", f: Facts{Record: trial(10, 50_000, 10), Account: company("hooli.com"),
			Usage: weeksEnding(domain.WeekStart(now).AddDate(0, 0, -21), 6, 8)}, score: 0, tier: TierLow},
		{name: "last_week_counts_as_current", f: Facts{Record: trial(10, 50_000, 10), Account: company("hooli.com"),
			Usage: weeksEnding(domain.WeekStart(now).AddDate(0, 0, -7), 8, 8)}, score: 61, tier: TierMedium},
		{name: "penalties_capped", f: Facts{Record: trial(10, 50_000, 10), Account: company("hooli.com"),
			Usage: weeks(8, 8, 8, 8), Activity: Activity{Calls: 3, Emails: 5, Positive: 4, Escalations: 1, Complaints: 3, Detractors: 1}},
			score: 61, tier: TierMedium},
		{name: "pending_order", f: Facts{Record: order(domain.StatusPending, 40, 6_000_000), Account: company("hooli.com")},
			score: 15, tier: TierLow},
		{name: "draft_order_free_mail", f: Facts{Record: order(domain.StatusDraft, 5, 300_000),
			Account: domain.Account{ID: 1, Name: "Tran Family Bakery", PrimaryEmail: "jenny.tran.bakes@gmail.com"}},
			score: 0, tier: TierLow},
		{name: "eur_trial", f: Facts{Record: eur, Account: company("zurichkrauter.ch"), Usage: weeks(9, 10, 11, 12),
			Activity: Activity{Emails: 1}}, score: 68, tier: TierMedium},
		{name: "routed_without_record", f: Facts{Account: company("hooli.com"), Usage: weeks(3, 3), Route: routed},
			score: 27, tier: TierLow},
		{name: "custom_cutoffs", f: Facts{Record: trial(10, 50_000, 20), Account: company("hooli.com"),
			Usage: weeks(4, 6, 8, 9)}, settings: func(s *Settings) { s.HighCutoff, s.MediumCutoff = 61, 20 }, score: 61, tier: TierHigh},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := Defaults()
			if tc.settings != nil {
				tc.settings(&s)
			}
			x := Explain(&tc.f, &s, fx, now)
			if x.Score != tc.score || x.Tier != tc.tier {
				t.Errorf("score %d %s, want %d %s", x.Score, x.Tier, tc.score, tc.tier)
			}
			sum := 0
			for _, f := range x.Factors {
				sum += f.Points
				sp := spec(f.Code)
				if f.Category != sp.Category || f.Label != sp.Label || f.Points < sp.Min || f.Points > sp.Max || f.Detail == "" {
					t.Errorf("factor %+v does not match its catalogue entry %+v", f, *sp)
				}
			}
			if want := min(max(sum, 0), 100); x.Score != want {
				t.Errorf("score %d, factors sum to %d", x.Score, sum)
			}
			if r := Score(&tc.f, &s, fx, now); r != x.Result {
				t.Errorf("Score %+v differs from Explain %+v", r, x.Result)
			}
			checkGolden(t, tc.name, render(x, fx.Base))
		})
	}
}

func TestScoreDoesNotAllocate(t *testing.T) {
	f := Facts{Record: trial(10, 50_000, 2), Account: company("hooli.com"), Usage: weeks(4, 6, 8, 9),
		Activity: Activity{Calls: 1, Emails: 2, Complaints: 5}}
	s := Defaults()
	if n := testing.AllocsPerRun(100, func() { Score(&f, &s, fx, now) }); n != 0 {
		t.Fatalf("Score allocates %.0f times per call", n)
	}
}

func TestDaysUntilCountsCalendarDays(t *testing.T) {
	late := time.Date(2026, 11, 25, 23, 59, 0, 0, time.UTC)
	for _, tc := range []struct {
		at   time.Time
		want int
	}{{inDays(0), 0}, {inDays(1).Add(-time.Second), 0}, {inDays(1), 1}, {inDays(-1), -1}} {
		if got := DaysUntil(tc.at, late); got != tc.want {
			t.Errorf("DaysUntil(%v) = %d, want %d", tc.at, got, tc.want)
		}
	}
}
