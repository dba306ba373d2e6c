package httpx

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Waiter is what a Client needs from a rate limiter: Wait blocks until one
// request may be sent, or returns an error (the context's, or one saying the
// wait would outlast the context's deadline) without consuming a permit.
type Waiter interface {
	Wait(ctx context.Context) error
}

// Rate is a sustained request rate of N requests per Per, allowing bursts of
// up to Burst requests (Burst < 1 means 1: requests evenly spaced).
type Rate struct {
	N     int
	Per   time.Duration
	Burst int
}

// PerSecond is n requests a second, evenly spaced (burst 1).
func PerSecond(n int) Rate { return Rate{N: n, Per: time.Second, Burst: 1} }

// String renders the rate for logs ("25/1s").
func (r Rate) String() string { return fmt.Sprintf("%d/%s", r.N, r.Per) }

// Stripe's documented global limits: 25 requests a second in test mode
// (sandboxes), 100 in live mode.
const (
	StripeTestRPS = 25
	StripeLiveRPS = 100
)

// StripeLimit returns the request rate for a Stripe secret or restricted key:
// sk_live_/rk_live_ keys get 100 req/s; sk_test_/rk_test_ keys, and any key
// whose mode cannot be told, get the conservative 25 req/s. Only the key's
// prefix is read; the key is not kept.
func StripeLimit(key string) Rate {
	if strings.HasPrefix(key, "sk_live_") || strings.HasPrefix(key, "rk_live_") {
		return PerSecond(StripeLiveRPS)
	}
	return PerSecond(StripeTestRPS)
}

// Limiter is a token bucket shared by every request to one source (one per
// credential; construct it where the connector is built). It is safe for
// concurrent use: each Wait reserves the next free slot, so concurrent
// callers are spaced too. The zero value is not usable; use NewLimiter.
type Limiter struct {
	mu       sync.Mutex
	interval time.Duration // time to earn one token
	burst    float64
	tokens   float64
	last     time.Time
	now      func() time.Time
	sleep    SleepFunc
}

// LimiterOption configures a Limiter.
type LimiterOption func(*Limiter)

// LimiterClock makes the limiter read time from now (tests use a fake clock).
func LimiterClock(now func() time.Time) LimiterOption {
	return func(l *Limiter) { l.now = now }
}

// LimiterSleep makes the limiter wait with sleep instead of a real timer.
func LimiterSleep(sleep SleepFunc) LimiterOption {
	return func(l *Limiter) { l.sleep = sleep }
}

// NewLimiter returns a token bucket for r that starts full. A rate with
// N < 1 or Per <= 0 never limits.
func NewLimiter(r Rate, opts ...LimiterOption) *Limiter {
	l := &Limiter{now: time.Now, sleep: SleepContext}
	if r.N >= 1 && r.Per > 0 {
		l.interval = r.Per / time.Duration(r.N)
		if l.interval <= 0 {
			l.interval = 1
		}
	}
	l.burst = float64(max(r.Burst, 1))
	l.tokens = l.burst
	for _, o := range opts {
		o(l)
	}
	l.last = l.now()
	return l
}

// Wait blocks until a request may be sent. It returns ctx.Err() if the
// context ends first, or an error at once if the context's deadline is
// sooner than the slot; in both cases the slot is given back.
func (l *Limiter) Wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if l.interval <= 0 {
		return nil
	}
	l.mu.Lock()
	now := l.now()
	l.advance(now)
	l.tokens--
	var wait time.Duration
	if l.tokens < 0 {
		wait = time.Duration(-l.tokens * float64(l.interval))
	}
	if wait > 0 {
		// Deadlines are wall-clock times, whatever clock paces the bucket.
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			l.tokens++
			l.mu.Unlock()
			return fmt.Errorf("httpx: rate limit wait of %s would outlast the context deadline: %w", wait, context.DeadlineExceeded)
		}
	}
	l.mu.Unlock()
	if wait <= 0 {
		return nil
	}
	if err := l.sleep(ctx, wait); err != nil {
		l.mu.Lock()
		l.tokens++
		l.mu.Unlock()
		return err
	}
	return nil
}

// Tokens reports the tokens available now (negative when callers are queued).
func (l *Limiter) Tokens() float64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.advance(l.now())
	return l.tokens
}

// advance credits the tokens earned since l.last, up to the burst size.
func (l *Limiter) advance(now time.Time) {
	if now.After(l.last) && l.interval > 0 {
		l.tokens += float64(now.Sub(l.last)) / float64(l.interval)
		if l.tokens > l.burst {
			l.tokens = l.burst
		}
		l.last = now
	}
}

var _ Waiter = (*Limiter)(nil)
