package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"successdesk/app"
	"successdesk/backend/domain"
	"successdesk/backend/secrets"
	"successdesk/backend/sources"
)

var now = time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)

// testCLI returns a CLI whose opener builds a fresh demo book at now in a
// new directory for every call.
func testCLI(t *testing.T) (*CLI, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	var out, errb bytes.Buffer
	dir := t.TempDir()
	opener := NewOpener(DeskConfig{Secrets: secrets.NewMemory(), Factory: sources.NewFactory(nil, nil),
		Now: func() time.Time { return now }, Version: "1.2.3"})
	open := func(o Options) (*app.Desk, func(), error) {
		o.DataDir = dir
		return opener(o)
	}
	return &CLI{Open: open, Version: "1.2.3", Stdout: &out, Stderr: &errb}, &out, &errb
}

func TestUsageErrorsExitTwo(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"export"},
		{"export", "deals", "--format", "csv"},
		{"export", "health"},
		{"export", "health", "--format", "xml"},
		{"export", "health", "--format", "csv", "--risk", "doomed"},
		{"export", "health", "--format", "csv", "--demo-size", "0"},
		{"export", "health", "--format", "csv", "--no-such-flag"},
		{"export", "health", "--format", "csv", "stray"},
		{"version", "extra"},
	} {
		c, _, errb := testCLI(t)
		if got := c.Run(args); got != 2 {
			t.Errorf("%v: exit %d, want 2", args, got)
		}
		if !strings.Contains(errb.String(), "success-desk:") || !strings.Contains(errb.String(), "Usage:") {
			t.Errorf("%v: message %q", args, errb.String())
		}
	}
}

func TestVersion(t *testing.T) {
	c, out, _ := testCLI(t)
	if c.Run([]string{"version"}) != 0 || out.String() != "success-desk 1.2.3\n" {
		t.Fatalf("version printed %q", out.String())
	}
}

func TestExportMatchesTheHealthPage(t *testing.T) {
	c, out, errb := testCLI(t)
	if code := c.Run([]string{"export", "health", "--format", "csv", "--demo", "--risk", "critical"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	recs, err := csv.NewReader(strings.NewReader(out.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != strings.Join(healthHeader, ",") {
		t.Fatalf("header %v", recs[0])
	}
	// The same rows, in the same order, as the page's List call.
	ws, closeWS, _ := c.Open(Options{DemoSize: 120})
	defer closeWS()
	page, err := app.NewHealthService(ws).List(app.HealthListRequest{Risk: "critical", Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs)-1 != page.Total || page.Total == 0 {
		t.Fatalf("exported %d rows, page has %d", len(recs)-1, page.Total)
	}
	for i, r := range page.Rows {
		if recs[i+1][0] != SafeCell(r.Name) || recs[i+1][3] != "critical" || recs[i+1][2] != itoa(r.Score) {
			t.Fatalf("row %d: %v vs %+v", i, recs[i+1], r)
		}
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestExportIsByteIdenticalForTheSameSeedAndNow(t *testing.T) {
	for _, format := range []string{"csv", "json"} {
		c1, out1, _ := testCLI(t)
		c2, out2, _ := testCLI(t)
		args := []string{"export", "health", "--format", format, "--demo", "--include-untracked"}
		if c1.Run(args) != 0 || c2.Run(args) != 0 {
			t.Fatal("export failed")
		}
		if out1.Len() < 1000 || !bytes.Equal(out1.Bytes(), out2.Bytes()) {
			t.Fatalf("%s exports differ (%d vs %d bytes)", format, out1.Len(), out2.Len())
		}
	}
}

func TestExportJSONAndMarkup(t *testing.T) {
	c, out, _ := testCLI(t)
	if c.Run([]string{"export", "health", "--format", "json", "--demo", "--include-untracked", "--search", "holdings"}) != 0 {
		t.Fatal("export failed")
	}
	var recs []HealthRecord
	if err := json.Unmarshal(out.Bytes(), &recs); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range recs {
		if strings.Contains(r.Account, "<script>") {
			found = true
		}
	}
	if !found {
		t.Fatalf("the markup account is missing from %d records", len(recs))
	}
}

func TestSafeCellAndDecimal(t *testing.T) {
	cases := map[string]string{"=HYPERLINK(1)": "'=HYPERLINK(1)", "+1": "'+1", "-2": "'-2", "@a": "'@a", "Hooli": "Hooli", "": ""}
	for in, want := range cases {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q", in, got)
		}
	}
	for minor, want := range map[int64]string{0: "0.00", 5: "0.05", 123456: "1234.56", -1250: "-12.50"} {
		if got := domain.Decimal(minor, "USD"); got != want {
			t.Errorf("Decimal(%d) = %q", minor, got)
		}
	}
}
