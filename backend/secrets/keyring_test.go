package secrets

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"successdesk/backend/domain"
)

// mockInstalled records that keyring.MockInit replaced the process-wide
// go-keyring provider, so the integration test can refuse to run against it.
var mockInstalled atomic.Bool

// useMock installs a fresh go-keyring mock. Tests that use it must not run in
// parallel: the provider is a package variable of go-keyring.
func useMock(t *testing.T, err error) {
	t.Helper()
	mockInstalled.Store(true)
	if err != nil {
		keyring.MockInitWithError(err)
		return
	}
	keyring.MockInit()
}

func TestKeyringWithMock(t *testing.T) {
	testStore(t, func(t *testing.T) Store {
		useMock(t, nil)
		return NewKeyring(0)
	})
}

func TestKeyringEntryNaming(t *testing.T) {
	useMock(t, nil)
	k := NewKeyring(0)
	mustSet(t, k, domain.SourceSalesforce, "00Dxx0000001gPL!AR8AQ")
	got, err := keyring.Get("Success Desk", "salesforce")
	if err != nil || got != "00Dxx0000001gPL!AR8AQ" {
		t.Fatalf(`keyring.Get("Success Desk", "salesforce") = %q, %v`, got, err)
	}
}

func TestNewKeyringDefaultTimeout(t *testing.T) {
	if k := NewKeyring(0); k.timeout != DefaultTimeout || k.service != ServiceName {
		t.Fatalf("NewKeyring(0) = %+v", k)
	}
	if k := NewKeyring(-time.Second); k.timeout != DefaultTimeout {
		t.Fatalf("NewKeyring(-1s).timeout = %v", k.timeout)
	}
	if k := NewKeyring(time.Second); k.timeout != time.Second {
		t.Fatalf("NewKeyring(1s).timeout = %v", k.timeout)
	}
	want := "The system keyring did not answer within 3 s. Unlock it and try again."
	if got := domain.ErrorMessage(timedOut(DefaultTimeout)); got != want {
		t.Fatalf("timeout message = %q, want %q", got, want)
	}
}

func TestKeyringBackendErrorIsUnavailable(t *testing.T) {
	cause := errors.New("The name org.freedesktop.secrets was not provided by any .service files")
	useMock(t, cause)
	k := NewKeyring(0)
	ctx := context.Background()
	_, errGet := k.Get(ctx, domain.SourceStripe)
	errSet := k.Set(ctx, domain.SourceStripe, "sk_live_abc")
	errDel := k.Delete(ctx, domain.SourceStripe)
	has, errHas := k.Has(ctx, domain.SourceStripe)
	if has {
		t.Error("Has = true on a failing keyring")
	}
	for _, err := range []error{errGet, errSet, errDel, errHas} {
		wantCode(t, err, domain.EUnavailable)
		if got := domain.ErrorMessage(err); got != "The system keyring is not available. Unlock it and try again." {
			t.Errorf("message = %q", got)
		}
		if !errors.Is(err, cause) {
			t.Errorf("%v does not wrap the cause for logging", err)
		}
		if strings.Contains(err.Error(), "freedesktop") {
			t.Errorf("Error() leaks the cause: %q", err.Error())
		}
		noToken(t, err, "sk_live_abc")
	}
}

// fakeBackend lets a test choose what each call does.
type fakeBackend struct {
	get func(service, account string) (string, error)
	set func(service, account, token string) error
	del func(service, account string) error
}

func (f fakeBackend) Get(s, a string) (string, error) { return f.get(s, a) }
func (f fakeBackend) Set(s, a, tok string) error      { return f.set(s, a, tok) }
func (f fakeBackend) Delete(s, a string) error        { return f.del(s, a) }

// blockingBackend never answers until the test ends. entered receives once
// per call that started.
func blockingBackend(t *testing.T) (backend, <-chan struct{}) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) }) // let abandoned goroutines finish
	entered := make(chan struct{}, 16)
	block := func() { entered <- struct{}{}; <-release }
	return fakeBackend{
		get: func(string, string) (string, error) { block(); return "late-token", nil },
		set: func(string, string, string) error { block(); return nil },
		del: func(string, string) error { block(); return nil },
	}, entered
}

