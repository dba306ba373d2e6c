// Package stripefake is an in-process Stripe API for tests and for the
// browser end-to-end run: an http.Handler serving a deterministic generated
// book (customers, subscriptions, invoices with their charges, events) in
// the shapes of API version 2023-10-16, the version stripe-go v76 pins.
//
// What it serves, all GET, all behind "Authorization: Bearer <key>":
//
//   - /v1/account: the authenticating account.
//   - /v1/customers, /v1/subscriptions (status: all, one status, or the
//     default that leaves out canceled ones), /v1/invoices (expand[] of
//     data.charge), /v1/events (type, types[], only the last 30 days): lists
//     newest first, paged by limit (1–100, default 10) and starting_after,
//     filtered by created[gt|gte|lt|lte] and, where Stripe has them,
//     customer, subscription and status.
//   - /v1/customers/{id}, /v1/subscriptions/{id}, /v1/invoices/{id}
//     (expand[] of charge).
//
// A wrong key gets Stripe's 401 body, which echoes the key masked; a
// starting_after that names no object gets a 400 resource_missing; a path
// in Options.Deny gets Stripe's 403 permission error.
//
// Faults (Inject) and the request hook (Options.OnRequest) let tests
// exercise retries, timeouts, broken bodies and revoked keys; the mutation
// methods (DeleteCustomer, CancelSubscription, RemoveSubscription,
// AddCustomer, ...) change the book between runs and record the events
// Stripe would. Truth returns what a correct sync of the current book must
// hold, computed from the generator's own data rather than by the
// connector's mapping code.
//
// The package is importable by any test and by cmd/stripefake; it holds no
// package-level state and never touches the network beyond the handler it
// is mounted on.
package stripefake
