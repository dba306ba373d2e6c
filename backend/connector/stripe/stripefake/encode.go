package stripefake

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// This file renders the book's objects in the JSON shapes of Stripe API
// version 2023-10-16: every field a real response carries for the kinds of
// objects the book holds, nulls included, so decoders see realistic sizes.

// nul is JSON null for zero values.
func nul[T comparable](v T) any {
	var zero T
	if v == zero {
		return nil
	}
	return v
}

// obj is a JSON object whose keys keep their order, as Stripe's do.
type obj []kv

type kv struct {
	k string
	v any
}

// encode renders v: an obj, []any, []string, json.RawMessage, string,
// bool, nil or an integer. Only the book's own values are encoded, so
// anything else is a bug in this package.
func encode(v any) []byte { return appendJSON(nil, v) }

// chargeSlot stands for an invoice's charge while it is encoded: the
// invoice is rendered once and the slot filled with the charge's id or
// the expanded charge.
var chargeSlot = json.RawMessage("\x00charge\x00")

func appendJSON(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...)
	case obj:
		b = append(b, '{')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, e.k)
			b = append(b, ':')
			b = appendJSON(b, e.v)
		}
		return append(b, '}')
	case []any:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSON(b, e)
		}
		return append(b, ']')
	case []string:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, e)
		}
		return append(b, ']')
	case json.RawMessage:
		return append(b, x...)
	case string:
		return appendString(b, x)
	case bool:
		return strconv.AppendBool(b, x)
	case int:
		return strconv.AppendInt(b, int64(x), 10)
	case int64:
		return strconv.AppendInt(b, x, 10)
	}
	panic(fmt.Sprintf("stripefake: cannot encode %T", v))
}

// appendString writes s as a JSON string (json.Marshal's escaping).
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func customerJSON(c *Customer, livemode bool) obj {
	meta := obj{}
	if c.Domain != "" {
		meta = append(meta, kv{"domain", c.Domain})
	}
	return obj{
		{"id", c.ID}, {"object", "customer"}, {"address", nil}, {"balance", 0}, {"created", c.Created},
		{"currency", nul(c.Currency)}, {"default_source", nil}, {"delinquent", false}, {"description", nul(c.Description)},
		{"discount", nil}, {"email", nul(c.Email)}, {"invoice_prefix", strings.ToUpper(c.ID[len(c.ID)-8:])},
		{"invoice_settings", obj{{"custom_fields", nil}, {"default_payment_method", nil}, {"footer", nil}, {"rendering_options", nil}}},
		{"livemode", livemode}, {"metadata", meta}, {"name", nul(c.Name)}, {"next_invoice_sequence", 4}, {"phone", nil},
		{"preferred_locales", []string{}}, {"shipping", nil}, {"tax_exempt", "none"}, {"test_clock", nil}}
}

func recurringJSON(it Item) obj {
	return obj{{"aggregate_usage", nil}, {"interval", it.Interval}, {"interval_count", it.IntervalCount},
		{"trial_period_days", nil}, {"usage_type", "licensed"}}
}

func priceJSON(it Item, currency string, created int64, livemode bool) obj {
	return obj{
		{"id", it.PriceID}, {"object", "price"}, {"active", true}, {"billing_scheme", "per_unit"}, {"created", created},
		{"currency", currency}, {"custom_unit_amount", nil}, {"livemode", livemode}, {"lookup_key", nil}, {"metadata", obj{}},
		{"nickname", nul(it.Nickname)}, {"product", it.ProductID}, {"recurring", recurringJSON(it)},
		{"tax_behavior", "unspecified"}, {"tiers_mode", nil}, {"transform_quantity", nil}, {"type", "recurring"},
		{"unit_amount", it.UnitAmount}, {"unit_amount_decimal", itoa(it.UnitAmount)}}
}

func planJSON(it Item, currency string, created int64, livemode bool) obj {
	return obj{
		{"id", it.PriceID}, {"object", "plan"}, {"active", true}, {"aggregate_usage", nil}, {"amount", it.UnitAmount},
		{"amount_decimal", itoa(it.UnitAmount)}, {"billing_scheme", "per_unit"}, {"created", created}, {"currency", currency},
		{"interval", it.Interval}, {"interval_count", it.IntervalCount}, {"livemode", livemode}, {"metadata", obj{}},
		{"nickname", nul(it.Nickname)}, {"product", it.ProductID}, {"tiers_mode", nil}, {"transform_usage", nil},
		{"trial_period_days", nil}, {"usage_type", "licensed"}}
}

