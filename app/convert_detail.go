package app

import (
	"context"
	"strings"
	"time"

	"successdesk/backend/convert"
	"successdesk/backend/domain"
)

// maxTrialUsageWeeks bounds how far back the sheet's usage chart goes.
const maxTrialUsageWeeks = 26

// Candidate returns the detail sheet of one candidate: its row (score,
// factors, likelihood), the trial's order or subscription, weekly active
// users over the trial (from the week the term starts, at most 26 weeks,
// or the last 8 weeks when the term starts later), the account's contacts
// and a suggested next step. A record the settings leave out of the queue
// still opens. Errors: invalid (a malformed key), not_found (no such
// candidate: not a trial or open order, or gone since).
func (s *ConvertService) Candidate(req CandidateRequest) (CandidateDTO, error) {
	ctx := context.Background()
	ws := s.ws()
	key := strings.TrimSpace(req.Key)
	if !strings.HasPrefix(key, "rs:") && !strings.HasPrefix(key, "acct:") {
		return CandidateDTO{}, domain.Errorf(domain.EInvalid, "Name a candidate by its key, such as rs:42.")
	}
	cs, err := convertSettings(ctx, ws)
	if err != nil {
		return CandidateDTO{}, err
	}
	b, i, ok, err := s.queue.lookup(ctx, ws, key)
	if err != nil {
		return CandidateDTO{}, err
	}
	if !ok {
		return CandidateDTO{}, domain.Errorf(domain.ENotFound, "This trial or order is no longer a Convert candidate.")
	}
	f := &b.facts[i]
	x := convert.Explain(f, &cs, ws.Rates(), b.day)
	d, err := ws.Store.ConvertDetail(ctx, f.Record.ID, f.Account.ID, convertUsageSince(f.Record, b.day))
	if err != nil {
		return CandidateDTO{}, err
	}
	out := CandidateDTO{Meta: s.meta(ctx, ws), Row: convertRow(key, f, x.Result, ws.Rates().Base, convertFactorsDTO(x.Factors)),
		Usage: make([]UsagePointDTO, 0, len(d.Usage)), Contacts: make([]ContactDTO, 0, len(d.Contacts)), NextStep: x.NextStep}
	if f.HasRecord() {
		out.Record = revenueDTOs([]domain.RevenueSource{d.Record}, ws.Now())[0]
	}
	for _, u := range d.Usage {
		out.Usage = append(out.Usage, UsagePointDTO{WeekStart: rfc(u.WeekStart), ActiveUsers: u.ActiveUsers})
	}
	for _, c := range d.Contacts {
		out.Contacts = append(out.Contacts, ContactDTO{Name: c.Name, Email: c.Email, Title: c.Title})
	}
	return out, nil
}

// convertUsageSince is the first week the sheet's usage chart shows.
func convertUsageSince(r domain.RevenueSource, day time.Time) time.Time {
	this := domain.WeekStart(day)
	earliest := this.AddDate(0, 0, -7*(maxTrialUsageWeeks-1))
	if r.TermStart.IsZero() || r.TermStart.After(day) {
		return this.AddDate(0, 0, -7*(convert.UsageWeeks-1))
	}
	if start := domain.WeekStart(r.TermStart); start.After(earliest) {
		return start
	}
	return earliest
}
