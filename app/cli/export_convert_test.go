package cli

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"successdesk/app"
)

func TestExportConvertUsageErrorsExitTwo(t *testing.T) {
	for _, args := range [][]string{
		{"export", "convert"},
		{"export", "convert", "--format", "xml"},
		{"export", "convert", "--format", "csv", "--source", "hubspot"},
		{"export", "convert", "--format", "csv", "--likelihood", "certain"},
		{"export", "convert", "--format", "csv", "--demo-size", "0"},
		{"export", "convert", "--format", "csv", "stray"},
	} {
		c, _, errb := testCLI(t)
		if got := c.Run(args); got != 2 || !strings.Contains(errb.String(), "export convert --format csv|json") {
			t.Errorf("%v: exit %d, message %q", args, got, errb.String())
		}
	}
}

func TestExportConvertMatchesTheConvertPage(t *testing.T) {
	c, out, errb := testCLI(t)
	if code := c.Run([]string{"export", "convert", "--format", "csv", "--demo"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	recs, err := csv.NewReader(strings.NewReader(out.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[0][0] != "Company" || recs[0][5] != "Score" || recs[0][9] != "Estimated value" {
		t.Fatalf("header %v", recs[0])
	}
	desk, closeDesk, err := c.Open(Options{DemoSize: 120, Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	defer closeDesk()
	svc := app.NewConvertService(desk)
	page, err := svc.List(app.ConvertQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs)-1 != page.Total || page.Total == 0 {
		t.Fatalf("exported %d rows, the page has %d", len(recs)-1, page.Total)
	}
	for i, r := range page.Rows {
		got := recs[i+1]
		if got[0] != SafeCell(r.Company) || got[5] != strconv.Itoa(r.Score) || got[6] != r.Likelihood {
			t.Fatalf("row %d: %v vs %+v", i, got, r)
		}
	}
	content, _, err := app.ConvertExportContent(svc, app.ConvertExportRequest{Format: "csv"})
	if err != nil || string(content) != out.String() {
		t.Fatalf("the command printed other bytes than the app's export (%v)", err)
	}
}

func TestExportConvertJSONToAFile(t *testing.T) {
	c, out, errb := testCLI(t)
	path := filepath.Join(t.TempDir(), "convert.json")
	if code := c.Run([]string{"export", "convert", "--format", "json", "--demo", "--source", "stripe", "--out", path}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if out.Len() != 0 {
		t.Fatalf("--out also printed %d bytes", out.Len())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var recs []app.ConvertRecord
	if err := json.Unmarshal(b, &recs); err != nil || len(recs) == 0 {
		t.Fatalf("%d records (%v)", len(recs), err)
	}
	for _, r := range recs {
		if r.Source != "stripe" || r.BaseCurrency != "USD" || !strings.Contains(r.EstimatedValue, ".") || len(r.Factors) == 0 {
			t.Errorf("record %+v", r)
		}
	}
	if !strings.Contains(string(b), `"estimatedValueBase"`) || !strings.Contains(string(b), `"trialDaysRemaining"`) {
		t.Fatal("JSON keys are not camelCase")
	}
}
