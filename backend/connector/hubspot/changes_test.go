package hubspot

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/connector/hubspot/hsfake"
	"successdesk/backend/httpx"
)

// fullThenIncremental runs a full pass, moves the clock by gap and
// returns the cursor the next run starts from.
func fullThenIncremental(t *testing.T, r *rig, gap time.Duration) connector.Cursor {
	t.Helper()
	pages := r.pass(t, "")
	r.clock.add(gap)
	return pages[len(pages)-1].Next
}

// searchFrom decodes the n-th search body's lower bound and offset.
func searchFrom(t *testing.T, body string) (mark int64, after string) {
	t.Helper()
	var req searchRequest
	if err := json.Unmarshal([]byte(body), &req); err != nil {
		t.Fatal(err)
	}
	f := req.FilterGroups[0].Filters[0]
	if f.PropertyName != "hs_lastmodifieddate" || f.Operator != "GTE" || req.Sorts[0].Direction != "ASCENDING" ||
		req.Limit != SearchPageSize || !slices.Contains(req.Properties, "industry") {
		t.Fatalf("search %s", body)
	}
	mark, _ = strconv.ParseInt(f.Value, 10, 64)
	return mark, req.After
}

func TestIncrementalReadsChangesSinceWatermark(t *testing.T) {
	r := newRig(t, hsfake.Options{Companies: 40, Seed: 5, MaxPageSize: 100}, 1)
	cur := fullThenIncremental(t, r, time.Hour)
	wantMark := t0.Add(-ChangeOverlap).UnixMilli()
	if cur != fmt.Sprintf("changes:%d;f=%d", wantMark, t0.UnixMilli()) {
		t.Fatalf("cursor after the full pass = %q", cur)
	}
	ids := r.fake.IDs()
	r.fake.Rename(ids[3], "Renamed Co")
	added := r.fake.Add()
	r.fake.Archive(ids[7]) // archived: not listed by search, swept by the next full pass

	pages := r.pass(t, cur)
	if len(pages) != 1 || !pages[0].Done || pages[0].StartsFullPass || pages[0].EndsFullPass ||
		pages[0].Phase != PhaseChanges || pages[0].Total != 4 {
		t.Fatalf("incremental pages %+v", pages)
	}
	if got := pages[0].Keys(); strings.Join(got, " ") != "account:"+ids[3]+" account:"+added+" enrichment:"+ids[3]+
		" enrichment:"+added {
		t.Errorf("changed records %v", got)
	}
	if pages[0].Accounts[0].Name != "Renamed Co" {
		t.Errorf("renamed to %q", pages[0].Accounts[0].Name)
	}
	run := t0.Add(time.Hour)
	if want := fmt.Sprintf("changes:%d;f=%d", run.Add(-ChangeOverlap).UnixMilli(), t0.UnixMilli()); pages[0].Next != want {
		t.Errorf("next = %q, want %q", pages[0].Next, want)
	}
	bodies := r.fake.SearchBodies()
	if mark, after := searchFrom(t, bodies[0]); mark != wantMark || after != "" {
		t.Errorf("searched from %d after %q, want %d", mark, after, wantMark)
	}
	// The next run re-reads what changed within ChangeOverlap of the last
	// one's start; the run after it finds nothing and still moves on.
	r.clock.add(2 * ChangeOverlap)
	again := r.pass(t, pages[0].Next)
	if len(again) != 1 || len(again[0].Accounts) != 2 {
		t.Errorf("overlapping run: %+v", again)
	}
	r.clock.add(time.Minute)
	p, err := r.c.Fetch(context.Background(), again[0].Next)
	if err != nil || !p.Done || p.Len() != 0 || p.Next == again[0].Next {
		t.Errorf("quiet run: %+v, %v", p, err)
	}
}

