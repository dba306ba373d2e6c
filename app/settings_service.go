package app

import (
	"context"
	"strings"

	"successdesk/backend/domain"
	"successdesk/backend/sources"
)

// SettingsService serves Settings → Integrations: connecting and
// disconnecting sources, their sync state, Sync now and Cancel, the sync
// schedule, and the switch between the demo and the live book.
type SettingsService struct {
	desk *Desk
}

// NewSettingsService returns a SettingsService over desk.
func NewSettingsService(desk *Desk) *SettingsService { return &SettingsService{desk: desk} }

// Integrations returns every source's card and each section's readiness.
func (s *SettingsService) Integrations(IntegrationsRequest) (IntegrationsDTO, error) {
	ctx := context.Background()
	views, err := s.desk.SourceViews(ctx)
	if err != nil {
		return IntegrationsDTO{}, err
	}
	out := IntegrationsDTO{Mode: s.desk.Mode(), Running: s.desk.Running(),
		IntervalMin: int(s.desk.SyncInterval(ctx).Minutes()), Integrations: []IntegrationDTO{}}
	for _, v := range views {
		out.Integrations = append(out.Integrations, s.integration(v))
		out.AnyConnected = out.AnyConnected || v.Connection != nil
	}
	for _, sec := range domain.Sections {
		r := SectionReadinessDTO{Section: string(sec), Label: sec.Label(), Readiness: s.desk.Readiness(ctx, sec), Needs: []string{}}
		for _, g := range sources.Requires(sec) {
			labels := make([]string, len(g))
			for i, src := range g {
				labels[i] = src.Label()
			}
			r.Needs = append(r.Needs, strings.Join(labels, " or "))
		}
		out.Sections = append(out.Sections, r)
	}
	return out, nil
}

func (s *SettingsService) integration(v SourceView) IntegrationDTO {
	in := v.Info
	d := IntegrationDTO{Source: string(in.Source), Label: in.Label, Powers: in.Powers, Sections: []string{},
		Built: in.Built, Planned: in.Planned, TokenLabel: in.TokenLabel, TokenHelp: in.TokenHelp,
		BaseURL: s.desk.opts.Factory.BaseURL(in.Source), Status: v.Status()}
	for _, sec := range in.Sections {
		d.Sections = append(d.Sections, sec.Label())
	}
	var saved sources.Options
	if c := v.Connection; c != nil {
		d.Account, d.KeyKind, d.KeyMode, d.Connected = c.Account, c.KeyKind, c.KeyMode, rfc(c.ConnectedAt)
		saved = c.Options
	}
	d.Fields = []SourceFieldDTO{}
	for _, f := range sources.Fields(in.Source) {
		fd := SourceFieldDTO{Key: f.Key, Label: f.Label, Help: f.Help, Placeholder: f.Placeholder, Choices: []ChoiceDTO{}, Value: saved.Get(f.Key)}
		for _, c := range f.Choices {
			fd.Choices = append(fd.Choices, ChoiceDTO{Value: c.Value, Label: c.Label})
		}
		d.Fields = append(d.Fields, fd)
	}
	if st := v.State; st != nil {
		d.Sync = &SyncStateDTO{Status: string(st.Status), LastSuccessAt: rfc(st.LastSuccessAt), LastError: st.LastError,
			ErrorCount: st.ErrorCount, ItemsSynced: st.ItemsSynced, NextRunAt: rfc(v.NextRunAt)}
	}
	if v.Rows != nil {
		d.Rows = sourceRowsDTO(*v.Rows)
	}
	return d
}

func (s *SettingsService) view(ctx context.Context, src domain.Source) (IntegrationDTO, error) {
	views, err := s.desk.SourceViews(ctx)
	if err != nil {
		return IntegrationDTO{}, err
	}
	for _, v := range views {
		if v.Info.Source == src {
			return s.integration(v), nil
		}
	}
	return IntegrationDTO{}, domain.Errorf(domain.ENotFound, "%q is not a source Success Desk knows.", string(src))
}

// Connect verifies and saves a pasted credential, then starts the source's
// first sync in the background. Errors: invalid, unauthorized, unavailable.
func (s *SettingsService) Connect(req ConnectRequest) (ConnectDTO, error) {
	ctx := context.Background()
	src := domain.Source(req.Source)
	if _, err := s.desk.Connect(ctx, src, req.Token, req.Options); err != nil {
		return ConnectDTO{}, err
	}
	out := ConnectDTO{OfferLive: s.desk.Mode() == ModeDemo}
	out.Syncing = s.desk.SyncInBackground(src) == nil
	var err error
	out.Integration, err = s.view(ctx, src)
	return out, err
}

