package posthog

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"successdesk/backend/connector/posthog/phfake"
)

// compare checks a pass's accounts against the fake's truth, field by
// field, and that the page records agree with the accounts.
func compare(t *testing.T, pages []UsagePage, truth phfake.Truth, want []phfake.TruthAccount) {
	t.Helper()
	got := accountsOf(pages)
	if len(want) < 3 {
		t.Fatalf("the book has only %d accounts to compare", len(want))
	}
	if len(got) != len(want) {
		t.Fatalf("%d accounts, want %d:\n got %v\nwant %v", len(got), len(want), keysOfUsage(got), keysOfTruth(want))
	}
	for i, g := range got {
		w := want[i]
		if g.Account.Key != w.Key || g.Account.Domain != w.Domain || g.Account.Name != w.Name {
			t.Errorf("account %d = %+v, want key %q domain %q name %q", i, g.Account, w.Key, w.Domain, w.Name)
		}
		if !g.LastSeen.Equal(w.LastSeen) || g.LastSeen.Location() != time.UTC {
			t.Errorf("%s: last seen %v, want %v (UTC)", w.Key, g.LastSeen, w.LastSeen)
		}
		if len(g.Weeks) != WindowWeeks {
			t.Fatalf("%s: %d weeks", w.Key, len(g.Weeks))
		}
		for k, u := range g.Weeks {
			if u.AccountKey != w.Key || !u.WeekStart.Equal(truth.Weeks[k]) || u.ActiveUsers != w.Users[k] {
				t.Errorf("%s week %d = %+v, want %s with %d users", w.Key, k, u, truth.Weeks[k].Format(time.DateOnly), w.Users[k])
			}
		}
	}
	var accounts, usage int
	for _, p := range pages {
		accounts += len(p.Page.Accounts)
		usage += len(p.Page.Usage)
		if p.Page.StartsFullPass || p.Page.EndsFullPass || p.Page.Phase != PhaseUsage {
			t.Errorf("page marks: %+v", p.Page)
		}
	}
	if accounts != len(got) || usage != len(got)*WindowWeeks {
		t.Errorf("pages hold %d accounts and %d weeks for %d accounts", accounts, usage, len(got))
	}
}

func keysOfUsage(us []AccountUsage) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.Account.Key)
	}
	return out
}

func keysOfTruth(ts []phfake.TruthAccount) []string {
	var out []string
	for _, a := range ts {
		out = append(out, a.Key)
	}
	return out
}

func TestGroupModeMatchesTruth(t *testing.T) {
	f, srv, hc, _ := fakeFor(t, phfake.Options{Companies: 40, Seed: 3, GroupIndex: 2})
	c := connect(srv, hc, WithProject(project), WithGroupType("company", 2), withPageSize(4))
	pages, err := drain(t, c, "")
	if err != nil {
		t.Fatal(err)
	}
	truth := f.Truth()
	compare(t, pages, truth, truth.Groups)
	if n, want := len(f.Queries()), (len(truth.Groups)+3)/4; n != want {
		t.Errorf("%d queries for %d accounts in pages of 4, want %d", n, len(truth.Groups), want)
	}
	// The book's company with a mailbox provider as its domain property,
	// and those keyed by an id without one, have no domain.
	for _, a := range accountsOf(pages) {
		if strings.HasPrefix(a.Account.Key, "org_") && a.Account.Domain == "gmail.com" {
			t.Errorf("free-mail domain property became a domain: %+v", a.Account)
		}
	}
}

func TestEmailDomainModeMatchesTruth(t *testing.T) {
	f, srv, hc, _ := fakeFor(t, phfake.Options{Companies: 40, Seed: 3})
	c := connect(srv, hc, WithProject(project), withPageSize(5))
	pages, err := drain(t, c, "")
	if err != nil {
		t.Fatal(err)
	}
	truth := f.Truth()
	compare(t, pages, truth, truth.Domains)
	for _, a := range accountsOf(pages) {
		if slices.Contains(phfake.FreeMail, a.Account.Key) || a.Account.Domain == "" || a.Account.Name != "" {
			t.Errorf("account %+v", a.Account)
		}
	}
	if !slices.ContainsFunc(accountsOf(pages), func(a AccountUsage) bool { return a.Account.Key == "freelancer.dev" }) {
		t.Error("people of no group are counted by their e-mail domain too")
	}
}

