package cli

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
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
	e := newExportFlags("export health")
	risk := e.fs.String("risk", "", "critical, at_risk or healthy")
	search := e.fs.String("search", "", "match name, domain or contact e-mail")
	untracked := e.fs.Bool("include-untracked", false, "include untracked accounts")
	if err := e.parse(args); err != nil {
		return err
	}
	if *risk == "at-risk" {
		*risk = "at_risk"
	}
	if *risk != "" && *risk != "critical" && *risk != "at_risk" && *risk != "healthy" {
		return usageError{"--risk must be critical, at_risk or healthy"}
	}
	desk, closeDesk, err := c.Open(e.book)
	if err != nil {
		return err
	}
	defer closeDesk()
	recs, err := HealthRecords(app.NewHealthService(desk), app.HealthListRequest{Risk: *risk, Search: *search, IncludeUntracked: *untracked})
	if err != nil {
		return err
	}
	return e.write(c, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		var err error
		if *e.format == "json" {
			err = writeJSON(bw, recs)
		} else {
			err = writeHealthCSV(bw, recs)
		}
		if err != nil {
			return err
		}
		return bw.Flush()
	})
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
