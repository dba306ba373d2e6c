package posthog

import (
	"strings"
	"testing"
	"time"

	"successdesk/backend/connector"
)

// FuzzMapUsage feeds arbitrary answers to the decoder and the mapper, in
// both groupings: they must never panic, and every account they give must
// hold the mapping's promises.
func FuzzMapUsage(f *testing.F) {
	weeks := `,"w00","w01","w02","w03","w04","w05","w06","w07","w08","w09","w10","w11","w12"]`
	f.Add(`{"results":[["acme.io","Acme","acme.io","2026-11-24T10:00:00Z",1,2,3,4,5,6,7,8,9,10,11,12,13]],` +
		`"columns":["account_key","account_name","account_domain","last_seen"` + weeks + `}`)
	f.Add(`{"results":[["gmail.com",null,"https://www.gmail.com/","1970-01-01 00:00:00","7",-1,2.5,1e300,null,"x",{},[],true,0,0,0,0]],` +
		`"columns":["account_key","account_name","account_domain","last_seen"` + weeks + `}`)
	f.Add(`{"results":[["a@b.io","2026-11-24 10:00:00.123456",0,0,0,0,0,0,0,0,0,0,0,0,18446744073709551616]],` +
		`"columns":["account_key","last_seen"` + weeks + `,"hasMore":true}`)
	f.Add(`{"results":[[null,1,2]],"columns":["account_key","w00","w00"]}`)
	f.Add(`{"query_status":{"complete":false}}`)
	f.Add(`{"results":[["www.Ünïcode.io\u0000","\u202eName",1e-7,9223372036854775807` +
		`,0,0,0,0,0,0,0,0,0,0,0,0,0]],"columns":["account_key","account_name","account_domain","last_seen"` + weeks + `}`)
	w := WindowAt(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	f.Fuzz(func(t *testing.T, body string) {
		res, err := DecodeResult([]byte(body))
		if err != nil {
			return
		}
		for _, byGroup := range []bool{true, false} {
			got, err := MapUsage(res, w, byGroup)
			if err != nil {
				continue
			}
			if len(got) > len(res.Rows) {
				t.Fatalf("%d accounts from %d rows", len(got), len(res.Rows))
			}
			for _, a := range got {
				checkUsage(t, a, w, byGroup)
			}
		}
	})
}

func checkUsage(t *testing.T, a AccountUsage, w Window, byGroup bool) {
	t.Helper()
	r := a.Account
	if r.Key == "" {
		t.Errorf("account without a key: %+v", r)
	}
	if r.Domain != "" && (connector.NormalizeDomain(r.Domain) != r.Domain ||
		connector.DomainFromEmail("x@"+r.Domain) != r.Domain) {
		t.Errorf("domain %q is not a normalized company domain", r.Domain)
	}
	if !byGroup && (r.Domain == "" || r.Name != "") {
		t.Errorf("e-mail-domain account %+v", r)
	}
	if strings.ContainsAny(r.Name, "\n\r\t\x00") || len([]rune(r.Name)) > maxName {
		t.Errorf("name %q", r.Name)
	}
	if len(a.Weeks) != WindowWeeks {
		t.Fatalf("%d weeks", len(a.Weeks))
	}
	for i, u := range a.Weeks {
		if u.AccountKey != r.Key || !u.WeekStart.Equal(w.Week(i)) || u.WeekStart.Weekday() != time.Monday ||
			u.ActiveUsers < 0 || u.ActiveUsers > maxUsers {
			t.Errorf("week %d: %+v", i, u)
		}
	}
	if !a.LastSeen.IsZero() && (a.LastSeen.Location() != time.UTC || a.LastSeen.Before(minTime) || a.LastSeen.After(maxTime)) {
		t.Errorf("last seen %v", a.LastSeen)
	}
}

// FuzzCursor: any cursor either fails with EInvalid or round-trips.
func FuzzCursor(f *testing.F) {
	f.Add("v1:g0:2026-11-23:YWNtZS5pbw")
	f.Add("v1:email:2026-11-23:")
	f.Add("v1:g4:1999-01-04:_-8")
	f.Add("v1:g0:2026-11-23:YWNtZS5pbw:extra")
	f.Fuzz(func(t *testing.T, cur string) {
		p, err := parseCursor(cur)
		if err != nil || cur == "" {
			return
		}
		q, err := parseCursor(p.String())
		if err != nil || q != p {
			t.Errorf("%q → %+v → %q → %+v, %v", cur, p, p.String(), q, err)
		}
	})
}
