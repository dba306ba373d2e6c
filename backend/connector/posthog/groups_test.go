package posthog

import (
	"slices"
	"strings"
	"testing"

	"successdesk/backend/connector/posthog/phfake"
	"successdesk/backend/domain"
)

func TestGroupTypeLookedUpByName(t *testing.T) {
	for _, name := range []string{"company", "Company", " COMPANY "} {
		t.Run(name, func(t *testing.T) {
			f, srv, hc, _ := fakeFor(t, phfake.Options{Companies: 9, Seed: 6, GroupIndex: 2})
			c := connect(srv, hc, WithProject(project), WithGroupType(name, LookUpIndex), withPageSize(5))
			pages, err := drain(t, c, "")
			if err != nil {
				t.Fatal(err)
			}
			truth := f.Truth()
			compare(t, pages, truth, truth.Groups)
			if _, err := c.Fetch(t.Context(), ""); err != nil {
				t.Fatal(err)
			}
			query := "POST /api/projects/" + project + "/query/"
			want := []string{"GET /api/projects/" + project + "/groups_types/"}
			for range len(pages) + 1 {
				want = append(want, query)
			}
			if got := f.Requests(); !slices.Equal(got, want) {
				t.Errorf("requests %q, want %q (the index is looked up once)", got, want)
			}
			if q := f.Queries()[0]; !strings.Contains(q, "$group_2 AS account_key") {
				t.Errorf("query by the wrong index:\n%s", q)
			}
			if len(pages) < 2 || !strings.HasPrefix(pages[0].Page.Next, "v1:g2:") {
				t.Errorf("%d pages, cursor %q", len(pages), pages[0].Page.Next)
			}
		})
	}
}

func TestGroupTypeLookUpFailures(t *testing.T) {
	cases := []struct {
		name string
		opts phfake.Options
		code string
		msg  string
	}{
		{"unknown name", phfake.Options{}, domain.EInvalid,
			"PostHog has no group type called “team” in this project (it has company, workspace); check the company group type in Settings."},
		{"no group scope", phfake.Options{DenyGroupTypes: true}, domain.EUnauthorized, "Group read scope"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, srv, hc, _ := fakeFor(t, tc.opts)
			c := connect(srv, hc, WithGroupType("team", LookUpIndex))
			if _, err := c.Fetch(t.Context(), ""); domain.ErrorCode(err) != tc.code || !strings.Contains(domain.ErrorMessage(err), tc.msg) {
				t.Errorf("Fetch: %v; want %s with %q", err, tc.code, tc.msg)
			}
			c = connect(srv, hc, WithGroupType("team", LookUpIndex))
			if _, err := c.Verify(t.Context()); domain.ErrorCode(err) != tc.code {
				t.Errorf("Verify: %v; want %s", err, tc.code)
			}
		})
	}
}
