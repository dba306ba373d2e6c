package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/ledger"
)

// detail builds the detail sheet of row r from the account's contract
// changes, payment events and invoices.
func (b *contractsBook) detail(ctx context.Context, ws *Workspace, r *ledger.Row) (ContractDetailDTO, error) {
	file, err := ws.Store.ContractFile(ctx, r.Account.ID)
	if err != nil {
		return ContractDetailDTO{}, err
	}
	now := ws.Now()
	out := ContractDetailDTO{Meta: contractsMeta(ctx, ws), Row: b.row(r), Records: []RevenueSourceDTO{}, History: []HistoryEventDTO{},
		Invoices: []InvoiceDTO{}, Retries: []RetryDTO{}, Linked: []LinkedRequestDTO{}}
	recs := make([]domain.RevenueSource, 0, 2)
	for _, rec := range r.Records() {
		recs = append(recs, *rec)
	}
	out.Records = revenueDTOs(recs, now)
	for _, e := range b.ledger.History(r, file.Changes) {
		out.History = append(out.History, HistoryEventDTO{At: rfc(e.At), Kind: e.Kind, Source: string(e.Source), Title: e.Title, Detail: e.Detail})
	}
	invs := b.ledger.Invoices(r, file.Invoices)
	for _, i := range invs {
		out.Invoices = append(out.Invoices, invoiceDTO(i, now))
	}
	attempts := map[string]time.Time{}
	for _, p := range file.Payments {
		attempts[p.ExternalID] = p.OccurredAt
	}
	for _, a := range ledger.Retries(invs, attempts) {
		out.Retries = append(out.Retries, RetryDTO{InvoiceID: a.Invoice, Attempt: a.N, At: rfc(a.At), Outcome: a.Outcome, Reason: a.Reason})
	}
	return out, nil
}

func invoiceDTO(i domain.Invoice, now time.Time) InvoiceDTO {
	return InvoiceDTO{ExternalID: i.ExternalID, Status: string(i.Status), AmountDue: money(i.AmountDue),
		AmountPaid: MoneyDTO{AmountMinor: i.AmountPaidMinor, Currency: i.AmountDue.Currency}, IssuedAt: rfc(i.IssuedAt),
		DueAt: rfc(i.DueAt), PaidAt: rfc(i.PaidAt), Attempts: i.Attempts, NextAttemptAt: rfc(i.NextAttemptAt),
		FailureReason: i.FailureReason, PastDue: i.PastDue(now)}
}

// renewalDraft writes a plain-text renewal e-mail from row r's facts: the
// customer, the product, when the term ends and how far off that is, the
// seats, the price per billing interval and a year, a plan set to end, and
// a payment that is past due or failed. It is addressed to the account's
// primary e-mail.
func renewalDraft(r *ledger.Row, now time.Time) RenewalDraftDTO {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	product, customer := r.Product, r.Account.Name
	if product == "" {
		product = "your plan"
	}
	subject := fmt.Sprintf("Renewing %s for %s", product, customer)
	line("Hi %s team,", customer)
	line("")
	end := r.RenewalAt.UTC().Format("2 January 2006")
	switch {
	case r.Status == domain.StatusTrialing && !r.TrialEnd.IsZero():
		subject = fmt.Sprintf("Continuing %s after your trial", product)
		line("Your %s trial ends on %s (%s). I would like to make sure the switch to a paid plan goes smoothly.",
			product, r.TrialEnd.UTC().Format("2 January 2006"), dayWords(daysFrom(now, r.TrialEnd)))
	case !r.RenewalKnown():
		line("I am reaching out about renewing %s. The current term has no end date on our side, so let us agree on one.", product)
	case r.Days < 0:
		subject = fmt.Sprintf("Renewing %s: your term ended %s", product, r.RenewalAt.UTC().Format("2 Jan 2006"))
		line("Your %s term ended on %s (%s). I would like to get your renewal in place.", product, end, dayWords(r.Days))
	default:
		subject = fmt.Sprintf("Your %s renewal on %s", product, r.RenewalAt.UTC().Format("2 Jan 2006"))
		line("Your %s term ends on %s (%s), and I would like to get your renewal ready in good time.", product, end, dayWords(r.Days))
	}
	line("")
	line("Here is the plan as it stands:")
	line("- Plan: %s", product)
	if r.Seats > 0 {
		line("- Seats: %d", r.Seats)
	}
	if r.Amount.AmountMinor > 0 {
		price := fmt.Sprintf("- Price: %s per %s", humanMoney(r.Amount), ledger.IntervalUnit(r.Interval))
		if arr, ok := annual(r.Amount.AmountMinor, r.Interval); ok && r.Interval != domain.IntervalAnnual {
			price += fmt.Sprintf(" (%s a year)", humanMoney(domain.Money{AmountMinor: arr, Currency: r.Amount.Currency}))
		}
		line("%s", price)
	}
	if r.CancelAtEnd {
		line("")
		line("The plan is currently set to end with this term. If anything has changed, we would be glad to keep it running.")
	}
	switch r.Payment {
	case ledger.PaymentPastDue:
		line("")
		line("One more thing: a payment on the account is past due. Could you check the payment details on file before the renewal?")
	case ledger.PaymentFailed:
		line("")
		line("One more thing: a recent payment attempt did not go through. Could you check the payment details on file?")
	}
	line("")
	line("Would you like to renew on the same terms, or talk through seats or plan changes first? Reply here and I will send over the renewal order.")
	line("")
	line("Best regards,")
	return RenewalDraftDTO{To: r.Account.Email, Subject: subject, Body: b.String()}
}

// annual is what one interval's amount comes to in a year, for the
// intervals that say how often they bill.
func annual(amount int64, iv domain.Interval) (int64, bool) {
	switch iv {
	case domain.IntervalWeekly, domain.IntervalMonthly, domain.IntervalQuarterly, domain.IntervalAnnual:
		return domain.NormalizeARR(amount, iv), true
	}
	return 0, false
}

func daysFrom(now, t time.Time) int {
	if d := daysUntil(t, now); d != nil {
		return *d
	}
	return 0
}

// dayWords says how far a day is: "today", "tomorrow", "in 12 days",
// "yesterday", "12 days ago".
func dayWords(days int) string {
	switch {
	case days == 0:
		return "today"
	case days == 1:
		return "tomorrow"
	case days == -1:
		return "yesterday"
	case days < 0:
		return fmt.Sprintf("%d days ago", -days)
	}
	return fmt.Sprintf("in %d days", days)
}

// humanMoney writes m for a reader: "USD 14,400.00", "JPY 300,000".
func humanMoney(m domain.Money) string {
	s := domain.Decimal(m.AmountMinor, m.Currency)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var g strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			g.WriteByte(',')
		}
		g.WriteRune(c)
	}
	if hasFrac {
		g.WriteString("." + frac)
	}
	return strings.TrimSpace(strings.ToUpper(m.Currency) + " " + sign + g.String())
}
