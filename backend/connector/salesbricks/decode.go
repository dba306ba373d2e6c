package salesbricks

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"
)

// This file holds the wire shapes of the REST API v2 as documented (plus
// the undocumented fields this package reads when present) and lenient
// scalar types: a scalar of an unexpected JSON type reads as absent rather
// than failing the whole list, so only a structurally different answer
// (an object where a list belongs) makes a page unreadable.

// text is a string field that also accepts a number or a boolean (as its
// JSON literal) and reads null, objects and lists as "".
type text string

func (t *text) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || b[0] == 'n' || b[0] == '{' || b[0] == '[':
		*t = ""
	case b[0] == '"':
		var s string
		if json.Unmarshal(b, &s) != nil {
			*t = ""
			return nil
		}
		*t = text(strings.TrimSpace(s))
	default:
		*t = text(b)
	}
	return nil
}

func (t text) String() string { return string(t) }

// amount is a money field: a JSON number or a string in major units (see
// parseMajor). Anything else reads as absent.
type amount struct {
	minor    int64
	currency string // the ISO code the string named, "" when none
	set      bool
}

func (a *amount) UnmarshalJSON(b []byte) error {
	*a = amount{}
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil
	}
	s := string(b)
	if b[0] == '"' {
		if json.Unmarshal(b, &s) != nil {
			return nil
		}
	} else if b[0] != '-' && (b[0] < '0' || b[0] > '9') {
		return nil
	}
	if m, cur, ok := parseMajor(s); ok {
		*a = amount{minor: m, currency: cur, set: true}
	}
	return nil
}

// stamp is a date ("2023-12-25") or date-time (RFC 3339, with or without
// zone; a bare date-time is UTC) field. Anything else reads as zero.
type stamp struct {
	t        time.Time // UTC; zero when absent
	dateOnly bool      // the field held a calendar date: an end date then includes that day
}

var stampLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999"}

func (s *stamp) UnmarshalJSON(b []byte) error {
	*s = stamp{}
	var v string
	if json.Unmarshal(b, &v) != nil {
		return nil
	}
	*s = parseStamp(v)
	return nil
}

func parseStamp(v string) stamp {
	v = strings.TrimSpace(v)
	if len(v) == 10 {
		if t, err := time.Parse("2006-01-02", v); err == nil {
			return stamp{t: t, dateOnly: true}
		}
		return stamp{}
	}
	for _, l := range stampLayouts {
		if t, err := time.Parse(l, v); err == nil {
			if y := t.UTC().Year(); y < 1 || y > 9999 {
				return stamp{}
			}
			return stamp{t: t.UTC()}
		}
	}
	return stamp{}
}

// end is s read as the end of a period: a calendar date ends at the close
// of that day.
func (s stamp) end() time.Time {
	if s.dateOnly && !s.t.IsZero() {
		return s.t.AddDate(0, 0, 1)
	}
	return s.t
}

// quantity is a count field: a JSON number or numeric string; fractions
// truncate, negatives and anything else read as 0.
type quantity int64

func (q *quantity) UnmarshalJSON(b []byte) error {
	*q = 0
	var t text
	_ = t.UnmarshalJSON(b)
	s, _, _ := strings.Cut(string(t), ".")
	n, err := strconv.ParseInt(s, 10, 64)
	if err == nil && n > 0 {
		*q = quantity(min(n, int64(1)<<31-1))
	}
	return nil
}

// boolean is a boolean field that also accepts "true"/"false" strings; absent
// and anything else read as unset.
type boolean struct{ value, set bool }

func (f *boolean) UnmarshalJSON(b []byte) error {
	var t text
	_ = t.UnmarshalJSON(b)
	switch strings.ToLower(string(t)) {
	case "true", "1":
		*f = boolean{true, true}
	case "false", "0":
		*f = boolean{false, true}
	default:
		*f = boolean{}
	}
	return nil
}

// page is the DRF-style list envelope every REST list answers with.
type page[T any] struct {
	Count   *int64 `json:"count"`
	Next    text   `json:"next"`
	Results []T    `json:"results"`
}

// wireCustomer is one entry of GET /customers.
type wireCustomer struct {
	ID               text         `json:"customer_id"`
	Name             text         `json:"name"`
	ExternalID       text         `json:"external_id"`
	StripeCustomerID text         `json:"stripe_customer_id"`
	Subscriptions    []wireSubRef `json:"subscriptions"`
	Domain           text         `json:"domain"`  // not documented
	Website          text         `json:"website"` // not documented
	Email            text         `json:"email"`   // not documented
}

