package demo

import (
	"slices"

	"successdesk/backend/domain"
)

// HardCaseKind names an edge case that every book of Size ≥ 20 contains.
type HardCaseKind string

const (
	// HardMarkupName is a company whose name is HTML and script markup; it
	// must be stored and shown verbatim, as text. Its first contact's name is
	// an SQL-injection string. Intended critical, so it tops the Health list.
	HardMarkupName HardCaseKind = "markup_name"
	// HardNoDomain has no domain and no e-mail at all (a Salesbricks customer
	// known only by name): no usage, no enrichment.
	HardNoDomain HardCaseKind = "no_domain"
	// HardFreeMail has no domain and a gmail.com primary e-mail (a Stripe
	// customer who signed up with a personal address).
	HardFreeMail HardCaseKind = "free_mail"
	// HardUnicodeLatin, HardUnicodeCJK and HardUnicodeAccents have non-ASCII
	// names and contacts with ASCII domains.
	HardUnicodeLatin   HardCaseKind = "unicode_latin"
	HardUnicodeCJK     HardCaseKind = "unicode_cjk"
	HardUnicodeAccents HardCaseKind = "unicode_accents"
	// HardZeroSeats has an active contract with Seats = 0 (a site license)
	// and real usage, so adoption has no denominator.
	HardZeroSeats HardCaseKind = "zero_seats"
	// HardRenewalToday has an active annual contract whose TermEnd is 00:00
	// UTC of Now's date.
	HardRenewalToday HardCaseKind = "renewal_today"
	// HardRenewalPassed has only an expired contract whose TermEnd is nine
	// days before Now's date, and no renewal.
	HardRenewalPassed HardCaseKind = "renewal_passed"
)

// MarkupName is the verbatim name of the HardMarkupName account.
const MarkupName = `<img src=x onerror=alert(1)><script>alert("pwned")</script> Holdings`

// MarkupContactName is the verbatim name of that account's first contact.
const MarkupContactName = `Robert'); DROP TABLE contacts;--`

// HardCase describes one hard case. Name, Domain and PrimaryEmail do not
// depend on Seed or Now; the account sits at Accounts[Index].
type HardCase struct {
	Kind         HardCaseKind
	Index        int
	Name         string
	Domain       string // "" for the domain-less cases
	PrimaryEmail string // "" for HardNoDomain
	Intended     domain.RiskLevel

	contact, title string // first contact
	location       string // "" means no enrichment
	plan           int    // index into plans
}

var hardCaseSpecs = []HardCase{
	{Kind: HardMarkupName, Index: 1, Name: MarkupName, Domain: "htmlholdings.com",
		PrimaryEmail: "bobby.tables@htmlholdings.com", Intended: domain.RiskCritical,
		contact: MarkupContactName, title: "IT Director", location: "Columbus, OH", plan: 1},
	{Kind: HardNoDomain, Index: 3, Name: "Dunmore Lumber & Supply", Intended: domain.RiskHealthy,
		contact: "Walt Dunmore", title: "Owner", plan: 1},
	{Kind: HardFreeMail, Index: 5, Name: "Tran Family Bakery", PrimaryEmail: "jenny.tran.bakes@gmail.com",
		Intended: domain.RiskHealthy, contact: "Jenny Tran", title: "Owner", plan: 0},
	{Kind: HardUnicodeLatin, Index: 7, Name: "Zürich Kräuter AG", Domain: "zurichkrauter.com",
		PrimaryEmail: "juerg.mueller@zurichkrauter.com", Intended: domain.RiskHealthy,
		contact: "Jürg Müller", title: "Head of Operations", location: "Zürich, CH", plan: 2},
	{Kind: HardUnicodeCJK, Index: 9, Name: "東京デジタル株式会社", Domain: "tokyodigital.co",
		PrimaryEmail: "m.tanaka@tokyodigital.co", Intended: domain.RiskAtRisk,
		contact: "田中 美咲", title: "Director of Engineering", location: "Tokyo, JP", plan: 2},
	{Kind: HardUnicodeAccents, Index: 11, Name: "Ñandú Café", Domain: "nanducafe.com",
		PrimaryEmail: "sofia.pena@nanducafe.com", Intended: domain.RiskHealthy,
		contact: "Sofía Peña", title: "Founder & CEO", location: "Buenos Aires, AR", plan: 0},
	{Kind: HardZeroSeats, Index: 13, Name: "Stonebridge Public Library", Domain: "stonebridgelibrary.com",
		PrimaryEmail: "grace.holt@stonebridgelibrary.com", Intended: domain.RiskHealthy,
		contact: "Grace Holt", title: "IT Director", location: "Pittsburgh, PA", plan: 2},
	{Kind: HardRenewalToday, Index: 15, Name: "Larkfield Legal LLP", Domain: "larkfieldlegal.com",
		PrimaryEmail: "owen.mitchell@larkfieldlegal.com", Intended: domain.RiskAtRisk,
		contact: "Owen Mitchell", title: "COO", location: "Boston, MA", plan: 2},
	{Kind: HardRenewalPassed, Index: 17, Name: "Pinecrest Outfitters", Domain: "pinecrestoutfitters.com",
		PrimaryEmail: "rosa.alvarez@pinecrestoutfitters.com", Intended: domain.RiskCritical,
		contact: "Rosa Alvarez", title: "VP of Sales", location: "Denver, CO", plan: 1},
}

// HardCases lists the hard cases in index order. A book holds the case when
// its Size is greater than the case's Index (always when Size ≥ 20).
func HardCases() []HardCase { return slices.Clone(hardCaseSpecs) }

// HardCase returns the bundle of hard case k, and false when the book is too
// small to hold it.
func (b *Book) HardCase(k HardCaseKind) (*AccountBundle, bool) {
	for _, h := range hardCaseSpecs {
		if h.Kind == k && h.Index < len(b.Accounts) {
			return &b.Accounts[h.Index], true
		}
	}
	return nil, false
}

func hardCaseAt(i int) *HardCase {
	if i >= 20 || i%2 == 0 {
		return nil
	}
	for k := range hardCaseSpecs {
		if hardCaseSpecs[k].Index == i {
			return &hardCaseSpecs[k]
		}
	}
	return nil
}
