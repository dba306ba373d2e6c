package demo

import (
	"math/rand/v2"
	"time"

	"successdesk/backend/domain"
)

// DefaultSize is the number of accounts Generate makes when Options.Size is
// zero or negative.
const DefaultSize = 120

// DefaultNow is the reference time Generate uses when Options.Now is zero. It
// exists so that a forgotten Now stays deterministic; callers should pass the
// real time of the demo session.
var DefaultNow = time.Date(2026, time.January, 7, 15, 30, 0, 0, time.UTC)

// GeneratorVersion changes whenever the same Options would produce a different
// book. It is stored in the demo.meta setting.
const GeneratorVersion = 1

// MetaKey is the settings key under which Write records the book's Meta.
const MetaKey = "demo.meta"

// Options parameterize a book. Two calls with equal normalized Options return
// deeply equal Books.
type Options struct {
	Seed int64     // selects the random streams; any value is valid
	Now  time.Time // the moment the book is "as of"; zero means DefaultNow
	Size int       // number of accounts; zero or negative means DefaultSize
}

// Normalized returns o with defaults applied and Now converted to UTC and
// truncated to whole seconds (the store keeps seconds only).
func (o Options) Normalized() Options {
	if o.Size <= 0 {
		o.Size = DefaultSize
	}
	if o.Now.IsZero() {
		o.Now = DefaultNow
	}
	o.Now = o.Now.UTC().Truncate(time.Second)
	return o
}

// Meta is what Write stores under MetaKey, so the app can tell which book a
// demo file holds.
type Meta struct {
	Version int    `json:"version"`
	Seed    int64  `json:"seed"`
	Now     string `json:"now"` // RFC 3339 UTC
	Size    int    `json:"size"`
}

// Book is a generated sample workspace. Accounts[i] is the account with
// in-book index i; every record an account owns lives in its bundle. All
// database ids (ID, AccountID, RevenueSourceID) are zero in a Book: Write
// assigns them as it inserts. Every time is UTC with whole seconds.
type Book struct {
	Options  Options // normalized
	Accounts []AccountBundle
	Releases []domain.Release // oldest first
}

// Meta describes the book for the demo.meta setting.
func (b *Book) Meta() Meta {
	return Meta{Version: GeneratorVersion, Seed: b.Options.Seed,
		Now: b.Options.Now.Format(time.RFC3339), Size: b.Options.Size}
}

// AccountBundle is one customer account and everything attached to it.
type AccountBundle struct {
	Account    domain.Account
	Contacts   []Contact // Contacts[0] owns Account.PrimaryEmail (when there is one)
	Revenue    []Revenue // main contract or subscription first
	Usage      []domain.UsageWeek
	Activities []domain.Activity // oldest first
	Deals      []domain.Deal
	Enrichment *domain.Enrichment // nil when the CRM holds no record

	// Intended is the health tier the generator aimed for; the scoring engine
	// is expected to agree for the large majority of accounts.
	Intended domain.RiskLevel
	// Story names the scenario behind the account, e.g. "payment trouble".
	Story string
}

// Contact is a person at an account with the source record it came from.
type Contact struct {
	domain.Contact
	Source     domain.Source
	ExternalID string
}

// Revenue is a contract or subscription with its invoices (oldest first).
type Revenue struct {
	domain.RevenueSource
	Invoices []domain.Invoice
}

// Generate builds the book described by o. It is deterministic and reads no
// clock; it runs in time and memory linear in Size.
func Generate(o Options) *Book {
	o = o.Normalized()
	g := newGen(o)
	b := &Book{Options: o, Accounts: make([]AccountBundle, o.Size)}
	b.Releases = g.releases()
	var prof [10]domain.RiskLevel
	for i := range o.Size {
		if i%10 == 0 {
			prof = g.profileBlock(i / 10)
		}
		g.account(&b.Accounts[i], i, prof[i%10])
	}
	return b
}

// profileBlock returns the intended tiers of accounts 10k..10k+9: one
// critical, two at risk and seven healthy, in a seeded order. Stratifying by
// blocks keeps small books close to the 10/20/70 target.
func (g *gen) profileBlock(k int) [10]domain.RiskLevel {
	p := [10]domain.RiskLevel{domain.RiskCritical, domain.RiskAtRisk, domain.RiskAtRisk}
	for i := 3; i < 10; i++ {
		p[i] = domain.RiskHealthy
	}
	r := rand.New(rand.NewPCG(uint64(g.o.Seed), streamProfile^uint64(k)))
	r.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}
