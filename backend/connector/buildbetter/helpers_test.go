package buildbetter

import (
	"context"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/connector/buildbetter/bbfake"
	"successdesk/backend/httpx"
)

// fixedNow is the clock of every test: the fake's books end an hour before it.
var fixedNow = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// testKey is shaped like an organization API key; it occurs in no book.
const testKey = "bb_test_9f3a0c51d2e84b76"

// peer is a fake BuildBetter with a connector pointed at it.
type peer struct {
	fake  *bbfake.Server
	c     *Connector
	mu    sync.Mutex
	slept []time.Duration
	now   time.Time
}

// newPeer serves o (o.Key defaults to testKey) and builds a connector with
// key whose client never sleeps for real and whose clock is p.now.
func newPeer(t *testing.T, o bbfake.Options, key string, opts ...Option) *peer {
	t.Helper()
	if o.Key == "" {
		o.Key = testKey
	}
	p := &peer{fake: bbfake.New(o), now: fixedNow}
	srv := httptest.NewServer(p.fake)
	t.Cleanup(srv.Close)
	hc := httpx.New(httpx.Policy{Source: "BuildBetter", MaxAttempts: 3, BaseDelay: time.Millisecond},
		httpx.WithHTTPClient(srv.Client()),
		httpx.WithSleep(func(ctx context.Context, d time.Duration) error {
			p.mu.Lock()
			p.slept = append(p.slept, d)
			p.mu.Unlock()
			return ctx.Err()
		}))
	opts = append([]Option{WithBaseURL(srv.URL), WithClock(func() time.Time {
		p.mu.Lock()
		defer p.mu.Unlock()
		return p.now
	})}, opts...)
	p.c = New(key, hc, opts...)
	return p
}

func (p *peer) setNow(t time.Time) {
	p.mu.Lock()
	p.now = t
	p.mu.Unlock()
}

func (p *peer) sleeps() []time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.slept)
}

// drain fetches one pass from cursor: until a Done or empty page.
func drain(t *testing.T, c connector.Connector, cursor connector.Cursor) []connector.Page {
	t.Helper()
	var pages []connector.Page
	for range 100 {
		p, err := c.Fetch(context.Background(), cursor)
		if err != nil {
			t.Fatalf("fetch at %q: %v", cursor, err)
		}
		pages = append(pages, p)
		if p.Done || p.Len() == 0 {
			return pages
		}
		cursor = p.Next
	}
	t.Fatalf("no Done page after 100 fetches")
	return nil
}

// checkAccountsFirst fails unless every activity of the pass names an
// account delivered in the same or an earlier page, and no account is
// delivered twice.
func checkAccountsFirst(t *testing.T, pages []connector.Page) {
	t.Helper()
	seen := map[string]bool{}
	for i, p := range pages {
		for _, a := range p.Accounts {
			if seen[a.Key] {
				t.Errorf("page %d delivers account %s again", i+1, a.Key)
			}
			seen[a.Key] = true
		}
		for _, a := range p.Activities {
			if !seen[a.AccountKey] {
				t.Errorf("page %d: %s names account %q before it was delivered", i+1, a.ExternalID, a.AccountKey)
			}
		}
	}
}

func activities(pages []connector.Page) map[string]connector.ActivityRecord {
	out := map[string]connector.ActivityRecord{}
	for _, p := range pages {
		for _, a := range p.Activities {
			out[a.ExternalID] = a
		}
	}
	return out
}

func accounts(pages []connector.Page) map[string]connector.AccountRecord {
	out := map[string]connector.AccountRecord{}
	for _, p := range pages {
		for _, a := range p.Accounts {
			out[a.Key] = a
		}
	}
	return out
}
