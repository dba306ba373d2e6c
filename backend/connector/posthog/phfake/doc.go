// Package phfake is an in-process PostHog API for tests: an http.Handler
// serving a deterministic generated project (companies as groups of one
// group type, their people with e-mail addresses — some at mailbox
// providers, some without one — and 17 weeks of their events, in usage
// profiles from steady to churned) in the shapes PostHog documents.
//
// What it serves, all behind "Authorization: Bearer <personal API key>"
// (401 with PostHog's error body without it or with another key):
//
//   - GET /api/projects/{id}/ and /api/projects/@current/: the project
//     ({"id", "name", "organization", "timezone", ...}); 403 with
//     Options.DenyProject, as for a key without project:read; 404 for
//     another project id.
//   - GET /api/projects/{id}/groups_types/: the list of group types (the
//     book's, Options.GroupType at Options.GroupIndex, and "workspace");
//     403 with Options.DenyGroupTypes.
//   - POST /api/projects/{id}/query/ with {"query": {"kind": "HogQLQuery",
//     "query": "...", "values": {...}}}: the answer {"results": [...],
//     "columns": [...], "types": [...], "hogql": ...}, with "hasMore" only
//     when the server cut the rows (Options.MaxRows) or
//     Options.TrailingEmpty says so — a query with its own LIMIT gets none,
//     as from PostHog. 403 with Options.DenyQuery.
//
// It does not parse HogQL. It recognizes the usage query by its marker
// line (UsageMarker) and reads from its text the grouping ($group_N or
// the e-mail domain), the window and each week column's bounds, the
// {after} keyset placeholder (its value from "values") and the LIMIT,
// then aggregates the book's events as ClickHouse would: distinct people
// per week, newest event, the group's name and domain properties. A query
// with OFFSET gets PostHog's 400 for personal API keys; "SELECT 1" gets
// one row; anything else a 400 query error.
//
// Faults (Inject) exercise retries and errors: 429 with Retry-After for a
// spent query budget, 429 for the query concurrency cap, any status,
// malformed JSON, a query still running (202), a hanging request. Truth
// returns what a correct usage pass must deliver, computed from the
// generator's own data rather than by the connector's mapping code.
//
// The package holds no package-level state and never touches the network
// beyond the handler it is mounted on.
package phfake
