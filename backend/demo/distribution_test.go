package demo

import (
	"strings"
	"testing"
	"time"

	"successdesk/backend/domain"
)

func TestDistributionSanity(t *testing.T) {
	b := Generate(Options{Seed: 11, Now: testNow, Size: 1000})
	now := b.Options.Now
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	noDomain := map[int]bool{}
	for _, h := range HardCases() {
		if h.Domain == "" {
			noDomain[h.Index] = true
		}
	}

	seen := map[string]int{}
	see := func(k string) { seen[k]++ }
	notAfterNow := func(what string, at time.Time) {
		t.Helper()
		if at.After(now) {
			t.Errorf("%s dated %v, after now", what, at)
		}
	}
	names, domains := map[string]bool{}, map[string]bool{}
	// Upserts are keyed by (source, external id): a repeated id would
	// silently merge two records, so every id must be unique per table.
	ids := map[string]bool{}
	unique := func(table string, src domain.Source, id string) {
		t.Helper()
		k := table + "|" + string(src) + "|" + id
		if id == "" || ids[k] {
			t.Errorf("%s id %q from %s is empty or repeated", table, id, src)
		}
		ids[k] = true
	}
	var withDeals, enriched, untracked int
	for i, a := range b.Accounts {
		acc := a.Account
		if names[acc.Name] {
			t.Errorf("duplicate name %q", acc.Name)
		}
		names[acc.Name] = true
		switch {
		case noDomain[i] && acc.Domain != "":
			t.Errorf("account %d should have no domain", i)
		case !noDomain[i] && acc.Domain == "":
			t.Errorf("account %d (%s) has no domain", i, acc.Name)
		case acc.Domain != "" && domains[acc.Domain]:
			t.Errorf("duplicate domain %s", acc.Domain)
		}
		domains[acc.Domain] = true
		if acc.Domain != "" && (acc.Domain != strings.ToLower(acc.Domain) || !strings.Contains(acc.Domain, ".")) {
			t.Errorf("odd domain %q", acc.Domain)
		}
		for _, c := range a.Contacts {
			unique("contact", c.Source, c.ExternalID)
			if acc.Domain != "" && c.Email != "" && !strings.HasSuffix(c.Email, "@"+acc.Domain) {
				t.Errorf("%s: contact %s is not at the account's domain", acc.Name, c.Email)
			}
		}
		if len(a.Contacts) < 1 || len(a.Contacts) > 4 || acc.Owner == "" {
			t.Errorf("%s: %d contacts, owner %q", acc.Name, len(a.Contacts), acc.Owner)
		}
		if !acc.Tracked {
			untracked++
		}
		notAfterNow("account created", acc.CreatedAt)

		sources := map[domain.Source]bool{}
		for _, r := range a.Revenue {
			sources[r.Source] = true
			unique("revenue", r.Source, r.ExternalID)
			see("status:" + string(r.Status))
			see("interval:" + string(r.Interval))
			see("currency:" + r.Amount.Currency)
			if r.CancelAtPeriodEnd {
				see("cancel_at_period_end")
			}
			if r.MRRMinor != domain.NormalizeMRR(r.Amount.AmountMinor, r.Interval) ||
				r.ARRMinor != domain.NormalizeARR(r.Amount.AmountMinor, r.Interval) {
				t.Errorf("%s: MRR/ARR not normalized from the amount", r.ExternalID)
			}
			wantPrefix := map[domain.Source]string{domain.SourceStripe: "sub_", domain.SourceSalesbricks: "sb_sub_"}[r.Source]
			if !strings.HasPrefix(r.ExternalID, wantPrefix) {
				t.Errorf("revenue id %q from %s", r.ExternalID, r.Source)
			}
			if r.Status != domain.StatusPending && r.Status != domain.StatusDraft {
				notAfterNow("term start", r.TermStart)
			}
			if r.Status.Recurring() && !r.TermEnd.IsZero() {
				switch days := int(r.TermEnd.Sub(today) / (24 * time.Hour)); {
				case days <= 7:
					see("renewal<=7")
				case days <= 30:
					see("renewal<=30")
				case days > 300:
					see("renewal>300")
				}
			}
			if r.Status == domain.StatusTrialing {
				if !r.TrialEnd.After(now) {
					t.Errorf("%s: trial ended %v", r.ExternalID, r.TrialEnd)
				}
				if r.TrialEnd.Sub(now) <= 7*24*time.Hour {
					see("trial<=7")
				}
			}
			for _, inv := range r.Invoices {
				see("invoice:" + string(inv.Status))
				unique("invoice", inv.Source, inv.ExternalID)
				notAfterNow("invoice issued", inv.IssuedAt)
				notAfterNow("invoice paid", inv.PaidAt)
				notAfterNow("invoice failure", inv.LastFailureAt)
				if inv.IssuedAt.Before(now.AddDate(-1, -3, 0)) {
					t.Errorf("%s issued %v, over a year ago", inv.ExternalID, inv.IssuedAt)
				}
				if inv.Status == domain.InvoiceFailed {
					if inv.Attempts < 1 || inv.Attempts > 4 || inv.LastFailureAt.IsZero() || inv.FailureReason == "" {
						t.Errorf("failed invoice %+v", inv)
					}
					see("failure:" + inv.FailureReason)
					if !inv.NextAttemptAt.IsZero() {
						see("retry scheduled")
					}
				}
				if inv.Status == domain.InvoicePaid && inv.Attempts > 1 {
					see("recovered")
				}
				if inv.PastDue(now) {
					see("past due")
				}
			}
		}
		if sources[domain.SourceStripe] && sources[domain.SourceSalesbricks] {
			see("merged")
		}

		if acc.Domain != "" && (len(a.Usage) == 0 || len(a.Usage) > usageWeeks) {
			t.Errorf("%s: %d usage weeks", acc.Name, len(a.Usage))
		}
		for k, u := range a.Usage {
			notAfterNow("usage week", u.WeekStart)
			if u.WeekStart.Weekday() != time.Monday || (k > 0 && !u.WeekStart.Equal(a.Usage[k-1].WeekStart.AddDate(0, 0, 7))) {
				t.Errorf("%s: usage weeks %v", acc.Name, a.Usage)
			}
		}
		if n := len(a.Usage); n > 0 && !a.Usage[n-1].WeekStart.Equal(domain.WeekStart(now)) {
			t.Errorf("%s: usage ends %v", acc.Name, a.Usage[n-1].WeekStart)
		}

		for k, act := range a.Activities {
			notAfterNow("activity", act.OccurredAt)
			if act.OccurredAt.Before(now.AddDate(0, 0, -activityWindow)) {
				t.Errorf("%s: activity %v older than six months", acc.Name, act.OccurredAt)
			}
			if k > 0 && act.OccurredAt.Before(a.Activities[k-1].OccurredAt) {
				t.Errorf("%s: activities out of order", acc.Name)
			}
			see("kind:" + string(act.Kind))
			unique("activity", act.Source, act.ExternalID)
			if act.Kind == domain.ActivitySignal {
				see("signal:" + string(act.Signal))
				if (act.Signal == domain.SignalNPS) != (act.Score != nil) {
					t.Errorf("NPS score mismatch on %+v", act)
				}
			}
			if act.Title == "" || act.ExternalID == "" || strings.Contains(act.Body, "{") {
				t.Errorf("activity %+v", act)
			}
		}

		if len(a.Deals) > 0 {
			withDeals++
		}
		for _, d := range a.Deals {
			see("deal:" + string(d.Status) + ":" + string(d.Source))
			unique("deal", d.Source, d.ExternalID)
			notAfterNow("deal created", d.CreatedAt)
			if d.Status == domain.DealOpen {
				see("stage:" + d.Stage)
			} else {
				notAfterNow("deal lost", d.LostAt)
				if d.LostReason == "" || d.LostAt.After(now.AddDate(0, -1, 0)) || d.LostAt.Before(now.AddDate(0, -18, -1)) {
					t.Errorf("lost deal %+v", d)
				}
			}
		}
		if e := a.Enrichment; e != nil {
			enriched++
			notAfterNow("enrichment", e.UpdatedAt)
			if e.Industry == "" || e.Employees <= 0 || e.Location == "" || len(e.Custom) != 3 {
				t.Errorf("enrichment %+v", e)
			}
		}
		see("intended:" + string(a.Intended))
	}
	for _, r := range b.Releases {
		unique("release", r.Source, r.ExternalID)
		notAfterNow("release", r.ShippedAt)
		if !strings.HasPrefix(r.URL, "https://") || r.Body == "" {
			t.Errorf("release %+v", r)
		}
	}

	var want []string
	for _, s := range domain.RevenueStatuses {
		want = append(want, "status:"+string(s))
	}
	want = append(want, "currency:EUR", "currency:GBP", "currency:USD", "interval:monthly", "interval:quarterly",
		"interval:annual", "cancel_at_period_end", "renewal<=7", "renewal<=30", "renewal>300", "trial<=7", "merged",
		"invoice:paid", "invoice:open", "invoice:failed", "invoice:void", "failure:card_declined",
		"failure:insufficient_funds", "failure:expired_card", "retry scheduled", "recovered", "past due",
		"kind:call", "kind:signal", "kind:contract_change", "kind:payment", "deal:open:attio", "deal:lost:salesbricks")
	for _, s := range []domain.SignalKind{domain.SignalFeatureRequest, domain.SignalComplaint, domain.SignalEscalation,
		domain.SignalNPS, domain.SignalPraise} {
		want = append(want, "signal:"+string(s))
	}
	for _, s := range dealStages {
		want = append(want, "stage:"+s)
	}
	for _, k := range want {
		if seen[k] == 0 {
			t.Errorf("no %s in a book of 1000", k)
		}
	}
	within := func(what string, got, lo, hi int) {
		t.Helper()
		if got < lo || got > hi {
			t.Errorf("%s: %d, want %d–%d", what, got, lo, hi)
		}
	}
	within("accounts with deals", withDeals, 100, 240) // every trial has a conversion deal
	within("enriched accounts", enriched, 630, 770)
	within("untracked accounts", untracked, 10, 50)
	within("releases", len(b.Releases), 25, 35)
	within("critical", seen["intended:critical"], 95, 105)
	within("at risk", seen["intended:at_risk"], 195, 205)
	within("EUR revenue sources", seen["currency:EUR"], 40, 150)
	within("GBP revenue sources", seen["currency:GBP"], 20, 100)
}

