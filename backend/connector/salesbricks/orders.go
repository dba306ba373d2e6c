package salesbricks

import (
	"fmt"
	"strings"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// mapOrder maps a closed order of a contract to a contract_change activity
// of the account accountKey, titled in plain words:
//
//	TRIAL     "Started a 14-day trial"  / "Started a trial"
//	STANDARD  "Signed for 12 months"    / "Signed a contract"
//	RENEWAL   "Renewed for 12 months"   / "Renewed the contract"
//	UPGRADE   "Upgraded to 40 seats"    / "Upgraded the contract"
//	DOWNGRADE "Downgraded to 10 seats"  / "Downgraded the contract"
//	RECAST    "Replaced the contract for 24 months" / "Replaced the contract"
//	other     "Contract changed"
//
// The length is the order's term (starts_at to ends_at, a calendar end
// date included) in months, or in days below four weeks. Seats are the
// order's own seat line items when it lists any (not documented), else
// seats (the contract's current count, which the caller passes for the
// latest order only; 0 when unknown). The body gives the plan, the
// contract value in currency (the order's own currency, else the one its
// value names, else currency) and the term. The activity happens at
// closed_at, else created_at, else starts_at; ok is false for an order
// without an id or any date.
func mapOrder(o wireOrder, accountKey, product, currency string, seats int) (connector.ActivityRecord, bool) {
	at := firstTime(o.ClosedAt.t, o.CreatedAt.t, o.StartsAt.t)
	if o.ID == "" || accountKey == "" || at.IsZero() {
		return connector.ActivityRecord{}, false
	}
	if n := seatsOf(o.LineItems); n > 0 {
		seats = n
	}
	months := monthsBetween(o.StartsAt.t, o.EndsAt.end())
	days := daysBetween(o.StartsAt.t, o.EndsAt.end())
	length := ""
	switch {
	case days >= 28 && months > 0:
		length = domain.Plural(months, "month")
	case days > 0:
		length = domain.Plural(days, "day")
	}
	var title string
	switch typ := word(o.OrderType.String()); {
	case typ == "TRIAL":
		title = "Started a trial"
		if days > 0 {
			title = fmt.Sprintf("Started a %d-day trial", days)
		}
	case typ == "STANDARD" || typ == "NEW" || typ == "":
		title = withLength("Signed for ", length, "Signed a contract")
	case typ == "RENEWAL":
		title = withLength("Renewed for ", length, "Renewed the contract")
	case typ == "UPGRADE":
		title = "Upgraded the contract"
		if seats > 0 {
			title = "Upgraded to " + domain.Plural(seats, "seat")
		}
	case typ == "DOWNGRADE":
		title = "Downgraded the contract"
		if seats > 0 {
			title = "Downgraded to " + domain.Plural(seats, "seat")
		}
	case typ == "RECAST":
		title = withLength("Replaced the contract for ", length, "Replaced the contract")
	default:
		title = "Contract changed"
	}
	var body []string
	if product != "" {
		body = append(body, product)
	}
	if o.ContractValue.set {
		cur := firstString(currencyOf(o.Currency.String()), o.ContractValue.currency, currency, DefaultCurrency)
		body = append(body, "Contract value "+domain.Money{AmountMinor: clamp(o.ContractValue.minor), Currency: cur}.Display())
	}
	if s, e := o.StartsAt.t, o.EndsAt.t; !s.IsZero() && !e.IsZero() {
		body = append(body, s.Format("2 Jan 2006")+" – "+e.Format("2 Jan 2006"))
	}
	text := strings.Join(body, ". ")
	if text != "" {
		text += "."
	}
	return connector.ActivityRecord{AccountKey: accountKey, Activity: domain.Activity{
		Source:     domain.SourceSalesbricks,
		ExternalID: o.ID.String(),
		Kind:       domain.ActivityContractChange,
		OccurredAt: at,
		Title:      title,
		Body:       text,
	}}, true
}

func withLength(prefix, length, without string) string {
	if length == "" {
		return without
	}
	return prefix + length
}

func firstString(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
