package posthog

import (
	"context"
	"fmt"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// msgRefused is Verify's word for a key PostHog does not know (401).
const msgRefused = "PostHog refused the key. Check that it is a personal API key (phx_) " +
	"made on this PostHog host (US cloud, EU cloud or your own)."

// Verify checks the key with one cheap call: GET /api/projects/{id}/
// (the configured project, else "@current", the key's current project),
// whose name becomes Identity.Account ("Project <id>" when it has none).
// A key that may not read projects (403) is checked with the cheapest
// query instead ("SELECT 1", one call of the query budget) and gives
// Account "". A group type configured by name only is looked up too (one
// more call), so that a misspelt one is reported now rather than at the
// first sync. Mode is always "": PostHog has no test mode.
//
// Errors: ENotConnected without a key; EInvalid for a project API key
// (phc_, no request is sent), a malformed setting or a group type the
// project does not have; EUnauthorized when PostHog refuses the key or it
// may not query; ENotFound when the project does not exist for it;
// otherwise as Fetch.
func (c *Connector) Verify(ctx context.Context) (connector.Identity, error) {
	if err := c.check(); err != nil {
		return connector.Identity{}, err
	}
	ref := c.project
	if ref == "" {
		ref = "@current"
	}
	p, err := c.getProject(ctx, ref)
	switch {
	case err == nil:
		if _, err := c.grouping(ctx, fmt.Sprint(p.ID)); err != nil {
			return connector.Identity{}, err
		}
		name := p.Name
		if name == "" {
			name = fmt.Sprintf("Project %d", p.ID)
		}
		return connector.Identity{Account: name}, nil
	case connector.IsForbidden(err):
		if _, err := c.query(ctx, ref, probeQuery, nil); err != nil {
			if connector.IsForbidden(err) {
				return connector.Identity{}, domain.Errorf(domain.EUnauthorized, msgNoQuery)
			}
			return connector.Identity{}, verifyError(err)
		}
		if _, err := c.grouping(ctx, ref); err != nil {
			return connector.Identity{}, err
		}
		return connector.Identity{}, nil
	}
	return connector.Identity{}, verifyError(err)
}

// verifyError words a refused key for Settings; other errors pass as is.
func verifyError(err error) error {
	if domain.ErrorCode(err) == domain.EUnauthorized && !connector.IsForbidden(err) {
		return domain.Errorf(domain.EUnauthorized, msgRefused)
	}
	return err
}
