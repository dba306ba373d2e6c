package bbfake

import (
	"slices"
	"strconv"
	"time"
)

// Truth is what a correct sync of the book holds, read from the intent the
// generator (or a hand-written book) records on each call and signal, not
// computed by the connector's mapping code:
//
//   - every call with an Account is an activity "call_<id>" of that
//     account, created at its CreatedAt and dated by its StartedAt (else
//     its CreatedAt);
//   - every signal with a Kind is an activity "signal_<id>" of its Account,
//     with that kind and, for NPS, its Score, dated by its DisplayTS (else
//     its CreatedAt);
//   - every account named by an activity is an account, with the Domain
//     the book's AccountDomains gives it.
type Truth struct {
	Accounts   []TruthAccount  // sorted by Key
	Activities []TruthActivity // sorted by ExternalID
}

// TruthAccount is one account a sync delivers.
type TruthAccount struct {
	Key    string
	Domain string
}

// TruthActivity is one activity a sync delivers. Signal is "" for a call.
type TruthActivity struct {
	ExternalID string
	AccountKey string
	Signal     string
	Score      *int
	CreatedAt  time.Time
	OccurredAt time.Time // the activity's date
}

// Truth returns the truth of the current book.
func (s *Server) Truth() Truth {
	s.mu.Lock()
	defer s.mu.Unlock()
	var t Truth
	named := map[string]bool{}
	for _, c := range s.book.Calls {
		if c.Account != "" {
			t.Activities = append(t.Activities, TruthActivity{ExternalID: "call_" + strconv.FormatInt(c.ID, 10),
				AccountKey: c.Account, CreatedAt: c.CreatedAt, OccurredAt: firstSet(c.StartedAt, c.CreatedAt)})
			named[c.Account] = true
		}
	}
	for _, x := range s.book.Signals {
		if x.Kind != "" && x.Account != "" {
			t.Activities = append(t.Activities, TruthActivity{ExternalID: "signal_" + strconv.FormatInt(x.ID, 10),
				AccountKey: x.Account, Signal: x.Kind, Score: x.Score, CreatedAt: x.CreatedAt,
				OccurredAt: firstSet(x.DisplayTS, x.CreatedAt)})
			named[x.Account] = true
		}
	}
	for k := range named {
		t.Accounts = append(t.Accounts, TruthAccount{Key: k, Domain: s.book.AccountDomains[k]})
	}
	slices.SortFunc(t.Accounts, func(a, b TruthAccount) int { return cmpStr(a.Key, b.Key) })
	slices.SortFunc(t.Activities, func(a, b TruthActivity) int { return cmpStr(a.ExternalID, b.ExternalID) })
	return t
}

// SetAccountDomain records the Domain a correct sync gives account key,
// for accounts of records added with the Add methods.
func (s *Server) SetAccountDomain(key, domain string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.book.AccountDomains[key] = domain
}

// Organization is the book's organization name, as Verify should report it.
func (s *Server) Organization() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.book.Organization
}

func cmpStr(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// firstSet returns the first of ts that is not zero.
func firstSet(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}
