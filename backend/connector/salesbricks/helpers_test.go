package salesbricks

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/connector/salesbricks/sbfake"
	"successdesk/backend/httpx"
)

// fakeNow is the clock of the fake and of the connector under test.
var fakeNow = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// sleeper records the waits of an httpx client without sleeping.
type sleeper struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleeper) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.waits = append(s.waits, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeper) slept() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.waits...)
}

// fixture is a fake Salesbricks with a connector pointed at it.
type fixture struct {
	fake  *sbfake.Server
	srv   *httptest.Server
	conn  *Connector
	sleep *sleeper
}

// newFixture starts a fake for o (Now defaults to fakeNow) and a
// connector for it with opts, its client retrying 3 times without sleeping.
func newFixture(t *testing.T, o sbfake.Options, opts ...Option) *fixture {
	t.Helper()
	if o.Now == nil {
		o.Now = func() time.Time { return fakeNow }
	}
	f := &fixture{fake: sbfake.New(o), sleep: &sleeper{}}
	f.srv = httptest.NewServer(f.fake)
	t.Cleanup(f.srv.Close)
	key := o.Key
	if key == "" {
		key = sbfake.DefaultKey
	}
	f.conn = f.connect(key, opts...)
	return f
}

// connect builds another connector for the fixture's fake with key.
func (f *fixture) connect(key string, opts ...Option) *Connector {
	hc := httpx.New(httpx.Policy{Source: "Salesbricks", MaxAttempts: 3, BaseDelay: time.Millisecond},
		httpx.WithHTTPClient(f.srv.Client()), httpx.WithSleep(f.sleep.sleep))
	all := append([]Option{WithBaseURL(f.srv.URL), WithClock(func() time.Time { return fakeNow })}, opts...)
	return New(key, hc, all...)
}

// drain fetches a whole pass from "".
func drain(t *testing.T, c *Connector) []connector.Page {
	t.Helper()
	var pages []connector.Page
	cur := ""
	for range 1000 {
		p, err := c.Fetch(context.Background(), cur)
		if err != nil {
			t.Fatalf("fetch at %q: %v", cur, err)
		}
		pages = append(pages, p)
		if p.Done || p.Len() == 0 {
			return pages
		}
		cur = p.Next
	}
	t.Fatal("no end of pass after 1000 pages")
	return nil
}

func decodeDeal(t *testing.T, js string) wireDeal {
	t.Helper()
	var d wireDeal
	if err := json.Unmarshal([]byte(js), &d); err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return d
}
