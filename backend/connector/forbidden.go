package connector

import "errors"

// Forbidden marks err as a source's 403: the credential is valid but may
// not do this one thing (a token without a scope, a restricted key without
// a permission). Callers with a fallback (a narrower discovery, a full pass
// instead of events) tell it from a refused credential with IsForbidden;
// everyone else sees err, which it unwraps to. nil gives nil.
func Forbidden(err error) error {
	if err == nil {
		return nil
	}
	return &forbidden{err}
}

// IsForbidden reports whether err, or an error it wraps, was marked by
// Forbidden.
func IsForbidden(err error) bool {
	var f *forbidden
	return errors.As(err, &f)
}

type forbidden struct{ err error }

func (f *forbidden) Error() string { return f.err.Error() }
func (f *forbidden) Unwrap() error { return f.err }