// TestReleasesAnswerRequests checks that Close the Loop has something to match.
func TestReleasesAnswerRequests(t *testing.T) {
	b := Generate(Options{Seed: 2, Now: testNow, Size: 300})
	shipped := map[string]bool{}
	for _, r := range b.Releases {
		shipped[r.Title] = true
	}
	answered, open := 0, 0
	for _, a := range b.Accounts {
		for _, act := range a.Activities {
			if act.Signal != domain.SignalFeatureRequest {
				continue
			}
			for _, tp := range topics {
				if tp.summary == act.Title {
					if shipped[tp.release] {
						answered++
					} else {
						open++
					}
				}
			}
		}
	}
	if answered == 0 || open == 0 {
		t.Fatalf("%d requests answered by a release, %d open", answered, open)
	}
	for _, tp := range topics {
		if tp.release != "" && !shipped[tp.release] {
			t.Errorf("topic %s names release %q, which is not in the book", tp.key, tp.release)
		}
	}
}

// TestActivityAgreesWithTheRecords: what the feed says matches the records
// beside it. A call that counts active seats belongs to an account with
// usage data, and Stripe's events are a billing system's (a subscription
// starts; nobody signs it, and no person acts in them).
func TestActivityAgreesWithTheRecords(t *testing.T) {
	b := Generate(Options{Seed: 5, Now: testNow, Size: 600})
	counted, stripeEvents := 0, 0
	for _, a := range b.Accounts {
		for _, act := range a.Activities {
			switch {
			case act.Kind == domain.ActivityCall && (strings.Contains(act.Body, " seats active") ||
				strings.Contains(act.Body, " seats are active") || strings.Contains(act.Body, " people trying it")):
				counted++
				if len(a.Usage) == 0 {
					t.Errorf("%s has no usage data, yet a call says %q", a.Account.Name, act.Body)
				}
			case act.Source == domain.SourceStripe && act.Kind == domain.ActivityContractChange:
				stripeEvents++
				if strings.HasPrefix(act.Title, "Contract signed") || act.Actor != "" {
					t.Errorf("%s: Stripe event %q by %q", a.Account.Name, act.Title, act.Actor)
				}
			}
		}
	}
	if counted == 0 || stripeEvents == 0 {
		t.Fatalf("%d calls count seats, %d Stripe events: the book should hold both", counted, stripeEvents)
	}
}
