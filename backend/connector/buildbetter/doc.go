// Package buildbetter is the BuildBetter connector: calls and conversation
// signals for the activity feed and Health, read from BuildBetter's GraphQL
// API (Hasura-style tables interview and extraction) with plain POSTs
// through the app's *httpx.Client, which owns retries, Retry-After, the
// rate limit and error redaction. The API key travels in the
// X-BuildBetter-Api-Key header only.
//
// # Records
//
// A call (interview) with at least one customer attendee becomes an
// activity of kind call, ExternalID "call_<id>", dated by started_at (else
// display_ts, else created_at), titled by its name and length, its body
// the short summary, its actor the customer attendees' names. A signal
// (extraction) whose type names a kind the app keeps becomes an activity
// of kind signal, ExternalID "signal_<id>": feature requests, complaints
// (issues, bugs), escalations, NPS (Score parsed from its text, nil when it
// states none) and praise; other types (questions, objections, action
// items) are left out. See classify for the exact words.
//
// # Accounts
//
// Team members never make an account: a person linked to a BuildBetter
// user, and on a call anyone sharing the e-mail domain of such a person.
// Every other person stands for one account key:
//
//   - "company:<company id>" when BuildBetter links the person to a
//     company; Domain is the company's domain, else the person's e-mail
//     domain;
//   - "domain:<domain>" for a person without a company whose e-mail is at a
//     company domain;
//   - "unmatched:<person id>" for a person without a company whose e-mail is
//     at a free-mail provider (or missing): Domain "", Name the person's
//     name, PrimaryEmail the address, so that a person can match the key to
//     an account by hand later; the key stays stable across syncs.
//
// Free-mail domains (connector.DomainFromEmail) never become a Domain, not
// even when a company record names one. A call is filed under the account
// with most attendees on it, companies and domains before unmatched people,
// ties to the smaller key. A signal is filed under its speaker's account
// when the speaker is a customer, else under its call's account.
//
// # Passes
//
// A pass reads a window of created_at: (since, until]. Its first page is a
// scan: it reads every call and signal of the window (light selections,
// ScanPageSize rows a request, until a request returns none), maps them,
// and delivers each account they name exactly once, with the window's end
// (until, the newest created_at seen) and the row counts. The calls phase
// and then the signals phase page through the same window, PageSize rows a
// request ordered by (created_at, id), ending at the scanned counts or at a
// request that returns no row; their pages carry activities only. So every
// account arrives before the records naming it, and no record appears twice
// in a pass. A row created during a pass after the scan waits for the next
// one.
//
// The first pass, and every pass starting FullPassEvery or more after the
// last full one began, is a full pass: no lower bound, pages marked
// StartsFullPass / EndsFullPass. Other passes are incremental: since is the
// watermark (the newest created_at the previous pass saw) less Overlap, so
// that rows committed late and calls summarized after the previous sync are
// read again. Rows are upserted by external id, so rereading is harmless.
//
// # Cursor
//
// Between passes: "next;w=<watermark>;f=<full>" (w in unix nanoseconds,
// f the unix second the last full pass began); "" starts a full pass.
// Within a pass: "<calls|signals>:<offset>;nc=<calls>;ns=<signals>;s=<since>;
// u=<until>;f=<full>;t=<total>", since and until in unix nanoseconds, s=0 for
// a full pass, t the records the pass expects (Page.Total).
//
// # Errors
//
// HTTP 401/403, and a GraphQL error with an authentication code or message
// in any answer, give EUnauthorized; other GraphQL errors, 429 and 5xx
// after the client's retries, and answers that cannot be read give
// EUnavailable. No message carries the key or the source's own text.
//
// Schema items marked (verify) in the integration notes (company.domain,
// person.user, the organization table) are the ones to confirm with a real
// key; the selections live in queries.go.
package buildbetter
