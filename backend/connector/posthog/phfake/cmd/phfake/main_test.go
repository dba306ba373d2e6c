package main

import (
	"net/http"
	"strings"
	"testing"

	"successdesk/backend/connector/fakepeer"
	"successdesk/backend/connector/posthog/phfake"
)

// TestServes: the command's server answers at the address it announces.
func TestServes(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "/api/projects/7/", nil)
	req.Header.Set("Authorization", "Bearer phx_cmd")
	status, body, err := fakepeer.Probe(phfake.New(phfake.Options{Companies: 3, Key: "phx_cmd", Project: 7}), req)
	if err != nil || status != http.StatusOK || !strings.Contains(body, `"id":7`) {
		t.Fatalf("%d %s, %v", status, body, err)
	}
}

// TestGroupDomains: the printed domains are bare company domains.
func TestGroupDomains(t *testing.T) {
	got := groupDomains(phfake.New(phfake.Options{Companies: 12, Seed: 6}))
	if len(got) == 0 {
		t.Fatal("no domains")
	}
	for _, d := range got {
		if !strings.Contains(d, ".") || strings.ContainsAny(d, "@/: ") {
			t.Fatalf("domain %q in %v", d, got)
		}
	}
}