func TestFullPassDue(t *testing.T) {
	for _, tc := range []struct {
		name string
		gap  time.Duration
		opts []Option
	}{
		{"a day after the last", FullPassEvery, nil},
		{"clock far behind", -2 * FullPassEvery, nil},
		{"custom properties changed", time.Hour, []Option{WithCustomProperties([]string{"customer_tier"})}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, hsfake.Options{Companies: 5}, 1)
			cur := fullThenIncremental(t, r, tc.gap)
			c := New(hsfake.DefaultToken, r.c.hc, append([]Option{WithBaseURL(r.c.baseURL), WithClock(r.clock.now),
				WithSearchLimiter(nil)}, tc.opts...)...)
			p, err := c.Fetch(context.Background(), cur)
			if err != nil || !p.StartsFullPass || p.Phase != PhaseCompanies {
				t.Errorf("page %+v, %v; want a new full pass", p, err)
			}
		})
	}
	r := newRig(t, hsfake.Options{Companies: 5}, 1)
	if _, err := r.c.Fetch(context.Background(), "changes:5"); err != nil { // no full-pass date
		t.Fatal(err)
	}
	if n := len(r.fake.SearchBodies()); n != 0 {
		t.Errorf("%d searches for a cursor without a full pass", n)
	}
}

// TestKeysetPagingSeesEveryChange: 450 changed companies over three search
// pages; one read on the first page changes again meanwhile and is read
// again, and none is skipped.
func TestKeysetPagingSeesEveryChange(t *testing.T) {
	r := newRig(t, hsfake.Options{Companies: 600, Seed: 9}, 1)
	cur := fullThenIncremental(t, r, time.Hour)
	ids := r.fake.IDs()
	base := t0.Add(10 * time.Minute)
	for i, id := range ids[:450] {
		r.fake.Touch(base.Add(time.Duration(i)*time.Second), id)
	}
	first, err := r.c.Fetch(context.Background(), cur)
	if err != nil || first.Done || len(first.Accounts) != SearchPageSize || first.Total != 900 {
		t.Fatalf("first page: %d accounts, Done %v, Total %d, %v", len(first.Accounts), first.Done, first.Total, err)
	}
	r.fake.Rename(ids[0], "Changed Again") // moves to the end of the order
	rest := r.pass(t, first.Next)
	accts, _ := records(append([]connector.Page{first}, rest...))
	for _, id := range ids[:450] {
		if _, ok := accts[id]; !ok {
			t.Errorf("change to %s skipped", id)
		}
	}
	if accts[ids[0]].Name != "Changed Again" {
		t.Errorf("latest name %q", accts[ids[0]].Name)
	}
	bodies := r.fake.SearchBodies()
	mark1, _ := searchFrom(t, bodies[0])
	mark2, after2 := searchFrom(t, bodies[1])
	if mark2 != base.Add(199*time.Second).UnixMilli() || after2 != "" || mark2 <= mark1 {
		t.Errorf("second search from %d after %q; want the first page's last change", mark2, after2)
	}
}

// TestTiesPageWithOffset: 450 companies changed at one instant (an import)
// are paged with after at that instant. The first page ends inside the
// ties, so its tied companies come once more when the next search starts
// at that instant.
func TestTiesPageWithOffset(t *testing.T) {
	r := newRig(t, hsfake.Options{Companies: 500, Seed: 2}, 1)
	cur := fullThenIncremental(t, r, time.Hour)
	ids := r.fake.IDs()
	at := t0.Add(20 * time.Minute)
	r.fake.Touch(at, ids[:450]...)
	pages := r.pass(t, cur)
	accts, _ := records(pages)
	if len(accts) < 450 || len(pages) != 4 {
		t.Errorf("%d companies over %d pages, want 450 and the few changed before over 4", len(accts), len(pages))
	}
	for _, id := range ids[:450] {
		if _, ok := accts[id]; !ok {
			t.Errorf("%s skipped", id)
		}
	}
	var afters []string
	for _, b := range r.fake.SearchBodies() {
		mark, after := searchFrom(t, b)
		if after != "" && mark != at.UnixMilli() {
			t.Errorf("offset %s at %d, want at the shared instant", after, mark)
		}
		afters = append(afters, after)
	}
	if strings.Join(afters, ",") != ",,200,400" {
		t.Errorf("afters %q", afters)
	}
}

