package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"successdesk/backend/domain"
)

// SyncStatus is the state of a source's sync.
type SyncStatus string

const (
	SyncIdle      SyncStatus = "idle"      // never run, finished, or stopped by a cancel
	SyncRunning   SyncStatus = "running"   // a run started and has not finished (or the app died mid-run)
	SyncFailed    SyncStatus = "failed"    // the last run failed; the next one resumes from Cursor
	SyncReconnect SyncStatus = "reconnect" // the source refused the credentials; a person must act in Settings
)

// SyncState is the sync bookkeeping of one source (table sync_state).
//
// Cursor is opaque text owned by the source's connector; "" means start from
// the beginning. ItemsSynced counts the records written since the current
// pass started from an empty cursor (a resumed run keeps counting).
// ErrorCount counts failed runs since the last success and LastError is the
// latest failure's message, already safe to show a person.
type SyncState struct {
	Source        domain.Source
	Cursor        string
	Status        SyncStatus
	RunStartedAt  time.Time // zero when no run is under way
	LastSuccessAt time.Time // zero when never succeeded
	LastError     string
	ErrorCount    int
	ItemsSynced   int
	UpdatedAt     time.Time
}

const syncStateCols = `source, cursor, status, run_started_at, last_success_at, last_error, error_count,
	items_synced, updated_at`

func scanSyncState(sc interface{ Scan(...any) error }) (SyncState, error) {
	var s SyncState
	var src, status, started, success, updated string
	err := sc.Scan(&src, &s.Cursor, &status, &started, &success, &s.LastError, &s.ErrorCount, &s.ItemsSynced, &updated)
	s.Source, s.Status = domain.Source(src), SyncStatus(status)
	s.RunStartedAt, s.LastSuccessAt, s.UpdatedAt = parseTS(started), parseTS(success), parseTS(updated)
	return s, err
}

// SyncState returns the bookkeeping of source: EInvalid for an unknown
// source, ENotFound when the source has never been synced.
func (s *Store) SyncState(ctx context.Context, source domain.Source) (SyncState, error) {
	if err := validSource(source); err != nil {
		return SyncState{}, err
	}
	st, err := scanSyncState(s.read.QueryRowContext(ctx, `SELECT `+syncStateCols+` FROM sync_state WHERE source = ?`, string(source)))
	if errors.Is(err, sql.ErrNoRows) {
		return st, domain.Errorf(domain.ENotFound, "%s has not been synced yet.", source.Label())
	}
	return st, err
}

