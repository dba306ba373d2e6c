package buildbetter

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"successdesk/backend/connector"
	"successdesk/backend/connector/buildbetter/bbfake"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

func TestVerify(t *testing.T) {
	p := newPeer(t, bbfake.Options{Book: conformanceBook(1)}, testKey)
	id, err := p.c.Verify(context.Background())
	if err != nil || id != (connector.Identity{Account: "Conformance Org"}) {
		t.Fatalf("Verify = %+v, %v", id, err)
	}
	if got := p.fake.Requests(); len(got) != 1 || got[0] != "organization" {
		t.Errorf("requests %q, want one organization query", got)
	}

	// A key that may not read the organization: one call proves it works.
	p = newPeer(t, bbfake.Options{Book: conformanceBook(1), DenyOrganization: true}, testKey)
	id, err = p.c.Verify(context.Background())
	if err != nil || id != (connector.Identity{}) {
		t.Fatalf("Verify without the organization = %+v, %v", id, err)
	}
	if got := p.fake.Requests(); len(got) != 2 || got[1] != "interview[0:1]" {
		t.Errorf("requests %q, want the organization, then one call", got)
	}
}

func TestVerifyRefusals(t *testing.T) {
	const wrong = "bb_wrong_key_5d9e"
	for _, o := range []bbfake.Options{{}, {AuthInBody: true}, {AuthInBody: true, DenyOrganization: true}} {
		o.Book = conformanceBook(1)
		p := newPeer(t, o, wrong)
		_, err := p.c.Verify(context.Background())
		if domain.ErrorCode(err) != domain.EUnauthorized || domain.ErrorMessage(err) != msgRefused {
			t.Errorf("%+v: err = %v", o, err)
		}
		if strings.Contains(err.Error(), wrong) || len(p.fake.Requests()) != 1 {
			t.Errorf("%+v: %v after %d requests", o, err, len(p.fake.Requests()))
		}
	}
	p := newPeer(t, bbfake.Options{Book: conformanceBook(1)}, testKey)
	p.fake.Inject(bbfake.Fault{Kind: bbfake.FaultMalformed})
	if _, err := p.c.Verify(context.Background()); domain.ErrorCode(err) != domain.EUnavailable {
		t.Errorf("malformed answer: %v", err)
	}
}

// TestVerifyOrganizationShapes: the organization root as a list (a table)
// or as one object (a custom root); null is unreadable.
func TestVerifyOrganizationShapes(t *testing.T) {
	for body, want := range map[string]string{
		`{"data": {"organization": [{"id": 1, "name": " Acme\nCS "}]}}`: "Acme CS",
		`{"data": {"organization": {"id": "o1", "name": "Solo"}}}`:      "Solo",
		`{"data": {"organization": []}}`:                                "",
		`{"data": {"organization": null}}`:                              "unreadable",
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte(body))
		}))
		c := New(testKey, httpx.New(httpx.Policy{MaxAttempts: 1}, httpx.WithHTTPClient(srv.Client())), WithBaseURL(srv.URL))
		id, err := c.Verify(context.Background())
		srv.Close()
		switch {
		case want == "unreadable" && domain.ErrorCode(err) != domain.EUnavailable:
			t.Errorf("%s: %+v, %v", body, id, err)
		case want != "unreadable" && (err != nil || id.Account != want):
			t.Errorf("%s: %+v, %v; want %q", body, id, err, want)
		}
	}
}