func subscriptionJSON(s *Subscription, livemode bool) obj {
	items := make([]any, 0, len(s.Items))
	for _, it := range s.Items {
		items = append(items, obj{
			{"id", it.ID}, {"object", "subscription_item"}, {"billing_thresholds", nil}, {"created", s.Created},
			{"metadata", obj{}}, {"plan", planJSON(it, s.Currency, s.Created, livemode)},
			{"price", priceJSON(it, s.Currency, s.Created, livemode)}, {"quantity", it.Quantity}, {"subscription", s.ID},
			{"tax_rates", []any{}}})
	}
	reason := any(nil)
	if s.CanceledAt != 0 {
		reason = "cancellation_requested"
	}
	m := obj{
		{"id", s.ID}, {"object", "subscription"}, {"application", nil}, {"application_fee_percent", nil},
		{"automatic_tax", obj{{"enabled", false}}}, {"billing_cycle_anchor", s.PeriodStart}, {"billing_thresholds", nil},
		{"cancel_at", cancelAt(s)}, {"cancel_at_period_end", s.CancelAtPeriodEnd}, {"canceled_at", nul(s.CanceledAt)},
		{"cancellation_details", obj{{"comment", nil}, {"feedback", nil}, {"reason", reason}}},
		{"collection_method", "charge_automatically"}, {"created", s.Created}, {"currency", s.Currency},
		{"current_period_end", s.PeriodEnd}, {"current_period_start", s.PeriodStart}, {"customer", s.Customer},
		{"days_until_due", nil}, {"default_payment_method", nil}, {"default_source", nil}, {"default_tax_rates", []any{}},
		{"description", nil}, {"discount", nil}, {"ended_at", nul(s.EndedAt)},
		{"items", obj{{"object", "list"}, {"data", items}, {"has_more", false}, {"total_count", len(items)},
			{"url", "/v1/subscription_items?subscription=" + s.ID}}},
		{"latest_invoice", nul(s.LatestInvoice)}, {"livemode", livemode}, {"metadata", obj{}},
		{"next_pending_invoice_item_invoice", nil}, {"on_behalf_of", nil}, {"pause_collection", nil},
		{"payment_settings", obj{{"payment_method_options", nil}, {"payment_method_types", nil},
			{"save_default_payment_method", "off"}}},
		{"pending_invoice_item_interval", nil}, {"pending_setup_intent", nil}, {"pending_update", nil}, {"schedule", nil},
		{"start_date", s.Created}, {"status", s.Status}, {"test_clock", nil}, {"transfer_data", nil},
		{"trial_end", nul(s.TrialEnd)}, {"trial_settings", obj{{"end_behavior", obj{{"missing_payment_method", "create_invoice"}}}}},
		{"trial_start", nul(s.TrialStart)}}
	if len(s.Items) == 1 { // single-item subscriptions still carry the legacy plan and quantity
		m = append(m, kv{"plan", planJSON(s.Items[0], s.Currency, s.Created, livemode)},
			kv{"quantity", s.Items[0].Quantity})
	}
	return m
}

func cancelAt(s *Subscription) any {
	if s.CancelAtPeriodEnd {
		return s.PeriodEnd
	}
	return nil
}

