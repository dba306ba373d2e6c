package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"successdesk/app"
	"successdesk/backend/connector/fakebook"
	"successdesk/backend/domain"
	"successdesk/backend/health"
)

// This file builds the multi-source test's expected health inputs from
// the fakes' truths alone (see TestMultiSourceSyncScoresTheGeneratedTruth).

// expectedFacts builds, from the fakes' truths alone, each company's
// health inputs by domain, as backend/health's window reads them from
// the store (health.Window and store.ScanFacts):
//
//   - the account is the company: Salesbricks customers, Stripe customers,
//     PostHog e-mail domains and BuildBetter account keys with the same
//     domain are one; a Stripe customer without a company domain joins
//     the Salesbricks customer that names it as its Stripe customer id;
//   - Revenue is every Salesbricks and Stripe revenue source of the
//     account; Invoices every invoice that can move a score (unpaid,
//     failed since the window's FailuresSince, or paid after now), and
//     Invoiced whether it has any invoice;
//   - Usage is the PostHog weeks of the account's domain from the
//     window's first week on, zero weeks included;
//   - Signals are the BuildBetter escalations, complaints and NPS answers
//     dated since the window's SignalsSince, or its KindSince for a kind
//     listed there.
//
// LastActivityAt is left out: it moves neither score, level nor factors.
func (m *multiBook) expectedFacts(t *testing.T, at time.Time) map[string]*domain.AccountFacts {
	t.Helper()
	w := health.Window(at)
	out := map[string]*domain.AccountFacts{}
	facts := func(dom string) *domain.AccountFacts {
		if dom == "" {
			return nil
		}
		f := out[dom]
		if f == nil {
			f = &domain.AccountFacts{Account: domain.Account{Domain: dom}}
			out[dom] = f
		}
		return f
	}
	addInvoice := func(f *domain.AccountFacts, inv domain.Invoice) {
		f.Invoiced = true
		unpaid := inv.Status == domain.InvoiceOpen || inv.Status == domain.InvoiceFailed
		if unpaid || (!inv.LastFailureAt.IsZero() && !inv.LastFailureAt.Before(w.FailuresSince)) || inv.PaidAt.After(w.AsOf) {
			f.Invoices = append(f.Invoices, inv)
		}
	}
	var lost []string // records whose account the truth cannot place

	sb := m.sb.Truth()
	byStripeID := map[string]string{} // Stripe customer id → domain, through Salesbricks' alias
	for _, a := range sb.Accounts {
		facts(a.Domain)
		if a.StripeCustomerID != "" && a.Domain != "" {
			byStripeID[a.StripeCustomerID] = a.Domain
		}
	}
	for id, r := range sb.Revenue {
		f := facts(sb.Accounts[r.Customer].Domain)
		if f == nil {
			lost = append(lost, "salesbricks revenue "+id)
			continue
		}
		f.Revenue = append(f.Revenue, domain.RevenueSource{Source: domain.SourceSalesbricks, ExternalID: id, Product: r.Product,
			Status: r.Status, Interval: r.Interval, Amount: r.Amount, MRRMinor: r.MRRMinor, ARRMinor: r.ARRMinor, Seats: r.Seats,
			TermStart: r.TermStart, TermEnd: r.TermEnd, TrialEnd: r.TrialEnd, CancelAtPeriodEnd: r.CancelAtPeriodEnd})
	}
	for id, in := range sb.Invoices {
		f := facts(sb.Accounts[in.Customer].Domain)
		if f == nil {
			lost = append(lost, "salesbricks invoice "+id)
			continue
		}
		addInvoice(f, domain.Invoice{Source: domain.SourceSalesbricks, ExternalID: id, Status: in.Status, AmountDue: in.AmountDue,
			AmountPaidMinor: in.AmountPaidMinor, IssuedAt: in.IssuedAt, DueAt: in.DueAt, PaidAt: in.PaidAt})
	}

	st := m.st.Truth()
	stripeDomain := func(customer string) string {
		if d, ok := st.Keys[customer]; ok && d != customer {
			return d // the customer's own company domain
		}
		return byStripeID[customer]
	}
	for _, a := range st.Accounts {
		for _, c := range a.Customers {
			if facts(stripeDomain(c)) == nil {
				lost = append(lost, "stripe customer "+c)
			}
		}
	}
	for id, r := range st.Revenue {
		f := facts(stripeDomain(r.Customer))
		if f == nil {
			lost = append(lost, "stripe subscription "+id)
			continue
		}
		f.Revenue = append(f.Revenue, domain.RevenueSource{Source: domain.SourceStripe, ExternalID: id, Product: r.Product,
			Status: r.Status, Interval: r.Interval, Amount: r.Amount, MRRMinor: r.MRRMinor, ARRMinor: r.ARRMinor, Seats: r.Seats,
			TermStart: r.TermStart, TermEnd: r.TermEnd, TrialEnd: r.TrialEnd, CancelAtPeriodEnd: r.CancelAtPeriodEnd})
	}
	for id, in := range st.Invoices {
		f := facts(stripeDomain(in.Customer))
		if f == nil {
			lost = append(lost, "stripe invoice "+id)
			continue
		}
		addInvoice(f, domain.Invoice{Source: domain.SourceStripe, ExternalID: id, Status: in.Status, AmountDue: in.AmountDue,
			AmountPaidMinor: in.AmountPaidMinor, IssuedAt: in.IssuedAt, DueAt: in.DueAt, PaidAt: in.PaidAt, Attempts: in.Attempts,
			LastFailureAt: in.LastFailureAt, NextAttemptAt: in.NextAttemptAt, FailureReason: in.FailureReason})
	}

	ph := m.ph.Truth()
	for _, a := range ph.Domains {
		f := facts(a.Domain)
		for i, wk := range ph.Weeks {
			if !wk.Before(w.UsageSince) {
				f.Usage = append(f.Usage, domain.UsageWeek{WeekStart: wk, ActiveUsers: a.Users[i]})
			}
		}
	}

	bb := m.bb.Truth()
	bbDomain := map[string]string{}
	for _, a := range bb.Accounts {
		bbDomain[a.Key] = a.Domain
		if facts(a.Domain) == nil {
			lost = append(lost, "buildbetter account "+a.Key)
		}
	}
	for _, a := range bb.Activities {
		kind := domain.SignalKind(a.Signal)
		if a.Signal == "" || !slices.Contains(w.SignalKinds, kind) || a.OccurredAt.Before(w.SignalsSince) {
			continue
		}
		if since, ok := w.KindSince[kind]; ok && a.OccurredAt.Before(since) {
			continue
		}
		if f := facts(bbDomain[a.AccountKey]); f != nil {
			f.Signals = append(f.Signals, domain.Activity{Source: domain.SourceBuildBetter, ExternalID: a.ExternalID,
				Kind: domain.ActivitySignal, Signal: kind, OccurredAt: a.OccurredAt, Score: a.Score})
		}
	}
	if len(lost) > 0 {
		t.Errorf("%d records of the truth belong to no company domain (the universe gives every one a domain): %v",
			len(lost), lost[:min(len(lost), 5)])
	}
	for _, f := range out {
		slices.SortFunc(f.Usage, func(a, b domain.UsageWeek) int { return a.WeekStart.Compare(b.WeekStart) })
	}
	return out
}

