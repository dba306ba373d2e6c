package demo

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"successdesk/backend/domain"
)

// activityWindow is how far back the activity feed goes.
const activityWindow = 183

// since returns a moment between minDays and maxDays days ago, but not
// before the account started.
func (g *gen) since(w *work, minDays, maxDays int) time.Time {
	age := max(0, int(g.today.Sub(w.created)/day))
	maxDays = min(maxDays, age)
	minDays = min(minDays, maxDays)
	return g.ago(minDays, maxDays)
}

func (g *gen) activities(w *work) {
	w.b.Activities = make([]domain.Activity, 0, 16+4*len(w.b.Revenue))
	g.calls(w)
	g.signals(w)
	g.contractEvents(w)
	g.paymentEvents(w)
	slices.SortStableFunc(w.b.Activities, func(a, b domain.Activity) int { return a.OccurredAt.Compare(b.OccurredAt) })
}

func (g *gen) add(w *work, a domain.Activity) {
	if a.OccurredAt.After(g.now) || a.OccurredAt.Before(g.now.AddDate(0, 0, -activityWindow)) {
		return
	}
	w.b.Activities = append(w.b.Activities, a)
}

func (g *gen) calls(w *work) {
	s, b := &w.sc, w.b
	var n int
	switch {
	case s.trial || s.prospect:
		n = g.between(1, 2)
	case b.Intended == domain.RiskCritical:
		n = g.between(1, 3)
	case b.Intended == domain.RiskAtRisk:
		n = g.between(2, 4)
	default:
		n = g.between(2, 5)
	}
	// Healthy and trial calls repeat within an account, so no (call, summary)
	// pair is told twice; every call text has two summaries.
	var usedHealthy, usedTrial [16]bool
	for k := range n {
		latest := k == n-1
		pool, at, used := callsHealthy, time.Time{}, &usedHealthy
		switch {
		case s.trial || s.prospect:
			pool, at, used = callsTrial, g.since(w, 0, 20), &usedTrial
		case latest && b.Intended == domain.RiskCritical:
			pool, at, used = callsCritical, g.since(w, 1, 20), nil
		case latest && b.Intended == domain.RiskAtRisk:
			pool, at, used = callsAtRisk, g.since(w, 2, 30), nil
		default:
			at = g.since(w, 5, 180)
		}
		calls := len(pool)
		if used == &usedHealthy && b.Intended != domain.RiskHealthy {
			calls-- // no expansion talk with accounts in trouble (it is listed last)
		}
		// A summary that counts active seats is for an account with usage
		// data: without it, the counts would contradict Customer Detail.
		// Every call text has a summary without counts.
		unusable := func(c, body int) bool {
			return used != nil && used[c*2+body] || len(b.Usage) == 0 && strings.Contains(pool[c].bodies[body], "{active}")
		}
		c, body := g.r.IntN(calls), g.r.IntN(2)
		for unusable(c, body) {
			c, body = g.r.IntN(calls), g.r.IntN(2)
		}
		if used != nil {
			used[c*2+body] = true
		}
		actor := g.contactName(w)
		g.add(w, domain.Activity{Source: domain.SourceBuildBetter, ExternalID: g.extID("bb_call_", 10),
			Kind: domain.ActivityCall, OccurredAt: at, Title: fmt.Sprintf(pool[c].title, b.Account.Name),
			Body: g.fill(w, pool[c].bodies[body], actor), Actor: actor})
	}
}

func (g *gen) signal(w *work, kind domain.SignalKind, at time.Time, title, body string, score *int) {
	g.add(w, domain.Activity{Source: domain.SourceBuildBetter, ExternalID: g.extID("bb_sig_", 10),
		Kind: domain.ActivitySignal, Signal: kind, OccurredAt: at, Title: title, Body: body,
		Actor: g.contactName(w), Score: score})
}

