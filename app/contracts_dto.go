package app

// ContractsQuery selects rows of the Contracts ledger. Search matches the
// customer's name, e-mail, domain or the product; Status is one of the
// nine filter values; Source "salesbricks" or "stripe" also matches merged
// rows (a company both sources describe).
type ContractsQuery struct {
	Search string `json:"search"`
	// Status: "" (all) | active | trialing | past_due | expiring30 |
	// canceled | expired | pending | draft.
	Status string `json:"status"`
	Source string `json:"source"` // "" | salesbricks | stripe
	// Mismatched keeps only rows where Salesbricks and Stripe disagree.
	Mismatched bool `json:"mismatched"`
	// Sort: customer | product | status | source | amount | mrr | arr |
	// interval | renewal | payment; "" is renewal soonest first.
	Sort   string `json:"sort"`
	Desc   bool   `json:"desc"`
	Offset int    `json:"offset"`
	Limit  int    `json:"limit"` // 1–1000; 0 means 100
}

// MismatchDTO is one reconciliation finding, with both sides' values.
type MismatchDTO struct {
	Kind        string `json:"kind"`  // amount | interval | renewal | status | contract_without_subscription | subscription_without_contract
	Label       string `json:"label"` // short, e.g. "Amount differs"
	Salesbricks string `json:"salesbricks"`
	Stripe      string `json:"stripe"`
	Explain     string `json:"explain"`
}

// ContractRowDTO is one ledger row: a Salesbricks contract, a Stripe
// subscription, or both merged when they describe the same plan.
type ContractRowDTO struct {
	// Key identifies the row across calls: "rs:<id>" or, merged,
	// "rs:<contract id>+<subscription id>".
	Key       string `json:"key"`
	AccountID int64  `json:"accountId"`
	Customer  string `json:"customer"`
	Domain    string `json:"domain"`
	Email     string `json:"email"`
	// AccountRows is how many ledger rows the account has (a
	// multi-contract badge when > 1).
	AccountRows   int           `json:"accountRows"`
	Product       string        `json:"product"`
	Status        string        `json:"status"` // active | trialing | past_due | canceled | expired | pending | draft
	Source        string        `json:"source"` // salesbricks | stripe | merged
	Amount        MoneyDTO      `json:"amount"` // one billing interval
	MRR           MoneyDTO      `json:"mrr"`
	ARR           MoneyDTO      `json:"arr"`
	Interval      string        `json:"interval"` // weekly | monthly | quarterly | annual
	RenewalAt     string        `json:"renewalAt"`
	DaysToRenewal *int          `json:"daysToRenewal"` // nil: "Unknown"
	TrialEnd      string        `json:"trialEnd"`
	CancelAtEnd   bool          `json:"cancelAtEnd"`
	PaymentStatus string        `json:"paymentStatus"` // paid | open | past_due | failed | none
	Mismatches    []MismatchDTO `json:"mismatches"`
	Routed        *RoutedDTO    `json:"routed"`
}

// ContractsListDTO is one window of ledger rows and how many match in all.
type ContractsListDTO struct {
	Meta   MetaDTO          `json:"meta"`
	Rows   []ContractRowDTO `json:"rows"`
	Total  int              `json:"total"`
	Offset int              `json:"offset"`
}

// CurrencyTotalDTO is the active recurring revenue of one currency, exact.
type CurrencyTotalDTO struct {
	Currency  string   `json:"currency"`
	Contracts int      `json:"contracts"`
	MRR       MoneyDTO `json:"mrr"`
	ARR       MoneyDTO `json:"arr"`
}

// ContractsSummaryDTO holds the cards over the visible ledger (search and
// source applied; status and mismatch filters are not).
type ContractsSummaryDTO struct {
	Meta        MetaDTO `json:"meta"`
	Total       int     `json:"total"`
	Salesbricks int     `json:"salesbricks"` // rows with a Salesbricks record (merged rows count in both)
	Stripe      int     `json:"stripe"`
	Merged      int     `json:"merged"`
	Active      int     `json:"active"` // active + trialing (+ past due, which still bills)
	Trialing    int     `json:"trialing"`
	PastDue     int     `json:"pastDue"`
	Expiring30  int     `json:"expiring30"`
	Canceled    int     `json:"canceled"`
	Expired     int     `json:"expired"`
	Pending     int     `json:"pending"`
	Draft       int     `json:"draft"`
	Mismatched  int     `json:"mismatched"`
	// ActiveMRR and ActiveARR total every currency in the base currency at
	// the rates FXNote states; ByCurrency keeps each currency exact.
	ActiveMRR  MoneyDTO           `json:"activeMrr"`
	ActiveARR  MoneyDTO           `json:"activeArr"`
	ByCurrency []CurrencyTotalDTO `json:"byCurrency"`
	FXNote     string             `json:"fxNote"`
}

// ContractRequest names one ledger row.
type ContractRequest struct {
	Key string `json:"key"`
}

// HistoryEventDTO is one entry of a contract's history: a term, renewal,
// amendment, cancellation or status change.
type HistoryEventDTO struct {
	At     string `json:"at"`
	Kind   string `json:"kind"` // term | renewal | amendment | cancellation | status | order
	Source string `json:"source"`
	Title  string `json:"title"`
	Detail string `json:"detail"`
}

// RetryDTO is one payment attempt of an invoice, past or scheduled.
type RetryDTO struct {
	InvoiceID string `json:"invoiceId"`
	Attempt   int    `json:"attempt"` // 1-based
	At        string `json:"at"`
	Outcome   string `json:"outcome"` // failed | succeeded | scheduled
	Reason    string `json:"reason"`
}

// LinkedRequestDTO is a customer request matched to this contract by
// Close the Loop.
type LinkedRequestDTO struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	At    string `json:"at"`
}

// ContractDetailDTO is the contract detail sheet.
type ContractDetailDTO struct {
	Meta MetaDTO        `json:"meta"`
	Row  ContractRowDTO `json:"row"`
	// Records are the source records behind the row (two when merged).
	Records  []RevenueSourceDTO `json:"records"`
	History  []HistoryEventDTO  `json:"history"`
	Invoices []InvoiceDTO       `json:"invoices"` // newest first
	Retries  []RetryDTO         `json:"retries"`
	// Linked are requests Close the Loop matched; empty until it does.
	Linked []LinkedRequestDTO `json:"linked"`
}

// RenewalDraftDTO is an editable renewal e-mail built from a contract's facts.
type RenewalDraftDTO struct {
	To      string `json:"to"`
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

// ContractsExportRequest exports the ledger exactly as filtered.
type ContractsExportRequest struct {
	Query  ContractsQuery `json:"query"`
	Format string         `json:"format"` // csv | json
}

// ExportDTO is a finished export: the file written and its content.
type ExportDTO struct {
	Path     string `json:"path"` // where the file was saved
	Filename string `json:"filename"`
	Format   string `json:"format"`
	Rows     int    `json:"rows"`
	Content  string `json:"content"`
}
