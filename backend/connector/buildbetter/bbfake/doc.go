// Package bbfake is an in-process BuildBetter GraphQL API for tests: an
// http.Handler (mount it on httptest.NewServer) serving a Book, generated
// from a seed (Generate) or loaded from JSON (LoadBook), in the shapes
// BuildBetter documents.
//
// What it serves: POST /v1/graphql (also /graphql) with a JSON body
// {query, variables}, behind the X-BuildBetter-Api-Key header, answered
// {"data": ...} or {"errors": [{message, extensions: {code}}]}. Root fields
// interview (calls), extraction (signals) and organization; lists take
// where (a variable holding a bool_exp of created_at with _gt, _gte, _lt,
// _lte, _eq and _and), limit and offset (variables or literals), and are
// always ordered by (created_at, id) ascending, NULL times last. Each row
// is cut down to the query's selection set; a field the fake's schema
// lacks is Hasura's validation-failed error, so a query naming a wrong
// field fails here as it would there. Aliases are honoured; fragments,
// directives and mutations are refused.
//
// Rows: interview {id name started_at completed_at display_ts recorded_at
// created_at short_summary asset_duration_seconds attendees {person}};
// extraction {id summary context sentiment display_ts created_at
// interview_id types {type {name}} attendee {person} call {interview}};
// person {id first_name last_name email persona_id user {id} company {id
// name domain}}; organization {id name}. Ids are JSON numbers, times
// Hasura's "2006-01-02T15:04:05.999999+00:00", empty text null.
//
// A missing or wrong key gets 401 with an access-denied error (or 200 with
// it, Options.AuthInBody). Options.MaxRows caps every list as a server's row
// limit would; Options.DenyOrganization hides the organization table.
// Inject adds faults (a status with Retry-After, a body that is not JSON, a
// GraphQL error); the Add methods and DeleteCall change the book between
// syncs; Truth says what a correct sync must hold. The package holds no
// package-level state and never touches the network beyond its handler.
package bbfake
