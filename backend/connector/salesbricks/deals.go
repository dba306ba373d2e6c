package salesbricks

import (
	"context"
	"errors"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// Deals paging: DealsPageSize orders per GraphQL request; a schema
// without an offset argument is read in one request of UnpagedDealsLimit.
// MaxDeals bounds one FetchDeals.
const (
	DealsPageSize     = 100
	UnpagedDealsLimit = 1000
	MaxDeals          = 20000
)

// Deal is a Salesbricks order as a pipeline deal: open orders feed the
// Pipeline (read-only), lost ones Re-engage. FetchDeals returns it; a pass
// delivers the same deals as connector.DealRecords (see DomainDeal). A
// schema that only answers the documented example's fields gives deals
// without AccountKey, amount, dates or currency beyond the default.
type Deal struct {
	ExternalID  string            // the order id
	AccountKey  string            // the buyer's customer id (an AccountRecord.Key); "" when not sent
	Name        string            // "Acme Corp — Enterprise + Seats"
	Stage       string            // Salesbricks' stage in words: "Building upgrade"
	Status      domain.DealStatus // open, won or lost (see DealStatusOf)
	AmountMinor int64             // grand total, minor units
	Currency    string            // ISO 4217; USD when Salesbricks names none
	LostReason  string            // lost deals only; "" when Salesbricks keeps none
	ClosedAt    time.Time         // won and lost deals; zero for open ones
	UpdatedAt   time.Time         // last change, else close, else creation
	CreatedAt   time.Time         // zero when not sent
}

// DomainDeal is d as a domain.Deal of Salesbricks (ids left to the store).
func (d Deal) DomainDeal() domain.Deal {
	out := domain.Deal{
		Source: domain.SourceSalesbricks, ExternalID: d.ExternalID, Name: d.Name, Stage: d.Stage,
		Status: d.Status, Value: domain.Money{AmountMinor: d.AmountMinor, Currency: d.Currency},
		CloseDate: d.ClosedAt, LostReason: d.LostReason, CreatedAt: d.CreatedAt,
	}
	if d.Status == domain.DealLost {
		out.LostAt = d.ClosedAt
	}
	return out
}

// dealFields are the order fields each query variant asks for, richest
// first: rich adds fields no public page documents (currency, lostReason);
// plain has the order fields the webhook and CRM docs list; minimal is
// exactly the documented example's.
var dealFields = []string{
	`id stage orderType createdAt updatedAt closedAt grandTotal metadata buyer { id name } ` +
		`orderskuSet { quantity sku { name code } } currency lostReason`,
	`id stage orderType createdAt updatedAt closedAt grandTotal metadata buyer { id name } ` +
		`orderskuSet { quantity sku { name code } }`,
	`id stage metadata buyer { name } orderskuSet { quantity sku { name code } }`,
}

// dealQuery is the companyOrders query asking for dealFields[fields],
// paged by offset or not.
func dealQuery(fields int, paged bool) string {
	if paged {
		return `query SalesbricksDeals($limit: Int!, $offset: Int!) { companyOrders(limit: $limit, offset: $offset, ` +
			`orderBy: "created_at") { orders { ` + dealFields[fields] + ` } } }`
	}
	return `query SalesbricksDeals($limit: Int!) { companyOrders(limit: $limit, orderBy: "created_at") { orders { ` +
		dealFields[fields] + ` } } }`
}

// packVariant packs a query variant for Connector.dealVariant: fields·2,
// plus 1 when unpaged.
func packVariant(fields int, paged bool) int32 {
	v := int32(fields * 2)
	if !paged {
		v++
	}
	return v
}

type dealsData struct {
	CompanyOrders *struct {
		Orders []wireDeal `json:"orders"`
	} `json:"companyOrders"`
}

// FetchDeals reads every order GraphQL's companyOrders lists (open, won and
// lost; deleted ones are left out) as deals, oldest first. A full pass
// (Fetch) delivers the same deals page by page; FetchDeals reads them all
// at once. The GraphQL schema's field and argument names beyond the
// documented example are not published: the richest query variant is
// asked first and, when the schema rejects it, plainer ones: a refused
// argument drops offset paging (one request of UnpagedDealsLimit); a
// refused field drops currency and lostReason, then everything but the
// documented example's fields. The variant that worked is remembered for
// later calls. Errors are as Fetch's; errNoDeals (EUnavailable) when the
// schema rejects every variant.
func (c *Connector) FetchDeals(ctx context.Context) ([]Deal, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if c.key == "" {
		return nil, notConnected()
	}
	var out []Deal
	seen := map[string]bool{}
	for offset := 0; offset < MaxDeals; {
		deals, n, more, err := c.dealsPage(ctx, offset)
		if err != nil {
			return nil, err
		}
		added := 0
		for _, d := range deals {
			if !seen[d.ExternalID] {
				seen[d.ExternalID] = true
				out = append(out, d)
				added++
			}
		}
		// A server that ignores offset brings nothing new: stop there.
		if !more || len(deals) > 0 && added == 0 {
			break
		}
		offset += n
	}
	return out, nil
}

// errNoDeals is the error when the GraphQL schema accepts no query variant.
var errNoDeals = domain.Errorf(domain.EUnavailable,
	"Salesbricks' GraphQL API did not accept the order query; open and lost orders cannot be read.")

// dealsPage reads the orders at offset with the remembered query variant,
// stepping to plainer variants on schema errors. n is the number of orders
// the page held (deleted ones included), the step to the next offset; more
// says a next page may exist. An unpaged variant answers everything at
// offset 0 and nothing after.
func (c *Connector) dealsPage(ctx context.Context, offset int) (deals []Deal, n int, more bool, err error) {
	v := c.dealVariant.Load()
	fields, paged := int(v/2), v%2 == 0
	for range 2 * len(dealFields) {
		if !paged && offset > 0 {
			return nil, 0, false, nil
		}
		limit := DealsPageSize
		vars := map[string]any{"limit": limit, "offset": offset}
		if !paged {
			limit = UnpagedDealsLimit
			vars = map[string]any{"limit": limit}
		}
		var data dealsData
		err := c.graphQL(ctx, "SalesbricksDeals", dealQuery(fields, paged), vars, &data)
		var se *schemaError
		if errors.As(err, &se) {
			switch {
			case se.argument && paged:
				paged = false
			case fields+1 < len(dealFields):
				fields++
			case paged:
				paged = false
			default:
				return nil, 0, false, errNoDeals
			}
			continue
		}
		if err != nil {
			return nil, 0, false, err
		}
		if data.CompanyOrders == nil {
			return nil, 0, false, unreadable()
		}
		c.dealVariant.Store(packVariant(fields, paged))
		orders := data.CompanyOrders.Orders
		for _, o := range orders {
			if d, ok := mapDeal(o); ok {
				deals = append(deals, d)
			}
		}
		return deals, len(orders), paged && len(orders) >= limit && offset+len(orders) < MaxDeals, nil
	}
	return nil, 0, false, errNoDeals
}

// dealsPhasePage is the pass's deals page at pos, as DealRecords, moving pos
// past it. GraphQL is Salesbricks' legacy API and serves only deals: when
// it is missing (404), refuses the key, or accepts no query variant, the
// pass ends without deals rather than failing the contracts it read.
// Transient failures (429, 5xx, network) fail the page as usual.
func (c *Connector) dealsPhasePage(ctx context.Context, pos *position) (p connector.Page, more bool, err error) {
	deals, n, more, err := c.dealsPage(ctx, pos.offset)
	if err != nil {
		if ctx.Err() != nil {
			return p, false, ctx.Err()
		}
		switch code := domain.ErrorCode(err); {
		case err == errNoDeals, code == domain.ENotFound, code == domain.EUnauthorized:
			return p, false, nil
		}
		return p, false, err
	}
	for _, d := range deals {
		p.Deals = append(p.Deals, connector.DealRecord{AccountKey: d.AccountKey, Deal: d.DomainDeal()})
	}
	pos.offset += n
	return p, more, nil
}
