package stripe

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"
)

// fakeStripe serves Stripe-shaped lists ({"object":"list","data":[...],
// "has_more":...}) paged by starting_after, for /v1/customers,
// /v1/subscriptions and /v1/invoices.
type fakeStripe struct {
	t        *testing.T
	token    string
	pageSize int // the fake's own page size; limit must be 100
	lists    map[string][]map[string]any
	// trailingEmpty makes the invoices list claim more after its last
	// object and then serve an empty page that still claims more.
	trailingEmpty bool

	mu    sync.Mutex
	calls []string
}

// fakeDate is the Date header the fake sends: Stripe's clock.
var fakeDate = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func (f *fakeStripe) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Date", fakeDate.Format(http.TimeFormat))
	if r.Header.Get("Authorization") != "Bearer "+f.token {
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"error":{"type":"invalid_request_error","message":"Invalid API Key provided"}}`))
		return
	}
	q := r.URL.Query()
	f.mu.Lock()
	f.calls = append(f.calls, r.URL.Path+"?"+r.URL.RawQuery)
	f.mu.Unlock()
	if r.Method != http.MethodGet || q.Get("limit") != "100" {
		f.t.Errorf("unexpected request %s %s", r.Method, r.URL)
	}
	if v := r.Header.Get("Stripe-Version"); v != "2023-10-16" {
		f.t.Errorf("Stripe-Version %q", v)
	}
	var name string
	switch r.URL.Path {
	case "/v1/customers":
		name = "customers"
	case "/v1/subscriptions":
		name = "subscriptions"
		if q.Get("status") != "all" {
			f.t.Errorf("subscriptions without status=all: %s", r.URL.RawQuery)
		}
	case "/v1/invoices":
		name = "invoices"
		if q.Get("expand[0]") != "data.charge" {
			f.t.Errorf("invoices without expand data.charge: %s", r.URL.RawQuery)
		}
	default:
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"error":{"type":"invalid_request_error","message":"Unrecognized request URL"}}`))
		return
	}
	all := f.lists[name]
	start := 0
	if after := q.Get("starting_after"); after != "" {
		start = -1
		for i, o := range all {
			if o["id"] == after {
				start = i + 1
			}
		}
		if start < 0 {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"error":{"type":"invalid_request_error","message":"No such object"}}`))
			return
		}
	}
	size := f.pageSize
	if l, _ := strconv.Atoi(q.Get("limit")); l < size {
		size = l
	}
	end := min(start+size, len(all))
	data := all[start:end]
	more := end < len(all) || (f.trailingEmpty && name == "invoices")
	_ = json.NewEncoder(w).Encode(map[string]any{"object": "list", "url": r.URL.Path, "data": data, "has_more": more})
}

func (f *fakeStripe) requests() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

func customerJSON(i int) map[string]any {
	return map[string]any{"id": fmt.Sprintf("cus_%04d", i), "object": "customer", "name": fmt.Sprintf("Co %d", i),
		"email": fmt.Sprintf("billing@co%d.example", i), "metadata": map[string]string{}}
}

func subscriptionJSON(id, customer, status, interval string, count, unit, qty int64, currency string) map[string]any {
	return map[string]any{
		"id": id, "object": "subscription", "customer": customer, "status": status, "currency": currency,
		"current_period_start": 1700000000, "current_period_end": 1702592000, "cancel_at_period_end": false,
		"items": map[string]any{"object": "list", "has_more": false, "data": []any{map[string]any{
			"id": "si_" + id, "object": "subscription_item", "quantity": qty,
			"price": map[string]any{"id": "price_" + id, "object": "price", "currency": currency, "unit_amount": unit,
				"nickname": "Pro", "product": "prod_1",
				"recurring": map[string]any{"interval": interval, "interval_count": count}},
		}}},
	}
}

func invoiceJSON(id, customer, sub, status string, attempts int64) map[string]any {
	return map[string]any{"id": id, "object": "invoice", "customer": customer, "subscription": sub, "status": status,
		"currency": "usd", "amount_due": 4900, "amount_paid": 0, "attempt_count": attempts, "created": 1700000000,
		"status_transitions": map[string]any{"finalized_at": 1700000100}}
}
