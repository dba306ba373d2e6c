package salesbricks

import (
	"context"
	"strings"
	"testing"

	"successdesk/backend/connector"
	"successdesk/backend/connector/salesbricks/sbfake"
	"successdesk/backend/domain"
)

func TestVerify(t *testing.T) {
	cases := []struct {
		name     string
		opts     sbfake.Options
		want     connector.Identity
		requests []string
	}{
		{"company name from GraphQL", sbfake.Options{Company: "Hooli"}, connector.Identity{Account: "Hooli"},
			[]string{"POST /api/v1/graphql"}},
		{"schema without the company query", sbfake.Options{NoCompany: true}, connector.Identity{},
			[]string{"POST /api/v1/graphql", "GET /api/v2/customers?limit=1&offset=0"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Subscriptions = 3
			f := newFixture(t, tc.opts)
			id, err := f.conn.Verify(context.Background())
			if err != nil || id != tc.want {
				t.Fatalf("Verify = %+v, %v; want %+v", id, err, tc.want)
			}
			if got := f.fake.Requests(); strings.Join(got, "|") != strings.Join(tc.requests, "|") {
				t.Errorf("requests %q, want %q", got, tc.requests)
			}
		})
	}
}

// Without a GraphQL endpoint (404) the REST check stands in.
func TestVerifyWithoutGraphQL(t *testing.T) {
	f := newFixture(t, sbfake.Options{Subscriptions: 3})
	c := f.connect(sbfake.DefaultKey, WithGraphQLURL(f.srv.URL+"/no/graphql/here"))
	id, err := c.Verify(context.Background())
	if err != nil || id != (connector.Identity{}) {
		t.Fatalf("Verify = %+v, %v", id, err)
	}
	if n := len(f.fake.Requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

func TestVerifyRefusals(t *testing.T) {
	f := newFixture(t, sbfake.Options{Subscriptions: 3})
	wrong := "sb-" + "wrong-not-a-real-key-1234"
	_, err := f.connect(wrong).Verify(context.Background())
	if domain.ErrorCode(err) != domain.EUnauthorized || domain.ErrorMessage(err) != msgRefused {
		t.Fatalf("wrong key: %v", err)
	}
	for _, s := range []string{wrong, "1234", "Authentication credentials"} {
		if strings.Contains(err.Error(), s) {
			t.Errorf("the error carries %q: %v", s, err)
		}
	}
	if n := len(f.fake.Requests()); n != 1 {
		t.Errorf("%d requests for a refused key", n)
	}
	if _, err := f.connect(" ").Verify(context.Background()); domain.ErrorCode(err) != domain.ENotConnected {
		t.Errorf("no key: %v", err)
	}
	f.fake.Inject(sbfake.Fault{Kind: sbfake.FaultStatus, Status: 503, Times: -1})
	if _, err := f.conn.Verify(context.Background()); domain.ErrorCode(err) != domain.EUnavailable {
		t.Errorf("503: %v", err)
	}
}
