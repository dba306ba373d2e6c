package demo

import (
	"fmt"
	"math"
	"strings"
	"time"

	"successdesk/backend/domain"
)

// deals adds open Attio deals (expansions, renewals, trial conversions) and
// closed-lost Salesbricks deals (lost renewals of churned accounts, lost
// expansions). Roughly 15–20% of accounts get one.
func (g *gen) deals(w *work) {
	s, b := &w.sc, w.b
	price := localPrice(plans[w.plan].price, w.currency)
	owner := func() string {
		if g.chance(0.6) {
			return b.Account.Owner
		}
		return pick(g, aes)
	}
	var mainARR int64
	var mainEnd time.Time
	if len(b.Revenue) > 0 {
		mainARR, mainEnd = b.Revenue[0].ARRMinor, b.Revenue[0].TermEnd
	}
	expansion := func() (string, int64) {
		n := g.between(5, 30)
		return fmt.Sprintf(pick(g, openDealNames), b.Account.Name), intervalAmount(int64(n)*price, domain.IntervalAnnual)
	}

	renewal := s.renewalWithin > 0 || s.renewalToday
	openP := 0.09
	switch {
	case s.trial || s.prospect:
		openP = 0.25
	case renewal:
		openP = 0.6
	case b.Intended != domain.RiskHealthy:
		openP = 0.05
	}
	if g.chance(openP) {
		d := domain.Deal{Source: domain.SourceAttio, ExternalID: g.extID("deal_", 12), Status: domain.DealOpen,
			Owner: owner(), CreatedAt: g.since(w, 5, 90), CloseDate: g.date(g.between(7, 120))}
		d.Stage = dealStages[g.weighted(30, 25, 20, 15, 10)]
		var v int64
		switch {
		case renewal:
			d.Name, v, d.Stage = b.Account.Name+": renewal", mainARR, dealStages[g.weighted(0, 0, 40, 60, 0)]
			d.CloseDate = mainEnd
			if !mainEnd.After(g.today) {
				d.CloseDate = g.date(g.between(3, 14))
			}
		case s.trial || s.prospect:
			d.Name, v = b.Account.Name+": "+plans[w.plan].name+" annual", intervalAmount(int64(w.seats)*price, domain.IntervalAnnual)
		default:
			d.Name, v = expansion()
		}
		d.Value = domain.Money{AmountMinor: v, Currency: w.currency}
		b.Deals = append(b.Deals, d)
	}

	var lost domain.Deal
	switch {
	case (s.canceled || s.expired) && g.chance(0.7):
		at := w.churnAt
		if at.After(g.today.AddDate(0, 0, -30)) {
			at = g.today.AddDate(0, 0, -30)
		}
		lost.LostAt = at.AddDate(0, 0, -g.between(0, 15)).Add(time.Duration(g.between(14, 22)) * time.Hour)
		lost.Name, lost.Stage = b.Account.Name+": renewal", "Negotiation"
		lost.Value = domain.Money{AmountMinor: mainARR, Currency: w.currency}
		lost.LostReason = lostReasons[g.weighted(20, 20, 10, 12, 10, 6, 14, 3, 3, 2)]
	case !s.trial && !s.prospect && g.chance(0.04) && g.today.Sub(w.created) > 60*day:
		lost.LostAt = g.since(w, 30, 540)
		var v int64
		lost.Name, v = expansion()
		lost.Stage = pick(g, dealStages)
		lost.Value = domain.Money{AmountMinor: v, Currency: w.currency}
		lost.LostReason = lostReasons[g.weighted(25, 15, 20, 10, 8, 4, 10, 2, 4, 2)]
	default:
		return
	}
	lost.Source, lost.ExternalID, lost.Status = domain.SourceSalesbricks, g.extID("sb_opp_", 10), domain.DealLost
	lost.Owner, lost.CloseDate = owner(), lost.LostAt
	lost.CreatedAt = lost.LostAt.AddDate(0, 0, -g.between(20, 120))
	if lost.CreatedAt.Before(b.Account.CreatedAt) && b.Account.CreatedAt.Before(lost.LostAt) {
		lost.CreatedAt = b.Account.CreatedAt
	}
	b.Deals = append(b.Deals, lost)
}

var employeeRanges = [][2]float64{{5, 80}, {40, 600}, {150, 3000}, {800, 20000}}

// enrichment adds a HubSpot company record for enriched accounts.
func (g *gen) enrichment(w *work) {
	if !w.enriched {
		return
	}
	r := employeeRanges[w.plan]
	emp := int(r[0] * math.Pow(r[1]/r[0], g.r.Float64()))
	segment := "Enterprise"
	switch {
	case emp < 200:
		segment = "SMB"
	case emp < 2000:
		segment = "Mid-market"
	}
	var arr int64
	fx := domain.DefaultFXRates()
	for _, rv := range w.b.Revenue {
		if rv.Status.Recurring() || rv.Status == domain.StatusTrialing {
			v, _ := fx.ToBase(domain.Money{AmountMinor: rv.ARRMinor, Currency: rv.Amount.Currency})
			arr += v
		}
	}
	tier := "Platinum"
	switch {
	case arr < 10_000_00:
		tier = "Bronze"
	case arr < 50_000_00:
		tier = "Silver"
	case arr < 150_000_00:
		tier = "Gold"
	}
	w.b.Enrichment = &domain.Enrichment{Source: domain.SourceHubSpot, Industry: w.industry, Employees: emp,
		Location: w.location, UpdatedAt: g.ago(0, 30),
		Custom: map[string]string{"Segment": segment, "Tier": tier, "Region": regionOf(w.location)}}
}

// regionOf returns the Region field for a location.
func regionOf(loc string) string {
	for _, r := range regions {
		for _, l := range r.locations {
			if l == loc {
				return r.code
			}
		}
	}
	if strings.HasSuffix(loc, ", CH") {
		return "EMEA"
	}
	return "NA"
}
