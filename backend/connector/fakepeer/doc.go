// Package fakepeer holds what the fake SaaS APIs (stripefake, sbfake,
// phfake, bbfake, hsfake) share: Faults, the list of injected failures a
// fake answers requests with, Apply, the answers every fake gives the same
// way (a reset connection, a hung request, a malformed or truncated body,
// an error status whose body the fake writes itself), and Serve, Main and
// AddFlags, what the fakes' commands share to serve a fake on a local
// address for the browser end-to-end run (Probe tries that out in tests).
//
// Like the fakes, it is used only by tests and by those commands, never by
// the app.
package fakepeer
