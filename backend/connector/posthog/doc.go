// Package posthog is the PostHog usage connector: per customer account,
// the distinct people active in each of the last 13 weeks (12 full weeks
// and the current one) and when PostHog last saw any of them, read with
// HogQL through POST /api/projects/{id}/query/ and the app's
// *httpx.Client, which owns retries, Retry-After, rate limiting and error
// redaction. The personal API key (phx_…) travels in the Authorization
// header only.
//
// Why not posthog-go. github.com/posthog/posthog-go is PostHog's Go
// library for the write side: it captures events (batched to /batch/) and
// evaluates feature flags, and its only other API calls are the flag
// endpoints. It cannot run a query, list groups or read a project, so
// reading usage is plain HTTP here. The package does use posthog-go for
// what it is made for: Recorder (capture.go) records customer-success
// touches back into the customer's project as group events, when a person
// opts in.
//
// Accounts. With WithGroupType (group analytics, say a "company" group
// type keyed by domain) an account is a group: its key is the group key,
// its domain the group's domain property, else the key when that is a
// company domain, its name the group's name property. Without it, people
// are counted by the domain of their e-mail address: the domain is both
// key and domain, and mailbox providers (gmail.com, ...) are dropped, so a
// free-mail domain never becomes an account or a domain. Every account
// seen in the window gets all 13 weeks, zero weeks included, so that a
// drop to no users shows.
//
// Queries. A pass runs one aggregate query per page of PageSize (500)
// accounts, ordered by key: a project with a few hundred customer
// companies syncs with one query, which matters because PostHog allows
// few query calls (120 an hour by default, see QueryRate). Pages follow
// each other by key (keyset: "key > {after}", the value passed in the
// request's "values"), because PostHog refuses OFFSET in queries made
// with a personal API key; the query asks for PageSize+1 rows to know
// whether more follow, and also follows "hasMore" should the server cut
// an answer short. Week bounds are UTC instants (Monday 00:00 UTC, as
// domain.WeekStart), so the project's time zone never moves them.
// "refresh": "blocking" lets PostHog answer from its cache when it holds
// a recent result (hours at most), which weekly counts tolerate. Besides
// the queries, a connector makes at most two cheap non-query calls in its
// life: GET /api/projects/@current/ when no project id is configured (a
// key that may not read projects then queries /api/projects/@current/
// directly), and GET /api/projects/{id}/groups_types/ when the group type
// is configured by name only.
//
// Last seen. Each account's newest event in the window is in
// AccountUsage.LastSeen, which FetchUsage returns beside the page;
// connector.Page has no field for it yet (Fetch drops it). An account
// quiet for the whole window is not listed: its last-seen time stays
// whatever an earlier pass delivered.
//
// Passes. Every run is a full pass: the cursor of the last page is "".
// The cursor is "v1:<grouping>:<week>:<after>": grouping "g0".."g4" (the
// group type index) or "email"; week the Monday (YYYY-MM-DD) that starts
// the window's newest week; after the last key delivered, in unpadded
// base64url. A cursor of another grouping (the settings changed) or of an
// earlier week (the pass straddled a Monday) starts a new pass.
//
// No sweeping. Pages are not marked StartsFullPass/EndsFullPass, though
// a pass lists every account with usage in the window: it does not list
// every account PostHog knows. A company whose people stopped using the
// product 13 weeks ago drops out of the query, yet it is still a
// customer, and its last weeks of zero users are exactly what Health's
// adoption factors must keep seeing; sweeping would unlink its key (and
// delete an account PostHog alone created). Usage weeks are replaced week
// by week instead, and stale accounts keep their last known weeks.
//
// Errors. 401 and 403 give EUnauthorized (403 says which scope is
// missing), an unknown project ENotFound, a query PostHog rejects EInvalid
// with PostHog's reason. 429s are retried by httpx, honouring Retry-After;
// throttling that persists (the hourly query budget, or the cap on queries
// running at once) gives EUnavailable in plain words with the wait when
// PostHog said it. An answer that is not the JSON PostHog sends, or a
// query still running (202), gives EUnavailable: the next sync retries.
package posthog
