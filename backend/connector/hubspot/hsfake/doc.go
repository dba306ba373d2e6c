// Package hsfake is an in-process HubSpot CRM v3 API for tests and local
// runs: an http.Handler serving a deterministic generated book of
// companies (or a fixed one) in the shapes HubSpot documents.
//
// What it serves, all behind "Authorization: Bearer <token>":
//
//   - GET /crm/v3/objects/companies: companies by ascending id, paged by
//     limit (1–MaxPageSize, default 10) and after (paging.next.after, the
//     next page's first id), with the requested properties (comma
//     separated or repeated `properties`; a requested property without a
//     value comes as null), archived=true for archived ones.
//   - POST /crm/v3/objects/companies/search: filterGroups (OR of groups,
//     AND within one; EQ, NEQ, GT, GTE, LT, LTE, HAS_PROPERTY,
//     NOT_HAS_PROPERTY; dates compared as unix ms), sorts (objects or
//     "-name" strings), properties, limit (1–200) and after (an offset);
//     answers carry total and, as HubSpot's do, no rate-limit headers. An
//     offset plus limit beyond 10,000 is a 400, as is a limit over 200.
//   - GET /crm/v3/properties/companies: standard and custom property
//     definitions, enumeration options included.
//   - GET /crm/v3/pipelines/deals: two pipelines whose stage metadata are
//     strings, as v3 sends them.
//   - GET /account-info/v3/details: the portal's id and type.
//
// Other answers carry X-HubSpot-RateLimit-* headers and a Date from the
// server's clock. A missing or wrong token gets HubSpot's 401 body, a token
// without the endpoint's scope (Options.Scopes) the 403 MISSING_SCOPES
// body naming it; every error body has status, message, category and
// correlationId. Faults (Inject) add 429s (with Retry-After, or with only
// the rate-limit headers and policyName), 5xx answers, malformed JSON and
// hanging requests.
//
// The book holds companies whose domains are written in HubSpot's many
// forms (bare, www., https:// with a path, upper case, only in website,
// a free-mail provider, none), coded industries, head counts, locations
// with missing parts, and four custom properties (two enumerations, a
// checkbox and free text). The mutation methods (Add, Rename, Touch,
// Archive) change it between runs and stamp hs_lastmodifieddate from the
// server's clock. Truth returns what a correct sync of the generated
// companies must hold, computed from the generator's own tables rather
// than by the connector's mapping code.
//
// The package holds no package-level state and never touches the network
// beyond the handler it is mounted on.
package hsfake
