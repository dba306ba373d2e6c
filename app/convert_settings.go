package app

import (
	"context"
	"time"

	"successdesk/backend/convert"
	"successdesk/backend/domain"
)

// Where the Convert settings and the last Sync trials time are stored.
const (
	settingsKeyConvert       = "convert.settings"
	settingsKeyConvertSynced = "convert.lastSyncedAt"
)

// convertSettings returns ws's stored Convert settings, or the defaults
// (stored settings that no longer validate are replaced by the defaults).
func convertSettings(ctx context.Context, ws *Workspace) (convert.Settings, error) {
	s := convert.Defaults()
	found, err := ws.Store.GetSetting(ctx, settingsKeyConvert, &s)
	if err != nil {
		return convert.Defaults(), err
	}
	s = s.Normalize()
	if found && s.Validate() != nil {
		if ws.Log != nil {
			ws.Log.Warn("stored Convert settings are invalid; using the defaults")
		}
		return convert.Defaults(), nil
	}
	return s, nil
}

// convertLastSynced is when Sync trials last finished with every fetch
// succeeding (zero: never).
func convertLastSynced(ctx context.Context, ws *Workspace) time.Time {
	var at time.Time
	if _, err := ws.Store.GetSetting(ctx, settingsKeyConvertSynced, &at); err != nil {
		return time.Time{}
	}
	return at
}

func convertSettingsValues(s convert.Settings) ConvertSettingsValues {
	v := ConvertSettingsValues{IncludeSalesbricks: s.IncludeSalesbricks, IncludeStripe: s.IncludeStripe,
		Statuses: make([]string, 0, len(s.Statuses)), ExcludeDomains: append([]string{}, s.ExcludeDomains...),
		ExcludeFreeMail: s.ExcludeFreeMail, ExcludePaying: s.ExcludePaying, MinValueMinor: s.MinValueMinor,
		UrgencyDays: s.UrgencyDays, HighCutoff: s.HighCutoff, MediumCutoff: s.MediumCutoff}
	for _, st := range s.Statuses {
		v.Statuses = append(v.Statuses, string(st))
	}
	return v
}

func (v ConvertSettingsValues) settings() convert.Settings {
	s := convert.Settings{IncludeSalesbricks: v.IncludeSalesbricks, IncludeStripe: v.IncludeStripe,
		ExcludeDomains: v.ExcludeDomains, ExcludeFreeMail: v.ExcludeFreeMail, ExcludePaying: v.ExcludePaying,
		MinValueMinor: v.MinValueMinor, UrgencyDays: v.UrgencyDays, HighCutoff: v.HighCutoff, MediumCutoff: v.MediumCutoff}
	for _, st := range v.Statuses {
		s.Statuses = append(s.Statuses, domain.RevenueStatus(st))
	}
	return s.Normalize()
}

// Settings returns the Settings tab: the settings in force, the defaults
// and the base currency the minimum value is in.
func (s *ConvertService) Settings(InfoRequest) (ConvertSettingsDTO, error) {
	ctx := context.Background()
	ws := s.ws()
	cur, err := convertSettings(ctx, ws)
	if err != nil {
		return ConvertSettingsDTO{}, err
	}
	return s.settingsDTO(ctx, ws, cur), nil
}

func (s *ConvertService) settingsDTO(ctx context.Context, ws *Workspace, cur convert.Settings) ConvertSettingsDTO {
	return ConvertSettingsDTO{Meta: s.meta(ctx, ws), Settings: convertSettingsValues(cur),
		Defaults: convertSettingsValues(convert.Defaults()), BaseCurrency: ws.Rates().Base}
}

// SaveSettings tidies (lower-cases domains and statuses, drops duplicates),
// validates and stores the settings, re-tallies the queue under them and
// tells the window (a data-changed event "convert"). The settings are
// returned as stored. Errors: invalid, in plain words naming the field.
func (s *ConvertService) SaveSettings(v ConvertSettingsValues) (ConvertSettingsDTO, error) {
	ctx := context.Background()
	ws := s.ws()
	cs := v.settings()
	if err := cs.Validate(); err != nil {
		return ConvertSettingsDTO{}, err
	}
	if err := s.queue.writeSetting(ctx, ws, settingsKeyConvert, cs); err != nil {
		return ConvertSettingsDTO{}, err
	}
	if _, err := s.queue.tally(ctx, ws, cs); err != nil {
		return ConvertSettingsDTO{}, err
	}
	ws.emit(EventDataChanged, map[string]string{"what": "convert"})
	return s.settingsDTO(ctx, ws, cs), nil
}
