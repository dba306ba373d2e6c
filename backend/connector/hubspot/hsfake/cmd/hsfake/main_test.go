package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"successdesk/backend/connector/hubspot/hsfake"
)

// TestRunAnnouncesAndServesABook: the address printed is the one serving
// the companies of the book file, and a cancel stops the server.
func TestRunAnnouncesAndServesABook(t *testing.T) {
	file := filepath.Join(t.TempDir(), "book.json")
	if err := os.WriteFile(file, []byte(`[{"id": "9001", "createdAt": "2025-01-10T09:00:00Z", "updatedAt": "2025-06-01T10:00:00Z",
		"properties": {"name": "Acme", "domain": "acme.io", "industry": "COMPUTER_SOFTWARE"}}]`), 0o600); err != nil {
		t.Fatal(err)
	}
	book, err := loadBook(file)
	if err != nil {
		t.Fatal(err)
	}
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	h := hsfake.New(hsfake.Options{Book: book, Token: "pat-cmd"})
	go func() { done <- run(ctx, "127.0.0.1:0", h, pw) }()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "listening on 127.0.0.1:") {
		t.Fatalf("first line %q, %v", line, err)
	}
	req, _ := http.NewRequest(http.MethodGet, "http://"+strings.TrimSpace(strings.TrimPrefix(line, "listening on "))+
		"/crm/v3/objects/companies?properties=domain,hs_lastmodifieddate", nil)
	req.Header.Set("Authorization", "Bearer pat-cmd")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"domain":"acme.io"`) ||
		!strings.Contains(string(body), `"hs_lastmodifieddate":"2025-06-01T10:00:00.000Z"`) {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
