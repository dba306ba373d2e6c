package httpx

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

func TestStripeLimit(t *testing.T) {
	for key, want := range map[string]int{
		"sk_test_abc": 25, "rk_test_abc": 25,
		"sk_live_abc": 100, "rk_live_abc": 100,
		"": 25, "pk_live_abc": 25, "garbage": 25, "SK_LIVE_abc": 25,
	} {
		if got := StripeLimit(key); got.N != want || got.Per != time.Second {
			t.Errorf("StripeLimit(%q) = %v, want %d/s", key, got, want)
		}
	}
}

func TestLimiterSpacesRequests(t *testing.T) {
	clk := newFakeClock()
	l := NewLimiter(PerSecond(25), LimiterClock(clk.Now), LimiterSleep(clk.Sleep))
	start := clk.Now()
	for i := 0; i < 26; i++ {
		if err := l.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	// Burst 1: the first is free, each next one 40 ms later.
	d := clk.Delays()
	if len(d) != 25 {
		t.Fatalf("waits = %d, want 25: %v", len(d), d)
	}
	for _, x := range d {
		if x != 40*time.Millisecond {
			t.Fatalf("wait = %v, want 40ms", x)
		}
	}
	if got := clk.Now().Sub(start); got != time.Second {
		t.Fatalf("26 requests took %v of fake time, want 1s", got)
	}
}

func TestLimiterBurstAndRefill(t *testing.T) {
	clk := newFakeClock()
	l := NewLimiter(Rate{N: 10, Per: time.Second, Burst: 5}, LimiterClock(clk.Now), LimiterSleep(clk.Sleep))
	ctx := context.Background()
	for i := 0; i < 5; i++ {
		l.Wait(ctx)
	}
	if len(clk.Delays()) != 0 || l.Tokens() != 0 {
		t.Fatalf("burst of 5 should be free: delays %v tokens %v", clk.Delays(), l.Tokens())
	}
	clk.Sleep(ctx, 250*time.Millisecond) // idle: earns 2.5 tokens
	if got := l.Tokens(); got != 2.5 {
		t.Fatalf("tokens = %v, want 2.5", got)
	}
	clk.Sleep(ctx, 10*time.Second) // capped at the burst
	if got := l.Tokens(); got != 5 {
		t.Fatalf("tokens = %v, want 5", got)
	}
}

func TestLimiterConcurrentWaitersQueue(t *testing.T) {
	clk := newFakeClock()
	var mu sync.Mutex
	var waits []time.Duration
	// Record the reservations without advancing time, so every waiter is
	// queued behind the others.
	sleep := func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		waits = append(waits, d)
		mu.Unlock()
		return nil
	}
	l := NewLimiter(PerSecond(100), LimiterClock(clk.Now), LimiterSleep(sleep))
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); l.Wait(context.Background()) }()
	}
	wg.Wait()
	if got := l.Tokens(); got != -9 {
		t.Fatalf("tokens = %v, want -9 (9 queued)", got)
	}
	seen := map[time.Duration]bool{}
	for _, w := range waits {
		seen[w] = true
	}
	for i := 1; i <= 9; i++ {
		if !seen[time.Duration(i)*10*time.Millisecond] {
			t.Fatalf("waits = %v, want 10ms..90ms each once", waits)
		}
	}
}

func TestLimiterCancelGivesTokenBack(t *testing.T) {
	clk := newFakeClock()
	l := NewLimiter(PerSecond(1), LimiterClock(clk.Now), LimiterSleep(SleepContext))
	if err := l.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go cancel()
	if err := l.Wait(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if got := l.Tokens(); got != 0 {
		t.Fatalf("tokens = %v, want 0 (slot returned)", got)
	}
}

func TestLimiterDeadlineTooSoon(t *testing.T) {
	clk := newFakeClock()
	l := NewLimiter(PerSecond(1), LimiterClock(clk.Now), LimiterSleep(clk.Sleep))
	l.Wait(context.Background())
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	err := l.Wait(ctx)
	if !errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil {
		t.Fatalf("err = %v (ctx.Err = %v), want an early deadline error", err, ctx.Err())
	}
	if len(clk.Delays()) != 0 || l.Tokens() != 0 {
		t.Fatalf("delays %v tokens %v", clk.Delays(), l.Tokens())
	}
}

func TestLimiterZeroRateNeverWaits(t *testing.T) {
	clk := newFakeClock()
	l := NewLimiter(Rate{}, LimiterClock(clk.Now), LimiterSleep(clk.Sleep))
	for i := 0; i < 100; i++ {
		l.Wait(context.Background())
	}
	if len(clk.Delays()) != 0 {
		t.Fatal("zero rate waited")
	}
}

func TestWithLimiterReplacesThePolicyLimiter(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	get := func(c *Client) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	policy, other := &countingWaiter{}, &countingWaiter{}
	get(New(Policy{Source: "Peer", Limiter: policy}))
	get(New(Policy{Source: "Peer", Limiter: policy}, WithLimiter(other)))
	get(New(Policy{Source: "Peer", Limiter: policy}, WithLimiter(nil)))
	if policy.n.Load() != 1 || other.n.Load() != 1 {
		t.Fatalf("policy limiter waited %d times, replacement %d; want 1 and 1", policy.n.Load(), other.n.Load())
	}
}
