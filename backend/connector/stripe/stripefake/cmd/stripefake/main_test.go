package main

import (
	"net/http"
	"strings"
	"testing"

	"successdesk/backend/connector/fakepeer"
	"successdesk/backend/connector/stripe/stripefake"
)

// TestServes: the command's server answers at the address it announces.
func TestServes(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "/v1/customers?limit=1", nil)
	req.Header.Set("Authorization", "Bearer rk_test_cmd")
	status, body, err := fakepeer.Probe(stripefake.New(stripefake.Options{Subscriptions: 3, Key: "rk_test_cmd"}), req)
	if err != nil || status != http.StatusOK || !strings.Contains(body, `"object":"customer"`) {
		t.Fatalf("%d %s, %v", status, body, err)
	}
}
