// Package health recomputes the health snapshot: it streams every account's
// facts out of the store, scores them with scoring.Health at one moment, and
// writes the scores as one snapshot in one write transaction, pruning old
// snapshots in the same transaction.
//
// It owns the orchestration only: the model lives in backend/scoring and the
// SQL in backend/store. It reads no clock (now is an argument), keeps no
// package state, and never holds the write lock while it reads.
package health
