package hubspot

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"successdesk/backend/domain"
)

// maxNamedScopes bounds the scopes one message names.
const maxNamedScopes = 3

var scopeName = regexp.MustCompile(`^[a-z][a-z0-9_.-]{2,79}$`)

// missingScope words a 403 for Settings: EUnauthorized naming the scope
// the endpoint needs, plus any other granular scope HubSpot's
// MISSING_SCOPES body lists (scopes are taken from the body only when
// they look like scope names; nothing else of it is repeated). Without a
// known scope it says the app lacks a permission. A listed scope that
// holds token, or is held by it, is never repeated.
func missingScope(resp *http.Response, scope, token string) error {
	var scopes []string
	if scope != "" {
		scopes = append(scopes, scope)
	}
	for _, s := range bodyScopes(resp) {
		leaks := token != "" && (strings.Contains(s, token) || strings.Contains(token, s))
		if len(scopes) < maxNamedScopes && !slices.Contains(scopes, s) && !leaks {
			scopes = append(scopes, s)
		}
	}
	switch len(scopes) {
	case 0:
		return domain.Errorf(domain.EUnauthorized,
			"HubSpot refused access: the private app lacks a scope this needs. Check its scopes in HubSpot.")
	case 1:
		return domain.Errorf(domain.EUnauthorized,
			"The HubSpot private app lacks the %s scope. Add it under the app's scopes in HubSpot, then try again.",
			scopes[0])
	}
	return domain.Errorf(domain.EUnauthorized,
		"The HubSpot private app lacks the scopes %s. Add them under the app's scopes in HubSpot, then try again.",
		strings.Join(scopes, ", "))
}

// bodyScopes lists the granular scopes a MISSING_SCOPES body asks for.
// HubSpot names them in errors[].context.requiredGranularScopes (older
// answers: requiredScopes, which may hold legacy names such as
// "contacts", so only dotted names are taken from there).
func bodyScopes(resp *http.Response) []string {
	if resp == nil || resp.Body == nil {
		return nil
	}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	var e struct {
		Category string `json:"category"`
		Errors   []struct {
			Context struct {
				Granular []string `json:"requiredGranularScopes"`
				Legacy   []string `json:"requiredScopes"`
			} `json:"context"`
		} `json:"errors"`
	}
	if json.Unmarshal(b, &e) != nil || e.Category != "MISSING_SCOPES" {
		return nil
	}
	var out []string
	for _, er := range e.Errors {
		for _, s := range append(er.Context.Granular, er.Context.Legacy...) {
			if scopeName.MatchString(s) && strings.Contains(s, ".") && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}
