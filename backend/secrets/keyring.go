package secrets

import (
	"context"
	"errors"
	"time"

	"github.com/zalando/go-keyring"

	"successdesk/backend/domain"
)

// DefaultTimeout bounds each keyring call when NewKeyring is given no timeout.
const DefaultTimeout = 3 * time.Second

// backend is the part of go-keyring that Keyring uses; tests inject slow or
// failing ones.
type backend interface {
	Get(service, account string) (string, error)
	Set(service, account, token string) error
	Delete(service, account string) error
}

// goKeyring calls the go-keyring package functions (the OS keyring, or the
// mock installed by keyring.MockInit).
type goKeyring struct{}

func (goKeyring) Get(service, account string) (string, error) { return keyring.Get(service, account) }
func (goKeyring) Set(service, account, token string) error {
	return keyring.Set(service, account, token)
}
func (goKeyring) Delete(service, account string) error { return keyring.Delete(service, account) }

// Keyring is a Store over the OS keyring (github.com/zalando/go-keyring),
// under ServiceName with the source id as the account. Build it with
// NewKeyring; it is safe for concurrent use.
//
// A locked or absent keyring can block indefinitely (the Secret Service may
// wait on an unlock prompt nobody sees), so every call runs in its own
// goroutine and the caller waits at most the timeout, or until ctx is done,
// whichever comes first; it then gets EUnavailable. The abandoned goroutine
// keeps waiting on the keyring and exits when the keyring answers (its result
// is discarded into a buffered channel, so it never blocks on the send). If
// the keyring never answers, that goroutine stays parked for the life of the
// process: a bounded cost of one goroutine per abandoned call. An abandoned
// Set or Delete may still take effect later.
type Keyring struct {
	service string
	timeout time.Duration
	backend backend
}

// NewKeyring returns a Keyring whose calls each wait at most timeout
// (DefaultTimeout if timeout <= 0).
func NewKeyring(timeout time.Duration) *Keyring {
	return newKeyring(ServiceName, timeout, goKeyring{})
}

// newKeyring lets tests choose the service name and backend.
func newKeyring(service string, timeout time.Duration, b backend) *Keyring {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &Keyring{service: service, timeout: timeout, backend: b}
}

// Get implements Store.
func (k *Keyring) Get(ctx context.Context, source domain.Source) (string, error) {
	if err := precheck(ctx, source); err != nil {
		return "", err
	}
	token, err := call(ctx, k.timeout, func() (string, error) {
		return k.backend.Get(k.service, string(source))
	})
	switch {
	case err == nil:
		return token, nil
	case errors.Is(err, keyring.ErrNotFound):
		return "", notFound(source, err)
	default:
		return "", k.mapErr(err, "")
	}
}

// Set implements Store.
func (k *Keyring) Set(ctx context.Context, source domain.Source, token string) error {
	if err := precheck(ctx, source); err != nil {
		return err
	}
	if err := validToken(token); err != nil {
		return err
	}
	_, err := call(ctx, k.timeout, func() (string, error) {
		return "", k.backend.Set(k.service, string(source), token)
	})
	if err == nil {
		return nil
	}
	if errors.Is(err, keyring.ErrSetDataTooBig) {
		return tooBig(err)
	}
	return k.mapErr(err, token)
}

// Delete implements Store.
func (k *Keyring) Delete(ctx context.Context, source domain.Source) error {
	if err := precheck(ctx, source); err != nil {
		return err
	}
	_, err := call(ctx, k.timeout, func() (string, error) {
		return "", k.backend.Delete(k.service, string(source))
	})
	if err == nil || errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return k.mapErr(err, "")
}

// Has implements Store. It reads the token (the keyring has no cheaper
// existence check) and drops it at once.
func (k *Keyring) Has(ctx context.Context, source domain.Source) (bool, error) {
	_, err := k.Get(ctx, source)
	switch domain.ErrorCode(err) {
	case "":
		return true, nil
	case domain.ENotFound:
		return false, nil
	default:
		return false, err
	}
}

// mapErr turns a timeout, a finished ctx or any other backend failure into
// EUnavailable. token, if given, is scrubbed from the cause.
func (k *Keyring) mapErr(err error, token string) error {
	switch {
	case errors.Is(err, ErrTimeout):
		return timedOut(k.timeout)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return ctxDone(err)
	default:
		return unavailable(scrub(err, token))
	}
}

// call runs fn in a goroutine and waits for its result, for timeout, or for
// ctx to be done. On timeout it returns ErrTimeout; when ctx ends first it
// returns ctx.Err(). The goroutine is never waited for after that: it sends
// its late result into a buffered channel nobody reads and exits.
func call(ctx context.Context, timeout time.Duration, fn func() (string, error)) (string, error) {
	type result struct {
		value string
		err   error
	}
	done := make(chan result, 1)
	go func() {
		v, err := fn()
		done <- result{v, err}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.value, r.err
	case <-timer.C:
		return "", ErrTimeout
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

var _ Store = (*Keyring)(nil)
