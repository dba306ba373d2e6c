// Package connectortest holds what every connector's tests share: Run, the
// one conformance suite (cancel, resume, empty page, 401/403, 429,
// full-pass marks, token hygiene), and FakeConnector, a scripted connector
// with injectable faults (and optional full-pass marks) for testing the
// syncer without HTTP.
//
// It is imported only from _test.go files and never by production code.
package connectortest