// returns runs f in a goroutine and fails the test if it is still blocked
// after a generous bound: a hang detector, not a timing assertion.
func returns(t *testing.T, f func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-time.After(30 * time.Second):
		t.Fatal("keyring call did not return: the caller is blocked")
		return nil
	}
}

func TestKeyringTimeout(t *testing.T) {
	b, _ := blockingBackend(t)
	k := newKeyring(ServiceName, 50*time.Millisecond, b)
	ctx := context.Background()
	token := "sk_live_timeout"
	errs := []error{
		returns(t, func() error { _, err := k.Get(ctx, domain.SourceStripe); return err }),
		returns(t, func() error { return k.Set(ctx, domain.SourceStripe, token) }),
		returns(t, func() error { return k.Delete(ctx, domain.SourceStripe) }),
		returns(t, func() error { _, err := k.Has(ctx, domain.SourceStripe); return err }),
	}
	for _, err := range errs {
		wantCode(t, err, domain.EUnavailable)
		if !errors.Is(err, ErrTimeout) {
			t.Errorf("%v does not wrap ErrTimeout", err)
		}
		if got, want := domain.ErrorMessage(err), "The system keyring did not answer within 50ms. Unlock it and try again."; got != want {
			t.Errorf("message = %q, want %q", got, want)
		}
		noToken(t, err, token)
	}
}

func TestKeyringContextCancelInFlight(t *testing.T) {
	b, entered := blockingBackend(t)
	k := newKeyring(ServiceName, time.Hour, b)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-entered; cancel() }()
	err := returns(t, func() error { _, err := k.Get(ctx, domain.SourceAttio); return err })
	wantCode(t, err, domain.EUnavailable)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("%v does not wrap context.Canceled", err)
	}
}

func TestKeyringContextDeadline(t *testing.T) {
	useMock(t, nil)
	k := NewKeyring(0)
	ctx, cancel := context.WithDeadline(context.Background(), time.Unix(0, 0))
	defer cancel()
	_, err := k.Get(ctx, domain.SourceAttio)
	wantCode(t, err, domain.EUnavailable)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("%v does not wrap context.DeadlineExceeded", err)
	}
}

func TestKeyringSetScrubsTokenFromCause(t *testing.T) {
	const token = "canary-token-scrub-1"
	k := newKeyring(ServiceName, time.Second, fakeBackend{
		set: func(_, _, tok string) error { return fmt.Errorf("dbus: bad secret %q", tok) },
	})
	err := k.Set(context.Background(), domain.SourceStripe, token)
	wantCode(t, err, domain.EUnavailable)
	if !errors.Is(err, errTokenScrubbed) {
		t.Fatalf("cause was not replaced: %v", err)
	}
	noToken(t, err, token)
}

func TestKeyringSetTooBig(t *testing.T) {
	k := newKeyring(ServiceName, time.Second, fakeBackend{
		set: func(string, string, string) error { return keyring.ErrSetDataTooBig },
	})
	err := k.Set(context.Background(), domain.SourceStripe, "sk_live_abc")
	wantCode(t, err, domain.EInvalid)
}

func TestKeyringValidatesBeforeCallingBackend(t *testing.T) {
	var calls atomic.Int32
	count := func() { calls.Add(1) }
	k := newKeyring(ServiceName, time.Second, fakeBackend{
		get: func(string, string) (string, error) { count(); return "", nil },
		set: func(string, string, string) error { count(); return nil },
		del: func(string, string) error { count(); return nil },
	})
	ctx := context.Background()
	_, _ = k.Get(ctx, "nope")
	_ = k.Set(ctx, "nope", "tok")
	_ = k.Set(ctx, domain.SourceStripe, "bad token")
	_ = k.Delete(ctx, "nope")
	_, _ = k.Has(ctx, "nope")
	if n := calls.Load(); n != 0 {
		t.Fatalf("backend called %d times for invalid input", n)
	}
}
