package app_test

import (
	"testing"
	"time"

	"successdesk/app"
	"successdesk/backend/connector/stripe/stripefake"
	"successdesk/backend/domain"
)

const (
	setToCancel = "Subscription set to cancel at period end"
	resumed     = setToCancel + ", since resumed"
)

// TestFeedSaysWhenACancellationWasResumed syncs a Stripe book, has every
// subscription that was set to cancel at period end resumed at Stripe, and
// syncs again: each one's "set to cancel" event stays in its account's feed
// and now says it was resumed.
func TestFeedSaysWhenACancellationWasResumed(t *testing.T) {
	clock := now
	fake := stripefake.New(stripefake.Options{Subscriptions: 120, Seed: 5, Now: func() time.Time { return clock }})
	d := liveDesk(t, &clock, map[domain.Source]livePeer{domain.SourceStripe: {handler: fake, key: stripefake.DefaultKey}})
	var leaving []string
	for _, s := range fake.Subscriptions() {
		if s.CancelAtPeriodEnd && s.Status == "active" && s.CanceledAt != 0 {
			leaving = append(leaving, s.ID)
		}
	}
	if len(leaving) == 0 {
		t.Fatal("the generated book has no active subscription set to cancel")
	}
	if got := feedTitles(t, d); got[setToCancel] != len(leaving) || got[resumed] != 0 {
		t.Fatalf("before: %d set to cancel, %d resumed; want %d and 0", got[setToCancel], got[resumed], len(leaving))
	}

	clock = clock.Add(time.Hour)
	for _, id := range leaving {
		if err := fake.UpdateSubscription(id, func(s *stripefake.Subscription) { s.CancelAtPeriodEnd, s.CanceledAt = false, 0 }); err != nil {
			t.Fatal(err)
		}
	}
	syncAll(t, d)
	if got := feedTitles(t, d); got[resumed] != len(leaving) || got[setToCancel] != 0 {
		t.Fatalf("after: %d resumed, %d still set to cancel; want %d and 0", got[resumed], got[setToCancel], len(leaving))
	}
}

// feedTitles counts the contract-change titles across every account's feed.
func feedTitles(t *testing.T, d *app.Desk) map[string]int {
	t.Helper()
	list, err := app.NewHealthService(d).List(app.HealthListRequest{Limit: 1000, IncludeUntracked: true})
	if err != nil {
		t.Fatal(err)
	}
	c := app.NewCustomerService(d)
	out := map[string]int{}
	for _, r := range list.Rows {
		feed, err := c.Activity(app.ActivityRequest{AccountID: r.AccountID, Kinds: []string{"contract_change"}, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range feed.Items {
			out[it.Title]++
		}
	}
	return out
}
