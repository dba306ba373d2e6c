package stripe

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"sync"

	stripe "github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/form"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

// maxBody bounds one answer: a page of 100 invoices with their charges is
// about 0.5 MB.
const maxBody = 32 << 20

// answer is a successful response: its body and Stripe's clock. Call
// release once nothing decoded from body refers to it any more (decoders
// copy what they keep), so the buffer serves the next request.
type answer struct {
	body []byte
	date int64 // the Date header as unix seconds; 0 when absent
	buf  *bytes.Buffer
	pool *sync.Pool
}

func (a answer) release() {
	if a.pool != nil && a.buf.Cap() <= maxPooled {
		a.buf.Reset()
		a.pool.Put(a.buf)
	}
}

// maxPooled is the largest buffer kept for reuse.
const maxPooled = 4 << 20

// get sends GET path with params (nil for none) through the httpx client:
// stripe-go builds the URL and headers (Authorization, Stripe-Version), so
// the key travels in the Authorization header only. A status of 400 or
// more, a network failure or a body that cannot be read in full is an
// error as connector.Connector describes.
func (c *Connector) get(ctx context.Context, path string, params stripe.ParamsContainer) (answer, error) {
	if params != nil {
		fv := &form.Values{}
		form.AppendTo(fv, params)
		if !fv.Empty() {
			path += "?" + fv.Encode()
		}
	}
	req, err := c.backend.NewRequest(http.MethodGet, path, c.key, "application/x-www-form-urlencoded",
		&stripe.Params{Context: ctx})
	if err != nil {
		return answer{}, domain.Errorf(domain.EInternal, "Internal error.")
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		var se *httpx.StatusError
		if errors.As(err, &se) && se.Status == http.StatusForbidden && ctx.Err() == nil {
			return answer{}, connector.Forbidden(connector.FetchError(ctx, err, domain.SourceStripe))
		}
		return answer{}, connector.FetchError(ctx, err, domain.SourceStripe)
	}
	defer resp.Body.Close()
	buf, _ := c.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	if n := resp.ContentLength; n > 0 && n <= maxBody {
		buf.Grow(int(n) + bytes.MinRead)
	}
	_, err = buf.ReadFrom(io.LimitReader(resp.Body, maxBody+1))
	if err := connector.BodyError(ctx, err, int64(buf.Len()), maxBody, domain.SourceStripe); err != nil {
		return answer{}, err
	}
	a := answer{body: buf.Bytes(), buf: buf, pool: &c.bufs}
	if t, err := http.ParseTime(resp.Header.Get("Date")); err == nil && t.Unix() > 0 {
		a.date = t.Unix()
	}
	return a, nil
}

// unreadable is the error for a body that is not the JSON Stripe sends.
func unreadable() error {
	return domain.Errorf(domain.EUnavailable,
		"Stripe sent an answer that could not be read; the next sync will try again from here.")
}

func listParams(ctx context.Context, after string) stripe.ListParams {
	lp := stripe.ListParams{Context: ctx, Limit: stripe.Int64(PageSize)}
	if after != "" {
		lp.StartingAfter = stripe.String(after)
	}
	return lp
}
