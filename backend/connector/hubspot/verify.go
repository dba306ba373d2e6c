package hubspot

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"successdesk/backend/connector"
)

// Verify checks the token with two cheap calls and writes nothing:
//
//   - GET /account-info/v3/details names the account: Account is
//     "<portal name> (HubSpot portal <id>)" when HubSpot gives a name, else
//     "HubSpot portal <id>"; Mode is "test" for developer test accounts and
//     sandboxes, "live" for standard accounts, else "". A token that may not
//     read it (403) leaves both "".
//   - GET /crm/v3/objects/companies?limit=1 confirms the scope every sync
//     needs, so that a token without crm.objects.companies.read is caught
//     before it is saved.
//
// Errors: ENotConnected without a token; EUnauthorized when HubSpot
// refuses the token (401) or it lacks the companies scope (the message
// names it); otherwise as Fetch.
func (c *Connector) Verify(ctx context.Context) (connector.Identity, error) {
	if err := ctx.Err(); err != nil {
		return connector.Identity{}, err
	}
	if c.token == "" {
		return connector.Identity{}, notConnected()
	}
	var id connector.Identity
	a, err := c.get(ctx, "/account-info/v3/details", nil, "")
	switch {
	case err == nil:
		var d struct {
			PortalID    flex `json:"portalId"`
			PortalName  flex `json:"portalName"`
			AccountType flex `json:"accountType"`
		}
		if decodeObject(a.body, &d) != nil {
			return connector.Identity{}, unreadable()
		}
		id = identity(d.PortalID, d.PortalName, d.AccountType)
	case !connector.IsForbidden(err):
		return connector.Identity{}, err
	}
	q := url.Values{"limit": {"1"}, "properties": {"domain"}, "archived": {"false"}}
	a, err = c.get(ctx, "/crm/v3/objects/companies", q, scopeCompanies)
	if err != nil {
		return connector.Identity{}, err
	}
	if _, err := decodePage(a.body); err != nil {
		return connector.Identity{}, unreadable()
	}
	return id, nil
}

// identity words account-info's details.
func identity(portal, name, kind flex) connector.Identity {
	var id connector.Identity
	if n, ok := portal.Int(); ok && n > 0 {
		id.Account = "HubSpot portal " + strconv.FormatInt(n, 10)
		if nm := clean(string(name), maxText); nm != "" {
			id.Account = nm + " (" + id.Account + ")"
		}
	}
	switch strings.ToUpper(strings.TrimSpace(string(kind))) {
	case "STANDARD":
		id.Mode = "live"
	case "DEVELOPER_TEST", "SANDBOX":
		id.Mode = "test"
	}
	return id
}
