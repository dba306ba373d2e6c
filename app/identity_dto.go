package app

// UnmatchedDTO is a source record that matched no company ("needs matching").
type UnmatchedDTO struct {
	Source      string `json:"source"`
	SourceLabel string `json:"sourceLabel"`
	Key         string `json:"key"`  // the source's own customer id
	Name        string `json:"name"` // what the source calls it (untrusted text)
	Email       string `json:"email"`
	AccountID   int64  `json:"accountId"` // the placeholder account it sits on
	Revenue     int    `json:"revenue"`
	Invoices    int    `json:"invoices"`
	Activities  int    `json:"activities"`
}

// NeedsMatchingRequest asks for the needs-matching list of the live book.
type NeedsMatchingRequest struct{}

// NeedsMatchingDTO is the needs-matching list, by name.
type NeedsMatchingDTO struct {
	Records []UnmatchedDTO `json:"records"`
}

// FindAccountsRequest searches the live book's accounts by name, domain or
// contact e-mail.
type FindAccountsRequest struct {
	Query string `json:"query"`
	Limit int    `json:"limit"` // 1–200; 0 means 20
}

// AccountOptionDTO is an account offered as an attach or merge target.
type AccountOptionDTO struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Domain string `json:"domain"`
}

// FindAccountsDTO lists matching accounts, those with a domain first.
type FindAccountsDTO struct {
	Accounts []AccountOptionDTO `json:"accounts"`
}

// AttachRequest attaches a source record to an account.
type AttachRequest struct {
	Source    string `json:"source"`
	Key       string `json:"key"`
	AccountID int64  `json:"accountId"`
}

// MergeRequest folds account DropID into account KeepID.
type MergeRequest struct {
	KeepID int64 `json:"keepId"`
	DropID int64 `json:"dropId"`
}

// SplitRequest moves a source record off its account into its own.
type SplitRequest struct {
	Source string `json:"source"`
	Key    string `json:"key"`
}

// IdentityDTO answers a change of identity: the account that now holds
// the record(s), and the needs-matching list after the change.
type IdentityDTO struct {
	AccountID     int64          `json:"accountId"`
	NeedsMatching []UnmatchedDTO `json:"needsMatching"`
}

// AccountRecordsRequest asks which source records make up an account.
type AccountRecordsRequest struct {
	AccountID int64 `json:"accountId"`
}

// AccountRecordDTO is one source record linked to an account.
type AccountRecordDTO struct {
	Source      string `json:"source"`
	SourceLabel string `json:"sourceLabel"`
	Key         string `json:"key"`
	Name        string `json:"name"`
	Domain      string `json:"domain"`
	Email       string `json:"email"`
	ByPerson    bool   `json:"byPerson"` // a person attached, merged or split it
}

// AccountRecordsDTO lists an account's source records.
type AccountRecordsDTO struct {
	Records []AccountRecordDTO `json:"records"`
}
