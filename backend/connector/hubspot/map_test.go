package hubspot

import (
	"reflect"
	"testing"
)

func TestCompanyDomain(t *testing.T) {
	cases := map[string]string{
		"acme.io":                       "acme.io",
		"www.acme.io":                   "acme.io",
		"WWW.ACME.IO":                   "acme.io",
		"https://www.acme.io/about?q=1": "acme.io",
		"http://acme.io:8080/":          "acme.io",
		"  acme.co.uk  ":                "acme.co.uk",
		"acme.io; acme.com":             "acme.io",
		"acme.io,acme.com":              "acme.io",
		"not a domain, acme.io":         "acme.io",
		"gmail.com":                     "",
		"https://www.gmail.com/":        "",
		"outlook.com; acme.io":          "", // the first domain is a mailbox provider's: not a company domain
		"localhost":                     "",
		"":                              "",
		"münchen.de":                    "münchen.de",
		"acme..io":                      "",
	}
	for in, want := range cases {
		if got := companyDomain(in); got != want {
			t.Errorf("companyDomain(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHumanizeIndustry(t *testing.T) {
	cases := map[string]string{
		"COMPUTER_SOFTWARE":                   "Computer software",
		"INFORMATION_TECHNOLOGY_AND_SERVICES": "Information technology and services",
		"  RETAIL ":                           "Retail",
		"E_LEARNING":                          "E learning",
		"WINE_AND_SPIRITS__":                  "Wine and spirits",
		"Computer Software":                   "Computer Software", // free text stays as written
		"3D_PRINTING":                         "3d printing",
		"___":                                 "___",
		"":                                    "",
	}
	for in, want := range cases {
		if got := humanizeIndustry(in); got != want {
			t.Errorf("humanizeIndustry(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEmployees(t *testing.T) {
	cases := map[string]int{"250": 250, "1,200": 1200, " 3 000 ": 3000, "12.7": 12, "1e3": 1000, "-5": 0,
		"abc": 0, "": 0, "NaN": 0, "Inf": 0, "99999999999": 0, "10000000": 10000000}
	for in, want := range cases {
		if got := employees(in); got != want {
			t.Errorf("employees(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestLocation(t *testing.T) {
	cases := []struct {
		city, state, country, want string
	}{
		{"Berlin", "", "Germany", "Berlin, Germany"},
		{"Austin", "TX", "United States", "Austin, TX, United States"},
		{"", "", "Canada", "Canada"},
		{"Singapore", "", "singapore", "Singapore"},
		{" New\tYork ", "NY", "", "New York, NY"},
		{", ,Berlin;", ",", "Germany,", "Berlin, Germany"},
		{"", "", "", ""},
	}
	for _, c := range cases {
		if got := location(c.city, c.state, c.country); got != c.want {
			t.Errorf("location(%q, %q, %q) = %q, want %q", c.city, c.state, c.country, got, c.want)
		}
	}
}

func TestClean(t *testing.T) {
	cases := map[string]string{"  a  b ": "a b", "a\x00b": "a b", "a\u200bb": "a b", "\xffok": "ok",
		"line\nbreak": "line break"}
	for in, want := range cases {
		if got := clean(in, 100); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
	if got := clean("ääää", 2); got != "ää" {
		t.Errorf("clean cut to %q", got)
	}
}

func TestCustomFieldsAndValues(t *testing.T) {
	props := []Property{
		{Name: "customer_tier", Label: "Tier", Options: []PropertyOption{{"Gold", "gold"}, {"", "silver"}}},
		{Name: "tier_2024", Label: "tier"}, // the same label as another chosen property
		{Name: "region", Label: "customer_tier"},
		{Name: "notes", Label: ""},
		{Name: "owner", Label: "Account owner"},
	}
	fields := buildFields([]string{"customer_tier", "tier_2024", "region", "notes", "owner", "unknown"}, props)
	var keys []string
	for _, f := range fields {
		keys = append(keys, f.key)
	}
	want := []string{"customer_tier", "tier_2024", "region", "notes", "Account owner", "unknown"}
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("keys %q, want %q", keys, want)
	}
	got := customValues(map[string]flex{"customer_tier": "gold;silver; ;bronze", "owner": "  Ada  ", "notes": ""}, fields)
	wantVals := map[string]string{"customer_tier": "Gold, silver, bronze", "Account owner": "Ada"}
	if !reflect.DeepEqual(got, wantVals) {
		t.Errorf("values %v, want %v", got, wantVals)
	}
	if got := customValues(map[string]flex{}, fields); got != nil {
		t.Errorf("no values gave %v, want nil", got)
	}
}

func TestMapCompanyRejects(t *testing.T) {
	for _, o := range []object{
		{ID: ""},
		{ID: "  "},
		{ID: "12 34"},
		{ID: "1", Archived: "true"},
		{ID: flex(make([]byte, maxKeyLen+1))},
	} {
		if _, _, ok := mapCompany(&o, nil); ok {
			t.Errorf("mapped %+v", o)
		}
	}
	a, e, ok := mapCompany(&object{ID: " 42 ", Properties: map[string]flex{"domain": "x.io"}}, nil)
	if !ok || a.Key != "42" || e.AccountKey != "42" || a.Name != "x.io" {
		t.Errorf("mapped to %+v %+v %v", a, e, ok)
	}
}
