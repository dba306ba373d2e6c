package connectortest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

// Fixture is what a connector's tests hand to Run.
type Fixture struct {
	// Token is a token shaped like the source's real ones (it must not occur
	// in the fake's data). Empty uses "sk_test_conformance_8d1f27c04b".
	Token string
	// Serve returns a fake of the source's API holding pages (>= 2) non-empty
	// pages of records. With trailingEmpty it serves one more page with no
	// records whose own paging fields still claim more (has_more: true, a
	// next link): the connector must end the pass there. The fake answers
	// 401 to any request without token.
	Serve func(t *testing.T, token string, pages int, trailingEmpty bool) http.Handler
	// Connect builds the connector under test for baseURL and token. It
	// must send every request through client, whose sleeps and logs the
	// suite records.
	Connect func(t *testing.T, baseURL, token string, client *httpx.Client) connector.Connector
}

// maxFetches bounds a pass so that a connector that never ends fails fast.
const maxFetches = 50

// Run checks that the connector built by fx keeps the Connector contract:
// a full pass that sends the token only in headers; resume from a cursor
// yields exactly the rest of the pass; an empty page is Done; cancel stops a
// hanging request promptly with the context's error; 401 and 403 map to
// EUnauthorized without retrying; 429 with Retry-After is waited out through
// the client's sleep; a Retry-After beyond the policy and persistent 5xx are
// EUnavailable; full-pass marks, when the connector sets them, open the
// pass on its first page and close it on its last; and the token never
// appears in a URL, error, log or record.
func Run(t *testing.T, fx Fixture) {
	if fx.Token == "" {
		fx.Token = "sk_test_conformance_8d1f27c04b"
	}
	setup := func(t *testing.T, pages int, trailingEmpty bool) (*peer, connector.Connector) {
		p := newPeer(t, fx.Token, fx.Serve(t, fx.Token, pages, trailingEmpty))
		return p, fx.Connect(t, p.srv.URL, fx.Token, p.client)
	}

	t.Run("FullPass", func(t *testing.T) {
		p, c := setup(t, 3, false)
		pages, err := drain(t, c, "")
		if err != nil {
			t.Fatalf("full pass: %v", err)
		}
		if len(pages) < 2 || !pages[len(pages)-1].Done {
			t.Fatalf("full pass gave %d pages, last Done=%v; want >= 2 ending Done", len(pages), pages[len(pages)-1].Done)
		}
		keys := keysOf(pages)
		if len(keys) == 0 || len(slices.Compact(slices.Sorted(slices.Values(keys)))) != len(keys) {
			t.Errorf("a full pass must hold each record once: %v", keys)
		}
		for _, r := range p.requests() {
			if !carriesToken(r, fx.Token) {
				t.Errorf("%s %s carried no token in its headers", r.Method, r.URL.Path)
			}
		}
		p.checkToken(fmt.Sprintf("%+v", pages))
	})

	t.Run("ResumeFromCursor", func(t *testing.T) {
		_, c := setup(t, 3, false)
		full, err := drain(t, c, "")
		if err != nil {
			t.Fatal(err)
		}
		if full[0].Next == "" || full[0].Done {
			t.Fatalf("first page must point at the next: Next=%q Done=%v", full[0].Next, full[0].Done)
		}
		rest, err := drain(t, c, full[0].Next)
		if err != nil {
			t.Fatalf("resume: %v", err)
		}
		want, got := keysOf(full[1:]), keysOf(rest)
		if !slices.Equal(got, want) {
			t.Errorf("resuming after page 1 gave %v, want %v", got, want)
		}
	})

	t.Run("EmptyPageEndsPass", func(t *testing.T) {
		p, c := setup(t, 2, true)
		pages, err := drain(t, c, "")
		if err != nil {
			t.Fatal(err)
		}
		last := pages[len(pages)-1]
		if last.Len() == 0 && !last.Done {
			t.Errorf("an empty page must be Done")
		}
		cleanP, cleanC := setup(t, 2, false)
		clean, err := drain(t, cleanC, "")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(keysOf(pages), keysOf(clean)) {
			t.Errorf("records with a trailing empty page differ: %v vs %v", keysOf(pages), keysOf(clean))
		}
		// The empty page costs at most the one request that fetched it
		// (a connector may make several requests per page).
		if n, want := len(p.requests()), len(cleanP.requests()); n > want+1 {
			t.Errorf("%d requests with a trailing empty page, %d without it", n, want)
		}
	})

	t.Run("FullPassMarks", func(t *testing.T) {
		_, c := setup(t, 3, false)
		pages, err := drain(t, c, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := checkFullPassMarks(pages); err != nil {
			t.Error(err)
		}
		if len(pages) > 1 && pages[0].StartsFullPass {
			rest, err := drain(t, c, pages[0].Next)
			if err != nil {
				t.Fatal(err)
			}
			if rest[0].StartsFullPass || !rest[len(rest)-1].EndsFullPass {
				t.Errorf("a resumed full pass must not start again and must still end: %v / %v",
					rest[0].StartsFullPass, rest[len(rest)-1].EndsFullPass)
			}
		}
	})

	t.Run("CancelStopsPromptly", func(t *testing.T) {
		p, c := setup(t, 2, false)
		p.set(mode{block: true})
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(20*time.Millisecond, cancel)
		start := time.Now()
		_, err := c.Fetch(ctx, "")
		if !errors.Is(err, context.Canceled) {
			t.Errorf("canceled fetch: err = %v, want context.Canceled in its chain", err)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("cancel took %s", d)
		}
		before := len(p.requests())
		if _, err := c.Fetch(ctx, ""); !errors.Is(err, context.Canceled) {
			t.Errorf("fetch on a canceled context: err = %v", err)
		}
		if len(p.requests()) != before {
			t.Errorf("a canceled context still sent a request")
		}
		p.checkToken(errText(err))
	})

	for _, status := range []int{http.StatusUnauthorized, http.StatusForbidden} {
		t.Run(fmt.Sprintf("Status%dUnauthorized", status), func(t *testing.T) {
			p, c := setup(t, 2, false)
			p.set(mode{status: status})
			_, err := c.Fetch(context.Background(), "")
			if domain.ErrorCode(err) != domain.EUnauthorized {
				t.Errorf("err = %v, want code %s", err, domain.EUnauthorized)
			}
			if n := len(p.requests()); n != 1 {
				t.Errorf("%d requests; a refused credential must not be retried", n)
			}
			p.checkToken(errText(err))
		})
	}

	t.Run("RateLimitHonoured", func(t *testing.T) {
		p, c := setup(t, 2, false)
		p.set(mode{status: http.StatusTooManyRequests, retryAfter: "7", times: 1})
		page, err := c.Fetch(context.Background(), "")
		if err != nil || page.Len() == 0 {
			t.Fatalf("after one 429: page of %d records, err = %v", page.Len(), err)
		}
		if !slices.Contains(p.slept(), 7*time.Second) {
			t.Errorf("slept %v; want the 7s Retry-After", p.slept())
		}
		p.checkToken(fmt.Sprintf("%+v", page))
	})

	t.Run("RateLimitTooLong", func(t *testing.T) {
		p, c := setup(t, 2, false)
		p.set(mode{status: http.StatusTooManyRequests, retryAfter: "3600"})
		_, err := c.Fetch(context.Background(), "")
		if domain.ErrorCode(err) != domain.EUnavailable {
			t.Errorf("err = %v, want code %s", err, domain.EUnavailable)
		}
		for _, d := range p.slept() {
			if d >= time.Hour {
				t.Errorf("waited %s beyond the policy's limit", d)
			}
		}
		p.checkToken(errText(err))
	})

	t.Run("ServerErrorUnavailable", func(t *testing.T) {
		p, c := setup(t, 2, false)
		p.set(mode{status: http.StatusServiceUnavailable})
		_, err := c.Fetch(context.Background(), "")
		if domain.ErrorCode(err) != domain.EUnavailable {
			t.Errorf("err = %v, want code %s", err, domain.EUnavailable)
		}
		if n := len(p.requests()); n < 2 {
			t.Errorf("%d requests; a 503 should be retried", n)
		}
		p.checkToken(errText(err))
	})
}

// checkFullPassMarks checks the full-pass marks of a pass from "": a
// connector that marks full passes marks the first page StartsFullPass,
// the last (Done) page EndsFullPass, no other page either, and reports no
// deletions during one; one that does not mark them marks no page.
func checkFullPassMarks(pages []connector.Page) error {
	marked := false
	for _, p := range pages {
		marked = marked || p.StartsFullPass || p.EndsFullPass
	}
	if !marked {
		return nil
	}
	last := len(pages) - 1
	for i, p := range pages {
		switch {
		case p.StartsFullPass != (i == 0):
			return fmt.Errorf("page %d: StartsFullPass = %v; only the first page of a full pass starts it", i+1, p.StartsFullPass)
		case p.EndsFullPass != (i == last):
			return fmt.Errorf("page %d: EndsFullPass = %v; only the last page of a full pass ends it", i+1, p.EndsFullPass)
		case p.EndsFullPass && !p.Done:
			return fmt.Errorf("page %d ends the full pass but is not Done", i+1)
		case len(p.Deleted) > 0:
			return fmt.Errorf("page %d of a full pass reports deletions: a full pass finds them by sweeping", i+1)
		}
	}
	return nil
}

// drain fetches from cursor until a Done or empty page.
func drain(t *testing.T, c connector.Connector, cursor connector.Cursor) ([]connector.Page, error) {
	t.Helper()
	var pages []connector.Page
	for range maxFetches {
		p, err := c.Fetch(context.Background(), cursor)
		if err != nil {
			return pages, err
		}
		pages = append(pages, p)
		if p.Done || p.Len() == 0 {
			return pages, nil
		}
		if p.Next == cursor {
			return pages, fmt.Errorf("page at cursor %q points at itself", cursor)
		}
		cursor = p.Next
	}
	return pages, fmt.Errorf("no Done page after %d fetches", maxFetches)
}

func keysOf(pages []connector.Page) []string {
	var out []string
	for _, p := range pages {
		out = append(out, p.Keys()...)
	}
	return out
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error() + " | " + domain.ErrorMessage(err)
}
