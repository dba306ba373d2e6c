package hubspot

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/connector/hubspot/hsfake"
	"successdesk/backend/httpx"
)

// t0 is the fake's clock in these tests.
var t0 = time.Date(2026, 3, 2, 15, 4, 5, 0, time.UTC)

// clock is a settable clock shared by the fake and the connector.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// sleeps records the waits of the httpx client and of the connector;
// nothing sleeps for real.
type sleeps struct {
	mu     sync.Mutex
	client []time.Duration
	conn   []time.Duration
}

func (s *sleeps) record(list *[]time.Duration) httpx.SleepFunc {
	return func(ctx context.Context, d time.Duration) error {
		s.mu.Lock()
		*list = append(*list, d)
		s.mu.Unlock()
		return ctx.Err()
	}
}

func (s *sleeps) get() (client, conn []time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.client...), append([]time.Duration(nil), s.conn...)
}

// rig is a connector wired to a fake over loopback.
type rig struct {
	c      *Connector
	fake   *hsfake.Server
	clock  *clock
	sleeps *sleeps
}

// newRig serves a fake built from o (its token and clock filled in) and
// connects to it with attempts tries per request and opts.
func newRig(t *testing.T, o hsfake.Options, attempts int, opts ...Option) *rig {
	t.Helper()
	r := &rig{clock: &clock{t: t0}, sleeps: &sleeps{}}
	if o.Token == "" {
		o.Token = hsfake.DefaultToken
	}
	o.Now = r.clock.now
	r.fake = hsfake.New(o)
	srv := httptest.NewServer(r.fake)
	t.Cleanup(srv.Close)
	hc := httpx.New(httpx.Policy{Source: "HubSpot", MaxAttempts: attempts, BaseDelay: time.Millisecond},
		httpx.WithHTTPClient(srv.Client()), httpx.WithSleep(r.sleeps.record(&r.sleeps.client)))
	base := []Option{WithBaseURL(srv.URL), WithClock(r.clock.now), WithSleep(r.sleeps.record(&r.sleeps.conn)),
		WithSearchLimiter(nil)}
	r.c = New(o.Token, hc, append(base, opts...)...)
	return r
}

// pass fetches from cur until a Done or empty page.
func (r *rig) pass(t *testing.T, cur connector.Cursor) []connector.Page {
	t.Helper()
	var pages []connector.Page
	for range 200 {
		p, err := r.c.Fetch(context.Background(), cur)
		if err != nil {
			t.Fatalf("fetch %q: %v", cur, err)
		}
		pages = append(pages, p)
		if p.Done || p.Len() == 0 {
			return pages
		}
		cur = p.Next
	}
	t.Fatal("no end after 200 pages")
	return nil
}

// records gathers a pass's accounts and enrichments by key (later pages
// win, as in the store).
func records(pages []connector.Page) (map[string]connector.AccountRecord, map[string]connector.EnrichmentRecord) {
	accts, enrs := map[string]connector.AccountRecord{}, map[string]connector.EnrichmentRecord{}
	for _, p := range pages {
		for _, a := range p.Accounts {
			accts[a.Key] = a
		}
		for _, e := range p.Enrichments {
			enrs[e.AccountKey] = e
		}
	}
	return accts, enrs
}
