// Package salesbricks is the Salesbricks connector: customers, contracts
// (subscriptions with their current state), the closed orders of each
// contract (trials, renewals, upgrades) and its invoices, read from the
// REST API v2, and open, won and closed-lost orders read from the GraphQL
// API, the only place Salesbricks exposes them. Every request goes through
// the app's *httpx.Client (retries, Retry-After, redaction) with the key in
// the X-SALESBRICKS-KEY header only: never in a URL, an error, a log line
// or a record.
//
// Passes. Salesbricks has no changed-since filter, so every run is a full
// pass, marked StartsFullPass on its first page and EndsFullPass on its
// last so that the sink sweeps what Salesbricks no longer lists. A pass
// has two phases:
//
//   - customers: a page is one page of GET /customers (limit/offset,
//     PageSize customers) with everything those customers own: for each
//     subscription the list names, GET /subscriptions/{id}/current and
//     every page of /subscriptions/{id}/orders and /invoices, read by up to
//     Concurrency workers. An account therefore always arrives in the page
//     of its records. A subscription that answers 404 (deleted since the
//     customers page was read) is left out; any other failure fails the
//     page, which is then fetched again from the same cursor.
//   - deals: a page is one page of GraphQL companyOrders (DealsPageSize
//     orders) as connector.DealRecords; FetchDeals reads the same deals all
//     at once. GraphQL is Salesbricks' legacy API and only feeds deals: when
//     it is missing (404), refuses the key or accepts no query variant, the
//     pass ends without deals rather than failing the contracts it read.
//
// Offset paging shifts when customers are added or removed during a pass.
// The first page records the customers list's count in the cursor; when a
// later page reports another count, the pass still runs to its end but its
// last page does not carry EndsFullPass, so nothing is swept on a list that
// moved under it (the next run is a full pass again).
//
// The cursor is "<phase>:<offset>;n=<count>", phase customers or deals,
// with ";moved" once the count changed; "" starts a pass. The last page's
// Next is "": the next run starts a new full pass.
//
// Mapping (map.go, interval.go, orders.go, invoices.go, dealmap.go):
//   - A customer is an account keyed by its customer_id. Its domain is the
//     customer's own domain or website field when Salesbricks sends one
//     (not in the documented schema), else the first company domain among
//     its contracts' contact e-mails (point of contact, signatory, accounts
//     payable); free-mail domains never become a domain. Its
//     stripe_customer_id becomes a Stripe alias of the record, the direct
//     join to the Stripe connector's account.
//   - A subscription is a revenue record with exact MRR and ARR in minor
//     units (see amountOf for the interval rules). Amounts are read as
//     decimal major units (a number or a string such as "$1,200.50") and
//     converted exactly; the currency is the contract's currency field, else
//     USD, Salesbricks' documented default.
//   - A closed order is a contract_change activity with the order id as its
//     ExternalID and a plain title ("Renewed for 12 months", "Upgraded to 40
//     seats", "Started a 14-day trial").
//   - An invoice is an invoice record; renewal estimates are left out.
//   - A GraphQL order is a deal: open, won or lost by its stage
//     (DealStatusOf), with its lost reason where Salesbricks keeps one.
//
// Cheap by skipping unchanged rows. ContentHash gives a stable digest of any
// mapped record. A sink may keep the digest next to each row (keyed by
// source and external id) and, when a page brings a record whose digest
// equals the stored one, only restamp the row with the current full-pass
// number (which the sweep needs) instead of rewriting it and its indexes.
// Nothing in this package depends on that: records are complete either way.
//
// Fields the documentation does not promise (a customer's domain or website,
// a contract's currency and auto_renews, an order's line items, closed_at
// and currency, a deal's currency and lost reason) are read when present and
// defaulted when absent; tests cover both.
package salesbricks
