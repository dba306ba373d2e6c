// Package sbfake is an in-process Salesbricks API for tests: an
// http.Handler serving a deterministic generated book of a seller's
// customers, contracts, closed orders, invoices and pipeline orders in the
// shapes Salesbricks documents.
//
// What it serves, all behind "X-SALESBRICKS-KEY: <key>" (anything else gets
// 401 and Salesbricks' error body {"error": {"code", "message"}}):
//
//   - GET /api/v2/customers, /api/v2/subscriptions/{id}/orders and
//     /api/v2/subscriptions/{id}/invoices: DRF-style pages {count, next,
//     previous, results} paged by limit (default 100, at most 1000) and
//     offset.
//   - GET /api/v2/subscriptions/{id}/current: the contract's current state.
//     A removed subscription answers 404.
//   - POST /api/v1/graphql: companyOrders(limit, offset, orderBy) { orders
//     { ... } } with metadata as a JSON string, and company { name }.
//     Options can take the undocumented fields, the offset argument or the
//     company query out of the schema; queries naming them then get a 400
//     validation error.
//
// The book (see Options) spans every contract status the product shows
// (active, trial by status and by a running trial order, past due,
// canceled, set to cancel, expired, pending, draft and a status word the
// connector does not know), monthly, quarterly, semi-annual and annual
// billing and billing without a frequency, USD by default and explicitly,
// EUR and GBP, plan and seats line items, renewal, upgrade, recast and trial
// orders, paid, open, past-due, muted, scheduled and estimated invoices,
// customers with and without a website, a Stripe customer id and an
// external id, contacts at the company domain and only at free-mail
// providers, prospects without contracts, and open, won and closed-lost
// orders with the lost reason in a field, in metadata or nowhere.
//
// Faults (Inject) exercise retries, Retry-After, broken and cut-off bodies
// and hangs; RemoveCustomer and RemoveSubscription change the book between
// or during passes. Truth returns what a correct sync of the current book
// holds, from the generator's intent rather than the connector's code.
//
// The package holds no package-level state beyond constant tables and
// never touches the network beyond the handler it is mounted on.
package sbfake
