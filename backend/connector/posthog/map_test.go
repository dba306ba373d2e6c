package posthog

import (
	"encoding/json"
	"testing"
	"time"

	"successdesk/backend/connector"
)

// groupAnswer is a group-mode answer with the given rows; each row is
// key, name, domain, last_seen, then the week values (missing ones 0).
func groupAnswer(t *testing.T, rows ...[]any) Result {
	t.Helper()
	cols := []string{colKey, colName, colDomain, colLastSeen}
	for i := range WindowWeeks {
		cols = append(cols, weekColumn(i))
	}
	var full [][]any
	for _, r := range rows {
		for len(r) < len(cols) {
			r = append(r, 0)
		}
		full = append(full, r)
	}
	b, _ := json.Marshal(map[string]any{"results": full, "columns": cols, "types": []any{}})
	res, err := DecodeResult(b)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestMapUsageGroups(t *testing.T) {
	w := WindowAt(fakeNow)
	res := groupAnswer(t,
		[]any{"acme.io", "  Acme\n Inc ", nil, "2026-11-24T10:00:00-08:00", 1, "2", 3.0, -4, 2.5, nil, "x", 1e20},
		[]any{"org_1", "Globex", "https://www.Globex.com/about", "2026-11-20 08:00:00"},
		[]any{"gmail.com", "Sole trader", nil, nil},
		[]any{"org_2", nil, "gmail.com", 1764000000},
		[]any{"", "No key", "x.io", nil},
		[]any{nil, "Null key", "x.io", nil},
		[]any{42, "Number key", "x.io", nil},
	)
	got, err := MapUsage(res, w, true)
	if err != nil {
		t.Fatal(err)
	}
	want := []connector.AccountRecord{
		{Key: "acme.io", Domain: "acme.io", Name: "Acme Inc"},
		{Key: "org_1", Domain: "globex.com", Name: "Globex"},
		{Key: "gmail.com", Name: "Sole trader"},
		{Key: "org_2"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d accounts: %+v", len(got), got)
	}
	for i := range want {
		if got[i].Account.Key != want[i].Key || got[i].Account.Domain != want[i].Domain || got[i].Account.Name != want[i].Name {
			t.Errorf("account %d = %+v, want %+v", i, got[i].Account, want[i])
		}
	}
	users := []int{1, 2, 3, 0, 0, 0, 0, maxUsers, 0, 0, 0, 0, 0}
	for i, u := range got[0].Weeks {
		if u.ActiveUsers != users[i] || !u.WeekStart.Equal(w.Week(i)) || u.AccountKey != "acme.io" {
			t.Errorf("week %d = %+v, want %d users", i, u, users[i])
		}
	}
	seen := []time.Time{
		time.Date(2026, 11, 24, 18, 0, 0, 0, time.UTC),
		time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC),
		{},
		time.Unix(1764000000, 0).UTC(),
	}
	for i, s := range seen {
		if !got[i].LastSeen.Equal(s) {
			t.Errorf("last seen %d = %v, want %v", i, got[i].LastSeen, s)
		}
	}
}

func TestMapUsageEmailDomains(t *testing.T) {
	res := groupAnswer(t, []any{"acme.io"}, []any{"gmail.com"}, []any{"localhost"}, []any{"Bad Domain"},
		[]any{"x@y.io"}, []any{"hooli.com"})
	got, err := MapUsage(res, WindowAt(fakeNow), false)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, a := range got {
		keys = append(keys, a.Account.Key+"="+a.Account.Domain+"/"+a.Account.Name)
	}
	if len(keys) != 2 || keys[0] != "acme.io=acme.io/" || keys[1] != "hooli.com=hooli.com/" {
		t.Errorf("accounts %q", keys)
	}
}

func TestMailboxProvidersAreFreeMail(t *testing.T) {
	for _, d := range mailboxProviders {
		if connector.DomainFromEmail("someone@"+d) != "" {
			t.Errorf("%s is left out of the query but is not free-mail for the connector package", d)
		}
	}
}

func TestDecodeResult(t *testing.T) {
	for _, body := range []string{``, `[]`, `{}`, `{"results": null}`, `{"results": [[1, 2]], "columns": ["a"]}`,
		`{"results": [5], "columns": ["a"]}`, `{"results": "x"}`} {
		if _, err := DecodeResult([]byte(body)); err == nil {
			t.Errorf("%q decoded", body)
		}
	}
	r, err := DecodeResult([]byte(`{"results": [], "columns": ["a"], "hasMore": true}`))
	if err != nil || len(r.Rows) != 0 || !r.HasMore || r.Pending {
		t.Errorf("empty answer: %+v, %v", r, err)
	}
	r, err = DecodeResult([]byte(`{"query_status": {"id": "q", "complete": false}}`))
	if err != nil || !r.Pending {
		t.Errorf("running query: %+v, %v", r, err)
	}
}

func TestHosts(t *testing.T) {
	for in, want := range map[string][2]string{
		"":                                    {USHost, USIngestHost},
		"https://us.posthog.com/":             {USHost, USIngestHost},
		"us.i.posthog.com":                    {USHost, USIngestHost},
		"https://app.posthog.com":             {USHost, USIngestHost},
		"EU.posthog.com":                      {EUHost, EUIngestHost},
		"https://eu.i.posthog.com/":           {EUHost, EUIngestHost},
		"https://eu.posthog.com/api/projects": {EUHost, EUIngestHost},
		"posthog.acme.internal:8000":          {"https://posthog.acme.internal:8000", "https://posthog.acme.internal:8000"},
		"http://10.0.0.5/ph/":                 {"http://10.0.0.5/ph", "http://10.0.0.5/ph"},
		"https://ph.acme.io/ph/api/":          {"https://ph.acme.io/ph", "https://ph.acme.io/ph"},
		"ftp://nope":                          {USHost, USIngestHost},
	} {
		if got := [2]string{APIHost(in), IngestHost(in)}; got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
}
