package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"successdesk/backend/connector/posthog/phfake"
)

// TestRunAnnouncesAndServes: the address printed is the one serving the
// project, and a cancel stops the server.
func TestRunAnnouncesAndServes(t *testing.T) {
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	h := phfake.New(phfake.Options{Companies: 3, Key: "phx_cmd", Project: 7})
	go func() { done <- run(ctx, "127.0.0.1:0", h, pw) }()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "listening on 127.0.0.1:") {
		t.Fatalf("first line %q, %v", line, err)
	}
	req, _ := http.NewRequest(http.MethodGet, "http://"+strings.TrimSpace(strings.TrimPrefix(line, "listening on "))+"/api/projects/7/", nil)
	req.Header.Set("Authorization", "Bearer phx_cmd")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"id":7`) {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
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
