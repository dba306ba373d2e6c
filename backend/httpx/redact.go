package httpx

import (
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Redacted replaces every sensitive value this package would otherwise show.
const Redacted = "[redacted]"

// sensitiveHeaders are always redacted, whatever the policy says.
var sensitiveHeaders = []string{
	"Authorization",
	"Proxy-Authorization",
	"Cookie",
	"Set-Cookie",
	"X-Salesbricks-Key",
	"X-Buildbetter-Api-Key",
	"X-Api-Key",
}

// sensitiveWords mark a header as sensitive when its name contains one of
// them (case-insensitive), so a vendor's "X-Foo-Token" is redacted without
// being listed.
var sensitiveWords = []string{"auth", "key", "token", "secret", "cookie", "password", "session", "signature"}

func isSensitive(name string, extra []string) bool {
	lower := strings.ToLower(name)
	for _, w := range sensitiveWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	for _, s := range sensitiveHeaders {
		if strings.EqualFold(name, s) {
			return true
		}
	}
	for _, s := range extra {
		if strings.EqualFold(name, s) {
			return true
		}
	}
	return false
}

// Redact returns a deep copy of h in which the values of Authorization,
// Proxy-Authorization, Cookie, Set-Cookie, X-Salesbricks-Key,
// X-BuildBetter-Api-Key, X-Api-Key, any header whose name contains auth,
// key, token, secret, cookie, password, session or signature, and every
// header named in extra (all matched case-insensitively) are replaced by
// "[redacted]". h is not modified; a nil h
// gives nil.
func Redact(h http.Header, extra ...string) http.Header {
	if h == nil {
		return nil
	}
	out := make(http.Header, len(h))
	for k, vs := range h {
		cp := make([]string, len(vs))
		if isSensitive(k, extra) {
			for i := range cp {
				cp[i] = Redacted
			}
		} else {
			copy(cp, vs)
		}
		out[k] = cp
	}
	return out
}

// SafeURL returns u as scheme://host/path with the user info, query string
// and fragment removed, so it can be shown or logged. A nil u gives "".
func SafeURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	c := url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawPath: u.RawPath, Opaque: u.Opaque}
	if c.Opaque != "" {
		// "scheme:opaque?query" — the opaque part can carry anything; keep
		// only what precedes any query-like separator.
		c.Opaque, _, _ = strings.Cut(c.Opaque, "?")
	}
	return c.String()
}

// safePath is the path part of u for human messages ("/v1/customers").
func safePath(u *url.URL) string {
	if u == nil {
		return ""
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	return p
}

// LogRequest returns a slog.LogValuer that renders req as a group of method,
// url (SafeURL) and headers, with sensitive headers (see Redact, plus extra)
// redacted. Use it as slog.Any("request", httpx.LogRequest(req)).
func LogRequest(req *http.Request, extra ...string) slog.LogValuer {
	return requestLog{req: req, extra: extra}
}

type requestLog struct {
	req   *http.Request
	extra []string
}

// LogValue implements slog.LogValuer.
func (r requestLog) LogValue() slog.Value {
	if r.req == nil {
		return slog.StringValue("<nil>")
	}
	attrs := []slog.Attr{
		slog.String("method", r.req.Method),
		slog.String("url", SafeURL(r.req.URL)),
	}
	if len(r.req.Header) > 0 {
		h := Redact(r.req.Header, r.extra...)
		keys := make([]string, 0, len(h))
		for k := range h {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		hs := make([]any, 0, len(keys))
		for _, k := range keys {
			hs = append(hs, slog.String(k, strings.Join(h[k], ", ")))
		}
		attrs = append(attrs, slog.Group("headers", hs...))
	}
	return slog.GroupValue(attrs...)
}

// tokenShapes matches strings that look like credentials of the sources the
// app talks to, or a credential scheme followed by its value.
var tokenShapes = regexp.MustCompile(
	`(?i)\b(?:bearer|basic|token)\s+[A-Za-z0-9._~+/=-]{6,}` +
		`|\b(?:sk|rk|pk)_(?:test|live)_[A-Za-z0-9]+` +
		`|\bphx_[A-Za-z0-9]+` +
		`|\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]+` +
		`|\bgithub_pat_[A-Za-z0-9_]+`)

// secretsOf lists the values that must never be echoed back for req: the
// values of sensitive headers (and their parts, so "Bearer x" also yields
// "x"), and every query value of 6 bytes or more (tokens sometimes travel in
// query strings; shorter values are too common to scrub meaningfully).
func secretsOf(req *http.Request, extra []string) []string {
	if req == nil {
		return nil
	}
	var out []string
	for k, vs := range req.Header {
		if !isSensitive(k, extra) {
			continue
		}
		for _, v := range vs {
			if len(v) >= 4 {
				out = append(out, v)
			}
			for _, f := range strings.Fields(v) {
				if len(f) >= 4 {
					out = append(out, f)
				}
			}
		}
	}
	if req.URL != nil {
		if u := req.URL.User; u != nil {
			if p, ok := u.Password(); ok && len(p) >= 4 {
				out = append(out, p)
			}
		}
		for _, vs := range req.URL.Query() {
			for _, v := range vs {
				if len(v) >= 6 {
					out = append(out, v)
				}
			}
		}
		if raw := req.URL.RawQuery; len(raw) >= 6 {
			out = append(out, raw)
		}
	}
	// Longest first, so a value is replaced before any of its parts.
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// scrub removes secrets and token-shaped strings from s, replaces control
// characters and invalid UTF-8, collapses runs of white space and truncates
// the result to at most max bytes on a rune boundary.
func scrub(s string, secrets []string, max int) string {
	// Look at a bounded prefix, longer than max so a secret straddling the
	// cut is still found whole.
	if limit := 2*max + 256; len(s) > limit {
		s = s[:limit]
	}
	for _, sec := range secrets {
		s = strings.ReplaceAll(s, sec, Redacted)
	}
	s = tokenShapes.ReplaceAllString(s, Redacted)

	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			r = '?'
		case unicode.IsSpace(r):
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = true
			continue
		case !unicode.IsPrint(r):
			r = '?'
		}
		space = false
		b.WriteRune(r)
	}
	out := strings.TrimRight(b.String(), " ")
	if len(out) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(out[cut]) {
			cut--
		}
		out = out[:cut]
	}
	return out
}
