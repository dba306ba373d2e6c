package stripe

import (
	"context"
	"encoding/json"
	"strings"

	stripe "github.com/stripe/stripe-go/v76"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// Messages Verify gives, in plain words.
const (
	msgRefused     = "Stripe refused the key. Check that it is a secret (sk_) or restricted (rk_) key."
	msgPublishable = "That is a publishable key (pk_). Stripe needs a secret (sk_) or restricted (rk_) key."
	msgNoCustomers = "The restricted key cannot read customers. Give it read access to customers, " +
		"subscriptions, invoices and events."
)

// Verify checks the key with one cheap call: GET /v1/account, whose
// dashboard display name (else business name, else e-mail, else id) names
// the account. A restricted key without access to the account gets 403
// there; Verify then lists one customer instead and reports Account "".
// Mode comes from the key's prefix (sk_test_/rk_test_ → "test",
// sk_live_/rk_live_ → "live"), else from one customer's livemode (one more
// call; "" when the account has no customer yet).
//
// Errors: ENotConnected without a key; EInvalid for a publishable key (no
// request is sent); EUnauthorized when Stripe refuses the key (401) or the
// restricted key may not read customers; otherwise as Fetch.
func (c *Connector) Verify(ctx context.Context) (connector.Identity, error) {
	if c.key == "" {
		return connector.Identity{}, domain.Errorf(domain.ENotConnected, "Stripe is not connected: add an API key.")
	}
	if strings.HasPrefix(c.key, "pk_") {
		return connector.Identity{}, domain.Errorf(domain.EInvalid, msgPublishable)
	}
	id := connector.Identity{Mode: keyMode(c.key)}
	a, err := c.get(ctx, "/v1/account", nil)
	switch {
	case err == nil:
		var acct stripe.Account
		err := json.Unmarshal(a.body, &acct)
		a.release()
		if err != nil || acct.ID == "" {
			return connector.Identity{}, unreadable()
		}
		id.Account = accountName(&acct)
		if id.Mode != "" {
			return id, nil
		}
		return c.verifyCustomers(ctx, id) // the account has no mode: ask a customer
	case connector.IsForbidden(err):
		return c.verifyCustomers(ctx, id)
	}
	return connector.Identity{}, verifyError(err)
}

// verifyCustomers lists one customer: the check for a key that may not
// read the account, and the source of the mode when the key's prefix
// names none.
func (c *Connector) verifyCustomers(ctx context.Context, id connector.Identity) (connector.Identity, error) {
	lp := listParams(ctx, "")
	lp.Limit = stripe.Int64(1)
	a, err := c.get(ctx, "/v1/customers", &stripe.CustomerListParams{ListParams: lp})
	if connector.IsForbidden(err) {
		return connector.Identity{}, domain.Errorf(domain.EUnauthorized, msgNoCustomers)
	}
	if err != nil {
		return connector.Identity{}, verifyError(err)
	}
	l, err := decodeList(a.body, customerElem)
	a.release()
	if err != nil {
		return connector.Identity{}, unreadable()
	}
	if id.Mode == "" && len(l.Data) > 0 && l.Data[0] != nil {
		id.Mode = modeOf(l.Data[0].Livemode)
	}
	return id, nil
}

// verifyError words a refused key for Settings; other errors pass as is.
func verifyError(err error) error {
	if domain.ErrorCode(err) == domain.EUnauthorized {
		return domain.Errorf(domain.EUnauthorized, msgRefused)
	}
	return err
}

func accountName(a *stripe.Account) string {
	if s := a.Settings; s != nil && s.Dashboard != nil && strings.TrimSpace(s.Dashboard.DisplayName) != "" {
		return strings.TrimSpace(s.Dashboard.DisplayName)
	}
	if p := a.BusinessProfile; p != nil && strings.TrimSpace(p.Name) != "" {
		return strings.TrimSpace(p.Name)
	}
	if e := strings.TrimSpace(a.Email); e != "" {
		return e
	}
	return a.ID
}

// keyMode is the mode a key's prefix names, "" when it names none.
func keyMode(key string) string {
	switch {
	case strings.HasPrefix(key, "sk_test_"), strings.HasPrefix(key, "rk_test_"):
		return "test"
	case strings.HasPrefix(key, "sk_live_"), strings.HasPrefix(key, "rk_live_"):
		return "live"
	}
	return ""
}

func modeOf(live bool) string {
	if live {
		return "live"
	}
	return "test"
}
