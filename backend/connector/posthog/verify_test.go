package posthog

import (
	"fmt"
	"strings"
	"testing"

	"successdesk/backend/connector"
	"successdesk/backend/connector/posthog/phfake"
	"successdesk/backend/domain"
)

func TestVerify(t *testing.T) {
	cases := []struct {
		name     string
		opts     phfake.Options
		project  string
		want     connector.Identity
		requests []string
	}{
		{"current project", phfake.Options{ProjectName: "Hooli Cloud"}, "",
			connector.Identity{Account: "Hooli Cloud"}, []string{"GET /api/projects/@current/"}},
		{"configured project", phfake.Options{ProjectName: "Hooli Cloud"}, project,
			connector.Identity{Account: "Hooli Cloud"}, []string{"GET /api/projects/" + project + "/"}},
		{"key without project scope", phfake.Options{DenyProject: true}, "",
			connector.Identity{}, []string{"GET /api/projects/@current/", "POST /api/projects/@current/query/"}},
		{"group type by name", phfake.Options{ProjectName: "Hooli Cloud", GroupType: "organization"}, "",
			connector.Identity{Account: "Hooli Cloud"},
			[]string{"GET /api/projects/@current/", "GET /api/projects/" + project + "/groups_types/"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, srv, hc, _ := fakeFor(t, tc.opts)
			c := connect(srv, hc, WithProject(tc.project))
			if tc.opts.GroupType != "" {
				c = connect(srv, hc, WithProject(tc.project), WithGroupType(tc.opts.GroupType, LookUpIndex))
			}
			id, err := c.Verify(t.Context())
			if err != nil || id != tc.want {
				t.Fatalf("Verify = %+v, %v; want %+v", id, err, tc.want)
			}
			if got := f.Requests(); strings.Join(got, "|") != strings.Join(tc.requests, "|") {
				t.Errorf("requests %q, want %q", got, tc.requests)
			}
			if q := f.Queries(); len(q) > 0 && q[0] != probeQuery {
				t.Errorf("Verify ran %q", q)
			}
		})
	}
}

func TestVerifyRefusals(t *testing.T) {
	cases := []struct {
		name     string
		opts     phfake.Options
		key      string
		project  string
		code     string
		msg      string
		requests int
	}{
		{"wrong key", phfake.Options{}, "phx_wrongKey_999", "", domain.EUnauthorized, msgRefused, 1},
		{"no query scope", phfake.Options{DenyProject: true, DenyQuery: true}, testKey, "", domain.EUnauthorized, msgNoQuery, 2},
		{"unknown project", phfake.Options{}, testKey, "31337", domain.ENotFound, "PostHog has no such project", 1},
		{"project key", phfake.Options{}, "phc_projectToken_abc", "", domain.EInvalid, msgProjectKey, 0},
		{"no key", phfake.Options{}, "", "", domain.ENotConnected, "add a personal API key", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, srv, hc, _ := fakeFor(t, tc.opts)
			c := New(tc.key, hc, WithHost(srv.URL), WithProject(tc.project))
			_, err := c.Verify(t.Context())
			if domain.ErrorCode(err) != tc.code || !strings.Contains(domain.ErrorMessage(err), tc.msg) {
				t.Fatalf("err = %v; want %s with %q", err, tc.code, tc.msg)
			}
			for _, s := range []string{tc.key, testKey} {
				if s != "" && strings.Contains(err.Error(), s) {
					t.Errorf("the error carries a key: %v", err)
				}
			}
			if n := len(f.Requests()); n != tc.requests {
				t.Errorf("%d requests, want %d", n, tc.requests)
			}
		})
	}
}

func TestPrintingHidesTheKey(t *testing.T) {
	const key = "phx_" + "printMeFakeKey"
	c := New(key, nil, WithHost(EUHost))
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		if s := fmt.Sprintf(f, c); strings.Contains(s, key) || strings.Contains(s, "printMe") {
			t.Errorf("%s shows the key: %s", f, s)
		}
	}
}
