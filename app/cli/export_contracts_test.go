package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"successdesk/app"
)

func TestExportContractsIsThePagesExport(t *testing.T) {
	c, out, errb := testCLI(t)
	if code := c.Run([]string{"export", "contracts", "--format", "csv", "--demo", "--status", "past-due"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	desk, closeDesk, err := c.Open(Options{Demo: true, DemoSize: 120})
	if err != nil {
		t.Fatal(err)
	}
	defer closeDesk()
	svc := app.NewContractsService(desk)
	q := app.ContractsQuery{Status: "past_due"}
	page, _, err := app.ContractsExportContent(svc, app.ContractsExportRequest{Query: q, Format: "csv"})
	if err != nil || !bytes.Equal(out.Bytes(), page) {
		t.Fatalf("the CLI's CSV differs from the page's (%v)", err)
	}
	recs, err := csv.NewReader(bytes.NewReader(out.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	q.Limit = 1000
	list, err := svc.List(q)
	if err != nil || list.Total == 0 || len(recs) != list.Total+1 || recs[0][0] != "Customer" {
		t.Fatalf("%d lines for %d past-due rows (%v), header %v", len(recs), list.Total, err, recs[0])
	}
	for i, r := range list.Rows {
		if recs[i+1][0] != SafeCell(r.Customer) || recs[i+1][3] != r.Product || recs[i+1][4] != "past_due" {
			t.Fatalf("line %d %v, row %+v", i+1, recs[i+1], r)
		}
	}
}

func TestExportContractsJSONToAFile(t *testing.T) {
	c, out, errb := testCLI(t)
	path := filepath.Join(t.TempDir(), "stripe.json")
	if code := c.Run([]string{"export", "contracts", "--format", "json", "--demo", "--source", "stripe", "--search", "pied piper",
		"--out", path}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	b, err := os.ReadFile(path)
	if err != nil || out.Len() != 0 {
		t.Fatalf("file %v, stdout %d bytes", err, out.Len())
	}
	var recs []app.ContractRecord
	if err := json.Unmarshal(b, &recs); err != nil {
		t.Fatal(err)
	}
	desk, closeDesk, _ := c.Open(Options{Demo: true, DemoSize: 120})
	defer closeDesk()
	list, _ := app.NewContractsService(desk).List(app.ContractsQuery{Source: "stripe", Search: "pied piper", Limit: 1000})
	if len(recs) != list.Total || list.Total == 0 {
		t.Fatalf("%d records, the page lists %d", len(recs), list.Total)
	}
	for _, r := range recs {
		if r.Source != "stripe" && r.Source != "merged" || !strings.Contains(strings.ToLower(r.Product+r.Customer+r.Email+r.Domain), "pied piper") {
			t.Fatalf("record %+v does not match the filter", r)
		}
	}
}

func TestExportContractsUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"export", "contracts"},
		{"export", "contracts", "--format", "xml"},
		{"export", "contracts", "--format", "csv", "--status", "doomed"},
		{"export", "contracts", "--format", "csv", "--source", "hubspot"},
		{"export", "contracts", "--format", "csv", "--demo-size", "0"},
		{"export", "contracts", "--format", "csv", "stray"},
	} {
		c, _, errb := testCLI(t)
		if got := c.Run(args); got != 2 || !strings.Contains(errb.String(), "Usage:") {
			t.Errorf("%v: exit %d, %q", args, got, errb.String())
		}
	}
}
