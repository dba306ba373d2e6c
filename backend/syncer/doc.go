// Package syncer pulls every connected source into the store: it keeps one
// cursor and state row per source (store.SyncState), writes each fetched
// page and its cursor in one transaction (StoreSink), resumes from the last
// committed page after a failure, cancel or crash, counts failures per
// source, emits throttled progress events, recomputes scores once after each
// run, and runs on a schedule while online.
//
// It must not read tokens (connectors are built with theirs), import the
// Wails runtime (events go through Options.Emit), or delete synced records:
// a failed run leaves everything already committed in place.
package syncer
