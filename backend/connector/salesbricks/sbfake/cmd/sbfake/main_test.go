package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"successdesk/backend/connector/salesbricks/sbfake"
)

// TestRunAnnouncesAndServes: the address printed is the one serving the
// book, and a cancel stops the server.
func TestRunAnnouncesAndServes(t *testing.T) {
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	h := sbfake.New(sbfake.Options{Subscriptions: 3, Key: "sb_cmd"})
	go func() { done <- run(ctx, "127.0.0.1:0", h, pw) }()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "listening on 127.0.0.1:") {
		t.Fatalf("first line %q, %v", line, err)
	}
	req, _ := http.NewRequest(http.MethodGet, "http://"+strings.TrimSpace(strings.TrimPrefix(line, "listening on "))+"/api/v2/customers?limit=1", nil)
	req.Header.Set("X-SALESBRICKS-KEY", "sb_cmd")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"results"`) {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
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
