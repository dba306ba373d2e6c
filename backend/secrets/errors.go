package secrets

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"successdesk/backend/domain"
)

// ErrTimeout is the cause wrapped by the EUnavailable error returned when the
// keyring does not answer within the Keyring's timeout.
var ErrTimeout = errors.New("secrets: keyring call timed out")

// errTokenScrubbed replaces a backend error whose text contained the token.
var errTokenScrubbed = errors.New("secrets: keyring error (text withheld: it contained the token)")

// wrapped is a *domain.Error that also wraps its cause, so that
// domain.ErrorCode/ErrorMessage see the safe code and message while
// errors.Is(err, context.Canceled) and logging of the cause still work.
// Error() returns only the safe text.
type wrapped struct {
	safe  *domain.Error
	cause error
}

func (e *wrapped) Error() string   { return e.safe.Error() }
func (e *wrapped) Unwrap() []error { return []error{e.safe, e.cause} }

func wrap(safe *domain.Error, cause error) error {
	if cause == nil {
		return safe
	}
	return &wrapped{safe: safe, cause: cause}
}

func notFound(source domain.Source, cause error) error {
	return wrap(domain.Errorf(domain.ENotFound, "No token is saved for %s.", source.Label()), cause)
}

func timedOut(d time.Duration) error {
	return wrap(domain.Errorf(domain.EUnavailable,
		"The system keyring did not answer within %s. Unlock it and try again.", formatDuration(d)), ErrTimeout)
}

func unavailable(cause error) error {
	return wrap(domain.Errorf(domain.EUnavailable,
		"The system keyring is not available. Unlock it and try again."), cause)
}

func tooBig(cause error) error {
	return wrap(domain.Errorf(domain.EInvalid, "The token is too long for the system keyring."), cause)
}

// ctxDone maps a finished context to EUnavailable, keeping ctx.Err() as cause.
func ctxDone(err error) error {
	msg := "The keyring request was cancelled."
	if errors.Is(err, context.DeadlineExceeded) {
		msg = "The keyring request ran out of time."
	}
	return wrap(domain.Errorf(domain.EUnavailable, "%s", msg), err)
}

// scrub drops a backend error whose text contains the token, so a cause that
// gets logged can never carry it.
func scrub(err error, token string) error {
	if err != nil && token != "" && strings.Contains(err.Error(), token) {
		return errTokenScrubbed
	}
	return err
}

// formatDuration renders whole seconds as "3 s" and anything else as Go does
// ("50ms", "1.5s").
func formatDuration(d time.Duration) string {
	if d >= time.Second && d%time.Second == 0 {
		return fmt.Sprintf("%d s", d/time.Second)
	}
	return d.String()
}
