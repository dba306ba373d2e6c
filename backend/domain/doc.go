// Package domain holds the types every other package speaks in: accounts,
// revenue sources, invoices, usage, activity, deals, releases, routes, health
// scores and the error codes that cross the app boundary.
//
// It has no dependencies beyond the standard library and does no I/O. Money is
// always integer minor units with an ISO 4217 currency; times are UTC.
package domain
