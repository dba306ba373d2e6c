package hubspot

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/connector/connectortest"
	"successdesk/backend/connector/hubspot/hsfake"
)

// goldenCustom are the custom properties the golden pass reads: three
// defined ones (two enumerations and free text), a checkbox, and one the
// account does not define (keyed by its name).
var goldenCustom = []string{"customer_tier", "success_region", "products_in_use", "renewal_notes", "legacy_score"}

// loadBook reads testdata/book.json: companies in HubSpot's answer shape.
func loadBook(t *testing.T) []hsfake.Company {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "book.json"))
	if err != nil {
		t.Fatal(err)
	}
	var raw []struct {
		ID         string            `json:"id"`
		Properties map[string]string `json:"properties"`
		CreatedAt  time.Time         `json:"createdAt"`
		UpdatedAt  time.Time         `json:"updatedAt"`
		Archived   bool              `json:"archived"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	out := make([]hsfake.Company, 0, len(raw))
	for _, r := range raw {
		r.Properties["hs_lastmodifieddate"] = r.UpdatedAt.Format("2006-01-02T15:04:05.000Z")
		out = append(out, hsfake.Company{ID: r.ID, Properties: r.Properties, CreatedAt: r.CreatedAt,
			UpdatedAt: r.UpdatedAt, Archived: r.Archived})
	}
	return out
}

// goldenPage is what the golden files hold of a page (go test -update
// rewrites them).
type goldenPage struct {
	Phase          string
	Next           string
	Done           bool
	StartsFullPass bool `json:",omitempty"`
	EndsFullPass   bool `json:",omitempty"`
	Accounts       []connector.AccountRecord
	Enrichments    []connector.EnrichmentRecord
}

func TestGoldenFullPass(t *testing.T) {
	r := newRig(t, hsfake.Options{Book: loadBook(t), MaxPageSize: 4}, 1, WithCustomProperties(goldenCustom))
	var out []goldenPage
	for _, p := range r.pass(t, "") {
		out = append(out, goldenPage{Phase: p.Phase, Next: p.Next, Done: p.Done, StartsFullPass: p.StartsFullPass,
			EndsFullPass: p.EndsFullPass, Accounts: p.Accounts, Enrichments: p.Enrichments})
	}
	connectortest.Golden(t, "testdata/golden/fullpass.json", out)
}

func TestGoldenStages(t *testing.T) {
	r := newRig(t, hsfake.Options{Companies: 1}, 1)
	stages, err := r.c.FetchStages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	connectortest.Golden(t, "testdata/golden/stages.json", stages)
}
