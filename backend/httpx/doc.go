// Package httpx owns the one HTTP policy every connector uses: a per-attempt
// timeout, retries with exponential backoff and full jitter on 429, 500, 502,
// 503, 504 and network failures, Retry-After honoured in delta-seconds or as
// an HTTP date, per-source rate limits (a token-bucket Limiter; StripeLimit
// picks Stripe's limit from the key's mode), and typed errors (StatusError,
// TransportError) that Classify and AsDomain turn into backend/domain codes.
//
// Contracts:
//
//   - Only idempotent requests are retried: GET, HEAD, OPTIONS, TRACE, PUT,
//     DELETE, a request carrying an Idempotency-Key (or X-Idempotency-Key)
//     header, or one marked with MarkIdempotent (a read sent as POST, such as
//     a GraphQL or HogQL query). A request with a body is retried only if it
//     has GetBody, which replays it.
//   - Every wait (rate limiter, backoff, Retry-After) honours the request's
//     context; a Retry-After longer than Policy.MaxRetryAfter is not waited
//     for: Do gives up at once with a StatusError whose RetryAfter says when.
//   - Discarded response bodies are drained (bounded) and closed.
//   - The package never logs, and never puts in an error, the value of
//     Authorization, Proxy-Authorization, Cookie, Set-Cookie,
//     X-Salesbricks-Key, X-BuildBetter-Api-Key, X-Api-Key, any header whose
//     name contains auth, key, token, secret, cookie, password, session or
//     signature, or any header named in Policy.RedactHeaders, nor a URL's query string, fragment or user
//     info (tokens sometimes travel in query strings). Error bodies kept in
//     StatusError are truncated and scrubbed of those values and of
//     token-shaped strings.
//   - A final status of 400 or more is returned as the response (its body
//     buffered in memory) together with a *StatusError; no response at all
//     gives a *TransportError. Use AsDomain at the connector boundary.
//   - There are no package-level singletons: a Client holds its own policy,
//     limiter, clock, sleep, random source and optional *slog.Logger (nil
//     means no logging), all injectable so tests never sleep for real.
package httpx