func (g *gen) signals(w *work) {
	s, healthy := &w.sc, w.b.Intended == domain.RiskHealthy
	n := 0
	switch {
	case s.trial || s.prospect || w.b.Intended == domain.RiskCritical:
		n = g.between(0, 1)
	case healthy:
		n = g.between(0, 3)
	default:
		n = g.between(0, 2)
	}
	for k := range n {
		t := topics[w.topic]
		if k > 0 {
			t = pick(g, topics)
		}
		g.signal(w, domain.SignalFeatureRequest, g.since(w, 1, 180), t.summary, pick(g, t.quotes), nil)
	}
	if s.complaint {
		q, at := pick(g, complaints), g.since(w, 2, 25)
		if healthy {
			at = g.since(w, 35, 170)
		}
		g.signal(w, domain.SignalComplaint, at, q.title, q.text, nil)
	}
	if s.escalation {
		q := pick(g, escalations)
		g.signal(w, domain.SignalEscalation, g.since(w, 1, 20), q.title, q.text, nil)
	}
	var score int
	var comment string
	var at time.Time
	switch {
	case s.detractor:
		score, comment, at = g.between(0, 6), pick(g, npsDetractor), g.since(w, 2, 25)
		if healthy {
			at = g.since(w, 20, 170)
		}
	case s.promoter:
		score, comment, at = g.between(9, 10), pick(g, npsPromoter), g.since(w, 5, 150)
	case g.chance(0.4):
		score, comment, at = g.between(7, 8), pick(g, npsPassive), g.since(w, 5, 150)
	}
	if comment != "" {
		g.signal(w, domain.SignalNPS, at, "NPS response: "+strconv.Itoa(score), comment, &score)
	}
	if healthy && !s.trial && g.chance(0.5) {
		for range g.between(1, 2) {
			q := pick(g, praises)
			g.signal(w, domain.SignalPraise, g.since(w, 3, 180), q.title, g.fill(w, q.text, ""), nil)
		}
	}
}

// fill replaces {contact}, {csm}, {team}, {feature}, {competitor}, {active}
// and {seats} in text.
func (g *gen) fill(w *work, text, contact string) string {
	if !strings.Contains(text, "{") {
		return text
	}
	var b strings.Builder
	b.Grow(len(text) + 32)
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			b.WriteString(text)
			return b.String()
		}
		b.WriteString(text[:i])
		switch text[i+1 : i+j] {
		case "contact":
			if contact == "" {
				contact = "The customer"
			}
			b.WriteString(contact)
		case "csm":
			b.WriteString(strings.Fields(w.b.Account.Owner + " x")[0])
		case "team":
			b.WriteString(pick(g, teams))
		case "feature":
			b.WriteString(topics[w.topic].phrase)
		case "competitor":
			b.WriteString(pick(g, competitors))
		case "active":
			b.WriteString(strconv.Itoa(w.active))
		case "seats":
			b.WriteString(strconv.Itoa(w.seats))
		default:
			b.WriteString(text[i : i+j+1])
		}
		text = text[i+j+1:]
	}
}

// contractEvents records the lifecycle of each revenue source.
func (g *gen) contractEvents(w *work) {
	s, b := &w.sc, w.b
	for i := range b.Revenue {
		rs := &b.Revenue[i].RevenueSource
		stripe := rs.Source == domain.SourceStripe
		ev := func(at time.Time, title, body string) {
			// A Salesbricks change is someone's (the owner's); Stripe's
			// events are the billing system's own.
			prefix, actor := "sb_evt_", b.Account.Owner
			if stripe {
				prefix, actor = "evt_", ""
			}
			g.add(w, domain.Activity{Source: rs.Source, ExternalID: g.extID(prefix, 14), Kind: domain.ActivityContractChange,
				OccurredAt: g.clampPast(at), Title: title, Body: body, Actor: actor})
		}
		desc := fmt.Sprintf("%s · %s per %s.", rs.Product, money(rs.Amount), rs.Interval.Period())
		if rs.Seats > 0 {
			desc = fmt.Sprintf("%s · %d seats · %s per %s.", rs.Product, rs.Seats, money(rs.Amount), rs.Interval.Period())
		}
		switch rs.Status {
		case domain.StatusTrialing:
			ev(rs.TermStart.Add(15*time.Hour), fmt.Sprintf("Trial started (%d days)", int(rs.TrialEnd.Sub(rs.TermStart)/day)),
				fmt.Sprintf("%s trial for %d seats, until %s.", rs.Product, rs.Seats, shortDate(rs.TrialEnd)))
			continue
		case domain.StatusDraft:
			ev(w.orderAt, "Order drafted: "+rs.Product, desc+" Starts "+shortDate(rs.TermStart)+".")
			continue
		case domain.StatusPending:
			ev(w.orderAt, "Order sent for signature: "+rs.Product, desc+" Starts "+shortDate(rs.TermStart)+".")
			continue
		}
		start := rs.TermStart.Add(16 * time.Hour)
		switch {
		case rs.TermEnd.IsZero() || rs.Interval != domain.IntervalAnnual && stripe:
			ev(start, "Subscription started: "+rs.Product, desc)
		case rs.TermStart.After(w.created.AddDate(0, 0, 1)):
			months := int(rs.TermEnd.Sub(rs.TermStart)/day+15) / 30
			ev(start, fmt.Sprintf("Renewed for %d months", months), desc+" New term "+shortDate(rs.TermStart)+" – "+shortDate(rs.TermEnd)+".")
		case stripe:
			ev(start, "Subscription started: "+rs.Product, desc)
		default:
			ev(start, "Contract signed: "+rs.Product, desc)
		}
		if i == 0 && !w.upgradeAt.IsZero() {
			title := fmt.Sprintf("Added %d seats (%d → %d)", rs.Seats-w.oldSeats, w.oldSeats, rs.Seats)
			if w.oldPlan != w.plan {
				title = fmt.Sprintf("Upgraded from %s to %s", plans[w.oldPlan].name, plans[w.plan].name)
				if d := rs.Seats - w.oldSeats; d > 0 {
					title += fmt.Sprintf(" (+%d seats)", d)
				}
			}
			ev(w.upgradeAt, title, desc)
		}
		switch {
		case rs.CancelAtPeriodEnd && rs.Source == domain.SourceStripe:
			ev(g.since(w, 3, 25), "Subscription set to cancel at period end",
				fmt.Sprintf("%s ends on %s unless the customer resumes it.", rs.Product, shortDate(rs.TermEnd)))
		case rs.CancelAtPeriodEnd:
			ev(g.since(w, 3, 45), "Non-renewal notice received",
				fmt.Sprintf("%s told us they will not renew when the term ends on %s.", g.contactName(w), shortDate(rs.TermEnd)))
		case rs.Status == domain.StatusCanceled && s.failedCancel:
			ev(rs.TermEnd, "Subscription canceled", "Canceled after failed payments.")
		case rs.Status == domain.StatusCanceled && stripe: // as a Stripe sync words it
			ev(rs.TermEnd, "Subscription canceled", "Canceled at the customer's request.")
		case rs.Status == domain.StatusCanceled:
			ev(rs.TermEnd, "Subscription canceled", fmt.Sprintf("Canceled by %s at the end of the billing period.", g.contactName(w)))
		case rs.Status == domain.StatusExpired:
			ev(rs.TermEnd, "Contract expired without renewal", desc+" Term ended "+shortDate(rs.TermEnd)+".")
		}
	}
}

