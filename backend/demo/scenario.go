package demo

import "successdesk/backend/domain"

// adoption is the target share of licensed seats active in the latest week.
type adoption int

const (
	adNone    adoption = iota // no usage rows at all (no domain to match on)
	adZero                    // nobody active in the last two weeks
	adVeryLow                 // under 20%
	adLow                     // 20–49%
	adGood                    // 60–79%
	adHigh                    // 80–95%
)

// layout says which billing systems an account's main revenue comes from.
type layout int

const (
	layoutStripe layout = iota
	layoutSB
	layoutMerged // a Salesbricks contract plus a Stripe add-on
)

// scenario is the hidden story of an account. Each intended tier is a set of
// recipes whose penalties under the proposed health model (spec §11.1) land
// in that tier's score band: healthy accounts lose at most ~28 points,
// at-risk accounts 31–60 and critical accounts more than 60.
type scenario struct {
	story    string
	layout   layout
	trial    bool
	prospect bool // only a pending or draft order

	adoption  adoption
	declining bool // last week at most ~70% of the week before

	payTrouble      bool // latest card payment failing: past due, failed within 30 days
	overdue         bool // net-30 invoice unpaid after its due date
	recoveredRecent bool // a card failure in the last 30 days, then paid
	recoveredOld    bool // a card failure 40–200 days ago, then paid

	canceled      bool
	failedCancel  bool // canceled after the final invoice's retries ran out
	cancelAtEnd   bool
	expired       bool
	expiredDays   int // days before today the expired term ended; 0 = random
	renewalWithin int // 7 or 30 to force the renewal that close; 0 = spread over a year
	renewalToday  bool
	zeroSeats     bool

	escalation, complaint, detractor, promoter bool

	order    bool // a draft or pending renewal/expansion order
	upgraded bool
}

func (g *gen) scenario(intended domain.RiskLevel, planIdx int) scenario {
	var s scenario
	s.layout = layout(g.weighted([][]int{{88, 8, 4}, {45, 35, 20}, {10, 60, 30}, {0, 70, 30}}[planIdx]...))
	switch intended {
	case domain.RiskCritical:
		g.criticalRecipe(&s)
	case domain.RiskAtRisk:
		g.atRiskRecipe(&s)
	default:
		g.healthyRecipe(&s)
	}
	return s
}

func (g *gen) healthyRecipe(s *scenario) {
	s.story = "steady"
	s.adoption = adGood
	if g.chance(0.45) {
		s.adoption = adHigh
	}
	switch {
	case g.chance(0.14):
		s.story, s.trial = "trial", true
		s.layout = layoutStripe
		if g.chance(0.3) {
			s.layout = layoutSB
		}
		s.adoption = []adoption{adHigh, adGood, adLow, adVeryLow}[g.weighted(30, 35, 25, 10)]
		s.promoter = g.chance(0.1)
		return
	case g.chance(0.016):
		s.story, s.prospect, s.layout = "prospect", true, layoutSB
		s.adoption = []adoption{adGood, adLow}[g.weighted(60, 40)]
		return
	}
	// Minor issues: never more than two, so the worst case (−18, plus −10
	// for a renewal inside a week) still scores healthy.
	minors := []int{0, 1, 2, 3, 4}
	g.r.Shuffle(len(minors), func(i, j int) { minors[i], minors[j] = minors[j], minors[i] })
	n := g.weighted(70, 25, 5)
	for _, m := range minors {
		if n == 0 {
			break
		}
		switch m {
		case 0:
			s.adoption = adLow
		case 1:
			s.complaint = true
		case 2:
			s.declining = true
		case 3:
			s.detractor = true
		case 4:
			if s.layout == layoutSB {
				continue
			}
			s.recoveredRecent = true
		}
		n--
		s.story = "steady, minor issues"
	}
	s.recoveredOld = g.chance(0.08)
	s.promoter = !s.detractor && g.chance(0.35)
	s.order = g.chance(0.06)
	s.upgraded = g.chance(0.15)
	if s.upgraded && s.story == "steady" {
		s.story = "growing"
	}
}