func chargeJSON(in *Invoice, ch *Charge, livemode bool) obj {
	var outcome obj
	if ch.Status == "failed" {
		outcome = obj{{"network_status", "declined_by_network"}, {"reason", ch.FailureCode}, {"risk_level", "normal"},
			{"risk_score", 32}, {"seller_message", "The bank returned the decline code `" + ch.FailureCode + "`."},
			{"type", "issuer_declined"}}
	} else {
		outcome = obj{{"network_status", "approved_by_network"}, {"reason", nil}, {"risk_level", "normal"},
			{"risk_score", 12}, {"seller_message", "Payment complete."}, {"type", "authorized"}}
	}
	return obj{
		{"id", ch.ID}, {"object", "charge"}, {"amount", ch.Amount}, {"amount_captured", paidAmount(ch)}, {"amount_refunded", 0},
		{"application", nil}, {"application_fee", nil}, {"application_fee_amount", nil}, {"balance_transaction", nil},
		{"billing_details", obj{{"address", obj{{"city", nil}, {"country", nil}, {"line1", nil}, {"line2", nil},
			{"postal_code", "94107"}, {"state", nil}}}, {"email", nil}, {"name", nil}, {"phone", nil}}},
		{"calculated_statement_descriptor", "SUCCESS DESK"}, {"captured", ch.Status == "succeeded"}, {"created", ch.Created},
		{"currency", in.Currency}, {"customer", in.Customer}, {"description", "Subscription update"}, {"disputed", false},
		{"failure_balance_transaction", nil}, {"failure_code", nul(ch.FailureCode)},
		{"failure_message", nul(ch.FailureMessage)}, {"fraud_details", obj{}}, {"invoice", in.ID}, {"livemode", livemode},
		{"metadata", obj{}}, {"on_behalf_of", nil}, {"outcome", outcome}, {"paid", ch.Status == "succeeded"},
		{"payment_intent", "pi_" + in.ID[3:]}, {"payment_method", "pm_" + in.Customer[4:]},
		{"payment_method_details", obj{{"card", obj{{"brand", "visa"}, {"checks", obj{{"address_line1_check", nil},
			{"address_postal_code_check", "pass"}, {"cvc_check", nil}}}, {"country", "US"}, {"exp_month", 8}, {"exp_year", 2030},
			{"fingerprint", "Xt5EWLLDS7FJjR1c"}, {"funding", "credit"}, {"last4", "4242"}, {"network", "visa"},
			{"three_d_secure", nil}, {"wallet", nil}}}, {"type", "card"}}},
		{"receipt_email", nil}, {"receipt_number", nil}, {"receipt_url", nil}, {"refunded", false}, {"review", nil},
		{"shipping", nil}, {"source", nil}, {"source_transfer", nil}, {"statement_descriptor", nil},
		{"statement_descriptor_suffix", nil}, {"status", ch.Status}, {"transfer_data", nil}, {"transfer_group", nil}}
}

func paidAmount(ch *Charge) int64 {
	if ch.Status == "succeeded" {
		return ch.Amount
	}
	return 0
}

