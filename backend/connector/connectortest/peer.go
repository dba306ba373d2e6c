package connectortest

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"successdesk/backend/httpx"
)

// mode is a fault the peer injects in front of the connector's fake API.
type mode struct {
	status     int    // answer with this status instead of the fake
	retryAfter string // Retry-After header sent with status
	times      int    // how many requests get status; <= 0 means all
	block      bool   // hold every request until the client gives up
}

// peer wraps a connector's fake API with a request recorder and fault
// injection, and builds the httpx.Client the connector must send through:
// its sleeps are recorded (never slept) and its log lines captured.
type peer struct {
	t      *testing.T
	token  string
	srv    *httptest.Server
	client *httpx.Client
	logs   bytes.Buffer

	mu     sync.Mutex
	mode   mode
	reqs   []*http.Request
	sleeps []time.Duration
}

func newPeer(t *testing.T, token string, h http.Handler) *peer {
	p := &peer{t: t, token: token}
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.reqs = append(p.reqs, r.Clone(context.Background()))
		m := p.mode
		if m.status != 0 && m.times > 0 {
			p.mode.times--
			if p.mode.times == 0 {
				p.mode = mode{}
			}
		}
		p.mu.Unlock()
		switch {
		case m.block:
			// Read the body first: the server notices a client that gives
			// up only once the request body is consumed.
			_, _ = io.Copy(io.Discard, r.Body)
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
				w.WriteHeader(http.StatusGatewayTimeout)
			}
			return
		case m.status != 0:
			if m.retryAfter != "" {
				w.Header().Set("Retry-After", m.retryAfter)
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(m.status)
			// An upstream that echoes the credential it refused.
			_, _ = w.Write([]byte(`{"error":"bad key ` + token + `"}`))
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(p.srv.Close)
	logger := slog.New(slog.NewTextHandler(&lockedWriter{p: p}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	p.client = httpx.New(httpx.Policy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxRetryAfter: time.Minute},
		httpx.WithHTTPClient(p.srv.Client()), httpx.WithLogger(logger),
		httpx.WithSleep(func(ctx context.Context, d time.Duration) error {
			p.mu.Lock()
			p.sleeps = append(p.sleeps, d)
			p.mu.Unlock()
			return ctx.Err()
		}))
	return p
}

type lockedWriter struct{ p *peer }

func (w *lockedWriter) Write(b []byte) (int, error) {
	w.p.mu.Lock()
	defer w.p.mu.Unlock()
	return w.p.logs.Write(b)
}

func (p *peer) set(m mode) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.mode = m
}

func (p *peer) requests() []*http.Request {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]*http.Request(nil), p.reqs...)
}

func (p *peer) slept() []time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]time.Duration(nil), p.sleeps...)
}

// checkToken fails the test if the token shows up anywhere but a request
// header: the URLs asked for, the captured logs, or any of texts.
func (p *peer) checkToken(texts ...string) {
	p.t.Helper()
	for _, r := range p.requests() {
		if strings.Contains(r.URL.String(), p.token) {
			p.t.Errorf("token sent in a URL: %s %s", r.Method, r.URL.Path)
		}
	}
	p.mu.Lock()
	logs := p.logs.String()
	p.mu.Unlock()
	if strings.Contains(logs, p.token) {
		p.t.Errorf("token written to the log:\n%s", logs)
	}
	for _, s := range texts {
		if strings.Contains(s, p.token) {
			p.t.Errorf("token leaked into %q", s)
		}
	}
}

// carriesToken reports whether some header of r holds the token.
func carriesToken(r *http.Request, token string) bool {
	for _, vs := range r.Header {
		for _, v := range vs {
			if strings.Contains(v, token) {
				return true
			}
		}
	}
	return false
}
