// Package secrets owns the integration tokens of Success Desk: it reads,
// writes, checks and clears them in the operating system keyring (the Secret
// Service on Linux, Keychain on macOS, Credential Manager on Windows) under the
// service name "Success Desk", one entry per source, with the source id
// ("stripe", "attio", ...) as the account.
//
// Contracts that every Store keeps:
//   - A token is read only to build a request header. It never goes to logs,
//     error values or messages, SQLite, DTOs or exports. No error returned by
//     this package contains a token, and invalid input is never echoed back.
//   - Errors are *domain.Error values (possibly wrapping a cause for logging):
//     domain.EInvalid for an unknown source or a malformed token,
//     domain.ENotFound when no token is saved, and domain.EUnavailable when
//     the keyring is locked, absent, slow (see Keyring's timeout) or the
//     caller's context ends first.
//   - Set replaces any saved token. Delete is idempotent.
//
// Keyring is the production Store (github.com/zalando/go-keyring). Memory is
// an in-process Store for tests and demo mode. The package must not know about
// Wails, the store, or HTTP; consumers declare the small interface they need.
package secrets