func (g *gen) atRiskRecipe(s *scenario) {
	switch g.weighted(25, 20, 20, 20, 15) {
	case 0:
		if s.layout == layoutSB { // −15 −8 −6 −6
			s.story, s.overdue, s.adoption, s.declining, s.complaint = "overdue invoice", true, adLow, true, true
		} else { // −15 −10 −8 [−6]
			s.story, s.payTrouble, s.adoption, s.complaint = "payment trouble", true, adLow, g.chance(0.5)
		}
	case 1: // −25 −8 [−8] [−5/−10 when a monthly period ends soon]
		s.story, s.cancelAtEnd, s.adoption, s.detractor = "cancellation scheduled", true, adLow, g.chance(0.5)
	case 2: // −15 −6 −6 −8
		s.story, s.adoption, s.declining, s.complaint, s.detractor = "fading usage", adVeryLow, true, true, true
	case 3: // −5/−10 −8 −6 −12 [−6]
		s.story, s.adoption, s.declining, s.escalation = "renewal at risk", adLow, true, true
		s.renewalWithin = []int{30, 7}[g.weighted(60, 40)]
		s.complaint, s.order = g.chance(0.3), g.chance(0.5)
	default: // −12 −6 −8 −8
		s.story, s.escalation, s.complaint, s.adoption, s.detractor = "escalated", true, true, adLow, true
	}
	s.recoveredOld = g.chance(0.15)
}

func (g *gen) criticalRecipe(s *scenario) {
	switch g.weighted(30, 25, 20, 25) {
	case 0: // −20 −15 [−6] −15 −10 −12 −6
		s.story, s.adoption, s.payTrouble, s.escalation, s.complaint = "gone dark, unpaid", adZero, true, true, true
		if s.layout == layoutSB {
			s.layout = layoutMerged
		}
		s.recoveredOld = g.chance(0.5)
	case 1: // −25 −20 [−15 −6] −8 −6 −12 (no seats are licensed any more, so no adoption share)
		s.story, s.layout, s.canceled, s.adoption, s.detractor = "churned", layoutStripe, true, adZero, true
		s.complaint, s.escalation = true, true
		s.failedCancel = g.chance(0.5)
	case 2: // −20 −20 [−15 −6] −6 −8 −12
		s.story, s.layout, s.expired, s.adoption = "lapsed contract", layoutSB, true, adZero
		s.complaint, s.detractor, s.escalation = true, true, true
	default: // −25 −5/−10 −15 −6 −12 −6
		s.story, s.cancelAtEnd, s.adoption, s.declining = "renewal cliff", true, adVeryLow, true
		s.renewalWithin = []int{30, 7}[g.weighted(70, 30)]
		s.escalation, s.complaint = true, true
	}
}

// hardScenario is the fixed story of each hard case.
func hardScenario(k HardCaseKind) scenario {
	switch k {
	case HardMarkupName:
		return scenario{story: "gone dark, unpaid", layout: layoutStripe, adoption: adZero, payTrouble: true, escalation: true}
	case HardNoDomain:
		return scenario{story: "steady", layout: layoutSB, adoption: adNone}
	case HardFreeMail:
		return scenario{story: "steady", layout: layoutStripe, adoption: adNone}
	case HardUnicodeLatin:
		return scenario{story: "steady", layout: layoutSB, adoption: adGood, promoter: true}
	case HardUnicodeCJK:
		return scenario{story: "escalated", layout: layoutSB, adoption: adLow, escalation: true, complaint: true, detractor: true}
	case HardUnicodeAccents:
		return scenario{story: "steady", layout: layoutStripe, adoption: adHigh, promoter: true}
	case HardZeroSeats:
		return scenario{story: "site license", layout: layoutSB, adoption: adGood, zeroSeats: true}
	case HardRenewalToday: // −10 −8 −6 −12
		return scenario{story: "renewal today", layout: layoutSB, adoption: adLow, declining: true, escalation: true, renewalToday: true}
	case HardRenewalPassed:
		return scenario{story: "lapsed contract", layout: layoutSB, adoption: adZero, expired: true, expiredDays: 9,
			complaint: true, detractor: true, escalation: true}
	}
	return scenario{story: "steady", layout: layoutSB, adoption: adGood}
}
