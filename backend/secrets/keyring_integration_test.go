package secrets

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"successdesk/backend/domain"
)

// TestKeyringIntegration runs against the real OS keyring. It needs an
// unlocked Secret Service, which .ci/keyring-it provides (gnome-keyring inside
// dbus-run-session with a throwaway XDG_DATA_HOME). Every store it builds uses
// its own service name ("Success Desk IT <run>-<n>"), so it never touches the
// real "Success Desk" entries and parallel runs cannot collide.
func TestKeyringIntegration(t *testing.T) {
	if os.Getenv("KEYRING_IT") != "1" {
		t.Skip("set KEYRING_IT=1 and run via .ci/keyring-it: needs an unlocked Secret Service")
	}
	if mockInstalled.Load() {
		t.Fatal("keyring.MockInit already replaced the real keyring in this process; run this test alone (-run Integration)")
	}
	run := rand.Text()[:10]
	n := 0
	newService := func(t *testing.T) string {
		n++
		svc := fmt.Sprintf("Success Desk IT %s-%d", run, n)
		t.Cleanup(func() { _ = keyring.DeleteAll(svc) })
		return svc
	}

	t.Run("Flow", func(t *testing.T) {
		ctx := context.Background()
		svc := newService(t)
		k := newKeyring(svc, 10*time.Second, goKeyring{})
		const token = "it_token_0123456789abcdef"

		if err := k.Set(ctx, domain.SourceStripe, token); err != nil {
			t.Fatalf("Set: %v", err)
		}
		if got, err := keyring.Get(svc, "stripe"); err != nil || got != token {
			t.Fatalf("entry not saved under service %q, account stripe: %v", svc, err)
		}
		if got, err := k.Get(ctx, domain.SourceStripe); err != nil || got != token {
			t.Fatalf("Get = %s, %v", redact(got, token), err)
		}
		if has, err := k.Has(ctx, domain.SourceStripe); err != nil || !has {
			t.Fatalf("Has = %v, %v; want true", has, err)
		}
		if err := k.Delete(ctx, domain.SourceStripe); err != nil {
			t.Fatalf("Delete: %v", err)
		}
		_, err := k.Get(ctx, domain.SourceStripe)
		wantCode(t, err, domain.ENotFound)
		t.Logf("Set, Get, Has, Delete, Get -> %s against the Secret Service (service %q)", domain.ErrorCode(err), svc)
	})

	t.Run("Contract", func(t *testing.T) {
		testStore(t, func(t *testing.T) Store {
			return newKeyring(newService(t), 10*time.Second, goKeyring{})
		})
	})
}
