package app

import (
	"log/slog"

	"successdesk/backend/domain"
)

// ErrorDTO is how every error crosses to the frontend.
type ErrorDTO struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// FormatError turns any error into {code, message}. Errors that are not a
// *domain.Error are logged with their cause and shown as "Internal error.".
func FormatError(log *slog.Logger) func(error) any {
	return func(err error) any {
		code := domain.ErrorCode(err)
		if code == domain.EInternal && log != nil {
			log.Error("internal error", "err", err)
		}
		return ErrorDTO{Code: code, Message: domain.ErrorMessage(err)}
	}
}

// UserMessage is the plain-words message for err that is safe to print.
func UserMessage(err error) string { return domain.ErrorMessage(err) }
