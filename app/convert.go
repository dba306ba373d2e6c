package app

import "successdesk/backend/domain"

// ConvertService serves the Convert page: the queue, its cards, Sync
// trials, the candidate sheet, the Settings tab and exports.
type ConvertService struct {
	books Books
}

// NewConvertService returns a ConvertService over b.
func NewConvertService(b Books) *ConvertService { return &ConvertService{books: b} }

func (s *ConvertService) ws() *Workspace { return s.books.Current() }

var errConvertTODO = domain.Errorf(domain.EInternal, "Convert is being built.")

// List returns one window of the queue.
func (s *ConvertService) List(q ConvertQuery) (ConvertListDTO, error) {
	return ConvertListDTO{}, errConvertTODO
}

// Summary returns the four cards.
func (s *ConvertService) Summary(q ConvertQuery) (ConvertSummaryDTO, error) {
	return ConvertSummaryDTO{}, errConvertTODO
}

// SyncTrials runs the Sync trials phases.
func (s *ConvertService) SyncTrials(req SyncTrialsRequest) (SyncTrialsDTO, error) {
	return SyncTrialsDTO{}, errConvertTODO
}

// Candidate returns the candidate sheet.
func (s *ConvertService) Candidate(req CandidateRequest) (CandidateDTO, error) {
	return CandidateDTO{}, errConvertTODO
}

// Settings returns the Settings tab.
func (s *ConvertService) Settings(InfoRequest) (ConvertSettingsDTO, error) {
	return ConvertSettingsDTO{}, errConvertTODO
}

// SaveSettings validates and stores the settings, then re-tallies.
func (s *ConvertService) SaveSettings(v ConvertSettingsValues) (ConvertSettingsDTO, error) {
	return ConvertSettingsDTO{}, errConvertTODO
}

// Export saves the filtered queue.
func (s *ConvertService) Export(req ConvertExportRequest) (ExportDTO, error) {
	return ExportDTO{}, errConvertTODO
}