// storedScore is one account's current score as the store holds it.
type storedScore struct {
	score int
	level domain.RiskLevel
	codes []string // sorted
}

type storedBook struct {
	byDomain      map[string]storedScore
	withoutDomain int
	duplicates    int
}

// storedScores reads every live account's current score, by domain.
func storedScores(t *testing.T, d *app.Desk) storedBook {
	t.Helper()
	rows, err := d.Live().Store.DB().QueryContext(context.Background(), `SELECT coalesce(a.domain, ''), c.score, c.level, h.factors_json
		FROM accounts a JOIN health_current c ON c.account_id = a.id
		JOIN health_scores h ON h.account_id = c.account_id AND h.snapshot_id = c.snapshot_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	b := storedBook{byDomain: map[string]storedScore{}}
	for rows.Next() {
		var dom, factors string
		var s storedScore
		if err := rows.Scan(&dom, &s.score, &s.level, &factors); err != nil {
			t.Fatal(err)
		}
		var fs []domain.RiskFactor
		if err := json.Unmarshal([]byte(factors), &fs); err != nil {
			t.Fatal(err)
		}
		s.codes = factorCodes(fs)
		switch _, dup := b.byDomain[dom]; {
		case dom == "":
			b.withoutDomain++
		case dup:
			b.duplicates++
		default:
			b.byDomain[dom] = s
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var accounts int
	if err := d.Live().Store.DB().QueryRow(`SELECT count(*) FROM accounts`).Scan(&accounts); err != nil {
		t.Fatal(err)
	}
	if scored := len(b.byDomain) + b.withoutDomain + b.duplicates; scored != accounts {
		t.Errorf("%d accounts, %d with a current score", accounts, scored)
	}
	return b
}

func factorCodes(fs []domain.RiskFactor) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, f.Code)
	}
	slices.Sort(out)
	return out
}

// describeFacts summarizes facts for a failure message.
func describeFacts(f *domain.AccountFacts) string {
	var b strings.Builder
	for _, r := range f.Revenue {
		fmt.Fprintf(&b, "  revenue %s %s %s seats=%d term %s–%s cancel=%v\n", r.Source, r.ExternalID, r.Status, r.Seats,
			r.TermStart.Format(time.DateOnly), r.TermEnd.Format(time.DateOnly), r.CancelAtPeriodEnd)
	}
	for _, in := range f.Invoices {
		fmt.Fprintf(&b, "  invoice %s %s %s due %s failed %s\n", in.Source, in.ExternalID, in.Status,
			in.DueAt.Format(time.DateOnly), in.LastFailureAt.Format(time.DateOnly))
	}
	var users []int
	for _, u := range f.Usage {
		users = append(users, u.ActiveUsers)
	}
	fmt.Fprintf(&b, "  invoiced %t, usage %v\n", f.Invoiced, users)
	for _, s := range f.Signals {
		score := ""
		if s.Score != nil {
			score = fmt.Sprint(*s.Score)
		}
		fmt.Fprintf(&b, "  signal %s %s %s %s\n", s.ExternalID, s.Signal, s.OccurredAt.Format(time.RFC3339), score)
	}
	return b.String()
}

func sourceNames(s fakebook.Sources) string {
	var out []string
	for _, x := range []struct {
		src  fakebook.Sources
		name string
	}{{fakebook.Salesbricks, "Salesbricks"}, {fakebook.Stripe, "Stripe"}, {fakebook.PostHog, "PostHog"},
		{fakebook.BuildBetter, "BuildBetter"}, {fakebook.HubSpot, "HubSpot"}} {
		if s.Has(x.src) {
			out = append(out, x.name)
		}
	}
	return strings.Join(out, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func pct(n, of int) float64 { return 100 * float64(n) / float64(max(of, 1)) }
