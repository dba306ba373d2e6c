package sources

import (
	"slices"

	"successdesk/backend/domain"
)

// State is a source's connection state as readiness sees it.
type State string

const (
	StateMissing   State = "missing"   // no credential saved
	StateConnected State = "connected" // a credential is saved and the last sync did not fail
	StateFailing   State = "failing"   // connected, but the last sync failed or the credential was refused
)

// Readiness values (spec §9.5).
const (
	Ready        = "ready"
	Partial      = "partial"
	NotConnected = "not_connected"
	Failing      = "error"
)

// requirement is what a section needs: every group must have at least one
// of its sources connected.
var requirements = map[domain.Section][][]domain.Source{
	domain.SectionHealth: {{domain.SourceSalesbricks}, {domain.SourceStripe}, {domain.SourcePostHog},
		{domain.SourceBuildBetter}},
	domain.SectionConvert:   {{domain.SourceSalesbricks}, {domain.SourceStripe}, {domain.SourcePostHog}},
	domain.SectionContracts: {{domain.SourceSalesbricks}, {domain.SourceStripe}},
	domain.SectionPipeline:  {{domain.SourceAttio, domain.SourceSalesbricks}},
	domain.SectionReengage:  {{domain.SourceSalesbricks}},
	domain.SectionLoop:      {{domain.SourceBuildBetter}, {domain.SourceGitHub, domain.SourceRSS}},
}

// Requires lists the sources sec reads, each group satisfied by any one of
// its members.
func Requires(sec domain.Section) [][]domain.Source {
	out := make([][]domain.Source, 0, len(requirements[sec]))
	for _, g := range requirements[sec] {
		out = append(out, slices.Clone(g))
	}
	return out
}

// Readiness computes sec's readiness from the sources' states (a source
// absent from states is missing): Failing when a source sec reads is
// failing; otherwise Ready when every requirement group has a connected
// source, Partial when some do, and NotConnected when none do.
func Readiness(sec domain.Section, states map[domain.Source]State) string {
	groups := requirements[sec]
	met := 0
	for _, g := range groups {
		ok := false
		for _, src := range g {
			switch states[src] {
			case StateFailing:
				return Failing
			case StateConnected:
				ok = true
			}
		}
		if ok {
			met++
		}
	}
	switch {
	case len(groups) > 0 && met == len(groups):
		return Ready
	case met > 0:
		return Partial
	}
	return NotConnected
}
