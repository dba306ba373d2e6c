package connectortest_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/connector/connectortest"
	"successdesk/backend/domain"
)

func TestFakeConnectorPagesAndFaults(t *testing.T) {
	ctx := context.Background()
	f := connectortest.NewFake(domain.SourceStripe,
		connector.Page{Accounts: []connector.AccountRecord{{Key: "a"}}},
		connector.Page{Accounts: []connector.AccountRecord{{Key: "b"}}},
		connector.Page{Accounts: []connector.AccountRecord{{Key: "c"}}})
	var seen []int
	f.OnFetch = func(n int) { seen = append(seen, n) }

	p1, err := f.Fetch(ctx, "")
	if err != nil || p1.Next != connectortest.CursorFor(2) || p1.Done {
		t.Fatalf("page 1 = %+v, %v", p1, err)
	}
	p3, err := f.Fetch(ctx, connectortest.CursorFor(3))
	if err != nil || !p3.Done || p3.Next != "" || p3.Accounts[0].Key != "c" {
		t.Fatalf("page 3 = %+v, %v", p3, err)
	}
	if _, err := f.Fetch(ctx, "page-9"); domain.ErrorCode(err) != domain.EInvalid {
		t.Fatalf("unknown cursor: %v", err)
	}

	boom := domain.Errorf(domain.EUnavailable, "Stripe is unavailable.")
	f.FailAt(2, boom)
	if _, err := f.Fetch(ctx, connectortest.CursorFor(2)); !errors.Is(err, boom) {
		t.Fatalf("fault: %v", err)
	}
	if _, err := f.Fetch(ctx, connectortest.CursorFor(2)); err != nil {
		t.Fatalf("faults are one-shot: %v", err)
	}

	f.BlockAt(1)
	cctx, cancel := context.WithCancel(ctx)
	time.AfterFunc(10*time.Millisecond, cancel)
	if _, err := f.Fetch(cctx, ""); !errors.Is(err, context.Canceled) {
		t.Fatalf("block: %v", err)
	}
	want := []connector.Cursor{"", "page-3", "page-9", "page-2", "page-2", ""}
	if got := f.Calls(); !slices.Equal(got, want) {
		t.Fatalf("calls = %q, want %q", got, want)
	}
	if !slices.Equal(seen, []int{1, 3, 2, 2, 1}) {
		t.Fatalf("OnFetch saw %v", seen)
	}
}
