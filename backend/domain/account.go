package domain

import "time"

// Account is one customer company. Domain is the identity key across sources;
// it is empty when no clean domain is known (such accounts open in the side
// sheet instead of the domain-keyed Customer Detail page).
type Account struct {
	ID           int64
	Domain       string
	Name         string
	PrimaryEmail string
	Owner        string
	Tracked      bool
	CreatedAt    time.Time
}

// Contact is a person at an account.
type Contact struct {
	ID        int64
	AccountID int64
	Name      string
	Email     string
	Title     string
}

// Enrichment is CRM context for an account (HubSpot, Attio, Salesforce).
type Enrichment struct {
	AccountID int64
	Source    Source
	Industry  string
	Employees int
	Location  string
	Custom    map[string]string
	UpdatedAt time.Time
}
