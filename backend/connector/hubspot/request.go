package hubspot

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

// maxBody bounds one answer: a page of 200 companies with a few dozen
// properties is well under 1 MB; all company property definitions of a
// large account a few MB.
const maxBody = 32 << 20

// Scopes the endpoints need, named in 403 messages.
const (
	scopeCompanies = "crm.objects.companies.read"
	scopeDeals     = "crm.objects.deals.read"
)

// answer is a successful response: its body and HubSpot's clock.
type answer struct {
	body []byte
	date time.Time // the Date header; zero when absent
}

// dateMillis is HubSpot's time of the answer, else now, in unix ms.
func (a answer) dateMillis(now func() time.Time) int64 {
	if !a.date.IsZero() && a.date.Unix() > 0 {
		return a.date.UnixMilli()
	}
	return now().UnixMilli()
}

// get sends GET path?query. scope names the permission the endpoint needs
// ("" for none), for the message of a 403.
func (c *Connector) get(ctx context.Context, path string, query url.Values, scope string) (answer, error) {
	u := c.baseURL + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	return c.send(ctx, scope, func() (*http.Request, error) {
		return http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	})
}

// post sends body as JSON to path: only for reads (search), so it is
// marked idempotent and may be retried.
func (c *Connector) post(ctx context.Context, path string, body []byte, scope string) (answer, error) {
	return c.send(ctx, scope, func() (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+path, bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/json")
		return httpx.MarkIdempotent(req), nil
	})
}

// send sends the request build makes through the httpx client, with the
// token in the Authorization header only, and reads the answer. It waits
// out HubSpot's rate windows that httpx could not (see ratelimit.go).
// Errors are as connector.Connector describes; a 403 is a *forbidden.
func (c *Connector) send(ctx context.Context, scope string, build func() (*http.Request, error)) (answer, error) {
	for waits := 0; ; waits++ {
		req, err := build()
		if err != nil {
			return answer{}, domain.Errorf(domain.EInternal, "Internal error.")
		}
		req.Header.Set("Authorization", "Bearer "+c.token)
		req.Header.Set("Accept", "application/json")
		resp, err := c.hc.Do(req)
		if err == nil {
			return c.read(ctx, resp)
		}
		var se *httpx.StatusError
		if ctx.Err() != nil || !errors.As(err, &se) || resp == nil {
			return answer{}, connector.FetchError(ctx, err, domain.SourceHubSpot)
		}
		switch se.Status {
		case http.StatusUnauthorized:
			return answer{}, refused()
		case http.StatusForbidden:
			return answer{}, connector.Forbidden(missingScope(resp, scope, c.token))
		case http.StatusTooManyRequests:
			wait, daily := c.rateWait(resp, se)
			if daily {
				return answer{}, dailyLimit()
			}
			if wait > 0 && waits < maxRateWaits {
				if err := c.sleep(ctx, wait); err != nil {
					return answer{}, connector.FetchError(ctx, err, domain.SourceHubSpot)
				}
				continue
			}
		}
		return answer{}, connector.FetchError(ctx, err, domain.SourceHubSpot)
	}
}

// read takes in a successful response's body, bounded by maxBody.
func (c *Connector) read(ctx context.Context, resp *http.Response) (answer, error) {
	defer resp.Body.Close()
	body, err := connector.ReadBody(ctx, resp.Body, maxBody, domain.SourceHubSpot)
	if err != nil {
		return answer{}, err
	}
	a := answer{body: body}
	if t, err := http.ParseTime(resp.Header.Get("Date")); err == nil {
		a.date = t
	}
	return a, nil
}

// unreadable is the error for a body that is not the JSON HubSpot sends.
func unreadable() error {
	return domain.Errorf(domain.EUnavailable,
		"HubSpot sent an answer that could not be read; the next sync will try again from here.")
}

// refused is the error for a 401: the token is wrong, revoked or expired.
func refused() error {
	return domain.Errorf(domain.EUnauthorized,
		"HubSpot refused the token. Check that it is the access token of a private app (it starts with pat-) "+
			"and that the app is still installed.")
}