// paymentEvents records failed attempts, recoveries and voids, plus the
// latest two ordinary payments of each source. (An overdue invoice's notice
// is derived when the feed is read, for the demo book as for a synced one.)
func (g *gen) paymentEvents(w *work) {
	for i := range w.b.Revenue {
		r := &w.b.Revenue[i]
		src := r.Source
		ev := func(at time.Time, title, body string) {
			prefix := "sb_evt_"
			if src == domain.SourceStripe {
				prefix = "evt_"
			}
			g.add(w, domain.Activity{Source: src, ExternalID: g.extID(prefix, 14), Kind: domain.ActivityPayment,
				OccurredAt: at, Title: title, Body: body})
		}
		ordinary := 0
		for k := len(r.Invoices) - 1; k >= 0; k-- {
			inv := &r.Invoices[k]
			amt := money(inv.AmountDue)
			failed := inv.Attempts
			if inv.Status == domain.InvoicePaid {
				failed--
			}
			if inv.FailureReason != "" {
				text := failureText(inv.FailureReason)
				for a := range failed {
					body := "No retries left; the invoice is past due."
					switch {
					case inv.Status == domain.InvoiceVoid && a == failed-1:
						body = "No retries left; the subscription will be canceled."
					case a < failed-1 || inv.Status == domain.InvoicePaid:
						body = "Retried on " + shortDate(inv.IssuedAt.Add(retryOffsets[a+1])) + "."
					case !inv.NextAttemptAt.IsZero():
						body = "Will retry on " + shortDate(inv.NextAttemptAt) + "."
					}
					ev(inv.IssuedAt.Add(retryOffsets[a]), fmt.Sprintf("Payment of %s failed: %s", amt, text), body)
				}
			}
			switch {
			case inv.Status == domain.InvoicePaid && inv.FailureReason != "":
				ev(inv.PaidAt, "Invoice "+inv.ExternalID+" paid", fmt.Sprintf("%s paid on attempt %d after %s.", amt, inv.Attempts, domain.Plural(failed, "failed attempt")))
			case inv.Status == domain.InvoiceVoid:
				ev(inv.LastFailureAt.Add(time.Hour), "Invoice "+inv.ExternalID+" voided", "Voided when the subscription was canceled.")
			case inv.Status == domain.InvoicePaid && ordinary < 2:
				ordinary++
				body := fmt.Sprintf("%s charged to %s ending %04d.", amt, pick(g, cardBrands), g.between(1000, 9999))
				if inv.Attempts == 0 {
					body = amt + " received by bank transfer."
				}
				ev(inv.PaidAt, "Invoice "+inv.ExternalID+" paid", body)
			}
		}
	}
}

func failureText(code string) string {
	for _, f := range failures {
		if f.code == code {
			return f.text
		}
	}
	return code
}
