package app

import (
	"bytes"
	"context"
	"path/filepath"
	"strconv"
	"strings"

	"successdesk/backend/domain"
	"successdesk/backend/tabular"
)

// ConvertRecord is one exported Convert row: the columns the queue shows,
// with plain decimal amounts and ISO dates.
type ConvertRecord struct {
	Company            string   `json:"company"`
	Domain             string   `json:"domain"`
	Source             string   `json:"source"`
	Status             string   `json:"status"`
	Product            string   `json:"product"`
	Score              int      `json:"score"`
	Likelihood         string   `json:"likelihood"`
	TrialEnd           string   `json:"trialEnd"` // 2006-01-02, "" without one
	TrialDaysRemaining *int     `json:"trialDaysRemaining"`
	EstimatedValue     string   `json:"estimatedValue"` // decimal major units, e.g. "12000.00"
	Currency           string   `json:"currency"`
	EstimatedValueBase string   `json:"estimatedValueBase"`
	BaseCurrency       string   `json:"baseCurrency"`
	RoutedFrom         string   `json:"routedFrom"`
	RoutedReason       string   `json:"routedReason"`
	Factors            []string `json:"factors"` // "Seats in use (+27)"
}

// convertHeader is the CSV header row, one name per ConvertRecord field.
var convertHeader = []string{"Company", "Domain", "Source", "Status", "Product", "Score", "Likelihood", "Trial end",
	"Trial days remaining", "Estimated value", "Currency", "Estimated value (base)", "Base currency", "Routed from",
	"Routed reason", "Score factors"}

// convertTextColumns are the CSV columns holding source text, defused
// against spreadsheet formulas.
var convertTextColumns = map[int]bool{0: true, 1: true, 4: true, 13: true, 14: true, 15: true}

func convertRecord(r ConvertRowDTO) ConvertRecord {
	rec := ConvertRecord{Company: r.Company, Domain: r.Domain, Source: r.Source, Status: r.Status, Product: r.Product,
		Score: r.Score, Likelihood: r.Likelihood, TrialDaysRemaining: r.TrialDaysRemaining,
		EstimatedValue: domain.Decimal(r.EstimatedValue.AmountMinor, r.EstimatedValue.Currency), Currency: r.EstimatedValue.Currency,
		EstimatedValueBase: domain.Decimal(r.EstimatedValueBase.AmountMinor, r.EstimatedValueBase.Currency),
		BaseCurrency:       r.EstimatedValueBase.Currency, Factors: make([]string, 0, len(r.Factors))}
	if len(r.TrialEnd) >= 10 {
		rec.TrialEnd = r.TrialEnd[:10]
	}
	if r.Routed != nil {
		rec.RoutedFrom, rec.RoutedReason = r.Routed.FromLabel, r.Routed.Reason
	}
	for _, f := range r.Factors {
		rec.Factors = append(rec.Factors, f.Label+" ("+convertSignedPoints(f.Points)+")")
	}
	return rec
}

func convertSignedPoints(n int) string {
	if n > 0 {
		return "+" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// ConvertExportContent renders every row of req.Query (offset and limit
// ignored) in the page's order as req.Format: CSV with a header row, or a
// JSON array of ConvertRecord. It returns the content and the row count:
// exactly what Export saves and the command line prints. Errors: invalid.
func ConvertExportContent(s *ConvertService, req ConvertExportRequest) ([]byte, int, error) {
	return s.exportContent(s.ws(), req)
}

func (s *ConvertService) exportContent(ws *Workspace, req ConvertExportRequest) ([]byte, int, error) {
	ctx := context.Background()
	if req.Format != "csv" && req.Format != "json" {
		return nil, 0, domain.Errorf(domain.EInvalid, "Export as csv or json.")
	}
	q := req.Query
	q.Offset, q.Limit = 0, 0
	k, err := q.viewKey()
	if err != nil {
		return nil, 0, err
	}
	t, err := s.current(ctx, ws)
	if err != nil {
		return nil, 0, err
	}
	view := t.view(k)
	recs := make([]ConvertRecord, 0, len(view))
	for _, i := range view {
		recs = append(recs, convertRecord(t.row(i, true)))
	}
	var b bytes.Buffer
	if req.Format == "json" {
		err = tabular.WriteJSON(&b, recs)
	} else {
		rows := make([][]string, 0, len(recs))
		for _, r := range recs {
			days := ""
			if r.TrialDaysRemaining != nil {
				days = strconv.Itoa(*r.TrialDaysRemaining)
			}
			rows = append(rows, []string{r.Company, r.Domain, r.Source, r.Status, r.Product, strconv.Itoa(r.Score), r.Likelihood,
				r.TrialEnd, days, r.EstimatedValue, r.Currency, r.EstimatedValueBase, r.BaseCurrency, r.RoutedFrom,
				r.RoutedReason, strings.Join(r.Factors, "; ")})
		}
		err = tabular.WriteCSV(&b, convertHeader, convertTextColumns, rows)
	}
	if err != nil {
		return nil, 0, err
	}
	return b.Bytes(), len(recs), nil
}

// Export saves the queue exactly as filtered and sorted (every matching
// row, not one page) to a new file in the export folder, named
// "convert-<date>.<format>", and returns its path and content.
// Errors: invalid (format, filters).
func (s *ConvertService) Export(req ConvertExportRequest) (ExportDTO, error) {
	ws := s.ws()
	content, n, err := s.exportContent(ws, req)
	if err != nil {
		return ExportDTO{}, err
	}
	path, err := ws.saveExport("convert", req.Format, content)
	if err != nil {
		return ExportDTO{}, err
	}
	return ExportDTO{Path: path, Filename: filepath.Base(path), Format: req.Format, Rows: n, Content: string(content)}, nil
}
