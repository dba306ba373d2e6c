package salesbricks

import (
	"context"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// msgRefused is what Verify says when Salesbricks refuses the key.
const msgRefused = "Salesbricks refused the API key. Check the Public API token under Salesbricks → Settings → Integrations → Public API."

// verifyQuery asks GraphQL for the seller's company name. The field is not
// in the public docs; a schema without it falls back to the REST check.
const verifyQuery = `query SalesbricksVerify { company { name } }`

// Verify checks the key with one cheap authenticated call: the GraphQL
// query for the seller's company, whose name becomes Identity.Account.
// When GraphQL gives no usable answer (missing, a schema without the
// query, a failure) but does not refuse the key, one REST call (the first
// customer) checks the key instead and Account is "".
// Salesbricks has no test mode: Mode is "".
//
// Errors: ENotConnected without a key; EUnauthorized (msgRefused) when
// Salesbricks refuses the key; otherwise as Fetch. The key never appears in
// them.
func (c *Connector) Verify(ctx context.Context) (connector.Identity, error) {
	if c.key == "" {
		return connector.Identity{}, notConnected()
	}
	var data struct {
		Company *struct {
			Name text `json:"name"`
		} `json:"company"`
	}
	err := c.graphQL(ctx, "SalesbricksVerify", verifyQuery, nil, &data)
	switch {
	case err == nil && data.Company != nil:
		return connector.Identity{Account: data.Company.Name.String()}, nil
	case ctx.Err() != nil:
		return connector.Identity{}, ctx.Err()
	case domain.ErrorCode(err) == domain.EUnauthorized:
		return connector.Identity{}, verifyError(err)
	}
	// No usable answer from the legacy GraphQL API (missing, a schema
	// without the query, a failure): the REST API is the authority.
	return c.verifyREST(ctx)
}

// verifyREST lists one customer to prove the key.
func (c *Connector) verifyREST(ctx context.Context) (connector.Identity, error) {
	r, err := c.get(ctx, "/customers", listQuery(1, 0))
	if err != nil {
		return connector.Identity{}, verifyError(err)
	}
	if _, err := decodePage[wireCustomer](r.body); err != nil {
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
