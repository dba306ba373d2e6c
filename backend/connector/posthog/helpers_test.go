package posthog

import (
	"context"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"successdesk/backend/connector/posthog/phfake"
	"successdesk/backend/httpx"
)

// testKey is the personal API key of the tests' fakes.
const testKey = "phx_unit_3f9c1a7e5b2d"

var project = strconv.Itoa(phfake.DefaultProject)

// sleeper records the waits of an httpx client instead of sleeping.
type sleeper struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeper) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeper) slept() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// fakeFor starts a fake PostHog with o (Key, Now and Seed defaulted) and
// returns it with a client that never sleeps (its waits are recorded).
func fakeFor(t *testing.T, o phfake.Options) (*phfake.Server, *httptest.Server, *httpx.Client, *sleeper) {
	t.Helper()
	if o.Key == "" {
		o.Key = testKey
	}
	if o.Now == nil {
		o.Now = fixedClock
	}
	f := phfake.New(o)
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	sl := &sleeper{}
	hc := httpx.New(httpx.Policy{Source: "PostHog", MaxAttempts: 3, BaseDelay: time.Millisecond},
		httpx.WithHTTPClient(srv.Client()), httpx.WithSleep(sl.sleep))
	return f, srv, hc, sl
}

// connect builds a connector for srv with opts after the host and clock.
func connect(srv *httptest.Server, hc *httpx.Client, opts ...Option) *Connector {
	return New(testKey, hc, append([]Option{WithHost(srv.URL), WithClock(fixedClock)}, opts...)...)
}

// drain runs a pass from cur to its Done page.
func drain(t *testing.T, c *Connector, cur string) ([]UsagePage, error) {
	t.Helper()
	var pages []UsagePage
	for range 100 {
		p, err := c.FetchUsage(context.Background(), cur)
		if err != nil {
			return pages, err
		}
		pages = append(pages, p)
		if p.Page.Done || p.Page.Len() == 0 {
			return pages, nil
		}
		cur = p.Page.Next
	}
	t.Fatal("no Done page after 100 fetches")
	return nil, nil
}

// accountsOf gathers the accounts of a pass.
func accountsOf(pages []UsagePage) []AccountUsage {
	var out []AccountUsage
	for _, p := range pages {
		out = append(out, p.Accounts...)
	}
	return out
}
