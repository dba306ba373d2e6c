package app_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"successdesk/app"
	"successdesk/backend/connector/stripe/stripefake"
	"successdesk/backend/domain"
)

// candidateIDs returns the external ids of the queue's records.
func candidateIDs(t *testing.T, svc *app.ConvertService) []string {
	t.Helper()
	var ids []string
	for _, r := range allConvert(t, svc, app.ConvertQuery{}).Rows {
		c, err := svc.Candidate(app.CandidateRequest{Key: r.Key})
		if err != nil {
			t.Fatal(err)
		}
		if c.Record.Source != "stripe" || c.Record.Status != r.Status {
			t.Errorf("%s: record %+v", r.Key, c.Record)
		}
		ids = append(ids, c.Record.ExternalID)
	}
	slices.Sort(ids)
	return ids
}

func TestConvertSyncTrialsFromStripeAlone(t *testing.T) {
	clock := now
	fake := stripefake.New(stripefake.Options{Subscriptions: 120, Seed: 5, Now: func() time.Time { return clock }})
	d := connectedDesk(t, &clock, map[domain.Source]livePeer{domain.SourceStripe: {handler: fake, key: stripefake.DefaultKey}})
	svc := app.NewConvertService(d)
	if l := allConvert(t, svc, app.ConvertQuery{}); l.Total != 0 || l.Meta.Mode != app.ModeLive {
		t.Fatalf("before any sync: %d candidates, meta %+v", l.Total, l.Meta)
	}

	out, err := svc.SyncTrials(app.SyncTrialsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(out.Phases, []string{"Loading…", "Checking sources…", "Fetching subscriptions…", "Tallying…"}) ||
		len(out.Warnings) != 0 || out.LastSyncedAt != rfc(clock) {
		t.Fatalf("Sync trials with Stripe alone: %+v", out)
	}

	// With every account admitted, the queue is exactly the fake's trialing
	// (and pending) subscriptions.
	set, _ := svc.Settings(app.InfoRequest{})
	loose := set.Settings
	loose.ExcludePaying, loose.ExcludeFreeMail = false, false
	if _, err := svc.SaveSettings(loose); err != nil {
		t.Fatal(err)
	}
	truth := fake.Truth()
	var want []string
	for id, r := range truth.Revenue {
		if r.Status == domain.StatusTrialing || r.Status == domain.StatusPending || r.Status == domain.StatusDraft {
			want = append(want, id)
		}
	}
	slices.Sort(want)
	got := candidateIDs(t, svc)
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Fatalf("candidates %v, the fake's trials %v", got, want)
	}

	// Under the defaults, trials of accounts that already pay are left out.
	if _, err := svc.SaveSettings(set.Settings); err != nil {
		t.Fatal(err)
	}
	paying := map[string]bool{}
	for _, r := range truth.Revenue {
		if r.Status.Recurring() {
			paying[truth.Keys[r.Customer]] = true
		}
	}
	strict := candidateIDs(t, svc)
	for _, id := range strict {
		if paying[truth.Keys[truth.Revenue[id].Customer]] {
			t.Errorf("%s belongs to a paying account", id)
		}
	}
	for _, id := range want {
		// Keys name a company account by its domain, others by customer id.
		acct := truth.Keys[truth.Revenue[id].Customer]
		if !slices.Contains(strict, id) && !paying[acct] && strings.Contains(acct, ".") {
			t.Errorf("%s of %s, a company that does not pay, is missing", id, acct)
		}
	}

	// A failed fetch is a warning; the queue stays and the last sync time too.
	fake.Inject(stripefake.Fault{Kind: stripefake.FaultMalformed, Times: -1})
	clock = clock.Add(time.Hour)
	again, err := svc.SyncTrials(app.SyncTrialsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Warnings) != 1 || !strings.HasPrefix(again.Warnings[0], "Could not fetch Stripe subscriptions: ") ||
		again.LastSyncedAt != out.LastSyncedAt || again.Candidates != len(strict) {
		t.Fatalf("Sync trials during an outage: %+v", again)
	}
}
