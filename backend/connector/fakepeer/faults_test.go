package fakepeer

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

func get(path string) *http.Request { return httptest.NewRequest(http.MethodGet, path, nil) }

// takes reports, for each path in order, the Status of the fault Take
// gives it (0 for none).
func takes(q *Faults[Fault], paths ...string) []int {
	out := make([]int, len(paths))
	for i, p := range paths {
		if f := q.Take(get(p)); f != nil {
			out[i] = f.Status
		}
	}
	return out
}

func TestTakeMatchesCountsAndUsesUp(t *testing.T) {
	for _, tc := range []struct {
		name  string
		when  When
		paths []string
		want  []int
	}{
		{"zero times is once", When{}, []string{"/a", "/a"}, []int{500, 0}},
		{"times", When{Times: 2}, []string{"/a", "/a", "/a"}, []int{500, 500, 0}},
		{"negative times is forever", When{Times: -1}, []string{"/a", "/b", "/c", "/d"}, []int{500, 500, 500, 500}},
		{"after lets requests through", When{After: 2}, []string{"/a", "/a", "/a", "/a"}, []int{0, 0, 500, 0}},
		{"path prefix", When{Path: "/v1/inv", Times: -1}, []string{"/v1/customers", "/v1/invoices", "/x/v1/invoices"}, []int{0, 500, 0}},
		{"after counts matching requests only", When{Path: "/v1/inv", After: 1},
			[]string{"/v1/customers", "/v1/invoices", "/v1/customers", "/v1/invoices"}, []int{0, 0, 0, 500}},
		{"own match", When{Path: "/query/", Match: strings.HasSuffix, Times: -1},
			[]string{"/api/projects/1/query/", "/query/x"}, []int{500, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var q Faults[Fault]
			q.Inject(Fault{Status: 500}, tc.when)
			got := takes(&q, tc.paths...)
			if !slices.Equal(got, tc.want) {
				t.Fatalf("statuses %v, want %v", got, tc.want)
			}
			faulted := 0
			for _, s := range got {
				if s != 0 {
					faulted++
				}
			}
			if q.Faulted() != faulted {
				t.Errorf("Faulted %d, want %d", q.Faulted(), faulted)
			}
		})
	}
}

// TestTakeInOrder: the first matching fault wins; one that is used up
// leaves the next its turn; Clear drops what is left.
func TestTakeInOrder(t *testing.T) {
	var q Faults[Fault]
	q.Inject(Fault{Status: 429}, When{Path: "/a"})
	q.Inject(Fault{Status: 503}, When{Times: 2})
	if got, want := takes(&q, "/b", "/a", "/a"), []int{503, 429, 503}; !slices.Equal(got, want) {
		t.Fatalf("statuses %v, want %v", got, want)
	}
	q.Inject(Fault{Status: 500}, When{Times: -1})
	q.Clear()
	if f := q.Take(nil); f != nil {
		t.Fatalf("cleared faults still answer: %+v", f)
	}
	if q.Faulted() != 3 {
		t.Errorf("Faulted %d", q.Faulted())
	}
}

// TestTakeGivesACopy: changing the fault taken changes no later one.
func TestTakeGivesACopy(t *testing.T) {
	var q Faults[Fault]
	q.Inject(Fault{Status: 500}, When{Times: 2})
	q.Take(nil).Status = 1
	if f := q.Take(nil); f == nil || f.Status != 500 {
		t.Fatalf("second take %+v", f)
	}
}

// serveFault serves every request with f, answered as a fake whose real
// answer is body.
func serveFault(t *testing.T, f Fault, body string) *httptest.Server {
	t.Helper()
	a := Answers{
		Status: func(w http.ResponseWriter, status int) {
			w.WriteHeader(status)
			_, _ = io.WriteString(w, `{"error": "injected"}`)
		},
		Malformed:   `{"data": [{"id": <html>502</html>`,
		ContentType: "application/json",
		Route: func(w http.ResponseWriter, _ *http.Request) {
			_, _ = io.WriteString(w, body)
		},
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		Apply(w, r, &f, a)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestApplyStatus(t *testing.T) {
	srv := serveFault(t, Fault{Kind: FaultStatus, Status: 429, RetryAfter: "7"}, "")
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "7" || string(b) != `{"error": "injected"}` {
		t.Fatalf("%d %v %s", resp.StatusCode, resp.Header, b)
	}
}

func TestApplyMalformed(t *testing.T) {
	srv := serveFault(t, Fault{Kind: FaultMalformed}, "")
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" || !strings.Contains(string(b), "<html>") {
		t.Fatalf("%d %v %s", resp.StatusCode, resp.Header, b)
	}
}

// TestApplyTruncated: half of the real body arrives, under a
// Content-Length the connection closes short of.
func TestApplyTruncated(t *testing.T) {
	body := `{"data": [` + strings.Repeat(`{"id": "x"},`, 20) + `{"id": "y"}]}`
	srv := serveFault(t, Fault{Kind: FaultTruncated}, body)
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !errors.Is(err, io.ErrUnexpectedEOF) || resp.ContentLength != int64(len(body)) || string(b) != body[:len(body)/2] {
		t.Fatalf("%v, length %d, body %q", err, resp.ContentLength, b)
	}
}

func TestApplyReset(t *testing.T) {
	srv := serveFault(t, Fault{Kind: FaultReset}, "")
	if resp, err := http.Get(srv.URL); err == nil {
		resp.Body.Close()
		t.Fatalf("answered %d", resp.StatusCode)
	}
}

func TestApplyHang(t *testing.T) {
	srv := serveFault(t, Fault{Kind: FaultHang}, "")
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	if resp, err := http.DefaultClient.Do(req); !errors.Is(err, context.DeadlineExceeded) {
		if err == nil {
			resp.Body.Close()
		}
		t.Fatalf("%v", err)
	}
}

// TestApplyLeavesOwnKinds: a fake's own kinds are its to answer.
func TestApplyLeavesOwnKinds(t *testing.T) {
	rec := httptest.NewRecorder()
	Apply(rec, get("/"), &Fault{Kind: FaultOwn}, Answers{})
	if rec.Body.Len() != 0 || len(rec.Header()) != 0 {
		t.Fatalf("wrote %v %q", rec.Header(), rec.Body)
	}
}
