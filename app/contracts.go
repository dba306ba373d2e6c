package app

import "successdesk/backend/domain"

// ContractsService serves the Contracts page: the ledger, its cards, the
// detail sheet, renewal drafts and exports.
type ContractsService struct {
	books Books
}

// NewContractsService returns a ContractsService over b.
func NewContractsService(b Books) *ContractsService { return &ContractsService{books: b} }

func (s *ContractsService) ws() *Workspace { return s.books.Current() }

var errContractsTODO = domain.Errorf(domain.EInternal, "Contracts is being built.")

// List returns one window of the ledger.
func (s *ContractsService) List(q ContractsQuery) (ContractsListDTO, error) {
	return ContractsListDTO{}, errContractsTODO
}

// Summary returns the cards.
func (s *ContractsService) Summary(q ContractsQuery) (ContractsSummaryDTO, error) {
	return ContractsSummaryDTO{}, errContractsTODO
}

// Detail returns the detail sheet of one row.
func (s *ContractsService) Detail(req ContractRequest) (ContractDetailDTO, error) {
	return ContractDetailDTO{}, errContractsTODO
}

// RenewalDraft drafts a renewal e-mail.
func (s *ContractsService) RenewalDraft(req ContractRequest) (RenewalDraftDTO, error) {
	return RenewalDraftDTO{}, errContractsTODO
}

// Export saves the filtered ledger.
func (s *ContractsService) Export(req ContractsExportRequest) (ExportDTO, error) {
	return ExportDTO{}, errContractsTODO
}
