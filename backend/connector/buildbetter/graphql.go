package buildbetter

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

// maxAnswer bounds one answer: a scan page of ScanPageSize signals with their
// calls' attendees is a few megabytes.
const maxAnswer = 64 << 20

// gqlError is one entry of a GraphQL answer's "errors".
type gqlError struct {
	Message    string `json:"message"`
	Extensions struct {
		Code string `json:"code"`
	} `json:"extensions"`
}

// answer is a GraphQL response body: {data, errors}.
type answer[T any] struct {
	Data   *T         `json:"data"`
	Errors []gqlError `json:"errors"`
}

// queryError is a GraphQL error answer; it unwraps to its *domain.Error.
// rejected marks errors about the query itself (a field the key may not
// see), which Verify can work around.
type queryError struct {
	err      *domain.Error
	rejected bool
}

func (e *queryError) Error() string { return e.err.Error() }
func (e *queryError) Unwrap() error { return e.err }

// run POSTs query with vars to the GraphQL endpoint and decodes the data
// into a T. The request is marked idempotent (a read), so the client may
// retry it. Errors are *domain.Error as connector.Connector describes.
func run[T any](ctx context.Context, c *Connector, query string, vars map[string]any) (T, error) {
	var zero T
	if vars == nil {
		vars = map[string]any{}
	}
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return zero, domain.Errorf(domain.EInternal, "Internal error.")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+GraphQLPath, bytes.NewReader(body))
	if err != nil {
		return zero, domain.Errorf(domain.EInternal, "Internal error.")
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-BuildBetter-Api-Key", c.key)
	resp, err := c.hc.Do(httpx.MarkIdempotent(req))
	if err != nil {
		return zero, statusError(ctx, resp, err)
	}
	defer resp.Body.Close()
	raw, err := connector.ReadBody(ctx, resp.Body, maxAnswer, domain.SourceBuildBetter)
	if err != nil {
		return zero, err
	}
	return decodeAnswer[T](raw)
}

// statusError maps a failed request. A 4xx answer whose body holds a
// GraphQL authentication error is EUnauthorized whatever its status;
// everything else is connector.FetchError's mapping.
func statusError(ctx context.Context, resp *http.Response, err error) error {
	var se *httpx.StatusError
	if ctx.Err() == nil && errors.As(err, &se) && se.Status >= 400 && se.Status < 500 && resp != nil {
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
		var a answer[json.RawMessage]
		if json.Unmarshal(raw, &a) == nil && len(a.Errors) > 0 && authFailure(a.Errors) {
			return refused()
		}
	}
	return connector.FetchError(ctx, err, domain.SourceBuildBetter)
}

// decodeAnswer reads a GraphQL response body. Any entry in "errors" fails
// the whole answer (partial data could drop records silently); a body that
// is not JSON, or has no data, is unreadable.
func decodeAnswer[T any](raw []byte) (T, error) {
	var zero T
	var a answer[T]
	if err := json.Unmarshal(raw, &a); err != nil {
		return zero, unreadable()
	}
	if len(a.Errors) > 0 {
		return zero, graphQLError(a.Errors)
	}
	if a.Data == nil {
		return zero, unreadable()
	}
	return *a.Data, nil
}

// unreadable is the error for a body that is not the JSON BuildBetter sends.
func unreadable() error {
	return domain.Errorf(domain.EUnavailable,
		"BuildBetter sent an answer that could not be read; the next sync will try again from here.")
}

func refused() error {
	return domain.Errorf(domain.EUnauthorized,
		"BuildBetter refused the API key; check it in Settings → Integrations.")
}

// graphQLError words a GraphQL error answer: authentication failures are
// EUnauthorized, everything else EUnavailable naming the error's code (never
// its message: that is the source's text).
func graphQLError(errs []gqlError) error {
	if authFailure(errs) {
		return &queryError{err: refused().(*domain.Error)}
	}
	code := "error"
	rejected := false
	for _, e := range errs {
		c := normCode(e.Extensions.Code)
		if c == "" {
			continue
		}
		code = c
		switch c {
		case "rate-limit", "rate-limited", "too-many-requests", "throttled":
			return &queryError{err: domain.Errorf(domain.EUnavailable,
				"BuildBetter is limiting requests; the next sync will try again.")}
		case "validation-failed", "parse-failed", "not-supported", "graphql-validation-failed":
			rejected = true
		}
		break
	}
	return &queryError{rejected: rejected, err: domain.Errorf(domain.EUnavailable,
		"BuildBetter could not answer the sync's query (%s); the next sync will try again.", code)}
}

// authCodes are the extension codes of refused credentials (Hasura's and
// common GraphQL servers'), normalized by normCode.
var authCodes = map[string]bool{
	"invalid-jwt": true, "invalid-headers": true, "access-denied": true, "unauthorized": true,
	"unauthenticated": true, "forbidden": true, "jwt-invalid-claims": true, "jwt-missing-role-claims": true,
	"jwt-invalid": true, "invalid-api-key": true, "permission-denied": true, "authentication-failed": true,
}

// authWords mark an error message as a refused credential when its code
// says nothing.
var authWords = []string{"api key", "api-key", "apikey", "unauthorized", "unauthenticated", "not authorized",
	"authentication", "access denied", "invalid token"}

func authFailure(errs []gqlError) bool {
	for _, e := range errs {
		c := normCode(e.Extensions.Code)
		if authCodes[c] {
			return true
		}
		if c == "" || c == "internal-error" || c == "unexpected" {
			msg := strings.ToLower(e.Message)
			for _, w := range authWords {
				if strings.Contains(msg, w) {
					return true
				}
			}
		}
	}
	return false
}

// normCode lower-cases a code, writes '_' as '-', and keeps it only when it
// is a short word of letters, digits and '-' (it appears in messages).
func normCode(c string) string {
	c = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(c)), "_", "-")
	if len(c) > 40 {
		return ""
	}
	for i := 0; i < len(c); i++ {
		if b := c[i]; !(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-') {
			return ""
		}
	}
	return c
}
