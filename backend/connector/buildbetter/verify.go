package buildbetter

import (
	"context"
	"encoding/json"
	"errors"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// msgRefused is what Verify says when BuildBetter refuses the key.
const msgRefused = "BuildBetter refused the API key. Check that it is an organization API key " +
	"(BuildBetter → Settings → API)."

// Verify checks the key with one cheap query: the organization's name
// (organization, limit 1), reported as Identity.Account. A key that may
// not read the organization (the field is not in its schema) is checked
// with one call instead and reports Account "". Mode is always "":
// BuildBetter has no test mode.
//
// Errors: ENotConnected without a key; EUnauthorized when BuildBetter
// refuses it (HTTP 401/403 or a GraphQL authentication error); otherwise as
// Fetch.
func (c *Connector) Verify(ctx context.Context) (connector.Identity, error) {
	if c.key == "" {
		return connector.Identity{}, notConnected()
	}
	type orgData struct {
		Organization json.RawMessage `json:"organization"`
	}
	d, err := run[orgData](ctx, c, orgQuery, nil)
	if err == nil {
		// A table root is a list; a custom root may be one object.
		var orgs []orgRow
		if len(d.Organization) == 0 || string(d.Organization) == "null" {
			return connector.Identity{}, unreadable()
		}
		if json.Unmarshal(d.Organization, &orgs) != nil {
			var one orgRow
			if json.Unmarshal(d.Organization, &one) != nil {
				return connector.Identity{}, unreadable()
			}
			orgs = []orgRow{one}
		}
		for _, o := range orgs {
			if name := oneLine(o.Name, maxTitle); name != "" {
				return connector.Identity{Account: name}, nil
			}
		}
		return connector.Identity{}, nil
	}
	var qe *queryError
	if !errors.As(err, &qe) || !qe.rejected {
		return connector.Identity{}, verifyError(err)
	}
	type probeData struct {
		Calls *[]refRow `json:"interview"`
	}
	p, err := run[probeData](ctx, c, probeQuery, nil)
	if err != nil {
		return connector.Identity{}, verifyError(err)
	}
	if p.Calls == nil {
		return connector.Identity{}, unreadable()
	}
	return connector.Identity{}, nil
}

// verifyError words a refused key for Settings; other errors pass as is.
func verifyError(err error) error {
	if domain.ErrorCode(err) == domain.EUnauthorized {
		return domain.Errorf(domain.EUnauthorized, msgRefused)
	}
	return err
}
