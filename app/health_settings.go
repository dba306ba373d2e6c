package app

import (
	"context"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

func weightsDTO(w domain.Weights) WeightsDTO {
	return WeightsDTO{Adoption: w.Adoption, Payment: w.Payment, Renewal: w.Renewal, Signals: w.Signals}
}

func (w WeightsDTO) domain() domain.Weights {
	return domain.Weights{Adoption: w.Adoption, Payment: w.Payment, Renewal: w.Renewal, Signals: w.Signals}
}

// healthSources are the inputs of the Health score, in the order the
// Integration Status list shows them.
var healthSources = []struct {
	src    domain.Source
	powers string
}{
	{domain.SourceSalesbricks, "Renewal pressure, ARR and seats from contracts"},
	{domain.SourceStripe, "Payment state: past-due invoices and failed payments"},
	{domain.SourcePostHog, "Adoption: active users and weekly trend"},
	{domain.SourceBuildBetter, "Signals: escalations, complaints and NPS from calls"},
}

// integrations is the Integration Status list: in the demo book every
// input is demo data; in the live book each source's input state.
func (s *HealthService) integrations(ctx context.Context) []IntegrationStatusDTO {
	inputs := s.ws().inputs(ctx)
	out := make([]IntegrationStatusDTO, 0, len(healthSources))
	for _, h := range healthSources {
		st := IntegrationStatusDTO{Source: string(h.src), Label: h.src.Label(), Powers: h.powers, Status: ReadyNotConnected,
			Detail: "Not connected."}
		if s.ws().Mode == ModeDemo {
			st.Status = ReadyDemo
			st.Detail = "Not connected: showing Pied Piper demo data."
		} else if in, ok := inputs[h.src]; ok {
			st.Status, st.Detail, st.LastSuccessAt = integrationStatus(in.State), in.Detail, rfc(in.LastSuccessAt)
		}
		out = append(out, st)
	}
	return out
}

// integrationStatus maps an input state to the list's statuses.
func integrationStatus(state string) string {
	switch state {
	case InputNotConnected:
		return ReadyNotConnected
	case InputStale:
		return "stale"
	case InputFailing, InputReconnect:
		return ReadyError
	}
	return "connected"
}

// Settings returns the Health Settings sheet: weights, cut-offs, their
// defaults and the status of each input source.
func (s *HealthService) Settings(RefreshRequest) (HealthSettingsDTO, error) {
	ctx := context.Background()
	cur, err := s.ws().HealthSettings(ctx)
	if err != nil {
		return HealthSettingsDTO{}, err
	}
	def := domain.DefaultHealthSettings()
	return HealthSettingsDTO{
		Meta: s.ws().Meta(ctx), Weights: weightsDTO(cur.Weights), Cutoffs: CutoffsDTO(cur.Cutoffs),
		Defaults: weightsDTO(def.Weights), DefaultCuts: CutoffsDTO(def.Cutoffs), Integrations: s.integrations(ctx),
	}, nil
}

// SaveSettings validates and stores new weights and cut-offs, then
// recomputes every score with them. Errors: invalid.
func (s *HealthService) SaveSettings(req SaveHealthSettingsRequest) (HealthSettingsDTO, error) {
	ctx := context.Background()
	hs := domain.HealthSettings{Weights: req.Weights.domain(), Cutoffs: domain.Cutoffs(req.Cutoffs)}
	if err := hs.Validate(); err != nil {
		return HealthSettingsDTO{}, err
	}
	if err := s.ws().Store.Write(ctx, func(tx *store.Tx) error { return tx.PutSetting(ctx, settingsKeyHealth, hs) }); err != nil {
		return HealthSettingsDTO{}, err
	}
	if _, err := s.ws().Recompute(ctx); err != nil {
		return HealthSettingsDTO{}, err
	}
	return s.Settings(RefreshRequest{})
}