// stubSearch answers every search with total and a full page of companies
// all changed at one instant, claiming more.
func stubSearch(t *testing.T, total int) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/crm/v3/objects/companies/search" {
			w.Write([]byte(`{"results":[{"id":"1","properties":{"name":"A"}}]}`))
			return
		}
		var res []string
		for i := range SearchPageSize {
			res = append(res, fmt.Sprintf(`{"id":"%d","properties":{"hs_lastmodifieddate":"2026-03-01T00:00:00.000Z"}}`, i+1))
		}
		fmt.Fprintf(w, `{"total":%d,"results":[%s],"paging":{"next":{"after":"x"}}}`, total, strings.Join(res, ","))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestTooManyChangesBecomeAFullPass(t *testing.T) {
	srv := stubSearch(t, MaxChanges+1)
	c := New("pat-na1-x", httpx.New(httpx.Policy{MaxAttempts: 1}), WithBaseURL(srv.URL),
		WithClock(func() time.Time { return t0 }), WithSearchLimiter(nil))
	p, err := c.Fetch(context.Background(), fmt.Sprintf("changes:%d;f=%d", t0.Add(-time.Hour).UnixMilli(), t0.UnixMilli()))
	if err != nil || !p.StartsFullPass || !p.Done || p.Phase != PhaseCompanies || len(p.Accounts) != 1 {
		t.Errorf("page %+v, %v; want the full pass instead", p, err)
	}
}

func TestTiesBeyondTheCapBecomeAFullPass(t *testing.T) {
	srv := stubSearch(t, 50)
	c := New("pat-na1-x", httpx.New(httpx.Policy{MaxAttempts: 1}), WithBaseURL(srv.URL),
		WithClock(func() time.Time { return t0 }), WithSearchLimiter(nil))
	mark := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	p, err := c.Fetch(context.Background(), fmt.Sprintf("changes:%d;s=9800;t=%d;f=%d", mark, t0.UnixMilli(), t0.UnixMilli()))
	if err != nil || p.Done || p.Next != "" || len(p.Accounts) != SearchPageSize {
		t.Errorf("page Done=%v Next=%q %d accounts, %v; want Next \"\" (a full pass next)", p.Done, p.Next, len(p.Accounts), err)
	}
	p, err = c.Fetch(context.Background(), fmt.Sprintf("changes:%d;s=200;t=%d;f=%d", mark, t0.UnixMilli(), t0.UnixMilli()))
	if err != nil || p.Next != fmt.Sprintf("changes:%d;s=400;t=%d;f=%d", mark, t0.UnixMilli(), t0.UnixMilli()) {
		t.Errorf("next %q, %v", p.Next, err)
	}
}

// TestSearchesArePaced: the default search limiter spaces searches at
// SearchRate through the connector's sleep.
func TestSearchesArePaced(t *testing.T) {
	r := newRig(t, hsfake.Options{Companies: 500, Seed: 4}, 1)
	cur := fullThenIncremental(t, r, time.Hour)
	for i, id := range r.fake.IDs()[:450] {
		r.fake.Touch(t0.Add(time.Minute+time.Duration(i)*time.Millisecond), id)
	}
	r.c = New(hsfake.DefaultToken, r.c.hc, WithBaseURL(r.c.baseURL), WithClock(r.clock.now),
		WithSleep(r.sleeps.record(&r.sleeps.conn)))
	r.pass(t, cur)
	_, conn := r.sleeps.get()
	if want := []time.Duration{250 * time.Millisecond, 500 * time.Millisecond}; !slices.Equal(conn, want) {
		t.Errorf("search waits %v, want %v (a stopped clock queues each search behind the last)", conn, want)
	}
}
