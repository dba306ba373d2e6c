package domain

import "time"

// Section is one of the six primary sections of the workspace.
type Section string

const (
	SectionHealth    Section = "health"
	SectionConvert   Section = "convert"
	SectionContracts Section = "contracts"
	SectionPipeline  Section = "pipeline"
	SectionReengage  Section = "reengage"
	SectionLoop      Section = "loop"
)

// Sections lists the sections in nav order.
var Sections = []Section{SectionHealth, SectionConvert, SectionContracts, SectionPipeline, SectionReengage, SectionLoop}

// Valid reports whether s is a known section.
func (s Section) Valid() bool {
	for _, x := range Sections {
		if x == s {
			return true
		}
	}
	return false
}

// Label is the section's name in the nav.
func (s Section) Label() string {
	switch s {
	case SectionHealth:
		return "Health"
	case SectionConvert:
		return "Convert"
	case SectionContracts:
		return "Contracts"
	case SectionPipeline:
		return "Pipeline"
	case SectionReengage:
		return "Re-engage"
	case SectionLoop:
		return "Releases / Close the Loop"
	}
	return string(s)
}

// Route moves an account from one section to another. The newest route of an
// account is its active one; older routes are history.
type Route struct {
	ID        int64
	AccountID int64
	From      Section
	To        Section
	Reason    string
	CreatedAt time.Time
}
