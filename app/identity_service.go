package app

import (
	"context"
	"slices"
	"strings"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// IdentityService serves account identity in the live book: the records
// that matched no company, and a person's attach, merge and split. Each
// change is one transaction, survives every re-sync (the sync never
// re-points a link a person chose), and is followed by a health recompute
// so the pages show the new accounts at once. The demo book has no source
// records: its list is empty and changes are refused.
type IdentityService struct {
	desk *Desk
}

// NewIdentityService returns an IdentityService over desk.
func NewIdentityService(desk *Desk) *IdentityService { return &IdentityService{desk: desk} }

// NeedsMatching lists the live book's records that matched no company.
func (s *IdentityService) NeedsMatching(NeedsMatchingRequest) (NeedsMatchingDTO, error) {
	recs, err := s.needsMatching(context.Background())
	return NeedsMatchingDTO{Records: recs}, err
}

func (s *IdentityService) needsMatching(ctx context.Context) ([]UnmatchedDTO, error) {
	list, err := s.desk.Live().Store.NeedsMatching(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]UnmatchedDTO, 0, len(list))
	for _, u := range list {
		out = append(out, UnmatchedDTO{Source: string(u.Source), SourceLabel: u.Source.Label(), Key: u.Key, Name: u.Name,
			Email: u.Email, AccountID: u.AccountID, Revenue: u.Revenue, Invoices: u.Invoices, Activities: u.Activities})
	}
	return out, nil
}

// FindAccounts searches the live book's accounts for an attach or merge target.
func (s *IdentityService) FindAccounts(req FindAccountsRequest) (FindAccountsDTO, error) {
	if len(req.Query) > 200 {
		return FindAccountsDTO{}, domain.Errorf(domain.EInvalid, "The search is too long: use at most 200 characters.")
	}
	found, err := s.desk.Live().Store.FindAccounts(context.Background(), req.Query, req.Limit)
	if err != nil {
		return FindAccountsDTO{}, err
	}
	out := FindAccountsDTO{Accounts: make([]AccountOptionDTO, 0, len(found))}
	for _, a := range found {
		out.Accounts = append(out.Accounts, AccountOptionDTO{ID: a.ID, Name: a.Name, Domain: a.Domain})
	}
	return out, nil
}

// AccountRecords lists the source records an account is made of; in the
// demo book it is empty.
func (s *IdentityService) AccountRecords(req AccountRecordsRequest) (AccountRecordsDTO, error) {
	out := AccountRecordsDTO{Records: []AccountRecordDTO{}}
	if s.desk.Mode() != ModeLive {
		return out, nil
	}
	keys, err := s.desk.Live().Store.AccountKeys(context.Background(), req.AccountID)
	if err != nil {
		return out, err
	}
	for _, k := range keys {
		out.Records = append(out.Records, AccountRecordDTO{Source: string(k.Source), SourceLabel: k.Source.Label(), Key: k.Key,
			Name: k.Name, Domain: k.Domain, Email: k.Email, ByPerson: k.ByPerson})
	}
	return out, nil
}

// Attach points a source record, with everything synced under it, at an account.
func (s *IdentityService) Attach(req AttachRequest) (IdentityDTO, error) {
	src, err := recordSource(req.Source, req.Key)
	if err != nil {
		return IdentityDTO{}, err
	}
	return s.change(func(ctx context.Context, tx *store.Tx) (int64, error) {
		return req.AccountID, tx.AttachKey(ctx, src, req.Key, req.AccountID)
	})
}

// Merge folds one account into another: records, history, routes and
// further domains move to the kept account; the other is removed.
func (s *IdentityService) Merge(req MergeRequest) (IdentityDTO, error) {
	return s.change(func(ctx context.Context, tx *store.Tx) (int64, error) {
		return req.KeepID, tx.MergeAccounts(ctx, req.KeepID, req.DropID)
	})
}

// Split moves a source record off its account into an account of its own.
func (s *IdentityService) Split(req SplitRequest) (IdentityDTO, error) {
	src, err := recordSource(req.Source, req.Key)
	if err != nil {
		return IdentityDTO{}, err
	}
	return s.change(func(ctx context.Context, tx *store.Tx) (int64, error) {
		return tx.SplitKey(ctx, src, req.Key)
	})
}

// change runs fn in one write transaction on the live book, recomputes
// health and tells the window that accounts changed.
func (s *IdentityService) change(fn func(ctx context.Context, tx *store.Tx) (int64, error)) (IdentityDTO, error) {
	ctx := context.Background()
	if s.desk.Mode() != ModeLive {
		return IdentityDTO{}, domain.Errorf(domain.EInvalid, "Accounts can be matched in the live book only: switch to live data first.")
	}
	live := s.desk.Live()
	var id int64
	err := live.Store.Write(ctx, func(tx *store.Tx) error {
		var err error
		id, err = fn(ctx, tx)
		return err
	})
	if err != nil {
		return IdentityDTO{}, err
	}
	if _, err := live.Recompute(ctx); err != nil {
		return IdentityDTO{}, err
	}
	s.desk.opts.Events.Emit(EventDataChanged, map[string]string{"what": "accounts"})
	recs, err := s.needsMatching(ctx)
	return IdentityDTO{AccountID: id, NeedsMatching: recs}, err
}

// recordSource validates a record reference from the window.
func recordSource(source, key string) (domain.Source, error) {
	src := domain.Source(strings.TrimSpace(source))
	if !slices.Contains(domain.AllSources, src) || strings.TrimSpace(key) == "" {
		return "", domain.Errorf(domain.EInvalid, "Choose a record to match.")
	}
	return src, nil
}
