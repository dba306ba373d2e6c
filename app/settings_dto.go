package app

import (
	"successdesk/backend/store"
)

// SourceRowsDTO counts what a source synced into the live book.
type SourceRowsDTO struct {
	Accounts      int `json:"accounts"`
	Subscriptions int `json:"subscriptions"`
	Invoices      int `json:"invoices"`
	Activities    int `json:"activities"`
	Other         int `json:"other"` // contacts, deals, releases, enrichment
	Total         int `json:"total"`
}

func sourceRowsDTO(r store.SourceRows) SourceRowsDTO {
	return SourceRowsDTO{Accounts: r.Accounts, Subscriptions: r.Subscriptions, Invoices: r.Invoices,
		Activities: r.Activities, Other: r.Contacts + r.Deals + r.Releases + r.Enrichments, Total: r.Total()}
}

// SyncStateDTO is a source's sync bookkeeping as Settings shows it.
type SyncStateDTO struct {
	Status        string `json:"status"` // idle | running | failed | reconnect
	LastSuccessAt string `json:"lastSuccessAt"`
	LastError     string `json:"lastError"` // plain words, "" after a success
	ErrorCount    int    `json:"errorCount"`
	ItemsSynced   int    `json:"itemsSynced"`
	NextRunAt     string `json:"nextRunAt"` // "" when not scheduled
}

// IntegrationDTO is one card of Settings → Integrations.
type IntegrationDTO struct {
	Source     string           `json:"source"`
	Label      string           `json:"label"`
	Powers     string           `json:"powers"`
	Sections   []string         `json:"sections"` // section labels that read this source
	Built      bool             `json:"built"`
	Planned    string           `json:"planned"` // what brings a source that is not built yet
	TokenLabel string           `json:"tokenLabel"`
	Fields     []SourceFieldDTO `json:"fields"` // settings asked for besides the token
	TokenHelp  string           `json:"tokenHelp"`
	BaseURL    string           `json:"baseUrl"` // an overriding base URL from the environment, "" normally
	Status     string           `json:"status"`  // connected | available | missing
	Account    string           `json:"account"` // whose account the key opens
	KeyKind    string           `json:"keyKind"` // "secret key", "restricted key", ""
	KeyMode    string           `json:"keyMode"` // test | live | ""
	Connected  string           `json:"connectedAt"`
	Sync       *SyncStateDTO    `json:"sync"` // nil when never synced
	Rows       SourceRowsDTO    `json:"rows"`
}

// SectionReadinessDTO is one section's readiness from its sources.
type SectionReadinessDTO struct {
	Section   string   `json:"section"`
	Label     string   `json:"label"`
	Readiness string   `json:"readiness"` // ready | partial | not_connected | error
	Needs     []string `json:"needs"`     // source labels, "Attio or Salesbricks" for alternatives
}

// IntegrationsDTO is the whole Settings → Integrations page.
type IntegrationsDTO struct {
	Mode         string                `json:"mode"` // the book the window shows: demo | live
	Running      bool                  `json:"running"`
	IntervalMin  int                   `json:"intervalMinutes"`
	Integrations []IntegrationDTO      `json:"integrations"`
	Sections     []SectionReadinessDTO `json:"sections"`
	AnyConnected bool                  `json:"anyConnected"`
}

// IntegrationsRequest asks for the integrations page.
type IntegrationsRequest struct{}

// ConnectRequest is a pasted credential. The token travels only in this
// request: no DTO ever carries it back.
type ConnectRequest struct {
	Source string `json:"source"`
	Token  string `json:"token"`
	// Options are the source's other settings (IntegrationDTO.Fields).
	Options map[string]string `json:"options"`
}

// SourceFieldDTO is one setting the Connect dialog asks for besides the token.
type SourceFieldDTO struct {
	Key         string      `json:"key"`
	Label       string      `json:"label"`
	Help        string      `json:"help"`
	Placeholder string      `json:"placeholder"`
	Choices     []ChoiceDTO `json:"choices"`
	Value       string      `json:"value"` // the saved value, "" when unset
}

// ChoiceDTO is a suggested value of a field.
type ChoiceDTO struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// ConnectDTO is the outcome of a connection.
type ConnectDTO struct {
	Integration IntegrationDTO `json:"integration"`
	OfferLive   bool           `json:"offerLive"` // the window shows the demo book: offer to switch
	Syncing     bool           `json:"syncing"`   // the first sync started
}

// SourceRequest names one source.
type SourceRequest struct {
	Source string `json:"source"`
}

// DisconnectRequest removes a source's key, and with RemoveData its data.
type DisconnectRequest struct {
	Source     string `json:"source"`
	RemoveData bool   `json:"removeData"`
}

// DisconnectDTO says what a disconnect removed.
type DisconnectDTO struct {
	Source  string        `json:"source"`
	Removed SourceRowsDTO `json:"removed"`
}

// SyncRequest names the sources to sync now (all connected ones when empty).
type SyncRequest struct {
	Sources []string `json:"sources"`
}

// SyncStartedDTO says a sync started; progress arrives as events.
type SyncStartedDTO struct {
	Started bool `json:"started"`
}

// CancelDTO says whether a run was stopped.
type CancelDTO struct {
	Canceled bool `json:"canceled"`
}

// ModeRequest picks the book the window shows.
type ModeRequest struct {
	Mode string `json:"mode"` // demo | live
}

// ModeDTO is the book the window shows now.
type ModeDTO struct {
	Mode string `json:"mode"`
}

// IntervalRequest sets the schedule's period.
type IntervalRequest struct {
	Minutes int `json:"minutes"`
}

// PropertyDTO is a source field a person may choose to show.
type PropertyDTO struct {
	Name   string `json:"name"`
	Label  string `json:"label"`
	Group  string `json:"group"`
	Custom bool   `json:"custom"`
}

// PropertiesDTO lists a source's properties and which are chosen.
type PropertiesDTO struct {
	Properties []PropertyDTO `json:"properties"`
	Chosen     []string      `json:"chosen"`
}

// SetOptionsRequest changes settings of a connected source (see
// IntegrationDTO.Fields); options not named keep their value.
type SetOptionsRequest struct {
	Source  string            `json:"source"`
	Options map[string]string `json:"options"`
}
