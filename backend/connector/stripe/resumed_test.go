package stripe

import (
	"errors"
	"strings"
	"testing"

	"successdesk/backend/domain"
)

func TestMarkResumed(t *testing.T) {
	ev := func(src domain.Source, kind domain.ActivityKind, id string) domain.Activity {
		return domain.Activity{Source: src, Kind: kind, ExternalID: id, Title: "Subscription set to cancel at period end",
			Body: "Pro ends on Dec 5, 2026 unless the customer resumes it."}
	}
	sub := func(id string, st domain.RevenueStatus, cancel bool) domain.RevenueSource {
		return domain.RevenueSource{Source: domain.SourceStripe, ExternalID: id, Status: st, CancelAtPeriodEnd: cancel}
	}
	acts := []domain.Activity{
		ev(domain.SourceStripe, domain.ActivityContractChange, "sub_resumed/cancel"),
		ev(domain.SourceStripe, domain.ActivityContractChange, "sub_still/cancel"),
		ev(domain.SourceStripe, domain.ActivityContractChange, "sub_ended/cancel"),
		ev(domain.SourceStripe, domain.ActivityContractChange, "sub_gone/cancel"),
		ev(domain.SourceStripe, domain.ActivityContractChange, "sub_resumed/started"),
		ev(domain.SourceStripe, domain.ActivityPayment, "sub_resumed/cancel"),
		ev(domain.SourceSalesbricks, domain.ActivityContractChange, "sub_resumed/cancel"),
		ev(domain.SourceStripe, domain.ActivityContractChange, "sub_trial/cancel"),
	}
	calls := 0
	err := MarkResumed(acts, func() ([]domain.RevenueSource, error) {
		calls++
		return []domain.RevenueSource{
			sub("sub_resumed", domain.StatusActive, false),
			sub("sub_still", domain.StatusActive, true),
			sub("sub_ended", domain.StatusCanceled, false),
			sub("sub_trial", domain.StatusTrialing, false),
			{Source: domain.SourceSalesbricks, ExternalID: "sub_gone", Status: domain.StatusActive},
		}, nil
	})
	if err != nil || calls != 1 {
		t.Fatalf("MarkResumed: %v after %d reads of the revenue sources, want nil after 1", err, calls)
	}
	for i, want := range []bool{true, false, false, false, false, false, false, true} {
		a := acts[i]
		got := strings.HasSuffix(a.Title, ", since resumed")
		if got != want {
			t.Errorf("%s %s %s: reworded %v, want %v (%q)", a.Source, a.Kind, a.ExternalID, got, want, a.Title)
		}
		if got && a.Body != "Pro ends on Dec 5, 2026 unless the customer resumes it. The customer has since resumed it: it no longer ends with its period." {
			t.Errorf("%s: body %q", a.ExternalID, a.Body)
		}
		if !got && (a.Title != "Subscription set to cancel at period end" || strings.Contains(a.Body, "since")) {
			t.Errorf("%s: changed though not resumed: %q / %q", a.ExternalID, a.Title, a.Body)
		}
	}

	// Without a "set to cancel" event the revenue sources are not read; a
	// failed read is returned.
	none := []domain.Activity{ev(domain.SourceStripe, domain.ActivityContractChange, "sub_x/started")}
	if err := MarkResumed(none, func() ([]domain.RevenueSource, error) { t.Fatal("read without a cancel event"); return nil, nil }); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk gone")
	if err := MarkResumed(acts[:1], func() ([]domain.RevenueSource, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Fatalf("a failed read: %v", err)
	}
}
