// Package connector owns the contract between a source's API client and the
// syncer: the Connector interface, the normalized records a page carries
// (with the source's reported deletions and its full-pass marks, which let
// the sink sweep what a complete pass no longer lists), the Sink that writes
// a page, the optional Verifier that checks a credential, the progress phase
// labels, and small helpers every connector shares (FetchError,
// NormalizeDomain, DomainFromEmail).
//
// It must not touch the store, read tokens, or keep package-level state:
// connectors are built in main.go with their token and an *httpx.Client, and
// hand pages to the syncer, which writes them through a Sink. Each source's
// connector lives in its own sub-package and runs connectortest.Run.
package connector
