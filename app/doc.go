// Package app is the only Go code bound to the Wails window: one service per
// section plus the Customer and Workspace services, the DTOs they return, the
// error formatter and the events seam (events.go, the one file that imports
// the Wails runtime).
//
// Every method takes one request struct and returns (DTO, error). DTOs use
// camelCase JSON, RFC 3339 strings for times and {amountMinor, currency} for
// money; errors cross as {code, message} (see ErrorFormatter).
package app
