package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"successdesk/backend/connector/buildbetter/bbfake"
)

// TestRunAnnouncesAndServes: the address printed is the one serving the
// book, and a cancel stops the server.
func TestRunAnnouncesAndServes(t *testing.T) {
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	h := bbfake.New(bbfake.Options{Key: "bb_cmd"})
	go func() { done <- run(ctx, "127.0.0.1:0", h, pw) }()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "listening on 127.0.0.1:") {
		t.Fatalf("first line %q, %v", line, err)
	}
	req, _ := http.NewRequest(http.MethodPost, "http://"+strings.TrimSpace(strings.TrimPrefix(line, "listening on "))+"/v1/graphql",
		strings.NewReader(`{"query": "{ organization { name } }"}`))
	req.Header.Set("X-BuildBetter-Api-Key", "bb_cmd")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"name"`) {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
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