// wireSubRef is a subscription as the customers list names it.
type wireSubRef struct {
	ID       text  `json:"subscription_id"`
	Status   text  `json:"status"`
	Name     text  `json:"name"`
	StartsAt stamp `json:"starts_at"`
	EndsAt   stamp `json:"ends_at"`
}

type wirePerson struct {
	FirstName text `json:"first_name"`
	LastName  text `json:"last_name"`
	Email     text `json:"email"`
}

// wireCurrent is GET /subscriptions/{id}/current.
type wireCurrent struct {
	ID               text           `json:"subscription_id"`
	Status           text           `json:"status"`
	Stage            text           `json:"stage"`
	StartsAt         stamp          `json:"starts_at"`
	EndsAt           stamp          `json:"ends_at"`
	RenewsAt         stamp          `json:"renews_at"`
	TerminatesAt     stamp          `json:"terminates_at"`
	SubTotal         amount         `json:"sub_total"`
	GrandTotal       amount         `json:"grand_total"`
	BillingFrequency text           `json:"billing_frequency"`
	Currency         text           `json:"currency"` // not in every documented sample
	LineItems        []wireLineItem `json:"line_items"`
	BillingSchedule  []wirePeriod   `json:"billing_schedule"`
	Customer         *struct {
		ID   text `json:"customer_id"`
		Name text `json:"name"`
	} `json:"customer"`
	PointOfContact  *wirePerson `json:"point_of_contact"`
	Signatory       *wirePerson `json:"signatory_user"`
	AccountsPayable []text      `json:"accounts_payable_emails"`
	PlanName        text        `json:"plan_name"`   // not documented
	OrderType       text        `json:"order_type"`  // not documented
	AutoRenews      boolean     `json:"auto_renews"` // documented on create only
}

type wireLineItem struct {
	BrickName text     `json:"brick_name"`
	PlanName  text     `json:"plan_name"`
	Quantity  quantity `json:"quantity"`
	SubTotal  amount   `json:"sub_total"`
}

type wirePeriod struct {
	StartsAt stamp  `json:"starts_at"`
	EndsAt   stamp  `json:"ends_at"`
	SubTotal amount `json:"sub_total"`
}

// wireOrder is one entry of GET /subscriptions/{id}/orders (closed orders).
type wireOrder struct {
	ID            text           `json:"order_id"`
	OrderType     text           `json:"order_type"`
	ContractValue amount         `json:"contract_value"`
	StartsAt      stamp          `json:"starts_at"`
	EndsAt        stamp          `json:"ends_at"`
	CreatedAt     stamp          `json:"created_at"` // not documented
	ClosedAt      stamp          `json:"closed_at"`  // not documented
	Currency      text           `json:"currency"`   // not documented
	LineItems     []wireLineItem `json:"line_items"` // not documented
}

// wireInvoice is one entry of GET /subscriptions/{id}/invoices.
type wireInvoice struct {
	ID              text    `json:"invoice_id"`
	SubscriptionID  text    `json:"subscription_id"`
	CustomerID      text    `json:"customer_id"`
	Number          text    `json:"invoice_number"`
	DueAt           stamp   `json:"due_at"`
	BillAt          stamp   `json:"bill_at"`
	IssuedAt        stamp   `json:"issued_at"`
	Status          text    `json:"status"`
	FullyPaidAt     stamp   `json:"fully_paid_at"`
	GrandTotal      amount  `json:"grand_total"`
	RemainingAmount amount  `json:"remaining_amount"`
	Currency        text    `json:"currency"`
	RenewalEstimate boolean `json:"is_renewal_estimate"`
}

// errNoResults is a list answer without its results list.
var errNoResults = errors.New("salesbricks: list answer without results")

// decodePage decodes a list envelope. A body that is not one, or one
// without a results list (null or missing), is an error: an empty page must
// be said, never guessed, since it ends a pass.
func decodePage[T any](body []byte) (page[T], error) {
	var p page[T]
	if err := json.Unmarshal(body, &p); err != nil {
		return page[T]{}, err
	}
	if p.Results == nil {
		return page[T]{}, errNoResults
	}
	return p, nil
}
