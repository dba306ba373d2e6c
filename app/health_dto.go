package app

// HealthListRequest selects one window of the Health table.
type HealthListRequest struct {
	Risk             string `json:"risk"` // "" | critical | at_risk | healthy
	Search           string `json:"search"`
	IncludeUntracked bool   `json:"includeUntracked"`
	Sort             string `json:"sort"` // score | account | level | activeUsers | arr | renewal | factors
	Desc             bool   `json:"desc"`
	Offset           int    `json:"offset"`
	Limit            int    `json:"limit"` // 1–1000; 0 means 100
}

// HealthRowDTO is one account in the Health table.
type HealthRowDTO struct {
	AccountID     int64        `json:"accountId"`
	Domain        string       `json:"domain"`
	Name          string       `json:"name"`
	PrimaryEmail  string       `json:"primaryEmail"`
	Tracked       bool         `json:"tracked"`
	Score         int          `json:"score"`
	Level         string       `json:"level"`
	ActiveUsers   *int         `json:"activeUsers"`
	LicensedUsers int          `json:"licensedUsers"`
	ARR           MoneyDTO     `json:"arr"`
	ARRBase       MoneyDTO     `json:"arrBase"`
	RenewalAt     string       `json:"renewalAt"`
	DaysToRenewal *int         `json:"daysToRenewal"`
	PaymentStatus string       `json:"paymentStatus"`
	Factors       []FactorDTO  `json:"factors"`
	Missing       []MissingDTO `json:"missing"`
	Routed        *RoutedDTO   `json:"routed"`
	// Flags name the sources behind this score whose data is stale or
	// failing (live book only), so the score is read with care.
	Flags []InputFlagDTO `json:"flags"`
}

// HealthListDTO is one window of rows and how many match in all.
type HealthListDTO struct {
	Meta   MetaDTO        `json:"meta"`
	Rows   []HealthRowDTO `json:"rows"`
	Total  int            `json:"total"`
	Offset int            `json:"offset"`
}

// LevelARRDTO is one bar of the ARR-by-risk chart.
type LevelARRDTO struct {
	Level string   `json:"level"`
	Label string   `json:"label"`
	Count int      `json:"count"`
	ARR   MoneyDTO `json:"arr"`
}

// HealthSummaryDTO holds the four cards and the chart for the visible portfolio.
type HealthSummaryDTO struct {
	Meta         MetaDTO       `json:"meta"`
	Critical     int           `json:"critical"`
	AtRisk       int           `json:"atRisk"`
	Healthy      int           `json:"healthy"`
	Renewing30   int           `json:"renewing30"`
	Accounts     int           `json:"accounts"`
	ProtectedARR MoneyDTO      `json:"protectedArr"`
	ByLevel      []LevelARRDTO `json:"byLevel"`
	FXNote       string        `json:"fxNote"`
}

// HealthSummaryRequest applies the search and untracked filters to the cards.
type HealthSummaryRequest struct {
	Search           string `json:"search"`
	IncludeUntracked bool   `json:"includeUntracked"`
}

// RefreshRequest asks for a recompute from local data.
type RefreshRequest struct{}

// RefreshDTO reports a finished recompute.
type RefreshDTO struct {
	Meta     MetaDTO `json:"meta"`
	Accounts int     `json:"accounts"`
	TookMs   int64   `json:"tookMs"`
}

// WeightsDTO are the category weights, 0–100 each.
type WeightsDTO struct {
	Adoption int `json:"adoption"`
	Payment  int `json:"payment"`
	Renewal  int `json:"renewal"`
	Signals  int `json:"signals"`
}

// CutoffsDTO are the tier boundaries.
type CutoffsDTO struct {
	Critical int `json:"critical"`
	AtRisk   int `json:"atRisk"`
}

// IntegrationStatusDTO is one line of the Health Settings integration list.
type IntegrationStatusDTO struct {
	Source string `json:"source"`
	Label  string `json:"label"`
	Status string `json:"status"` // demo | connected | stale | not_connected | error
	Powers string `json:"powers"`
	Detail string `json:"detail"`
	// LastSuccessAt is the source's last successful sync ("" when none).
	LastSuccessAt string `json:"lastSuccessAt"`
}

// HealthSettingsDTO is the Health Settings sheet.
type HealthSettingsDTO struct {
	Meta         MetaDTO                `json:"meta"`
	Weights      WeightsDTO             `json:"weights"`
	Cutoffs      CutoffsDTO             `json:"cutoffs"`
	Defaults     WeightsDTO             `json:"defaults"`
	DefaultCuts  CutoffsDTO             `json:"defaultCutoffs"`
	Integrations []IntegrationStatusDTO `json:"integrations"`
}

// SaveHealthSettingsRequest stores new weights and cut-offs.
type SaveHealthSettingsRequest struct {
	Weights WeightsDTO `json:"weights"`
	Cutoffs CutoffsDTO `json:"cutoffs"`
}

// PreviewRequest re-ranks the current snapshot under candidate settings
// without saving them.
type PreviewRequest struct {
	Weights WeightsDTO `json:"weights"`
	Cutoffs CutoffsDTO `json:"cutoffs"`
	Limit   int        `json:"limit"` // rows to return; 0 means 10
}

// PreviewRowDTO is one account in the preview with its current and new rank.
type PreviewRowDTO struct {
	AccountID   int64  `json:"accountId"`
	Name        string `json:"name"`
	Score       int    `json:"score"`
	Level       string `json:"level"`
	ScoreBefore int    `json:"scoreBefore"`
	Rank        int    `json:"rank"`
	RankBefore  int    `json:"rankBefore"`
}

// PreviewDTO is the worst-first preview and the tier counts it would give.
type PreviewDTO struct {
	Rows     []PreviewRowDTO `json:"rows"`
	Critical int             `json:"critical"`
	AtRisk   int             `json:"atRisk"`
	Healthy  int             `json:"healthy"`
}

// TrackRequest includes or excludes an account from monitoring.
type TrackRequest struct {
	AccountID int64 `json:"accountId"`
	Tracked   bool  `json:"tracked"`
}

// TrackDTO confirms the new tracked state.
type TrackDTO struct {
	AccountID int64 `json:"accountId"`
	Tracked   bool  `json:"tracked"`
}
