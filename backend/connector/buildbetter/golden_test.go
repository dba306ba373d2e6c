package buildbetter

import (
	"path/filepath"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/connector/buildbetter/bbfake"
	"successdesk/backend/connector/connectortest"
)

// goldenPage is the normalized output of one page, as the golden files
// hold it (go test -update rewrites them).
type goldenPage struct {
	Phase      string           `json:"phase"`
	Starts     bool             `json:"starts_full_pass,omitempty"`
	Ends       bool             `json:"ends_full_pass,omitempty"`
	Done       bool             `json:"done,omitempty"`
	Total      int              `json:"total"`
	Next       string           `json:"next"`
	Accounts   []goldenAccount  `json:"accounts,omitempty"`
	Activities []goldenActivity `json:"activities,omitempty"`
}

type goldenAccount struct {
	Key          string `json:"key"`
	Domain       string `json:"domain"`
	Name         string `json:"name"`
	PrimaryEmail string `json:"primary_email,omitempty"`
}

type goldenActivity struct {
	AccountKey string    `json:"account_key"`
	ExternalID string    `json:"external_id"`
	Kind       string    `json:"kind"`
	Signal     string    `json:"signal,omitempty"`
	OccurredAt time.Time `json:"occurred_at"`
	Title      string    `json:"title"`
	Body       string    `json:"body,omitempty"`
	Actor      string    `json:"actor,omitempty"`
	Score      *int      `json:"score,omitempty"`
}

func golden(pages []connector.Page) []goldenPage {
	out := make([]goldenPage, 0, len(pages))
	for _, p := range pages {
		g := goldenPage{Phase: p.Phase, Starts: p.StartsFullPass, Ends: p.EndsFullPass, Done: p.Done, Total: p.Total,
			Next: p.Next}
		for _, a := range p.Accounts {
			g.Accounts = append(g.Accounts, goldenAccount{a.Key, a.Domain, a.Name, a.PrimaryEmail})
		}
		for _, a := range p.Activities {
			g.Activities = append(g.Activities, goldenActivity{a.AccountKey, a.ExternalID, string(a.Kind),
				string(a.Signal), a.OccurredAt, a.Title, a.Body, a.Actor, a.Score})
		}
		out = append(out, g)
	}
	return out
}

// TestGoldenFullPass syncs the hand-written book in testdata (team-only
// calls and signals, a free-mail person at a company, a company with a
// free-mail domain, unmatched people, a call still running, types the app
// does not keep, NPS with and without a score, markup and control
// characters in the text) three rows a request, and compares the pages
// with testdata/golden/full_pass.json.
func TestGoldenFullPass(t *testing.T) {
	book, err := bbfake.LoadBookFile(filepath.Join("testdata", "book_small.json"))
	if err != nil {
		t.Fatal(err)
	}
	p := newPeer(t, bbfake.Options{Book: book}, testKey, WithPageSize(3))
	pages := drain(t, p.c, "")
	checkAccountsFirst(t, pages)
	// The source's markup is kept as the text it is.
	connectortest.Golden(t, "testdata/golden/full_pass.json", golden(pages), connectortest.RawHTML())
	checkTruth(t, p.fake.Truth(), pages)
}

// checkTruth compares the activities and accounts of pages with truth.
func checkTruth(t *testing.T, truth bbfake.Truth, pages []connector.Page) {
	t.Helper()
	acts, accts := activities(pages), accounts(pages)
	if len(acts) != len(truth.Activities) {
		t.Errorf("%d activities, truth has %d", len(acts), len(truth.Activities))
	}
	for _, w := range truth.Activities {
		a, ok := acts[w.ExternalID]
		switch {
		case !ok:
			t.Errorf("missing %s", w.ExternalID)
		case a.AccountKey != w.AccountKey || string(a.Signal) != w.Signal:
			t.Errorf("%s: account %q signal %q, want %q %q", w.ExternalID, a.AccountKey, a.Signal, w.AccountKey, w.Signal)
		case (a.Score == nil) != (w.Score == nil) || a.Score != nil && *a.Score != *w.Score:
			t.Errorf("%s: score %v, want %v", w.ExternalID, a.Score, w.Score)
		}
	}
	if len(accts) != len(truth.Accounts) {
		t.Errorf("%d accounts, truth has %d", len(accts), len(truth.Accounts))
	}
	for _, w := range truth.Accounts {
		if a, ok := accts[w.Key]; !ok || a.Domain != w.Domain {
			t.Errorf("account %s: %+v (delivered %v), want domain %q", w.Key, a, ok, w.Domain)
		}
	}
}
