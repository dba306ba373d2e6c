package bbfake

import (
	"encoding/json"
	"io"
	"os"
	"time"
)

// Book is the data a Server serves: one organization's companies, people,
// calls and signals. It loads from JSON (the field names below) so that
// tests can keep small hand-written books in testdata.
//
// The Account, Kind and Score fields are not served: they record what a
// correct sync makes of the record (see Truth), set by the generator or by
// the author of a hand-written book.
type Book struct {
	Organization string    `json:"organization"`
	Companies    []Company `json:"companies"`
	People       []Person  `json:"people"`
	Calls        []Call    `json:"calls"`
	Signals      []Signal  `json:"signals"`
	// AccountDomains maps an account key to the Domain a correct sync
	// gives it ("" for none).
	AccountDomains map[string]string `json:"account_domains,omitempty"`
}

// Company is a company record. Domain is served as stored: it may be a URL,
// empty, or a free-mail host.
type Company struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Domain string `json:"domain,omitempty"`
}

// Person is a call attendee or a signal's speaker. A person with a UserID
// is a member of the organization's team; CompanyID 0 means no company.
type Person struct {
	ID        int64  `json:"id"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name,omitempty"`
	Email     string `json:"email,omitempty"`
	CompanyID int64  `json:"company_id,omitempty"`
	UserID    int64  `json:"user_id,omitempty"`
}

// Call is an interview. A zero CompletedAt is a call still running.
type Call struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	StartedAt   time.Time `json:"started_at"`
	CompletedAt time.Time `json:"completed_at,omitzero"`
	CreatedAt   time.Time `json:"created_at"`
	Summary     string    `json:"short_summary,omitempty"`
	Attendees   []int64   `json:"attendees"` // person ids
	// Account is the key of the account a correct sync files the call
	// under; "" for a call it leaves out (team members only).
	Account string `json:"account,omitempty"`
}

// Signal is an extraction. CallID 0 is a signal from feedback ingestion
// (a survey, a ticket); SpeakerID 0 has no speaker.
type Signal struct {
	ID        int64     `json:"id"`
	Summary   string    `json:"summary,omitempty"`
	Context   string    `json:"context,omitempty"`
	Types     []string  `json:"types"` // type names as the workspace spells them
	DisplayTS time.Time `json:"display_ts,omitzero"`
	CreatedAt time.Time `json:"created_at"`
	SpeakerID int64     `json:"speaker_id,omitempty"`
	CallID    int64     `json:"call_id,omitempty"`
	// Kind is the domain.SignalKind a correct sync gives the signal ("" for
	// one it leaves out), Score its NPS score, Account its account key.
	Kind    string `json:"kind,omitempty"`
	Score   *int   `json:"score,omitempty"`
	Account string `json:"account,omitempty"`
}

// LoadBook reads a Book from JSON.
func LoadBook(r io.Reader) (*Book, error) {
	var b Book
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return nil, err
	}
	return &b, nil
}

// LoadBookFile reads a Book from a JSON file.
func LoadBookFile(path string) (*Book, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return LoadBook(f)
}

// clone returns a deep copy of b, so a Server owns its data.
func (b *Book) clone() *Book {
	c := *b
	c.Companies = append([]Company(nil), b.Companies...)
	c.People = append([]Person(nil), b.People...)
	c.Calls = make([]Call, len(b.Calls))
	for i, k := range b.Calls {
		k.Attendees = append([]int64(nil), k.Attendees...)
		c.Calls[i] = k
	}
	c.Signals = make([]Signal, len(b.Signals))
	for i, s := range b.Signals {
		s.Types = append([]string(nil), s.Types...)
		if s.Score != nil {
			v := *s.Score
			s.Score = &v
		}
		c.Signals[i] = s
	}
	c.AccountDomains = make(map[string]string, len(b.AccountDomains))
	for k, v := range b.AccountDomains {
		c.AccountDomains[k] = v
	}
	return &c
}
