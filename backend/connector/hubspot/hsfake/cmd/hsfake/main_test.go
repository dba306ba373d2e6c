package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"successdesk/backend/connector/fakepeer"
	"successdesk/backend/connector/hubspot/hsfake"
)

// TestServesABook: the command's server answers at the address it
// announces with the companies of the book file.
func TestServesABook(t *testing.T) {
	file := filepath.Join(t.TempDir(), "book.json")
	if err := os.WriteFile(file, []byte(`[{"id": "9001", "createdAt": "2025-01-10T09:00:00Z", "updatedAt": "2025-06-01T10:00:00Z",
		"properties": {"name": "Acme", "domain": "acme.io", "industry": "COMPUTER_SOFTWARE"}}]`), 0o600); err != nil {
		t.Fatal(err)
	}
	book, err := loadBook(file)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, "/crm/v3/objects/companies?properties=domain,hs_lastmodifieddate", nil)
	req.Header.Set("Authorization", "Bearer pat-cmd")
	status, body, err := fakepeer.Probe(hsfake.New(hsfake.Options{Book: book, Token: "pat-cmd"}), req)
	if err != nil || status != http.StatusOK || !strings.Contains(body, `"domain":"acme.io"`) ||
		!strings.Contains(body, `"hs_lastmodifieddate":"2025-06-01T10:00:00.000Z"`) {
		t.Fatalf("%d %s, %v", status, body, err)
	}
}
