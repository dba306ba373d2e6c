package httpx

import (
	"context"
	"sync"
	"time"
)

// fakeClock is a manual clock; its sleep records delays and advances time
// instead of waiting.
type fakeClock struct {
	mu     sync.Mutex
	t      time.Time
	delays []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
}

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.delays = append(f.delays, d)
	f.t = f.t.Add(d)
	return nil
}

func (f *fakeClock) Delays() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.delays...)
}

// fixedRand returns the given values in turn, then the last one forever.
func fixedRand(vs ...float64) func() float64 {
	var mu sync.Mutex
	i := 0
	return func() float64 {
		mu.Lock()
		defer mu.Unlock()
		v := vs[min(i, len(vs)-1)]
		i++
		return v
	}
}

// testClient builds a Client with a fake clock and fixed jitter of 0.5.
func testClient(p Policy, clk *fakeClock, opts ...Option) *Client {
	base := []Option{WithClock(clk.Now), WithSleep(clk.Sleep), WithRand(fixedRand(0.5))}
	return New(p, append(base, opts...)...)
}