// SyncStates returns the bookkeeping of every source that has ever been
// synced, in domain.AllSources order.
func (s *Store) SyncStates(ctx context.Context) ([]SyncState, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+syncStateCols+` FROM sync_state`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SyncState
	for rows.Next() {
		st, err := scanSyncState(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	slices.SortFunc(out, func(a, b SyncState) int {
		return slices.Index(domain.AllSources, a.Source) - slices.Index(domain.AllSources, b.Source)
	})
	return out, rows.Err()
}

// upsertSyncState creates source's row with the defaults when missing, then
// applies set (an UPDATE's SET list; ?1 is the source, ?2 the time at, and
// ?3... are args).
func (t *Tx) upsertSyncState(ctx context.Context, source domain.Source, at time.Time, set string, args ...any) error {
	if err := validSource(source); err != nil {
		return err
	}
	update := `UPDATE sync_state SET ` + set + `, updated_at = ?2 WHERE source = ?1`
	args = append([]any{string(source), ts(at)}, args...)
	res, err := t.exec(ctx, update, args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err // the usual case: the row exists (one statement a page)
	}
	if _, err := t.exec(ctx, `INSERT INTO sync_state(source, updated_at) VALUES (?, ?) ON CONFLICT(source) DO NOTHING`,
		string(source), ts(at)); err != nil {
		return err
	}
	_, err = t.exec(ctx, update, args...)
	return err
}

// MarkRunning records that a run of source started at at. A run starting
// from an empty cursor begins a new pass and resets ItemsSynced; a resumed
// run keeps it. Cursor, LastError and ErrorCount are kept.
func (t *Tx) MarkRunning(ctx context.Context, source domain.Source, at time.Time) error {
	return t.upsertSyncState(ctx, source, at, `status = 'running', run_started_at = ?2,
		items_synced = CASE WHEN cursor = '' THEN 0 ELSE items_synced END`)
}

// SaveCursor stores cursor as the point source resumes from and adds items
// to ItemsSynced. Call it in the transaction that wrote the page the cursor
// follows, so the page and the cursor commit (or roll back) together.
func (t *Tx) SaveCursor(ctx context.Context, source domain.Source, cursor string, items int, at time.Time) error {
	if items < 0 {
		return domain.Errorf(domain.EInvalid, "Item counts cannot be negative.")
	}
	return t.upsertSyncState(ctx, source, at, `cursor = ?3, items_synced = items_synced + ?4`, cursor, items)
}

// MarkSuccess records a finished run: status idle, LastSuccessAt = at, and
// ErrorCount and LastError reset. The cursor is left as the last page saved
// it, so the connector decides whether the next run is a full pass ("") or
// incremental (a watermark).
func (t *Tx) MarkSuccess(ctx context.Context, source domain.Source, at time.Time) error {
	return t.upsertSyncState(ctx, source, at, `status = 'idle', run_started_at = '', last_success_at = ?2,
		last_error = '', error_count = 0`)
}

// MarkFailure records a failed run: ErrorCount+1, LastError = msg (which
// must already be safe to show: domain.ErrorMessage of the cause), and
// status reconnect when reconnect is true (the credentials were refused),
// failed otherwise. The cursor and everything already committed are kept.
func (t *Tx) MarkFailure(ctx context.Context, source domain.Source, msg string, reconnect bool, at time.Time) error {
	status := SyncFailed
	if reconnect {
		status = SyncReconnect
	}
	return t.upsertSyncState(ctx, source, at, `status = ?3, run_started_at = '', last_error = ?4,
		error_count = error_count + 1`, string(status), msg)
}

// MarkIdle records a run stopped on purpose (a cancel): status idle, the
// cursor, LastError and ErrorCount kept, so the next run resumes.
func (t *Tx) MarkIdle(ctx context.Context, source domain.Source, at time.Time) error {
	return t.upsertSyncState(ctx, source, at, `status = 'idle', run_started_at = ''`)
}

// ResetCursor clears source's cursor so that its next run is a full pass.
func (t *Tx) ResetCursor(ctx context.Context, source domain.Source, at time.Time) error {
	return t.upsertSyncState(ctx, source, at, `cursor = ''`)
}

// AccountIDForKey returns the account that source's own customer key was
// linked to, or ENotFound.
func (t *Tx) AccountIDForKey(ctx context.Context, source domain.Source, key string) (int64, error) {
	return t.lookupID(ctx, "The linked account", `SELECT account_id FROM sync_account_keys WHERE source = ? AND key = ?`,
		string(source), key)
}

// LinkAccountKey points source's customer key at accountID, replacing any
// earlier link (a merge re-points keys this way).
func (t *Tx) LinkAccountKey(ctx context.Context, source domain.Source, key string, accountID int64) error {
	if key == "" {
		return domain.Errorf(domain.EInvalid, "An account key cannot be empty.")
	}
	_, err := t.exec(ctx, `INSERT INTO sync_account_keys(source, key, account_id) VALUES (?, ?, ?)
		ON CONFLICT(source, key) DO UPDATE SET account_id = excluded.account_id`, string(source), key, accountID)
	return err
}

// AccountIDByDomain returns the id of the account keyed by the normalized
// domain d as this transaction sees it (its own inserts included), or ENotFound.
func (t *Tx) AccountIDByDomain(ctx context.Context, d string) (int64, error) {
	return t.lookupID(ctx, "The account", `SELECT id FROM accounts WHERE domain = ?`, strings.ToLower(d))
}

// RevenueSourceIDFor returns the id of the revenue source stored under
// (source, externalID), or ENotFound.
func (t *Tx) RevenueSourceIDFor(ctx context.Context, source domain.Source, externalID string) (int64, error) {
	return t.lookupID(ctx, "The subscription", `SELECT id FROM revenue_sources WHERE source = ? AND external_id = ?`,
		string(source), externalID)
}

func (t *Tx) lookupID(ctx context.Context, what, query string, args ...any) (int64, error) {
	id, err := t.queryRowID(ctx, query, args...)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, notFound(what)
	}
	return id, err
}

func validSource(s domain.Source) error {
	if !slices.Contains(domain.AllSources, s) {
		return domain.Errorf(domain.EInvalid, "%q is not a known source.", string(s))
	}
	return nil
}
