package posthog

import (
	"strconv"
	"testing"
	"time"

	"successdesk/backend/connector/connectortest"
	"successdesk/backend/connector/posthog/phfake"
)

// goldenAccount is the normalized output of one account, as the golden
// files hold it.
type goldenAccount struct {
	Key      string `json:"key"`
	Domain   string `json:"domain"`
	Name     string `json:"name,omitempty"`
	LastSeen string `json:"last_seen"`
	Users    string `json:"users"` // per week, oldest first
}

type golden struct {
	Window string `json:"window"` // first and last week

	Pages    int             `json:"pages"`
	Accounts []goldenAccount `json:"accounts"`
}

// TestGolden runs a pass over a small fixed book in both groupings and
// compares the normalized output with testdata/golden/*.json (go test
// -run TestGolden -update rewrites them).
func TestGolden(t *testing.T) {
	for name, opts := range map[string][]Option{
		"groups":        {WithGroupType("company", 0), withPageSize(4)},
		"email_domains": {withPageSize(4)},
	} {
		t.Run(name, func(t *testing.T) {
			_, srv, hc, _ := fakeFor(t, phfake.Options{Companies: 8, Seed: 1})
			c := connect(srv, hc, append([]Option{WithProject(project)}, opts...)...)
			pages, err := drain(t, c, "")
			if err != nil {
				t.Fatal(err)
			}
			g := golden{Pages: len(pages)}
			w := WindowAt(fakeNow)
			g.Window = w.Start().Format(time.DateOnly) + "/" + w.Newest.Format(time.DateOnly)
			for _, a := range accountsOf(pages) {
				ga := goldenAccount{Key: a.Account.Key, Domain: a.Account.Domain, Name: a.Account.Name,
					LastSeen: a.LastSeen.Format(time.RFC3339)}
				for i, u := range a.Weeks {
					if i > 0 {
						ga.Users += " "
					}
					ga.Users += strconv.Itoa(u.ActiveUsers)
				}
				g.Accounts = append(g.Accounts, ga)
			}
			connectortest.Golden(t, "testdata/golden/"+name+".json", g)
		})
	}
}
