package salesbricks

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"successdesk/backend/domain"
)

// errSchema marks a GraphQL answer that rejected the query's shape: a
// field or argument this account's schema does not have. Callers with a
// plainer query try that one next. The error itself is a *schemaError.
var errSchema = errors.New("salesbricks: the GraphQL schema has no such field or argument")

// schemaError is errSchema saying whether an argument (rather than a
// field) was refused.
type schemaError struct{ argument bool }

func (e *schemaError) Error() string        { return errSchema.Error() }
func (e *schemaError) Is(target error) bool { return target == errSchema }

// schemaWords are the phrases GraphQL servers use when a query names a
// field, argument or type the schema lacks.
var schemaWords = []string{"cannot query field", "unknown argument", "unknown type", "is not defined",
	"did you mean", "unknown field"}

// authWords mark a GraphQL error that refuses the credential.
var authWords = []string{"unauthori", "unauthenticated", "not authenticated", "authentication", "permission",
	"forbidden", "api key", "api token"}

type gqlRequest struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName,omitempty"`
	Variables     map[string]any `json:"variables,omitempty"`
}

type gqlAnswer struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message text `json:"message"`
	} `json:"errors"`
}

// graphQL posts one query (operation op) and decodes its data into out.
// Errors: errSchema (wrapped) when the schema rejects the query; a
// *domain.Error otherwise (EUnauthorized when the key is refused, by status
// or by a GraphQL error; ENotFound when the endpoint is missing;
// EUnavailable for a failed or unreadable answer); the context's error once
// it ended. GraphQL error messages are upstream text and never reach an
// error message.
func (c *Connector) graphQL(ctx context.Context, op, query string, vars map[string]any, out any) error {
	body, err := json.Marshal(gqlRequest{Query: query, OperationName: op, Variables: vars})
	if err != nil {
		return domain.Errorf(domain.EInternal, "Internal error.")
	}
	r, err := c.send(ctx, http.MethodPost, c.gqlURL, body)
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		if s := r.status; s == http.StatusBadRequest || s == http.StatusUnprocessableEntity {
			var a gqlAnswer
			if json.Unmarshal(r.body, &a) == nil && len(a.Errors) > 0 {
				return classifyGQL(a)
			}
		}
		return err
	}
	var a gqlAnswer
	if b := bytes.TrimSpace(r.body); len(b) == 0 || b[0] != '{' || json.Unmarshal(b, &a) != nil {
		return unreadable()
	}
	if !hasData(a.Data) {
		if len(a.Errors) > 0 {
			return classifyGQL(a)
		}
		return unreadable()
	}
	if json.Unmarshal(a.Data, out) != nil {
		return unreadable()
	}
	return nil
}

// hasData reports whether a GraphQL data member holds at least one
// non-null field (a resolver that failed leaves its field null and says why
// in errors).
func hasData(d json.RawMessage) bool {
	var fields map[string]json.RawMessage
	if json.Unmarshal(d, &fields) != nil {
		return false
	}
	for _, v := range fields {
		if v := bytes.TrimSpace(v); len(v) > 0 && !bytes.Equal(v, []byte("null")) {
			return true
		}
	}
	return false
}

// classifyGQL turns an answer's GraphQL errors into errSchema, EUnauthorized
// or EUnavailable.
func classifyGQL(a gqlAnswer) error {
	var msgs []string
	for _, e := range a.Errors {
		msgs = append(msgs, strings.ToLower(e.Message.String()))
	}
	all := strings.Join(msgs, "\n")
	for _, w := range schemaWords {
		if strings.Contains(all, w) {
			return &schemaError{argument: strings.Contains(all, "argument")}
		}
	}
	for _, w := range authWords {
		if strings.Contains(all, w) {
			return domain.Errorf(domain.EUnauthorized,
				"Salesbricks rejected the credentials for its GraphQL API; check the token in Settings.")
		}
	}
	return domain.Errorf(domain.EUnavailable, "Salesbricks could not answer the query; try again later.")
}
