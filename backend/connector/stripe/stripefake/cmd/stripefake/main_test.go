package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"successdesk/backend/connector/stripe/stripefake"
)

// TestRunAnnouncesAndServes: the address printed is the one serving the
// book, and a cancel stops the server.
func TestRunAnnouncesAndServes(t *testing.T) {
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, "127.0.0.1:0", stripefake.Options{Subscriptions: 3, Key: "rk_test_cmd"}, pw) }()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "listening on 127.0.0.1:") {
		t.Fatalf("first line %q, %v", line, err)
	}
	req, _ := http.NewRequest(http.MethodGet, "http://"+strings.TrimSpace(strings.TrimPrefix(line, "listening on "))+"/v1/customers?limit=1", nil)
	req.Header.Set("Authorization", "Bearer rk_test_cmd")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"object":"customer"`) {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