func TestZeroWeeksShowADrop(t *testing.T) {
	f, srv, hc, _ := fakeFor(t, phfake.Options{Companies: 7, Seed: 11})
	c := connect(srv, hc, WithProject(project), WithGroupType("company", 0))
	pages, err := drain(t, c, "")
	if err != nil {
		t.Fatal(err)
	}
	var dropped *AccountUsage
	for _, a := range accountsOf(pages) {
		for _, co := range f.Book().Companies {
			if co.Key == a.Account.Key && co.Profile == "dropped" {
				dropped = &a
			}
		}
	}
	if dropped == nil {
		t.Fatal("the dropped company is missing")
	}
	n := len(dropped.Weeks)
	if n != WindowWeeks || dropped.Weeks[n-1].ActiveUsers != 0 || dropped.Weeks[n-3].ActiveUsers != 0 {
		t.Errorf("a company with no users for three weeks: %+v", dropped.Weeks)
	}
	if dropped.LastSeen.After(WindowAt(fakeNow).Week(WindowWeeks - 3)) {
		t.Errorf("last seen %v is inside the quiet weeks", dropped.LastSeen)
	}
}

func TestServerRowCapFollowsHasMore(t *testing.T) {
	f, srv, hc, _ := fakeFor(t, phfake.Options{Companies: 25, Seed: 5, MaxRows: 3})
	c := connect(srv, hc, WithProject(project), WithGroupType("company", 0))
	pages, err := drain(t, c, "")
	if err != nil {
		t.Fatal(err)
	}
	truth := f.Truth()
	compare(t, pages, truth, truth.Groups)
	if want := (len(truth.Groups) + 2) / 3; len(pages) != want {
		t.Errorf("%d pages for %d accounts capped at 3 rows, want %d", len(pages), len(truth.Groups), want)
	}
}

func TestProjectTimeZoneDoesNotMoveTimes(t *testing.T) {
	f, srv, hc, _ := fakeFor(t, phfake.Options{Companies: 10, Seed: 9, TimeZone: time.FixedZone("PST", -8*3600)})
	c := connect(srv, hc, WithProject(project), WithGroupType("company", 0))
	pages, err := drain(t, c, "")
	if err != nil {
		t.Fatal(err)
	}
	truth := f.Truth()
	compare(t, pages, truth, truth.Groups)
}

func TestOtherGroupIndexFindsNothing(t *testing.T) {
	_, srv, hc, _ := fakeFor(t, phfake.Options{Companies: 10, GroupIndex: 0})
	c := connect(srv, hc, WithProject(project), WithGroupType("workspace", 3))
	p, err := c.Fetch(t.Context(), "")
	if err != nil || !p.Done || p.Len() != 0 || p.Next != "" {
		t.Fatalf("page %+v, %v; want an empty Done page", p, err)
	}
}

func TestProjectDiscovery(t *testing.T) {
	for _, deny := range []bool{false, true} {
		t.Run(fmt.Sprint("denyProject=", deny), func(t *testing.T) {
			f, srv, hc, _ := fakeFor(t, phfake.Options{Companies: 6, DenyProject: deny})
			c := connect(srv, hc, WithGroupType("company", 0), withPageSize(2))
			if _, err := drain(t, c, ""); err != nil {
				t.Fatal(err)
			}
			if _, err := c.Fetch(t.Context(), ""); err != nil {
				t.Fatal(err)
			}
			reqs := f.Requests()
			query := "POST /api/projects/" + project + "/query/"
			if deny {
				query = "POST /api/projects/@current/query/"
			}
			if reqs[0] != "GET /api/projects/@current/" {
				t.Errorf("first request %q", reqs[0])
			}
			for _, r := range reqs[1:] {
				if r != query {
					t.Errorf("request %q, want %q (the project is looked up once)", r, query)
				}
			}
		})
	}
}
