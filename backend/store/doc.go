// Package store keeps the workspace in one SQLite file (modernc.org/sqlite,
// pure Go): accounts and everything synced onto them, routes, settings and
// health-score snapshots.
//
// Open applies the embedded, numbered migrations in order. Reads go through a
// small read pool; every write goes through Write, which runs one immediate
// transaction on a single-connection write pool. Missing rows are reported as
// a domain.ENotFound error, never as (nil, nil). The store never sees a token.
package store
