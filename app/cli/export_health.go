package cli

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"successdesk/app"
	"successdesk/backend/domain"
	"successdesk/backend/tabular"
)

// HealthRecord is one exported Health row: the columns the page shows.
type HealthRecord struct {
	Account       string   `json:"account"`
	Domain        string   `json:"domain"`
	Score         int      `json:"score"`
	RiskLevel     string   `json:"riskLevel"`
	ActiveUsers   *int     `json:"activeUsers"`
	LicensedUsers int      `json:"licensedUsers"`
	ARR           string   `json:"arr"` // decimal major units, e.g. "12000.00"
	Currency      string   `json:"currency"`
	ARRBase       string   `json:"arrBase"`
	BaseCurrency  string   `json:"baseCurrency"`
	DaysToRenewal *int     `json:"daysToRenewal"`
	RenewalDate   string   `json:"renewalDate"`
	PaymentStatus string   `json:"paymentStatus"`
	Tracked       bool     `json:"tracked"`
	RoutedFrom    string   `json:"routedFrom"`
	Factors       []string `json:"riskFactors"`
}

func (c *CLI) exportHealth(args []string) error {
	fs := newFlags("export health")
	format := fs.String("format", "", "csv or json")
	risk := fs.String("risk", "", "critical, at_risk or healthy")
	search := fs.String("search", "", "match name, domain or contact e-mail")
	untracked := fs.Bool("include-untracked", false, "include untracked accounts")
	out := fs.String("out", "", "write to this file instead of standard output")
	var o Options
	fs.StringVar(&o.DataDir, "data-dir", "", "data directory")
	fs.BoolVar(&o.Demo, "demo", false, "export the demo book")
	fs.IntVar(&o.DemoSize, "demo-size", 120, "accounts in the demo book")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	if *format != "csv" && *format != "json" {
		return usageError{"--format must be csv or json"}
	}
	if *risk == "at-risk" {
		*risk = "at_risk"
	}
	if *risk != "" && *risk != "critical" && *risk != "at_risk" && *risk != "healthy" {
		return usageError{"--risk must be critical, at_risk or healthy"}
	}
	if o.DemoSize < 1 || o.DemoSize > 1_000_000 {
		return usageError{"--demo-size must be between 1 and 1000000"}
	}
	desk, closeDesk, err := c.Open(o)
	if err != nil {
		return err
	}
	defer closeDesk()
	recs, err := HealthRecords(app.NewHealthService(desk), app.HealthListRequest{Risk: *risk, Search: *search, IncludeUntracked: *untracked})
	if err != nil {
		return err
	}
	var w io.Writer = c.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriter(w)
	if *format == "json" {
		err = writeJSON(bw, recs)
	} else {
		err = writeHealthCSV(bw, recs)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// HealthRecords pages through the Health list in the page's order and
// returns every row that matches req.
func HealthRecords(svc *app.HealthService, req app.HealthListRequest) ([]HealthRecord, error) {
	req.Limit, req.Offset = 1000, 0
	var recs []HealthRecord
	for {
		page, err := svc.List(req)
		if err != nil {
			return nil, err
		}
		for _, r := range page.Rows {
			recs = append(recs, healthRecord(r))
		}
		req.Offset += len(page.Rows)
		if len(page.Rows) == 0 || req.Offset >= page.Total {
			return recs, nil
		}
	}
}

func healthRecord(r app.HealthRowDTO) HealthRecord {
	rec := HealthRecord{Account: r.Name, Domain: r.Domain, Score: r.Score, RiskLevel: r.Level, ActiveUsers: r.ActiveUsers,
		LicensedUsers: r.LicensedUsers, ARR: domain.Decimal(r.ARR.AmountMinor, r.ARR.Currency), Currency: r.ARR.Currency,
		ARRBase: domain.Decimal(r.ARRBase.AmountMinor, r.ARRBase.Currency), BaseCurrency: r.ARRBase.Currency, DaysToRenewal: r.DaysToRenewal,
		PaymentStatus: r.PaymentStatus, Tracked: r.Tracked, Factors: []string{}}
	if len(r.RenewalAt) >= 10 {
		rec.RenewalDate = r.RenewalAt[:10]
	}
	if r.Routed != nil {
		rec.RoutedFrom = r.Routed.FromLabel
	}
	for _, f := range r.Factors {
		rec.Factors = append(rec.Factors, fmt.Sprintf("%s (%+d)", f.Label, f.Points))
	}
	return rec
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

var healthHeader = []string{"Account", "Domain", "Health score", "Risk level", "Active users", "Licensed users", "ARR",
	"Currency", "ARR (base)", "Base currency", "Days to renewal", "Renewal date", "Payment status", "Tracked",
	"Routed from", "Risk factors"}

func writeHealthCSV(w io.Writer, recs []HealthRecord) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(healthHeader); err != nil {
		return err
	}
	for _, r := range recs {
		row := []string{SafeCell(r.Account), SafeCell(r.Domain), strconv.Itoa(r.Score), r.RiskLevel, optInt(r.ActiveUsers),
			strconv.Itoa(r.LicensedUsers), r.ARR, r.Currency, r.ARRBase, r.BaseCurrency, optInt(r.DaysToRenewal),
			r.RenewalDate, r.PaymentStatus, strconv.FormatBool(r.Tracked), SafeCell(r.RoutedFrom),
			SafeCell(strings.Join(r.Factors, "; "))}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func optInt(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

// SafeCell defuses formulas in a text cell (see tabular.SafeCell).
func SafeCell(s string) string { return tabular.SafeCell(s) }
