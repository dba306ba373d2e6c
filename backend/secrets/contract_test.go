package secrets

import (
	"context"
	"errors"
	"strings"
	"testing"

	"successdesk/backend/domain"
)

// testStore is the behaviour every Store must show. newStore returns an empty
// store; each subtest gets its own.
func testStore(t *testing.T, newStore func(t *testing.T) Store) {
	ctx := context.Background()
	const token = "sk_test_51HxAbCdEfGh0123456789"

	t.Run("MissingIsNotFound", func(t *testing.T) {
		s := newStore(t)
		_, err := s.Get(ctx, domain.SourceStripe)
		wantCode(t, err, domain.ENotFound)
		if msg := domain.ErrorMessage(err); msg != "No token is saved for Stripe." {
			t.Errorf("message = %q", msg)
		}
		has, err := s.Has(ctx, domain.SourceStripe)
		if err != nil || has {
			t.Fatalf("Has = %v, %v; want false, nil", has, err)
		}
	})

	t.Run("SetGetHasDelete", func(t *testing.T) {
		s := newStore(t)
		if err := s.Set(ctx, domain.SourceStripe, token); err != nil {
			t.Fatalf("Set: %v", err)
		}
		if got, err := s.Get(ctx, domain.SourceStripe); err != nil || got != token {
			t.Fatalf("Get = %q, %v; want the saved token", redact(got, token), err)
		}
		if has, err := s.Has(ctx, domain.SourceStripe); err != nil || !has {
			t.Fatalf("Has = %v, %v; want true, nil", has, err)
		}
		if err := s.Delete(ctx, domain.SourceStripe); err != nil {
			t.Fatalf("Delete: %v", err)
		}
		_, err := s.Get(ctx, domain.SourceStripe)
		wantCode(t, err, domain.ENotFound)
		if has, err := s.Has(ctx, domain.SourceStripe); err != nil || has {
			t.Fatalf("Has after Delete = %v, %v; want false, nil", has, err)
		}
	})

	t.Run("SetReplaces", func(t *testing.T) {
		s := newStore(t)
		mustSet(t, s, domain.SourceAttio, "first-token")
		mustSet(t, s, domain.SourceAttio, "second-token")
		if got, err := s.Get(ctx, domain.SourceAttio); err != nil || got != "second-token" {
			t.Fatalf("Get = %q, %v; want second-token", got, err)
		}
	})

	t.Run("SourcesAreSeparate", func(t *testing.T) {
		s := newStore(t)
		mustSet(t, s, domain.SourceGitHub, "ghp_github")
		mustSet(t, s, domain.SourceHubSpot, "pat-hubspot")
		if got, _ := s.Get(ctx, domain.SourceGitHub); got != "ghp_github" {
			t.Errorf("github token = %q", got)
		}
		if got, _ := s.Get(ctx, domain.SourceHubSpot); got != "pat-hubspot" {
			t.Errorf("hubspot token = %q", got)
		}
		_, err := s.Get(ctx, domain.SourcePostHog)
		wantCode(t, err, domain.ENotFound)
	})

	t.Run("DeleteMissingSucceeds", func(t *testing.T) {
		s := newStore(t)
		if err := s.Delete(ctx, domain.SourceRSS); err != nil {
			t.Fatalf("Delete of a missing token: %v", err)
		}
	})

	t.Run("InvalidSource", func(t *testing.T) {
		s := newStore(t)
		for _, src := range []domain.Source{"", "Stripe", "stripe ", "manual", "unknown", domain.Source(token)} {
			_, errGet := s.Get(ctx, src)
			errSet := s.Set(ctx, src, "valid-token")
			errDel := s.Delete(ctx, src)
			_, errHas := s.Has(ctx, src)
			for _, err := range []error{errGet, errSet, errDel, errHas} {
				wantCode(t, err, domain.EInvalid)
				if src != "" && strings.Contains(err.Error(), string(src)) {
					t.Errorf("error %q echoes the source %q", err, src)
				}
			}
		}
	})

	t.Run("InvalidToken", func(t *testing.T) {
		s := newStore(t)
		bad := []string{
			"",
			" " + token,
			token + "\n",
			token + "\r\n",
			"sk_test abc",
			"sk_test\tabc",
			"sk_test\x00abc",
			"sk_test\x7fabc",
			"sk_tëst_abc",
			"sk_test\u200babc",
			strings.Repeat("x", MaxTokenLen+1),
		}
		for _, tok := range bad {
			err := s.Set(ctx, domain.SourceStripe, tok)
			wantCode(t, err, domain.EInvalid)
			noToken(t, err, tok)
		}
		if has, err := s.Has(ctx, domain.SourceStripe); err != nil || has {
			t.Fatalf("an invalid token was saved: Has = %v, %v", has, err)
		}
		if err := s.Set(ctx, domain.SourceStripe, strings.Repeat("x", MaxTokenLen)); err != nil {
			t.Fatalf("Set of a MaxTokenLen token: %v", err)
		}
	})

	t.Run("DoneContext", func(t *testing.T) {
		s := newStore(t)
		mustSet(t, s, domain.SourceStripe, token)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		_, errGet := s.Get(cctx, domain.SourceStripe)
		errSet := s.Set(cctx, domain.SourceStripe, "other-token")
		errDel := s.Delete(cctx, domain.SourceStripe)
		_, errHas := s.Has(cctx, domain.SourceStripe)
		for _, err := range []error{errGet, errSet, errDel, errHas} {
			wantCode(t, err, domain.EUnavailable)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("error %v does not wrap context.Canceled", err)
			}
			noToken(t, err, token)
		}
		if got, err := s.Get(ctx, domain.SourceStripe); err != nil || got != token {
			t.Fatalf("a cancelled call changed the store: Get = %q, %v", redact(got, token), err)
		}
	})
}

func mustSet(t *testing.T, s Store, source domain.Source, token string) {
	t.Helper()
	if err := s.Set(context.Background(), source, token); err != nil {
		t.Fatalf("Set(%s): %v", source, err)
	}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := domain.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

// noToken fails if token appears in err's text, its safe message, or the text
// of any error in its chain.
func noToken(t *testing.T, err error, token string) {
	t.Helper()
	if err == nil || token == "" {
		return
	}
	if strings.Contains(domain.ErrorMessage(err), token) {
		t.Errorf("error message contains the token")
	}
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		if strings.Contains(e.Error(), token) {
			t.Errorf("error chain contains the token (%T)", e)
		}
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		case interface{ Unwrap() []error }:
			for _, c := range u.Unwrap() {
				walk(c)
			}
		}
	}
	walk(err)
}

// redact keeps test failure output from printing a real token.
func redact(got, token string) string {
	if got == token {
		return "<the token>"
	}
	if got == "" {
		return ""
	}
	return "<another value>"
}
