package fakepeer

import (
	"bufio"
	"context"
	"flag"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestServeAnnouncesAndServes: the address printed is the one serving h,
// and a cancel stops the server.
func TestServeAnnouncesAndServes(t *testing.T) {
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "hello "+r.URL.Path) })
	go func() { done <- Serve(ctx, "127.0.0.1:0", h, 0, pw) }()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "listening on 127.0.0.1:") {
		t.Fatalf("first line %q, %v", line, err)
	}
	resp, err := http.Get("http://" + strings.TrimSpace(strings.TrimPrefix(line, "listening on ")) + "/x")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "hello /x" {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestServeRefusesABadAddress(t *testing.T) {
	if err := Serve(context.Background(), "127.0.0.1:-1", http.NotFoundHandler(), 0, io.Discard); err == nil {
		t.Fatal("served")
	}
}

// TestDelayed: each answer waits the delay; a client that gives up first
// gets none.
func TestDelayed(t *testing.T) {
	h := delayed(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok") }), 30*time.Millisecond)
	start := time.Now()
	req, _ := http.NewRequest(http.MethodGet, "/", nil)
	status, body, err := Probe(h, req)
	if err != nil || status != 200 || body != "ok" || time.Since(start) < 30*time.Millisecond {
		t.Fatalf("%d %q %v after %v", status, body, err, time.Since(start))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rec := &recorder{header: http.Header{}}
	h.ServeHTTP(rec, (&http.Request{URL: req.URL}).WithContext(ctx))
	if rec.written {
		t.Fatal("answered a request whose client gave up")
	}
}

type recorder struct {
	header  http.Header
	written bool
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) Write(b []byte) (int, error) {
	r.written = true
	return len(b), nil
}
func (r *recorder) WriteHeader(int) { r.written = true }

func TestProbe(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
		_, _ = io.WriteString(w, r.Method+" "+r.URL.RequestURI()+" "+r.Header.Get("X-Key"))
	})
	req, _ := http.NewRequest(http.MethodPost, "/v1/x?limit=1", strings.NewReader("{}"))
	req.Header.Set("X-Key", "k")
	status, body, err := Probe(h, req)
	if err != nil || status != http.StatusTeapot || body != "POST /v1/x?limit=1 k" {
		t.Fatalf("%d %q %v", status, body, err)
	}
}

func TestAddFlags(t *testing.T) {
	fs := flag.NewFlagSet("fake", flag.ContinueOnError)
	f := AddFlags(fs, "127.0.0.1:12111")
	if f.Addr != "127.0.0.1:12111" || f.Seed != 1 || f.Delay != 0 {
		t.Fatalf("defaults %+v", f)
	}
	if err := fs.Parse([]string{"-addr", "127.0.0.1:0", "-seed", "4", "-delay", "20ms"}); err != nil {
		t.Fatal(err)
	}
	if *f != (Flags{Addr: "127.0.0.1:0", Seed: 4, Delay: 20 * time.Millisecond}) {
		t.Fatalf("parsed %+v", f)
	}
}
