package connector

import (
	"context"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

// Cursor is an opaque resume point owned by one connector; "" means start
// from the beginning. The syncer stores it verbatim and never parses it.
type Cursor = string

// Progress phase labels, exactly as the spec shows them.
const (
	PhaseLoading       = "Loading…"
	PhaseChecking      = "Checking sources…"
	PhaseOrders        = "Fetching orders…"        // Salesbricks
	PhaseSubscriptions = "Fetching subscriptions…" // Stripe
	PhaseTallying      = "Tallying…"
)

// Connector pulls one source's records, one page per call.
//
// Fetch returns the page that starts at cursor. Its contract, checked by
// connectortest.Run:
//   - Page.Next resumes right after the page: Fetch(Next) never repeats or
//     skips a record of a completed pass.
//   - Page.Done ends the pass; a page with no records also ends it, whatever
//     Done says. The Next of the last page is what the following run starts
//     from: "" for a full pass next time, a watermark for incremental sync.
//   - When ctx ends, Fetch returns promptly with an error satisfying
//     errors.Is(err, ctx.Err()) (use FetchError).
//   - Every other error is a *domain.Error: 401/403 give EUnauthorized, a
//     missing token ENotConnected, 429/5xx/network EUnavailable. 429 and 5xx
//     are retried inside the *httpx.Client, honouring Retry-After.
//   - The token appears in request headers only: never in a URL, an error,
//     a log line or a record.
//
// Fetch must be safe to call again with the same cursor (it is, after a
// crash before the page was committed) and must not write anything.
type Connector interface {
	Source() domain.Source
	Fetch(ctx context.Context, cursor Cursor) (Page, error)
}

// Page is one batch of normalized records. Records refer to their account by
// the source's own customer key (AccountRecord.Key), never by a database id;
// an account must arrive in the same or an earlier page of its pass than the
// records that name it.
type Page struct {
	Accounts   []AccountRecord
	Revenue    []RevenueRecord
	Invoices   []InvoiceRecord
	Activities []ActivityRecord
	Usage      []UsageRecord
	// Deals and Enrichments are upserted by (source, external id) and by
	// (account, source); a full pass does not sweep them.
	Deals       []DealRecord
	Enrichments []EnrichmentRecord
	// Deleted names records the source reports deleted (an incremental
	// pass reading its change log). The sink removes them after writing
	// the page's records.
	Deleted []Ref

	Next  Cursor
	Done  bool
	Phase string // a Phase* label for progress events; "" keeps the previous one
	Total int    // records the connector expects in this pass; 0 when unknown

	// StartsFullPass marks the first page of a full pass: a pass that
	// delivers every record the source holds, every account before the
	// records naming it. EndsFullPass marks its last page (which is Done).
	// When a page with EndsFullPass commits after one with StartsFullPass,
	// the sink removes this source's revenue and invoices that no page of
	// the pass delivered, and the account keys it did not deliver with
	// their records (mark and sweep). A pass that fails or is canceled
	// sweeps nothing; one resumed after a crash still sweeps correctly.
	// Connectors that cannot tell leave both false: nothing is ever swept.
	StartsFullPass bool
	EndsFullPass   bool
}

// RefKind is the kind of record a Ref names.
type RefKind string

const (
	RefAccount RefKind = "account" // Key is an AccountRecord.Key: the key and all its records go
	RefRevenue RefKind = "revenue" // Key is a RevenueRecord's ExternalID
	RefInvoice RefKind = "invoice" // Key is an InvoiceRecord's ExternalID
)

// Ref names one record of a source.
type Ref struct {
	Kind RefKind
	Key  string
}

// Len is the number of records on the page, deletions included.
func (p Page) Len() int {
	return len(p.Accounts) + len(p.Revenue) + len(p.Invoices) + len(p.Activities) + len(p.Usage) + len(p.Deals) +
		len(p.Enrichments) + len(p.Deleted)
}

// Keys lists the page's records as "kind:key" strings in page order, for
// comparing passes in tests.
func (p Page) Keys() []string {
	var out []string
	for _, r := range p.Accounts {
		out = append(out, "account:"+r.Key)
	}
	for _, r := range p.Revenue {
		out = append(out, "revenue:"+r.ExternalID)
	}
	for _, r := range p.Invoices {
		out = append(out, "invoice:"+r.ExternalID)
	}
	for _, r := range p.Activities {
		out = append(out, "activity:"+r.ExternalID)
	}
	for _, r := range p.Usage {
		out = append(out, "usage:"+r.AccountKey+"@"+r.WeekStart.Format("2006-01-02"))
	}
	for _, r := range p.Deals {
		out = append(out, "deal:"+r.ExternalID)
	}
	for _, r := range p.Enrichments {
		out = append(out, "enrichment:"+r.AccountKey)
	}
	for _, r := range p.Deleted {
		out = append(out, "deleted:"+string(r.Kind)+":"+r.Key)
	}
	return out
}

// AccountRecord is a customer company as one source knows it. Key is the
// source's stable customer id (required). Domain is the normalized company
// domain ("" when unknown: never a free-mail domain); it is the join key
// across sources.
//
// Aliases name the same company in other sources, where this source knows
// them for certain (a Salesbricks customer's Stripe customer id). A new key
// resolves to an alias's account before its domain is tried, and an alias
// not yet linked is linked to this record's account, so the two sources
// join whichever syncs first.
//
// MatchOnly records (a CRM's companies, which include every prospect)
// join an account that exists, by link, alias or domain, and never create
// one; one that matches nothing is skipped with its records until a later
// pass finds its account.
type AccountRecord struct {
	Key          string
	Domain       string
	Name         string
	PrimaryEmail string
	Aliases      []KeyRef
	MatchOnly    bool
	// LastSeenAt is the newest product activity the source saw for this
	// company (a usage source); zero when unknown.
	LastSeenAt time.Time
}

// KeyRef is one source's customer key.
type KeyRef struct {
	Source domain.Source
	Key    string
}

// RevenueRecord is a subscription or contract of the account with key
// AccountKey. The embedded AccountID and Source are ignored: the sink sets them.
type RevenueRecord struct {
	AccountKey string
	domain.RevenueSource
}

// InvoiceRecord is an invoice of the account with key AccountKey. RevenueKey
// is the ExternalID of its subscription from the same source ("" if none);
// AccountID, RevenueSourceID and Source are set by the sink.
type InvoiceRecord struct {
	AccountKey string
	RevenueKey string
	domain.Invoice
}

// ActivityRecord is an activity-feed event of the account with key AccountKey.
type ActivityRecord struct {
	AccountKey string
	domain.Activity
}

// UsageRecord is one week of active users of the account with key AccountKey.
type UsageRecord struct {
	AccountKey string
	domain.UsageWeek
}

// DealRecord is a pipeline or closed-lost deal of the account with key
// AccountKey; AccountID and Source are set by the sink.
type DealRecord struct {
	AccountKey string
	domain.Deal
}

// EnrichmentRecord is CRM context (industry, size, location, chosen custom
// properties) for the account with key AccountKey; it replaces what the
// same source said of that account before.
type EnrichmentRecord struct {
	AccountKey string
	domain.Enrichment
}

// CommitResult counts what a Sink did with a page.
type CommitResult struct {
	Written int // records upserted
	Skipped int // records naming an account key never delivered
	Deleted int // rows removed: the page's deletions and, at the end of a full pass, the sweep
}

// Sink writes pages. Commit writes pages in order, each as if alone: it
// upserts the page's records for source, keyed by (source, external id) so
// that writing a page twice changes nothing, removes page.Deleted, sweeps
// at the end of a full pass (see Page.StartsFullPass), and saves page.Next
// as source's cursor. All of it is one transaction: either the pages and
// the last one's cursor are all committed or none is. The result is the
// pages' counts summed.
type Sink interface {
	Commit(ctx context.Context, source domain.Source, pages ...Page) (CommitResult, error)
}

// FetchError is what Fetch returns for err from an HTTP call: ctx's own
// error when ctx has ended (so callers can tell a cancel from a failure),
// otherwise httpx.AsDomain(err, source's label). nil gives nil.
func FetchError(ctx context.Context, err error, source domain.Source) error {
	if err == nil {
		return nil
	}
	if cerr := ctx.Err(); cerr != nil {
		return cerr
	}
	return httpx.AsDomain(err, source.Label())
}

// Identity says whose account a credential opens. Account is the
// provider's name for it ("" when the credential may not read it); Mode is
// "test" or "live" where the provider has both, else "".
type Identity struct {
	Account string
	Mode    string
}

// Verifier is implemented by connectors that can check their credential
// with one cheap authenticated call before it is saved. It writes nothing.
// Errors are *domain.Error as for Fetch: EUnauthorized when the source
// refuses the credential (the message says what to check), ENotConnected
// without one, EUnavailable when the source cannot be reached; the
// credential never appears in them.
type Verifier interface {
	Verify(ctx context.Context) (Identity, error)
}
