package hubspot

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"successdesk/backend/connector"
)

// fuzzFields are the custom properties the fuzzed mapping reads.
var fuzzFields = buildFields([]string{"customer_tier", "notes"}, []Property{
	{Name: "customer_tier", Label: "Tier", Options: []PropertyOption{{"Gold", "gold"}, {"", "silver"}}},
	{Name: "notes", Label: "Notes"},
})

// checkText fails for text a person would see that is not clean.
func checkText(t *testing.T, what, s string, max int) {
	t.Helper()
	if !utf8.ValidString(s) || s != strings.TrimSpace(s) || strings.Contains(s, "  ") ||
		utf8.RuneCountInString(s) > max || strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError
	}) {
		t.Errorf("%s %q is not clean text", what, s)
	}
}

// FuzzMapCompanies decodes a list or search answer and maps its companies:
// it never panics, and every record it gives keeps the mapping's promises.
func FuzzMapCompanies(f *testing.F) {
	f.Add(`{"results":[{"id":"101","properties":{"name":" Acme ","domain":"https://www.acme.io/x","industry":"COMPUTER_SOFTWARE","numberofemployees":"1,200","city":"Berlin","country":"Germany","customer_tier":"gold;silver;x","notes":"a\nb"},"updatedAt":"2026-01-02T03:04:05.678Z"}],"paging":{"next":{"after":"102"}}}`)
	f.Add(`{"results":[{"id":5,"properties":{"domain":"gmail.com","website":"acme.io","numberofemployees":-3,"state":null,"hs_lastmodifieddate":"1700000000000"},"archived":"false"}],"total":"9"}`)
	f.Add(`{"results":[{"id":"x y"},{"id":"1","archived":true},{"id":"2","properties":{"industry":"___","city":"Singapore","country":"SINGAPORE","numberofemployees":"1e400"}}]}`)
	f.Add(`{"results":[{"id":"\u0000","properties":{"name":"\u200b\u0007","domain":"www.www.x.io","industry":"Free text"}}],"paging":{"next":null}}`)
	f.Add(`{"results":null,"paging":{"next":{"after":""}}}`)
	f.Add(`[1,2]`)
	f.Fuzz(func(t *testing.T, body string) {
		l, err := decodePage([]byte(body))
		if err != nil {
			return
		}
		_ = l.Paging.after()
		page := mapPage(l.Results, fuzzFields)
		if len(page.Accounts) != len(page.Enrichments) {
			t.Fatalf("%d accounts, %d enrichments", len(page.Accounts), len(page.Enrichments))
		}
		for i, a := range page.Accounts {
			e := page.Enrichments[i]
			if a.Key == "" || a.Key != e.AccountKey || strings.ContainsFunc(a.Key, unicode.IsSpace) || len(a.Key) > maxKeyLen {
				t.Errorf("keys %q / %q", a.Key, e.AccountKey)
			}
			if a.Domain != "" && (connector.NormalizeDomain(a.Domain) != a.Domain ||
				connector.DomainFromEmail("x@"+a.Domain) != a.Domain) {
				t.Errorf("domain %q is not a normalized company domain", a.Domain)
			}
			checkText(t, "name", a.Name, maxText)
			checkText(t, "industry", e.Industry, maxText)
			checkText(t, "location", e.Location, 3*maxText+4)
			if strings.HasPrefix(e.Location, ",") || strings.Contains(e.Location, ", ,") || strings.HasSuffix(e.Location, ",") {
				t.Errorf("location %q has an empty part", e.Location)
			}
			if e.Employees < 0 || e.Employees > maxEmployees {
				t.Errorf("employees %d", e.Employees)
			}
			if e.Custom != nil && len(e.Custom) == 0 {
				t.Error("empty non-nil Custom")
			}
			for k, v := range e.Custom {
				if k != "Tier" && k != "Notes" || v == "" {
					t.Errorf("custom %q = %q", k, v)
				}
				checkText(t, "custom value", v, maxCustom)
			}
			if !e.UpdatedAt.IsZero() && (e.UpdatedAt.Year() < 1990 || e.UpdatedAt.Year() > 2200) {
				t.Errorf("updated %v", e.UpdatedAt)
			}
		}
	})
}

// FuzzCursor: parseCursor never panics, and what it accepts renders back
// to a cursor that parses to the same position.
func FuzzCursor(f *testing.F) {
	for _, s := range []string{"", "full:;t=1;f=2", "full:NTI1%3D%3D;t=1700000000000;f=1700000000000;p=0a1b2c3d",
		"changes:1700000000000;s=200;t=5;f=9", "changes:5", "changes:5;p=zz", "full:%;t=1;f=1"} {
		f.Add(s)
	}
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
