package app

// ConvertQuery selects rows of the Convert queue.
type ConvertQuery struct {
	Search     string `json:"search"`     // company name or domain
	Source     string `json:"source"`     // "" | salesbricks | stripe
	Likelihood string `json:"likelihood"` // "" | high | medium | low
	// Sort: score | company | source | likelihood | trialDays | value;
	// "" is score, highest first. Routed accounts are always on top.
	Sort   string `json:"sort"`
	Desc   bool   `json:"desc"`
	Offset int    `json:"offset"`
	Limit  int    `json:"limit"` // 1–1000; 0 means 100
}

// ConvertRowDTO is one candidate: a trialing subscription or an open order.
type ConvertRowDTO struct {
	Key                string      `json:"key"` // "rs:<revenue source id>"
	AccountID          int64       `json:"accountId"`
	Company            string      `json:"company"`
	Domain             string      `json:"domain"`
	Source             string      `json:"source"` // salesbricks | stripe
	Status             string      `json:"status"` // trialing | pending | draft
	Product            string      `json:"product"`
	Score              int         `json:"score"`      // 0–100
	Likelihood         string      `json:"likelihood"` // high | medium | low
	TrialEnd           string      `json:"trialEnd"`
	TrialDaysRemaining *int        `json:"trialDaysRemaining"` // nil: no trial end known
	EstimatedValue     MoneyDTO    `json:"estimatedValue"`     // expected ARR, record currency
	EstimatedValueBase MoneyDTO    `json:"estimatedValueBase"`
	Factors            []FactorDTO `json:"factors"` // signed points behind the score
	Routed             *RoutedDTO  `json:"routed"`
}

// ConvertListDTO is one window of the queue and how many match in all.
type ConvertListDTO struct {
	Meta   MetaDTO         `json:"meta"`
	Rows   []ConvertRowDTO `json:"rows"`
	Total  int             `json:"total"`
	Offset int             `json:"offset"`
}

// ConvertSummaryDTO holds the four cards over the whole queue.
type ConvertSummaryDTO struct {
	Meta           MetaDTO  `json:"meta"`
	Total          int      `json:"total"`
	High           int      `json:"high"`
	Medium         int      `json:"medium"`
	Low            int      `json:"low"`
	EndingSoon     int      `json:"endingSoon"` // trials ending within UrgencyDays
	UrgencyDays    int      `json:"urgencyDays"`
	EstimatedValue MoneyDTO `json:"estimatedValue"` // base currency
	FXNote         string   `json:"fxNote"`
	LastSyncedAt   string   `json:"lastSyncedAt"` // last Sync trials (or source sync)
}

// ConvertSettingsValues decide what counts as a candidate and how it is tiered.
type ConvertSettingsValues struct {
	IncludeSalesbricks bool     `json:"includeSalesbricks"`
	IncludeStripe      bool     `json:"includeStripe"`
	Statuses           []string `json:"statuses"`       // of trialing | pending | draft
	ExcludeDomains     []string `json:"excludeDomains"` // lower-case domains
	ExcludeFreeMail    bool     `json:"excludeFreeMail"`
	ExcludePaying      bool     `json:"excludePaying"` // skip accounts that already pay
	MinValueMinor      int64    `json:"minValueMinor"` // base currency
	UrgencyDays        int      `json:"urgencyDays"`   // 1–90
	HighCutoff         int      `json:"highCutoff"`    // score ≥ this is High
	MediumCutoff       int      `json:"mediumCutoff"`  // score ≥ this is Medium
}

// ConvertSettingsDTO is the Settings tab.
type ConvertSettingsDTO struct {
	Meta         MetaDTO               `json:"meta"`
	Settings     ConvertSettingsValues `json:"settings"`
	Defaults     ConvertSettingsValues `json:"defaults"`
	BaseCurrency string                `json:"baseCurrency"`
}

// SyncTrialsRequest starts Sync trials.
type SyncTrialsRequest struct{}

// SyncTrialsDTO reports a finished Sync trials run.
type SyncTrialsDTO struct {
	Meta         MetaDTO  `json:"meta"`
	Phases       []string `json:"phases"` // the labels that ran, in order
	Candidates   int      `json:"candidates"`
	LastSyncedAt string   `json:"lastSyncedAt"`
	// Warnings say in plain words what could not be fetched; the queue
	// was tallied from what the book already had.
	Warnings []string `json:"warnings"`
}

// ConvertPhaseEvent is the payload of EventConvertPhase.
type ConvertPhaseEvent struct {
	Phase string `json:"phase"` // loading | checking | orders | subscriptions | tallying | done
	Label string `json:"label"` // "Loading…" etc.
	// Seq numbers the run's events from 1, so the window shows them in
	// order even when a transport delivers them out of order.
	Seq int `json:"seq"`
}

// CandidateRequest names one candidate.
type CandidateRequest struct {
	Key string `json:"key"`
}

// CandidateDTO is the candidate detail sheet.
type CandidateDTO struct {
	Meta     MetaDTO          `json:"meta"`
	Row      ConvertRowDTO    `json:"row"`
	Record   RevenueSourceDTO `json:"record"` // the trial's order or subscription
	Usage    []UsagePointDTO  `json:"usage"`  // weekly active users over the trial
	Contacts []ContactDTO     `json:"contacts"`
	NextStep string           `json:"nextStep"`
}

// ConvertExportRequest exports the queue exactly as filtered.
type ConvertExportRequest struct {
	Query  ConvertQuery `json:"query"`
	Format string       `json:"format"` // csv | json
}
