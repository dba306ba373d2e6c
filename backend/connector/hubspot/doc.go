// Package hubspot is the HubSpot connector: company records for the
// enrichment panel of Customer Detail (industry, size, location and the
// custom properties picked in Settings), read from HubSpot's CRM v3 API
// with a private app's access token through the app's *httpx.Client, which
// owns retries, Retry-After, request pacing and error redaction. It also
// reads deal pipeline stages (FetchStages) and the company property
// definitions Settings offers to pick from (Properties).
//
// Records. Each company becomes an AccountRecord keyed by its HubSpot id,
// with the normalized `domain` property (else `website`) as its Domain —
// "" when neither holds a company domain (missing, malformed or a
// free-mail provider), so such companies still arrive under their id — and
// an EnrichmentRecord for the same key: Industry humanized from HubSpot's
// enumeration value (COMPUTER_SOFTWARE → "Computer software"), Employees
// from numberofemployees, Location as "City, State, Country" without empty
// parts, and Custom holding the chosen custom properties that have a value.
// Custom is keyed by each property's label as HubSpot shows it (read from
// the property definitions once per connector and again at the start of
// every full pass), falling back to the internal name when the label is
// unknown, empty, or shared by another chosen property (as its label or
// name), or when the token may not read property definitions; option
// values of enumeration properties are shown by their option labels
// ("gold" → "Gold", several checkbox values joined by ", ").
//
// Passes. A full pass lists every company (GET /crm/v3/objects/companies,
// 100 a page, following paging.next.after) and marks its first and last
// pages (connector.Page.StartsFullPass / EndsFullPass) so that the sink
// sweeps companies HubSpot no longer lists. It ends with a watermark:
// HubSpot's time (the Date header of its first answer) less ChangeOverlap.
// The next run is incremental: it searches companies whose
// hs_lastmodifieddate is at or after the watermark
// (POST /crm/v3/objects/companies/search, 200 a page, ascending by
// hs_lastmodifieddate), paced to SearchRate because the search endpoint
// has its own lower limit. Each search page starts a fresh query at the
// modification time of the previous page's last company (keyset paging),
// so companies changed while a run pages are seen, never skipped; a page
// whose companies all share one modification time moves on with `after`
// instead. The run ends with the watermark set to its own start less
// ChangeOverlap, which also covers the search index's short delay. A run
// does a full pass instead when there is no watermark, when the last full
// pass began FullPassEvery ago or more (deletions are only noticed by full
// passes), when the chosen custom properties changed since the last pass
// (every company's Custom must be refilled), or when more than MaxChanges
// companies changed (the search endpoint returns at most 10,000 results
// per query; a change that large is cheaper to take in as a full pass).
//
// Cursors. "" starts a full pass. A full pass's cursor is
// "full:<after>;t=<ms>;f=<ms>[;p=<fp>]": HubSpot's paging token
// (query-escaped, "" on the first page), HubSpot's time at the start of
// the pass and our clock's (unix milliseconds), and a fingerprint of the
// chosen custom properties (8 hex digits, absent without any). Between and
// during incremental runs it is "changes:<mark>[;s=<skip>][;t=<ms>];f=<ms>
// [;p=<fp>]": the search's lower bound on hs_lastmodifieddate, results to
// skip at that bound, HubSpot's time at the start of the run (absent
// between runs) and when the last full pass began.
//
// Rate limits. HubSpot limits each account per 10 seconds and per day
// (Policy paces requests to the lowest plan's burst limit). A 429 with
// Retry-After is retried by httpx. HubSpot usually sends none: httpx then
// backs off briefly, and should the limit still hold, the connector waits
// out one rate window itself — X-HubSpot-RateLimit-Interval-Milliseconds
// when present, else DefaultRateWindow (one second for the search
// endpoint's SECONDLY policy) — at most maxRateWaits times per request,
// through the sleep given by WithSleep. A window longer than the client's
// MaxRetryAfter is not waited for. The daily limit (policyName DAILY, or
// X-HubSpot-RateLimit-Daily-Remaining: 0) is never waited for: the fetch
// fails with EUnavailable saying when syncing resumes.
//
// Errors follow connector.Connector: 401 is EUnauthorized asking to check
// the token; 403 (HubSpot's MISSING_SCOPES) is EUnauthorized naming the
// scope the private app lacks (crm.objects.companies.read for companies,
// crm.objects.deals.read for stages); an answer that is not the JSON
// HubSpot sends is EUnavailable in plain words. The token is sent only in
// the Authorization header and never appears in an error, a log line or a
// record.
package hubspot
