package secrets

import (
	"context"

	"successdesk/backend/domain"
)

// ServiceName is the keyring service every token is saved under.
const ServiceName = "Success Desk"

// Store saves one integration token per source.
//
// Every method first validates source against domain.AllSources (EInvalid
// otherwise) and returns EUnavailable if ctx is already done.
type Store interface {
	// Get returns the saved token for source, or ENotFound.
	Get(ctx context.Context, source domain.Source) (string, error)
	// Set saves token for source, replacing any previous one. The token must
	// be non-empty visible ASCII (no spaces, line breaks or control
	// characters) of at most MaxTokenLen bytes, otherwise EInvalid.
	Set(ctx context.Context, source domain.Source, token string) error
	// Delete removes the token for source. Deleting a missing token succeeds.
	Delete(ctx context.Context, source domain.Source) error
	// Has reports whether a token is saved for source, without returning it.
	Has(ctx context.Context, source domain.Source) (bool, error)
}
