package salesbricks

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

// keyHeader carries the API key; httpx never logs or echoes its value.
const keyHeader = "X-SALESBRICKS-KEY"

// maxBody bounds one answer (a page of 1000 customers is well under 2 MB).
const maxBody = 16 << 20

// reply is a read answer: its status and body. A reply whose status is 400
// or more comes with an error too, but its body is kept so that a GraphQL
// error can be read.
type reply struct {
	status int
	body   []byte
}

// get sends GET path?query to the REST API.
func (c *Connector) get(ctx context.Context, path string, query url.Values) (reply, error) {
	u := c.restURL + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	return c.send(ctx, http.MethodGet, u, nil)
}

// send sends one request through the httpx client with the key header. A
// POST is a read (a GraphQL query), so the client may retry it. Errors are
// as connector.Connector describes: the context's own error once it ended,
// else a *domain.Error (EUnauthorized for 401/403, EUnavailable for 429,
// 5xx, network failures and a body cut short).
func (c *Connector) send(ctx context.Context, method, u string, body []byte) (reply, error) {
	if err := ctx.Err(); err != nil {
		return reply{}, err
	}
	if c.key == "" {
		return reply{}, notConnected()
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return reply{}, domain.Errorf(domain.EInternal, "Internal error.")
	}
	req.Header.Set(keyHeader, c.key)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
		req = httpx.MarkIdempotent(req)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		var se *httpx.StatusError
		if errors.As(err, &se) && resp != nil {
			b, _ := io.ReadAll(io.LimitReader(resp.Body, maxBody))
			resp.Body.Close()
			return reply{status: se.Status, body: b}, connector.FetchError(ctx, err, domain.SourceSalesbricks)
		}
		return reply{}, connector.FetchError(ctx, err, domain.SourceSalesbricks)
	}
	defer resp.Body.Close()
	b, err := connector.ReadBody(ctx, resp.Body, maxBody, domain.SourceSalesbricks)
	if err != nil {
		return reply{}, err
	}
	return reply{status: resp.StatusCode, body: b}, nil
}

// statusOf is the HTTP status behind err, 0 when there was none.
func statusOf(r reply, err error) int {
	if err == nil {
		return 0
	}
	return r.status
}

// unreadable is the error for a body that is not the JSON Salesbricks sends.
func unreadable() error {
	return domain.Errorf(domain.EUnavailable,
		"Salesbricks sent an answer that could not be read; the next sync will try again from here.")
}

// listQuery is the query of one REST list page.
func listQuery(limit, offset int, extra ...string) url.Values {
	q := url.Values{"limit": {strconv.Itoa(limit)}, "offset": {strconv.Itoa(offset)}}
	for i := 0; i+1 < len(extra); i += 2 {
		q.Set(extra[i], extra[i+1])
	}
	return q
}

// validID reports whether id may stand in a URL path: Salesbricks' ids
// match ^[A-Za-z0-9-]+$ (its documented path pattern).
func validID(id string) bool {
	if id == "" || len(id) > 100 {
		return false
	}
	for i := 0; i < len(id); i++ {
		b := id[i]
		if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-') {
			return false
		}
	}
	return true
}
