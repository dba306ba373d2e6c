package app

import (
	"context"
	"path/filepath"
	"sync"

	"successdesk/backend/domain"
	"successdesk/backend/ledger"
)

// ContractsService serves the Contracts page: the ledger of Salesbricks
// contracts and Stripe subscriptions (one merged row where a subscription
// bills a contract; see backend/ledger for the row rules), its cards, the
// detail sheet, renewal drafts and exports.
//
// The ledger is built once per book and kept in memory until the book
// changes (store.Generation), the day turns (renewal days count from
// today) or the FX rates change; List, Summary and Export then filter it
// in memory. Accounts routed to Contracts come first in List and Export,
// with their route.
type ContractsService struct {
	books Books

	mu    sync.Mutex // guards books and serializes builds
	cache map[*Workspace]*contractsBook
}

// NewContractsService returns a ContractsService over b.
func NewContractsService(b Books) *ContractsService { return &ContractsService{books: b} }

func (s *ContractsService) ws() *Workspace { return s.books.Current() }

// List returns one window of the ledger: accounts routed to Contracts
// first (newest route first), then the rest in the asked order (renewal
// soonest first by default). Errors: invalid (an unknown status, source or
// sort, a bad offset or limit).
func (s *ContractsService) List(q ContractsQuery) (ContractsListDTO, error) {
	ctx := context.Background()
	ws := s.ws()
	lq, err := q.ledgerQuery()
	if err != nil {
		return ContractsListDTO{}, err
	}
	book, err := s.book(ctx, ws)
	if err != nil {
		return ContractsListDTO{}, err
	}
	lq.Pinned = book.pinned
	rows, total := book.ledger.Page(lq)
	out := ContractsListDTO{Meta: contractsMeta(ctx, ws), Rows: make([]ContractRowDTO, 0, len(rows)), Total: total, Offset: q.Offset}
	for _, r := range rows {
		out.Rows = append(out.Rows, book.row(r))
	}
	return out, nil
}

// Summary returns the cards over the rows the query's search and source
// keep (its status and mismatch filters do not apply): counts per source
// and status, and the active recurring revenue (active and past due rows)
// per currency, exact, and in the base currency at the rates FXNote
// states. Errors: invalid.
func (s *ContractsService) Summary(q ContractsQuery) (ContractsSummaryDTO, error) {
	ctx := context.Background()
	ws := s.ws()
	lq, err := q.ledgerQuery()
	if err != nil {
		return ContractsSummaryDTO{}, err
	}
	book, err := s.book(ctx, ws)
	if err != nil {
		return ContractsSummaryDTO{}, err
	}
	sum := book.ledger.Summarize(lq.Filter)
	base := ws.Rates().Base
	out := ContractsSummaryDTO{Meta: contractsMeta(ctx, ws), Total: sum.Total, Salesbricks: sum.Salesbricks, Stripe: sum.Stripe,
		Merged: sum.Merged, Active: sum.Live, Trialing: sum.Counts[domain.StatusTrialing], PastDue: sum.Counts[domain.StatusPastDue],
		Expiring30: sum.Expiring30, Canceled: sum.Counts[domain.StatusCanceled], Expired: sum.Counts[domain.StatusExpired],
		Pending: sum.Counts[domain.StatusPending], Draft: sum.Counts[domain.StatusDraft], Mismatched: sum.Mismatched,
		ActiveMRR: MoneyDTO{AmountMinor: sum.MRRBaseMinor, Currency: base}, ActiveARR: MoneyDTO{AmountMinor: sum.ARRBaseMinor, Currency: base},
		ByCurrency: make([]CurrencyTotalDTO, 0, len(sum.ByCurrency)), FXNote: contractsFXNote(ws.Rates(), sum.Unrated)}
	for _, c := range sum.ByCurrency {
		out.ByCurrency = append(out.ByCurrency, CurrencyTotalDTO{Currency: c.Currency, Contracts: c.Rows,
			MRR: MoneyDTO{AmountMinor: c.MRRMinor, Currency: c.Currency}, ARR: MoneyDTO{AmountMinor: c.ARRMinor, Currency: c.Currency}})
	}
	return out, nil
}

// contractsFXNote states the rates the totals used, and the currencies
// they lack (counted at 1).
func contractsFXNote(fx domain.FXRates, unrated []string) string {
	note := fxNote(fx)
	for _, c := range unrated {
		note += " No rate for " + c + ": counted 1 to 1."
	}
	return note
}

// contractsMeta describes the book for the Contracts page.
func contractsMeta(ctx context.Context, ws *Workspace) MetaDTO {
	m := MetaDTO{Mode: ws.Mode, Readiness: ws.Readiness(ctx, domain.SectionContracts)}
	if ws.Mode == ModeLive && ws.Status != nil {
		m.LastSyncedAt = rfc(ws.Status.LastSynced(ctx))
	}
	if snap, err := ws.Store.LatestSnapshot(ctx); err == nil {
		m.LastUpdatedAt = rfc(snap.ComputedAt)
		if ws.Mode == ModeDemo {
			m.LastSyncedAt = m.LastUpdatedAt
		}
	}
	return m
}

// Detail returns the detail sheet of one row: its records, its contract
// history, its invoices (newest first), its payment attempts, and the
// requests Close the Loop linked to it. Errors: not_found for a key the
// ledger does not hold.
func (s *ContractsService) Detail(req ContractRequest) (ContractDetailDTO, error) {
	ctx := context.Background()
	ws := s.ws()
	book, row, err := s.find(ctx, ws, req.Key)
	if err != nil {
		return ContractDetailDTO{}, err
	}
	return book.detail(ctx, ws, row)
}

// RenewalDraft writes a plain-text renewal e-mail from the row's facts, to
// the account's primary e-mail, for the user to edit. Errors: not_found.
func (s *ContractsService) RenewalDraft(req ContractRequest) (RenewalDraftDTO, error) {
	ws := s.ws()
	_, row, err := s.find(context.Background(), ws, req.Key)
	if err != nil {
		return RenewalDraftDTO{}, err
	}
	return renewalDraft(row, ws.Now()), nil
}

// Export saves every row the query matches (not one window), in page
// order, as CSV or JSON in the export folder, and returns the file and its
// content (see ContractsExportContent). Errors: invalid.
func (s *ContractsService) Export(req ContractsExportRequest) (ExportDTO, error) {
	ws := s.ws()
	content, rows, err := s.exportContent(context.Background(), ws, req)
	if err != nil {
		return ExportDTO{}, err
	}
	path, err := ws.saveExport("contracts", req.Format, content)
	if err != nil {
		return ExportDTO{}, err
	}
	return ExportDTO{Path: path, Filename: filepath.Base(path), Format: req.Format, Rows: rows, Content: string(content)}, nil
}

// find returns the book and the row named key. Errors: not_found.
func (s *ContractsService) find(ctx context.Context, ws *Workspace, key string) (*contractsBook, *ledger.Row, error) {
	book, err := s.book(ctx, ws)
	if err != nil {
		return nil, nil, err
	}
	row := book.ledger.Find(key)
	if row == nil {
		return nil, nil, domain.Errorf(domain.ENotFound, "The contract was not found: it may have been removed by a sync.")
	}
	return book, row, nil
}