// invoiceJSON renders in with chargeSlot in place of its charge (null
// when it has none).
func invoiceJSON(in *Invoice, sub *Subscription, livemode bool) obj {
	var charge any
	if in.Charge != nil {
		charge = chargeSlot
	}
	var lines []any
	if sub != nil {
		for _, it := range sub.Items {
			amt := it.UnitAmount * it.Quantity
			lines = append(lines, obj{
				{"id", "il_" + in.ID[3:] + it.ID[3:]}, {"object", "line_item"}, {"amount", amt}, {"amount_excluding_tax", amt},
				{"currency", in.Currency}, {"description", itoa(it.Quantity) + " × " + it.Nickname}, {"discount_amounts", []any{}},
				{"discountable", true}, {"discounts", []any{}}, {"livemode", livemode}, {"metadata", obj{}},
				{"period", obj{{"end", in.PeriodEnd}, {"start", in.PeriodStart}}}, {"plan", nil},
				{"price", priceJSON(it, in.Currency, sub.Created, livemode)}, {"proration", false},
				{"proration_details", obj{{"credited_items", nil}}}, {"quantity", it.Quantity}, {"subscription", sub.ID},
				{"subscription_item", it.ID}, {"tax_amounts", []any{}}, {"tax_rates", []any{}}, {"type", "subscription"},
				{"unit_amount_excluding_tax", itoa(it.UnitAmount)}})
		}
	}
	if lines == nil {
		lines = []any{}
	}
	remaining := in.AmountDue - in.AmountPaid
	if in.Status != "open" {
		remaining = 0
	}
	var hosted, pdf any
	if in.Status != "draft" {
		hosted = "https://invoice.stripe.com/i/acct_1SuccessDesk/test_" + in.ID[3:]
		pdf = "https://pay.stripe.com/invoice/acct_1SuccessDesk/test_" + in.ID[3:] + "/pdf"
	}
	reason := "subscription_cycle"
	if sub != nil && in.PeriodStart == sub.Created {
		reason = "subscription_create"
	}
	return obj{
		{"id", in.ID}, {"object", "invoice"}, {"account_country", "US"}, {"account_name", "Success Desk Test"},
		{"account_tax_ids", nil}, {"amount_due", in.AmountDue}, {"amount_paid", in.AmountPaid}, {"amount_remaining", remaining},
		{"amount_shipping", 0}, {"application", nil}, {"application_fee_amount", nil}, {"attempt_count", in.AttemptCount},
		{"attempted", in.AttemptCount > 0}, {"auto_advance", in.Status == "open" || in.Status == "draft"},
		{"automatic_tax", obj{{"enabled", false}, {"status", nil}}}, {"billing_reason", reason}, {"charge", charge},
		{"collection_method", in.CollectionMethod}, {"created", in.Created}, {"currency", in.Currency}, {"custom_fields", nil},
		{"customer", in.Customer}, {"customer_address", nil}, {"customer_email", nil}, {"customer_name", nil},
		{"customer_phone", nil}, {"customer_shipping", nil}, {"customer_tax_exempt", "none"}, {"customer_tax_ids", []any{}},
		{"default_payment_method", nil}, {"default_source", nil}, {"default_tax_rates", []any{}}, {"description", nil},
		{"discount", nil}, {"discounts", []any{}}, {"due_date", nul(in.DueDate)}, {"effective_at", nul(in.FinalizedAt)},
		{"ending_balance", 0}, {"footer", nil}, {"from_invoice", nil}, {"hosted_invoice_url", hosted}, {"invoice_pdf", pdf},
		{"last_finalization_error", nil}, {"latest_revision", nil},
		{"lines", obj{{"object", "list"}, {"data", lines}, {"has_more", false}, {"total_count", len(lines)},
			{"url", "/v1/invoices/" + in.ID + "/lines"}}},
		{"livemode", livemode}, {"metadata", obj{}}, {"next_payment_attempt", nul(in.NextPaymentAttempt)},
		{"number", nul(in.Number)}, {"on_behalf_of", nil}, {"paid", in.Status == "paid"}, {"paid_out_of_band", false},
		{"payment_intent", chargeIntent(in)}, {"payment_settings", obj{{"default_mandate", nil},
			{"payment_method_options", nil}, {"payment_method_types", nil}}},
		{"period_end", in.PeriodEnd}, {"period_start", in.PeriodStart}, {"post_payment_credit_notes_amount", 0},
		{"pre_payment_credit_notes_amount", 0}, {"quote", nil}, {"receipt_number", nil}, {"rendering", nil},
		{"shipping_cost", nil}, {"shipping_details", nil}, {"starting_balance", 0}, {"statement_descriptor", nil},
		{"status", in.Status}, {"status_transitions", obj{{"finalized_at", nul(in.FinalizedAt)},
			{"marked_uncollectible_at", nul(in.UncollectibleAt)}, {"paid_at", nul(in.PaidAt)}, {"voided_at", nul(in.VoidedAt)}}},
		{"subscription", nul(in.Subscription)}, {"subscription_details", obj{{"metadata", obj{}}}},
		{"subtotal", in.AmountDue}, {"subtotal_excluding_tax", in.AmountDue}, {"tax", nil}, {"test_clock", nil},
		{"total", in.AmountDue}, {"total_discount_amounts", []any{}}, {"total_excluding_tax", in.AmountDue},
		{"total_tax_amounts", []any{}}, {"transfer_data", nil}, {"webhooks_delivered_at", nul(in.Created)}}
}

func chargeIntent(in *Invoice) any {
	if in.Charge == nil {
		return nil
	}
	return "pi_" + in.ID[3:]
}

func eventJSON(e *Event, livemode bool) obj {
	return obj{
		{"id", e.ID}, {"object", "event"}, {"api_version", "2023-10-16"}, {"created", e.Created},
		{"data", obj{{"object", json.RawMessage(e.object)}}}, {"livemode", livemode}, {"pending_webhooks", 0},
		{"request", obj{{"id", nil}, {"idempotency_key", nil}}}, {"type", e.Type}}
}

func accountJSON() []byte {
	return encode(obj{
		{"id", "acct_1SuccessDeskFake"}, {"object", "account"},
		{"business_profile", obj{{"mcc", nil}, {"name", "Success Desk Test"}, {"support_email", nil}, {"url", nil}}},
		{"business_type", "company"}, {"capabilities", obj{{"card_payments", "active"}, {"transfers", "active"}}},
		{"charges_enabled", true}, {"country", "US"}, {"created", 1600000000}, {"default_currency", "usd"},
		{"details_submitted", true}, {"email", "finance@successdesk.example"}, {"payouts_enabled", true},
		{"settings", obj{{"dashboard", obj{{"display_name", "Success Desk (test)"}, {"timezone", "Etc/UTC"}}}}},
		{"type", "standard"}})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// errorJSON is Stripe's error body.
func errorJSON(typ, code, msg, param string) []byte {
	e := obj{{"type", typ}, {"message", msg}}
	if code != "" {
		e = append(e, kv{"code", code})
	}
	if param != "" {
		e = append(e, kv{"param", param})
	}
	return encode(obj{{"error", e}})
}
