package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"successdesk/app"
	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// liveStripeDesk is a live book synced once from a Stripe fake.
func liveStripeDesk(t *testing.T, clock *time.Time) *app.Desk {
	return liveDesk(t, clock, map[domain.Source]livePeer{domain.SourceStripe: stripePeer(clock, 120)})
}

// paymentRows returns the live Health rows with a payment factor.
func paymentRows(t *testing.T, d *app.Desk) []app.HealthRowDTO {
	t.Helper()
	list, err := app.NewHealthService(d).List(app.HealthListRequest{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var out []app.HealthRowDTO
	for _, r := range list.Rows {
		for _, f := range r.Factors {
			if f.Category == string(domain.CategoryPayment) {
				out = append(out, r)
				break
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no live row has a payment factor")
	}
	return out
}

func TestHealthFlagsRowsWhoseSourceIsStaleOrFailing(t *testing.T) {
	ctx := context.Background()
	clock := now
	d := liveStripeDesk(t, &clock)
	hs := app.NewHealthService(d)

	for _, r := range paymentRows(t, d) {
		if len(r.Flags) != 0 {
			t.Fatalf("%s is flagged right after a sync: %+v", r.Name, r.Flags)
		}
	}
	set, err := hs.Settings(app.RefreshRequest{})
	if err != nil || set.Integrations[1].Source != "stripe" || set.Integrations[1].Status != "connected" ||
		set.Integrations[1].LastSuccessAt == "" || set.Integrations[0].Status != app.ReadyNotConnected {
		t.Fatalf("integration status after a sync: %+v, %v", set.Integrations, err)
	}

	// A day later with no sync, Stripe's data is stale: rows scored from
	// it say so, and the Integration Status list does too.
	clock = clock.Add(25 * time.Hour)
	for _, r := range paymentRows(t, d) {
		if len(r.Flags) != 1 || r.Flags[0].Source != "stripe" || r.Flags[0].State != app.InputStale ||
			!strings.Contains(r.Flags[0].Detail, "last synced 25 hours ago") {
			t.Fatalf("%s after a day without a sync: %+v", r.Name, r.Flags)
		}
	}
	if set, _ := hs.Settings(app.RefreshRequest{}); set.Integrations[1].Status != "stale" {
		t.Fatalf("integration status a day later: %+v", set.Integrations[1])
	}

	// A failed run: rows say the source is failing, with its error.
	if err := d.Live().Store.Write(ctx, func(tx *store.Tx) error {
		return tx.MarkFailure(ctx, domain.SourceStripe, "Stripe is unavailable (503).", false, clock)
	}); err != nil {
		t.Fatal(err)
	}
	for _, r := range paymentRows(t, d) {
		if len(r.Flags) != 1 || r.Flags[0].State != app.InputFailing || !strings.Contains(r.Flags[0].Detail, "unavailable (503)") {
			t.Fatalf("%s after a failed run: %+v", r.Name, r.Flags)
		}
	}
	if set, _ := hs.Settings(app.RefreshRequest{}); set.Integrations[1].Status != app.ReadyError {
		t.Fatalf("integration status after a failure: %+v", set.Integrations[1])
	}
	// Rows with no Stripe input carry no flag.
	list, _ := hs.List(app.HealthListRequest{Limit: 500})
	for _, r := range list.Rows {
		uses := false
		for _, f := range r.Factors {
			uses = uses || f.Category == string(domain.CategoryPayment) || f.Category == string(domain.CategoryRenewal)
		}
		for _, m := range r.Missing {
			uses = uses || m.Category == string(domain.CategoryPayment) || m.Category == string(domain.CategoryRenewal)
		}
		if !uses && len(r.Flags) != 0 {
			t.Fatalf("%s reads no Stripe input but is flagged: %+v", r.Name, r.Flags)
		}
	}
}