// DisconnectPreview counts the rows a disconnect with RemoveData deletes,
// for the confirmation.
func (s *SettingsService) DisconnectPreview(req SourceRequest) (SourceRowsDTO, error) {
	rows, err := s.desk.live.Store.CountSourceRows(context.Background(), domain.Source(req.Source))
	return sourceRowsDTO(rows), err
}

// Disconnect removes the source's key (and, with RemoveData, its data).
func (s *SettingsService) Disconnect(req DisconnectRequest) (DisconnectDTO, error) {
	rows, err := s.desk.Disconnect(context.Background(), domain.Source(req.Source), req.RemoveData)
	return DisconnectDTO{Source: req.Source, Removed: sourceRowsDTO(rows)}, err
}

// SyncNow starts a sync of the named sources (all connected ones when none
// is named). Errors: conflict while a sync runs.
func (s *SettingsService) SyncNow(req SyncRequest) (SyncStartedDTO, error) {
	srcs := make([]domain.Source, 0, len(req.Sources))
	for _, x := range req.Sources {
		src := domain.Source(x)
		if _, ok := sources.Lookup(src); !ok {
			return SyncStartedDTO{}, domain.Errorf(domain.EInvalid, "%q is not a source Success Desk knows.", x)
		}
		srcs = append(srcs, src)
	}
	if err := s.desk.SyncInBackground(srcs...); err != nil {
		return SyncStartedDTO{}, err
	}
	return SyncStartedDTO{Started: true}, nil
}

// CancelSync stops the source's run (every run when Source is "") after
// the page in flight; what was committed stays, and the next run resumes.
func (s *SettingsService) CancelSync(req SourceRequest) (CancelDTO, error) {
	if req.Source == "" {
		return CancelDTO{Canceled: s.desk.CancelSync()}, nil
	}
	return CancelDTO{Canceled: s.desk.CancelSync(domain.Source(req.Source))}, nil
}

// SetMode switches the window between the demo and the live book.
func (s *SettingsService) SetMode(req ModeRequest) (ModeDTO, error) {
	err := s.desk.SetMode(context.Background(), req.Mode)
	return ModeDTO{Mode: s.desk.Mode()}, err
}

// DemoBuild says how far the demo book's build has come; it answers at
// once, while the build still holds the book (see DeskOptions.DemoInBackground).
func (s *SettingsService) DemoBuild(DemoBuildRequest) (DemoBuildDTO, error) {
	return s.desk.DemoBuild(), nil
}

// SetSyncInterval sets how often connected sources sync (5–1440 minutes).
func (s *SettingsService) SetSyncInterval(req IntervalRequest) (IntervalRequest, error) {
	return req, s.desk.SetSyncInterval(context.Background(), req.Minutes)
}

// Properties lists the properties a connected source offers to show in
// Customer Detail (HubSpot's company properties) and the chosen ones.
// Errors: invalid (no such setting), not_connected, unauthorized, unavailable.
func (s *SettingsService) Properties(req SourceRequest) (PropertiesDTO, error) {
	ctx := context.Background()
	src := domain.Source(req.Source)
	props, err := s.desk.SourceProperties(ctx, src)
	if err != nil {
		return PropertiesDTO{}, err
	}
	out := PropertiesDTO{Properties: make([]PropertyDTO, 0, len(props)),
		Chosen: append([]string{}, s.desk.sourceOptions(src).List(sources.OptionProperties)...)}
	for _, p := range props {
		out.Properties = append(out.Properties, PropertyDTO{Name: p.Name, Label: p.Label, Group: p.Group, Custom: p.Custom})
	}
	return out, nil
}

// SetOptions saves settings of a connected source; the next sync uses
// them. Errors: invalid, not_connected.
func (s *SettingsService) SetOptions(req SetOptionsRequest) (IntegrationDTO, error) {
	ctx := context.Background()
	src := domain.Source(req.Source)
	if _, err := s.desk.SetSourceOptions(ctx, src, req.Options); err != nil {
		return IntegrationDTO{}, err
	}
	return s.view(ctx, src)
}
