package hubspot

import (
	"context"
	"strings"
	"testing"

	"successdesk/backend/connector"
	"successdesk/backend/connector/hubspot/hsfake"
	"successdesk/backend/domain"
)

func TestVerify(t *testing.T) {
	for _, tc := range []struct {
		name  string
		opts  hsfake.Options
		fault *hsfake.Fault
		want  connector.Identity
	}{
		{"standard account", hsfake.Options{PortalID: 1234567},
			nil, connector.Identity{Account: "HubSpot portal 1234567", Mode: "live"}},
		{"named developer test account", hsfake.Options{PortalID: 42, AccountType: "DEVELOPER_TEST", PortalName: " Acme  QA "},
			nil, connector.Identity{Account: "Acme QA (HubSpot portal 42)", Mode: "test"}},
		{"sandbox", hsfake.Options{PortalID: 7, AccountType: "SANDBOX"},
			nil, connector.Identity{Account: "HubSpot portal 7", Mode: "test"}},
		{"app developer account", hsfake.Options{PortalID: 8, AccountType: "APP_DEVELOPER"},
			nil, connector.Identity{Account: "HubSpot portal 8"}},
		{"account details refused", hsfake.Options{},
			&hsfake.Fault{Status: 403, Path: "/account-info"}, connector.Identity{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Companies = 2
			r := newRig(t, tc.opts, 1)
			if tc.fault != nil {
				r.fake.Inject(*tc.fault)
			}
			id, err := r.c.Verify(context.Background())
			if err != nil || id != tc.want {
				t.Fatalf("Verify = %+v, %v; want %+v", id, err, tc.want)
			}
			want := "GET /account-info/v3/details|GET /crm/v3/objects/companies?archived=false&limit=1&properties=domain"
			if got := strings.Join(r.fake.Requests(), "|"); got != want {
				t.Errorf("requests %s, want %s", got, want)
			}
		})
	}
}

func TestVerifyRefusals(t *testing.T) {
	r := newRig(t, hsfake.Options{Companies: 2, Token: "pat-na1-another"}, 1)
	r.c = New(hsfake.DefaultToken, r.c.hc, WithBaseURL(r.c.baseURL))
	_, err := r.c.Verify(context.Background())
	checkErr(t, err, domain.EUnauthorized, "refused the token")
	if n := len(r.fake.Requests()); n != 1 {
		t.Errorf("%d requests after a refusal", n)
	}

	r = newRig(t, hsfake.Options{Companies: 2}, 1)
	r.fake.Inject(hsfake.Fault{Status: 503, Times: -1})
	_, err = r.c.Verify(context.Background())
	checkErr(t, err, domain.EUnavailable, "")
}
