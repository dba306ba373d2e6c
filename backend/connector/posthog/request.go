package posthog

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

// maxBody bounds one answer: a page of 500 accounts is about 100 KB.
const maxBody = 16 << 20

// Messages in plain words.
const (
	msgProjectKey = "That is a project API key (phc_), which can only send events. " +
		"Reading usage needs a personal API key (phx_) with the Query read scope."
	msgUnreadable = "PostHog sent an answer that could not be read; the next sync will try again from here."
	msgPending    = "PostHog is still computing usage; the next sync will pick it up."
	msgNoQuery    = "PostHog refused the usage query: the personal API key needs the Query read scope " +
		"for this project."
)

func unreadable() error { return domain.Errorf(domain.EUnavailable, msgUnreadable) }

// apiError is PostHog's error body: {"type", "code", "detail", "attr"}.
type apiError struct {
	Type   string `json:"type"`
	Code   string `json:"code"`
	Detail string `json:"detail"`
}

// call sends method path (under the host) with body as JSON (nil for
// none) and returns the answer's body. POSTs are queries, which read only:
// they are marked idempotent so that httpx retries them. Errors are as
// connector.Connector describes, worded for PostHog (see c.fail).
func (c *Connector) call(ctx context.Context, method, path string, body any) ([]byte, int, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, 0, domain.Errorf(domain.EInternal, "Internal error.")
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.host+path, rd)
	if err != nil {
		return nil, 0, domain.Errorf(domain.EInvalid, "The PostHog host is not a valid address; check it in Settings.")
	}
	req.Header.Set("Authorization", "Bearer "+c.key)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
		req = httpx.MarkIdempotent(req)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, 0, c.fail(ctx, resp, err)
	}
	defer resp.Body.Close()
	buf, err := connector.ReadBody(ctx, resp.Body, maxBody, domain.SourcePostHog)
	if err != nil {
		return nil, 0, err
	}
	return buf, resp.StatusCode, nil
}

// fail words err (from httpx, with resp when PostHog answered) for the
// person reading Settings: throttling, refused keys, a missing project and
// rejected queries get their own messages; everything else is
// connector.FetchError. ctx's own error wins when ctx has ended.
func (c *Connector) fail(ctx context.Context, resp *http.Response, err error) error {
	if cerr := ctx.Err(); cerr != nil {
		return cerr
	}
	var se *httpx.StatusError
	if !errors.As(err, &se) {
		return connector.FetchError(ctx, err, domain.SourcePostHog)
	}
	var ae apiError
	if resp != nil && resp.Body != nil {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		_ = json.Unmarshal(b, &ae)
	}
	switch se.Status {
	case http.StatusTooManyRequests:
		return throttled(ae, se.RetryAfter)
	case http.StatusForbidden:
		return connector.Forbidden(domain.Errorf(domain.EUnauthorized,
			"PostHog refused access (403 Forbidden): the personal API key lacks a scope for this project; "+
				"it needs Query read (and Project read to look the project up)."))
	case http.StatusNotFound:
		return domain.Errorf(domain.ENotFound,
			"PostHog has no such project for this key on %s; check the host and project id in Settings.", c.host)
	case http.StatusBadRequest:
		msg := "PostHog could not run the usage query"
		if d := c.safeDetail(ae.Detail); d != "" {
			msg += ": " + d
		}
		return domain.Errorf(domain.EInvalid, "%s.", strings.TrimSuffix(msg, "."))
	}
	return connector.FetchError(ctx, err, domain.SourcePostHog)
}

// throttled is the error for a 429 that outlasted the retries (or asked
// for a wait beyond the policy): PostHog's hourly query budget, or its cap
// on queries running at once for the project.
func throttled(ae apiError, retryAfter time.Duration) error {
	var msg string
	switch d := strings.ToLower(ae.Detail); {
	case strings.Contains(d, "concurren"):
		msg = "PostHog is busy running other queries for this project"
	case ae.Code == "throttled" || ae.Type == "throttled_error":
		msg = "PostHog is limiting queries for this project (it allows only a few each hour)"
	default:
		msg = "PostHog is limiting requests"
	}
	if retryAfter > 0 {
		return domain.Errorf(domain.EUnavailable, "%s; usage will sync again in %s.", msg, roundWait(retryAfter))
	}
	return domain.Errorf(domain.EUnavailable, "%s; usage will sync again later.", msg)
}

func roundWait(d time.Duration) time.Duration {
	if d >= time.Minute {
		return d.Round(time.Minute)
	}
	return d.Round(time.Second)
}

// safeDetail is PostHog's explanation of a rejected query, cut to one
// short line, with the key and control characters removed.
func (c *Connector) safeDetail(d string) string {
	if c.key != "" {
		d = strings.ReplaceAll(d, c.key, httpx.Redacted)
	}
	d = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, d)
	d = strings.Join(strings.Fields(d), " ")
	if r := []rune(d); len(r) > 200 {
		d = string(r[:200]) + "…"
	}
	return d
}

// query runs HogQL text q in project with placeholder values and decodes
// the answer.
func (c *Connector) query(ctx context.Context, project, q string, values map[string]any) (Result, error) {
	body, status, err := c.call(ctx, http.MethodPost, "/api/projects/"+project+"/query/", newQuery(q, values))
	if err != nil {
		return Result{}, err
	}
	res, err := DecodeResult(body)
	if err != nil {
		return Result{}, unreadable()
	}
	if res.Pending || status == http.StatusAccepted {
		return Result{}, domain.Errorf(domain.EUnavailable, msgPending)
	}
	return res, nil
}

// projectInfo is the part of a project PostHog returns that the connector
// reads.
type projectInfo struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// getProject reads GET /api/projects/{ref}/ (ref a project id or
// "@current").
func (c *Connector) getProject(ctx context.Context, ref string) (projectInfo, error) {
	body, _, err := c.call(ctx, http.MethodGet, "/api/projects/"+ref+"/", nil)
	if err != nil {
		return projectInfo{}, err
	}
	var p projectInfo
	if json.Unmarshal(body, &p) != nil || p.ID <= 0 {
		return projectInfo{}, unreadable()
	}
	p.Name = strings.TrimSpace(p.Name)
	return p, nil
}

// projectRef is the project the queries go to: the configured id, else
// the key's current project looked up once with GET
// /api/projects/@current/ (one cheap call, not counted against the query
// budget). A key that may not read projects (403) queries "@current"
// directly, which the query endpoint resolves to the same project.
func (c *Connector) projectRef(ctx context.Context) (string, error) {
	if c.project != "" {
		return c.project, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.found != "" {
		return c.found, nil
	}
	p, err := c.getProject(ctx, "@current")
	switch {
	case err == nil:
		c.found = fmt.Sprint(p.ID)
	case connector.IsForbidden(err):
		c.found = "@current"
	default:
		return "", err
	}
	return c.found, nil
}
