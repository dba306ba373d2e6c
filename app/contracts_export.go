package app

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/ledger"
	"successdesk/backend/tabular"
)

// ContractRecord is one exported ledger row: the columns the page shows,
// with ISO dates (YYYY-MM-DD, "" when unknown) and plain decimal amounts in
// major units ("14400.00", "300000" for JPY).
type ContractRecord struct {
	Customer          string      `json:"customer"`
	Domain            string      `json:"domain"`
	Email             string      `json:"email"`
	Product           string      `json:"product"`
	Status            string      `json:"status"`
	Source            string      `json:"source"`
	Amount            json.Number `json:"amount"`
	Currency          string      `json:"currency"`
	Interval          string      `json:"interval"`
	MRR               json.Number `json:"mrr"`
	ARR               json.Number `json:"arr"`
	RenewalDate       string      `json:"renewalDate"`
	DaysToRenewal     *int        `json:"daysToRenewal"` // null: unknown
	PaymentStatus     string      `json:"paymentStatus"`
	TrialEnd          string      `json:"trialEnd"`
	CancelAtPeriodEnd bool        `json:"cancelAtPeriodEnd"`
	Mismatches        []string    `json:"mismatches"` // "Amount differs (Salesbricks …; Stripe …)"
	RoutedFrom        string      `json:"routedFrom"`
}

// contractsHeader names the CSV columns, in ContractRecord's order.
var contractsHeader = []string{"Customer", "Domain", "E-mail", "Product", "Status", "Source", "Amount", "Currency",
	"Billing interval", "MRR", "ARR", "Renewal date", "Days to renewal", "Payment status", "Trial end",
	"Cancels at period end", "Mismatches", "Routed from"}

// contractsText are the CSV columns of free text, defused for spreadsheets.
var contractsText = map[int]bool{0: true, 1: true, 2: true, 3: true, 16: true, 17: true}

// ContractsExportContent returns the export of req exactly as the page's
// Export saves it, and how many rows it holds, without saving it: the CLI
// writes the same bytes. Every row the query matches is exported (its
// offset and limit are ignored), routed accounts first, in the page's
// order. CSV has a header row and formula-safe text cells; JSON is an
// array of ContractRecord objects. Errors: invalid (the format or the
// query).
func ContractsExportContent(s *ContractsService, req ContractsExportRequest) ([]byte, int, error) {
	return s.exportContent(context.Background(), s.ws(), req)
}

func (s *ContractsService) exportContent(ctx context.Context, ws *Workspace, req ContractsExportRequest) ([]byte, int, error) {
	if req.Format != "csv" && req.Format != "json" {
		return nil, 0, domain.Errorf(domain.EInvalid, "Export as csv or json.")
	}
	q := req.Query
	q.Offset, q.Limit = 0, 0
	lq, err := q.ledgerQuery()
	if err != nil {
		return nil, 0, err
	}
	book, err := s.book(ctx, ws)
	if err != nil {
		return nil, 0, err
	}
	lq.Pinned = book.pinned
	rows := book.ledger.All(lq)
	recs := make([]ContractRecord, 0, len(rows))
	for _, r := range rows {
		recs = append(recs, book.record(r))
	}
	var buf bytes.Buffer
	if req.Format == "json" {
		err = tabular.WriteJSON(&buf, recs)
	} else {
		err = tabular.WriteCSV(&buf, contractsHeader, contractsText, contractCells(recs))
	}
	if err != nil {
		return nil, 0, domain.Errorf(domain.EInternal, "Could not write the export: %v", err)
	}
	return buf.Bytes(), len(recs), nil
}

// record is the export record of r.
func (b *contractsBook) record(r *ledger.Row) ContractRecord {
	cur := r.Amount.Currency
	rec := ContractRecord{Customer: r.Account.Name, Domain: r.Account.Domain, Email: r.Account.Email, Product: r.Product,
		Status: string(r.Status), Source: r.Source, Amount: json.Number(domain.Decimal(r.Amount.AmountMinor, cur)), Currency: cur,
		Interval: string(r.Interval), MRR: json.Number(domain.Decimal(r.MRRMinor, cur)), ARR: json.Number(domain.Decimal(r.ARRMinor, cur)),
		RenewalDate: isoDate(r.RenewalAt), PaymentStatus: string(r.Payment), TrialEnd: isoDate(r.TrialEnd),
		CancelAtPeriodEnd: r.CancelAtEnd, Mismatches: make([]string, 0, len(r.Mismatches))}
	if r.RenewalKnown() {
		d := r.Days
		rec.DaysToRenewal = &d
	}
	for _, m := range r.Mismatches {
		d := mismatchDTO(m)
		rec.Mismatches = append(rec.Mismatches, d.Label+" (Salesbricks "+d.Salesbricks+"; Stripe "+d.Stripe+")")
	}
	if rt := b.routes[r.Account.ID]; rt != nil {
		rec.RoutedFrom = rt.From.Label()
	}
	return rec
}

func contractCells(recs []ContractRecord) [][]string {
	out := make([][]string, 0, len(recs))
	for _, r := range recs {
		days := ""
		if r.DaysToRenewal != nil {
			days = strconv.Itoa(*r.DaysToRenewal)
		}
		out = append(out, []string{r.Customer, r.Domain, r.Email, r.Product, r.Status, r.Source, string(r.Amount), r.Currency,
			r.Interval, string(r.MRR), string(r.ARR), r.RenewalDate, days, r.PaymentStatus, r.TrialEnd,
			strconv.FormatBool(r.CancelAtPeriodEnd), strings.Join(r.Mismatches, "; "), r.RoutedFrom})
	}
	return out
}

// isoDate writes t's UTC date as YYYY-MM-DD, or "" when t is unknown.
func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}
