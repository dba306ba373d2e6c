// Package syncer pulls every connected source into the store: it keeps one
// cursor and state row per source (store.SyncState), writes each fetched
// page and its cursor in one transaction (StoreSink; pages fetched while
// the store was busy share one), fetches ahead while pages commit, resumes
// from the last committed page after a failure, cancel or crash, counts
// failures per source, emits throttled progress events, recomputes scores
// once after each run, and runs on a schedule while online.
//
// Deletions. Records go only two ways: a source reports them deleted
// (connector.Page.Deleted), or a complete full pass did not deliver them
// (mark and sweep: connector.Page.StartsFullPass / EndsFullPass and
// store.Tx.SweepFullPass). Both happen inside the transaction of the page
// that carries them. A failed or canceled run deletes nothing: everything
// it committed stays, and a full pass it interrupted sweeps only once a
// later run completes it. An account goes only when the sync created it and
// nothing else refers to it any more (store.Tx.DeleteOrphanAccount).
//
// It must not read tokens (connectors are built with theirs) or import the
// Wails runtime (events go through Options.Emit).
package syncer
