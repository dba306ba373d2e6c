package main

import (
	"net/http"
	"strings"
	"testing"

	"successdesk/backend/connector/buildbetter/bbfake"
	"successdesk/backend/connector/fakepeer"
)

// TestServes: the command's server answers at the address it announces.
func TestServes(t *testing.T) {
	req, _ := http.NewRequest(http.MethodPost, "/v1/graphql", strings.NewReader(`{"query": "{ organization { name } }"}`))
	req.Header.Set("X-BuildBetter-Api-Key", "bb_cmd")
	req.Header.Set("Content-Type", "application/json")
	status, body, err := fakepeer.Probe(bbfake.New(bbfake.Options{Key: "bb_cmd"}), req)
	if err != nil || status != http.StatusOK || !strings.Contains(body, `"name"`) {
		t.Fatalf("%d %s, %v", status, body, err)
	}
}

// TestDomains: -domains moves the generated companies onto the given
// domains, and the book's truth says so.
func TestDomains(t *testing.T) {
	want := []string{"acmepiper.com", "globexrobotics.io", "initechsystems.dev", "hoolilabs.de", "starkfinance.com", "wayne.io"}
	b, err := book("", 2, 0, 4, want)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Companies) != len(want) {
		t.Fatalf("%d companies for %d domains", len(b.Companies), len(want))
	}
	got := map[string]bool{}
	for _, a := range bbfake.New(bbfake.Options{Book: b}).Truth().Accounts {
		got[a.Domain] = true
	}
	for _, d := range want[:5] { // the sixth company is known by a free-mail host
		if !got[d] {
			t.Errorf("no account at %s: %v", d, got)
		}
	}
	for _, p := range b.People {
		if p.CompanyID != 0 && strings.HasSuffix(p.Email, ".example") {
			t.Errorf("%s still writes from the generated domain", p.Email)
		}
	}
}
