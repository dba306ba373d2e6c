package httpx

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

func post(t *testing.T, url, body string, headers ...string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return req
}

func TestPOSTWithoutIdempotencyKeyNotRetried(t *testing.T) {
	srv, s := serve(t, status(503), status(200))
	c := testClient(Policy{}, newFakeClock())
	resp, err := c.Do(post(t, srv.URL+"/v2/deals", `{"stage":"won"}`))
	var se *StatusError
	if !errors.As(err, &se) || se.Status != 503 {
		t.Fatalf("err = %v", err)
	}
	resp.Body.Close()
	if s.Hits() != 1 {
		t.Fatalf("hits = %d, want 1", s.Hits())
	}
}

func TestPOSTWithIdempotencyKeyRetriedWithBody(t *testing.T) {
	srv, s := serve(t, status(500), status(429), status(201))
	clk := newFakeClock()
	c := testClient(Policy{}, clk)
	resp, err := c.Do(post(t, srv.URL+"/v2/deals", `{"stage":"won"}`, "Idempotency-Key", "outbox-42"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 || s.Hits() != 3 {
		t.Fatalf("status = %d hits = %d", resp.StatusCode, s.Hits())
	}
	for i, b := range s.bodies {
		if b != `{"stage":"won"}` {
			t.Fatalf("attempt %d body = %q, want the body replayed", i+1, b)
		}
	}
}

func TestMarkIdempotentRetriesPOST(t *testing.T) {
	srv, s := serve(t, status(502), status(200))
	c := testClient(Policy{}, newFakeClock())
	resp, err := c.Do(MarkIdempotent(post(t, srv.URL+"/api/projects/1/query/", `{"query":{}}`)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if s.Hits() != 2 || s.bodies[1] != `{"query":{}}` {
		t.Fatalf("hits = %d bodies = %q", s.Hits(), s.bodies)
	}
}

func TestBodyWithoutGetBodyNotRetried(t *testing.T) {
	srv, s := serve(t, status(503), status(200))
	c := testClient(Policy{}, newFakeClock())
	req, _ := http.NewRequest(http.MethodPut, srv.URL, io.NopCloser(strings.NewReader("x")))
	req.GetBody = nil
	resp, err := c.Do(req)
	if err == nil {
		t.Fatal("want a StatusError")
	}
	resp.Body.Close()
	if s.Hits() != 1 {
		t.Fatalf("hits = %d", s.Hits())
	}
}
