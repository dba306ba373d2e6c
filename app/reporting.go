package app

import (
	"context"
	"encoding/json"
	"sort"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// settingsKeyReporting is where the live book keeps the reporting currency
// and its rates; they apply to both books. The demo book records the rates
// its scores were computed with under the same key.
const settingsKeyReporting = "reporting.fx"

// savedRates returns the reporting rates saved in st, or fallback.
func savedRates(ctx context.Context, st *store.Store, fallback domain.FXRates) domain.FXRates {
	var fx domain.FXRates
	if found, err := st.GetSetting(ctx, settingsKeyReporting, &fx); err != nil || !found || fx.Validate() != nil {
		return fallback
	}
	return fx
}

// sameRates reports whether a and b convert alike.
func sameRates(a, b domain.FXRates) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// SetReporting makes fx the reporting currency and rates of both books:
// it is saved in the live book, and every open book's scores are computed
// again so that ARR totals read in fx.Base. The window is told with a
// data-changed event ("reporting"). Errors: invalid (see FXRates.Validate).
func (d *Desk) SetReporting(ctx context.Context, fx domain.FXRates) error {
	if err := fx.Validate(); err != nil {
		return err
	}
	if fx.Rates == nil {
		fx.Rates = map[string]float64{}
	}
	fx.Rates[fx.Base] = 1
	if err := d.live.Store.Write(ctx, func(tx *store.Tx) error { return tx.PutSetting(ctx, settingsKeyReporting, fx) }); err != nil {
		return err
	}
	d.mu.Lock()
	d.opts.FX = fx
	demo := d.demo
	d.mu.Unlock()
	for _, ws := range []*Workspace{d.live, demo} {
		if ws == nil {
			continue
		}
		if err := applyRates(ctx, ws, fx); err != nil {
			return err
		}
	}
	d.opts.Events.Emit(EventDataChanged, map[string]string{"what": "reporting"})
	return nil
}

// applyRates sets ws's rates and, when they differ from the ones its scores
// were computed with, recomputes them and records the new rates.
func applyRates(ctx context.Context, ws *Workspace, fx domain.FXRates) error {
	ws.SetRates(fx)
	if sameRates(savedRates(ctx, ws.Store, domain.FXRates{}), fx) && ws.Mode == ModeDemo {
		return nil
	}
	if _, err := ws.Recompute(ctx); err != nil {
		return err
	}
	if ws.Mode == ModeDemo {
		return ws.Store.Write(ctx, func(tx *store.Tx) error { return tx.PutSetting(ctx, settingsKeyReporting, fx) })
	}
	return nil
}

// RateDTO is one currency's rate: how many units of the reporting currency
// one unit of it is worth.
type RateDTO struct {
	Currency string  `json:"currency"`
	Rate     float64 `json:"rate"` // 0: no rate yet (the currency converts at 1)
	InBook   bool    `json:"inBook"`
}

// ReportingDTO is Settings → Reporting currency.
type ReportingDTO struct {
	Base  string    `json:"base"`
	Rates []RateDTO `json:"rates"` // every currency but the base, in code order
	// Choices are the currencies totals can be reported in: the base and
	// every currency with a rate.
	Choices []string `json:"choices"`
	Note    string   `json:"note"` // "Totals in USD at 1 EUR = 1.08 USD, …"
}

// SaveReportingRequest sets the reporting currency. With no rates, the
// current rates are restated in Base (which must have a rate); with rates,
// they are taken as given in Base. A rate of 0 removes a currency's rate.
type SaveReportingRequest struct {
	Base  string    `json:"base"`
	Rates []RateDTO `json:"rates"`
}

// Reporting returns the reporting currency, its rates and the currencies
// the shown book holds.
func (s *SettingsService) Reporting(InfoRequest) (ReportingDTO, error) {
	ctx := context.Background()
	ws := s.desk.Current()
	held, err := ws.Store.Currencies(ctx)
	if err != nil {
		return ReportingDTO{}, err
	}
	return reportingDTO(ws.Rates(), held), nil
}

// SaveReporting validates and applies a new reporting currency or new
// rates, recomputing scores, and returns the result. Errors: invalid.
func (s *SettingsService) SaveReporting(req SaveReportingRequest) (ReportingDTO, error) {
	ctx := context.Background()
	cur := s.desk.Current().Rates()
	var fx domain.FXRates
	if len(req.Rates) == 0 {
		var err error
		if fx, err = cur.Rebase(req.Base); err != nil {
			return ReportingDTO{}, err
		}
	} else {
		fx = domain.FXRates{Base: req.Base, Rates: map[string]float64{}}
		for _, r := range req.Rates {
			if r.Rate != 0 {
				fx.Rates[r.Currency] = r.Rate
			}
		}
	}
	if err := s.desk.SetReporting(ctx, fx); err != nil {
		return ReportingDTO{}, err
	}
	return s.Reporting(InfoRequest{})
}

func reportingDTO(fx domain.FXRates, held []string) ReportingDTO {
	out := ReportingDTO{Base: fx.Base, Rates: []RateDTO{}, Choices: []string{fx.Base}, Note: fxNote(fx)}
	inBook := map[string]bool{}
	for _, c := range held {
		inBook[c] = true
	}
	seen := map[string]bool{fx.Base: true}
	for c, rate := range fx.Rates {
		if !seen[c] {
			seen[c] = true
			out.Rates = append(out.Rates, RateDTO{Currency: c, Rate: rate, InBook: inBook[c]})
			out.Choices = append(out.Choices, c)
		}
	}
	for _, c := range held {
		if !seen[c] {
			seen[c] = true
			out.Rates = append(out.Rates, RateDTO{Currency: c, InBook: true})
		}
	}
	sort.Slice(out.Rates, func(i, j int) bool { return out.Rates[i].Currency < out.Rates[j].Currency })
	sort.Strings(out.Choices)
	return out
}
