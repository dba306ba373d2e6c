package main

import (
	"net/http"
	"strings"
	"testing"

	"successdesk/backend/connector/fakepeer"
	"successdesk/backend/connector/salesbricks/sbfake"
)

// TestServes: the command's server answers at the address it announces.
func TestServes(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "/api/v2/customers?limit=1", nil)
	req.Header.Set("X-SALESBRICKS-KEY", "sb_cmd")
	status, body, err := fakepeer.Probe(sbfake.New(sbfake.Options{Subscriptions: 3, Key: "sb_cmd"}), req)
	if err != nil || status != http.StatusOK || !strings.Contains(body, `"results"`) {
		t.Fatalf("%d %s, %v", status, body, err)
	}
}

// TestContractDomains: the printed domains are distinct company domains of
// customers holding a contract.
func TestContractDomains(t *testing.T) {
	s := sbfake.New(sbfake.Options{Subscriptions: 20, Seed: 3})
	got := contractDomains(s)
	if len(got) == 0 {
		t.Fatal("no domains")
	}
	seen := map[string]bool{}
	for _, d := range got {
		if seen[d] || !strings.Contains(d, ".") || strings.ContainsAny(d, "@/ ") {
			t.Fatalf("domain %q in %v", d, got)
		}
		seen[d] = true
	}
}
