package scoring

import (
	"fmt"
	"slices"
	"strings"

	"successdesk/backend/domain"
)

// signals adds the escalation, complaint and NPS factors. Signals are never a
// missing category: having none is a neutral fact.
func (e *eval) signals() bool {
	now := e.v.now
	recent := now.Add(-signalDays * day)
	var esc, cmp []domain.Activity
	var nps *domain.Activity
	for i := range e.v.signals {
		a := &e.v.signals[i]
		switch a.Signal {
		case domain.SignalEscalation, domain.SignalComplaint:
			if !a.OccurredAt.After(recent) {
				continue
			}
			if a.Signal == domain.SignalEscalation {
				esc = append(esc, *a)
			} else {
				cmp = append(cmp, *a)
			}
		case domain.SignalNPS:
			if a.Score == nil || *a.Score < 0 || *a.Score > 10 || !a.OccurredAt.After(now.Add(-npsDays*day)) {
				continue
			}
			if nps == nil || newerSignal(*a, *nps) {
				nps = a
			}
		}
	}
	// Escalations claim the shared cap first; complaints get what is left.
	escPts := max(spec(CodeEscalation).BasePoints*len(esc), signalPenaltyCap)
	cmpPts := max(spec(CodeComplaint).BasePoints*len(cmp), signalPenaltyCap-escPts)
	capped := spec(CodeEscalation).BasePoints*len(esc)+spec(CodeComplaint).BasePoints*len(cmp) < signalPenaltyCap
	e.signalFactor(CodeEscalation, esc, escPts, capped)
	e.signalFactor(CodeComplaint, cmp, cmpPts, capped)
	if nps != nil {
		e.npsFactor(*nps)
	}
	return true
}

// newerSignal orders signals newest first, ties by external id.
func newerSignal(a, b domain.Activity) bool {
	if !a.OccurredAt.Equal(b.OccurredAt) {
		return a.OccurredAt.After(b.OccurredAt)
	}
	return a.ExternalID < b.ExternalID
}

func (e *eval) signalFactor(code string, as []domain.Activity, points int, capped bool) {
	if len(as) == 0 {
		return
	}
	slices.SortFunc(as, func(a, b domain.Activity) int {
		if newerSignal(a, b) {
			return -1
		}
		if newerSignal(b, a) {
			return 1
		}
		return 0
	})
	newest := as[0]
	var detail string
	if len(as) == 1 {
		detail = fmt.Sprintf("%s on %s", spec(code).Label, fmtDay(newest.OccurredAt))
	} else {
		detail = fmt.Sprintf("%s in the last %d days; the newest on %s", domain.Plural(len(as), code), signalDays, fmtDay(newest.OccurredAt))
	}
	if t := quoted(newest.Title); t != "" {
		detail += ": " + t
	}
	if capped {
		detail += fmt.Sprintf(" (escalations and complaints count at most %d together)", signalPenaltyCap)
	}
	ev := make([]domain.Evidence, 0, min(len(as), maxEvidence))
	for _, a := range as[:min(len(as), maxEvidence)] {
		ev = append(ev, signalEvidence(a))
	}
	if points == 0 {
		return // the cap left nothing for this kind; the other factor says so
	}
	e.addPoints(code, points, detail+".", ev...)
}

func (e *eval) npsFactor(a domain.Activity) {
	score := *a.Score
	code := ""
	switch {
	case score <= 6:
		code = CodeNPSDetractor
	case score >= 9:
		code = CodeNPSPromoter
	default:
		return
	}
	e.add(code, fmt.Sprintf("Newest NPS answer is %d, given on %s.", score, fmtDay(a.OccurredAt)),
		signalEvidence(a))
}

func signalEvidence(a domain.Activity) domain.Evidence {
	label := clip(a.Title, 80)
	if a.Signal == domain.SignalNPS && a.Score != nil {
		label = strings.TrimSuffix(fmt.Sprintf("NPS %d: %s", *a.Score, label), ": ")
	}
	if label == "" {
		label = string(a.Signal)
	}
	return domain.Evidence{Kind: "signal", Ref: a.ExternalID, Label: label, At: a.OccurredAt}
}
