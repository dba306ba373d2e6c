package ledger

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"successdesk/backend/domain"
)

// History event kinds.
const (
	EventTerm         = "term"
	EventRenewal      = "renewal"
	EventAmendment    = "amendment"
	EventCancellation = "cancellation"
	EventStatus       = "status"
	EventOrder        = "order"
)

// Event is one entry of a row's contract history.
type Event struct {
	At     time.Time
	Kind   string
	Source domain.Source
	Title  string
	Detail string
}

// History returns the contract history of row r, newest first. It holds
// the account's contract changes (acts of kind contract_change; others are
// skipped) that belong to r: those from a source r has a record of that
// name r's product, or that name no product of the account's rows from
// that source. To them it adds, from the records themselves, each record's
// term start when no change of its source falls on that day, and the
// coming renewal (or, set to cancel, the term end) of a live row.
func (l *Ledger) History(r *Row, acts []domain.Activity) []Event {
	siblings := l.AccountRows(r.Account.ID)
	var out []Event
	days := map[string]bool{} // source + date of the changes kept
	for _, a := range acts {
		if a.Kind != domain.ActivityContractChange || !r.HasSource(a.Source) || !belongs(r, siblings, a) {
			continue
		}
		out = append(out, Event{At: a.OccurredAt, Kind: Classify(a.Title), Source: a.Source, Title: a.Title, Detail: a.Body})
		days[string(a.Source)+a.OccurredAt.UTC().Format(time.DateOnly)] = true
	}
	for _, rec := range r.Records() {
		if rec.TermStart.IsZero() || days[string(rec.Source)+rec.TermStart.UTC().Format(time.DateOnly)] {
			continue
		}
		title := "Term started"
		if rec.Status == domain.StatusTrialing {
			title = "Trial started"
		}
		out = append(out, Event{At: rec.TermStart, Kind: EventTerm, Source: rec.Source, Title: title, Detail: termDetail(rec)})
	}
	if r.Live() && r.RenewalKnown() && r.RenewalAt.After(l.now) {
		src := domain.Source(r.Source)
		if rev := r.revenueSide(); rev != nil {
			src = rev.Source
		}
		e := Event{At: r.RenewalAt, Kind: EventRenewal, Source: src, Title: "Renewal due",
			Detail: fmt.Sprintf("%s renews on %s.", r.Product, r.RenewalAt.UTC().Format("2 Jan 2006"))}
		if r.CancelAtEnd {
			e.Kind, e.Title = EventCancellation, "Ends at term end"
			e.Detail = fmt.Sprintf("%s is set to end on %s.", r.Product, r.RenewalAt.UTC().Format("2 Jan 2006"))
		}
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b Event) int { return b.At.Compare(a.At) })
	return out
}

// revenueSide is the record the row's revenue comes from.
func (r *Row) revenueSide() *domain.RevenueSource {
	switch {
	case r.Contract == nil:
		return r.Subscription
	case r.Subscription != nil && !live(r.Contract.Status) && live(r.Subscription.Status):
		return r.Subscription
	}
	return r.Contract
}

func termDetail(rec *domain.RevenueSource) string {
	d := rec.Product
	if rec.Seats > 0 {
		d += fmt.Sprintf(" · %d seats", rec.Seats)
	}
	d += " · " + strings.ToUpper(rec.Amount.Currency) + " " + domain.Decimal(rec.Amount.AmountMinor, rec.Amount.Currency) +
		" per " + IntervalUnit(rec.Interval)
	if !rec.TermEnd.IsZero() {
		d += " · until " + rec.TermEnd.UTC().Format("2 Jan 2006")
	}
	return d + "."
}

// IntervalUnit names one billing interval: "week", "month", "quarter",
// "year", or an interval this package does not know by its name.
func IntervalUnit(iv domain.Interval) string {
	switch iv {
	case domain.IntervalWeekly:
		return "week"
	case domain.IntervalMonthly:
		return "month"
	case domain.IntervalQuarterly:
		return "quarter"
	case domain.IntervalAnnual:
		return "year"
	}
	return string(iv)
}

// belongs reports whether change a (from a source r has a record of)
// belongs to r among the account's rows siblings: it names r's product, or
// no product of the rows from its source. When products nest ("Pro" and
// "Pro Plus"), only the longest named counts.
func belongs(r *Row, siblings []*Row, a domain.Activity) bool {
	text := strings.ToLower(a.Title + "\n" + a.Body)
	longest := ""
	for _, s := range siblings {
		if !s.HasSource(a.Source) {
			continue
		}
		for _, rec := range s.Records() {
			p := strings.ToLower(rec.Product)
			if rec.Source == a.Source && p != "" && len(p) > len(longest) && strings.Contains(text, p) {
				longest = p
			}
		}
	}
	if longest == "" {
		return true
	}
	for _, rec := range r.Records() {
		if rec.Source == a.Source && strings.ToLower(rec.Product) == longest {
			return true
		}
	}
	return false
}

// Classify names the kind of a contract change by its title: a
// cancellation (canceled, non-renewal), an expiry (a status change), a renewal, an amendment
// (upgrade, downgrade, seats, replaced, amended), a term (signed, started),
// an order (drafted, sent), else a status change.
func Classify(title string) string {
	t := strings.ToLower(title)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(t, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("cancel", "non-renewal", "not renew", "churn"):
		return EventCancellation
	case has("expire", "lapse"):
		return EventStatus
	case has("renew"):
		return EventRenewal
	case has("upgrad", "downgrad", "seat", "replace", "amend", "added", "removed", "changed"):
		return EventAmendment
	case has("order"):
		return EventOrder
	case has("signed", "started", "start", "term", "new contract"):
		return EventTerm
	}
	return EventStatus
}

// Invoices returns the invoices of row r among its account's invs: those of
// its records, and those that name no revenue source and belong to r (see
// the package rules), newest first.
func (l *Ledger) Invoices(r *Row, invs []domain.Invoice) []domain.Invoice {
	ids := map[int64]bool{}
	for _, rec := range r.Records() {
		ids[rec.ID] = true
	}
	siblings := l.AccountRows(r.Account.ID)
	var out []domain.Invoice
	for _, inv := range invs {
		if ids[inv.RevenueSourceID] && inv.RevenueSourceID != 0 || inv.RevenueSourceID == 0 && owns(r, inv.Source, anyHas(siblings, inv.Source)) {
			out = append(out, inv)
		}
	}
	slices.SortStableFunc(out, func(a, b domain.Invoice) int {
		if c := b.IssuedAt.Compare(a.IssuedAt); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
	return out
}
