package hsfake

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"successdesk/backend/connector/fakebook"
	"successdesk/backend/connector/fakepeer"
)

// DefaultToken is the private app token a Server accepts when
// Options.Token is empty.
const DefaultToken = "pat-na1-0a1b2c3d-hsfake-4242-9f8e7d6c5b4a"

// Scopes HubSpot asks for on the endpoints served.
const (
	ScopeCompanies       = "crm.objects.companies.read"
	ScopeCompanySchemas  = "crm.schemas.companies.read"
	ScopeDeals           = "crm.objects.deals.read"
	DefaultPortalID      = 24681357
	DailyLimit           = 250000
	BurstLimit           = 100
	BurstIntervalMillis  = 10000
	searchMaxLimit       = 200
	searchMaxResults     = 10000
	defaultListLimit     = 10
	defaultMaxPageSize   = 100
	defaultGeneratedSize = 50
)

// Options configure a Server. Every field may be left zero.
type Options struct {
	// Companies is the size of the generated book (0 means 50); ignored
	// when Book is set.
	Companies int
	// Seed picks the generated book; the same seed, size and Now give the
	// same book.
	Seed uint64
	// Book replaces the generated book with these companies (copied). They
	// have no truth: Truth covers only generated and added companies.
	Book []Company
	// Universe, when set (and Book is not), generates one company of each
	// company of a shared universe that HubSpot knows (see
	// fakebook.Company.Sources), with the company's name and domain;
	// Truth covers them. Companies is then ignored.
	Universe []fakebook.Company
	// Token is the token the server accepts; "" means DefaultToken.
	Token string
	// Scopes are the scopes the token holds; nil means every scope.
	Scopes []string
	// Now is the server's clock: the book ends at its first reading, and
	// it stamps mutations and the Date header. nil means time.Now.
	Now func() time.Time
	// PortalID and AccountType are what account-info reports (defaults
	// DefaultPortalID and "STANDARD"); PortalName, if set, is reported too.
	PortalID    int64
	AccountType string
	PortalName  string
	// MaxPageSize caps a list page (HubSpot: 100), so tests can page a
	// small book.
	MaxPageSize int
	// TrailingEmpty makes the last list page still point at a next page,
	// which comes back empty and pointing further.
	TrailingEmpty bool
	// OnRequest, if set, runs before each request is served, with the
	// request's number (1 for the first).
	OnRequest func(n int, r *http.Request)
}

// Server is the fake HubSpot API. It is safe for concurrent use: requests,
// mutations, faults and Truth may interleave freely.
type Server struct {
	opts Options
	now  func() time.Time

	mu    sync.RWMutex // guards the book
	byID  map[string]*Company
	specs map[string]*spec // generated companies' truth
	gen   *generator
	reqs  atomic.Int64

	faults fakepeer.Faults[Fault] // injected faults (locked on their own)

	fmu    sync.Mutex // guards the fields below
	calls  []string
	bodies []string
}

// New builds the book described by o and returns the server for it.
func New(o Options) *Server {
	if o.Token == "" {
		o.Token = DefaultToken
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.PortalID == 0 {
		o.PortalID = DefaultPortalID
	}
	if o.AccountType == "" {
		o.AccountType = "STANDARD"
	}
	if o.MaxPageSize <= 0 {
		o.MaxPageSize = defaultMaxPageSize
	}
	s := &Server{opts: o, now: o.Now, byID: map[string]*Company{}, specs: map[string]*spec{},
		gen: newGenerator(o.Seed)}
	if o.Book != nil {
		for i := range o.Book {
			c := o.Book[i]
			s.byID[c.ID] = c.clone()
		}
		return s
	}
	n := o.Companies
	if n <= 0 {
		n = defaultGeneratedSize
	}
	var specs map[string]*spec
	var cos []*Company
	if o.Universe != nil {
		specs, cos = generateUniverse(s.gen, fakebook.Only(o.Universe, fakebook.HubSpot), o.Now().UTC().Truncate(time.Second))
	} else {
		specs, cos = generate(s.gen, n, o.Now().UTC().Truncate(time.Second))
	}
	s.specs = specs
	for _, c := range cos {
		s.byID[c.ID] = c
	}
	return s
}

// Requests returns "METHOD /path?query" for every request received, in
// order (faulted ones included).
func (s *Server) Requests() []string {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	return slices.Clone(s.calls)
}

// SearchBodies returns the body of every search request, in order.
func (s *Server) SearchBodies() []string {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	return slices.Clone(s.bodies)
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := s.reqs.Add(1)
	var body []byte
	if r.Body != nil && r.Method == http.MethodPost {
		body, _ = io.ReadAll(io.LimitReader(r.Body, 1<<20))
	}
	s.fmu.Lock()
	s.calls = append(s.calls, r.Method+" "+r.URL.RequestURI())
	if strings.HasSuffix(r.URL.Path, "/search") {
		s.bodies = append(s.bodies, string(body))
	}
	s.fmu.Unlock()
	if s.opts.OnRequest != nil {
		s.opts.OnRequest(int(n), r)
	}
	w.Header().Set("Date", s.now().UTC().Format(http.TimeFormat))
	if !s.authorized(r) {
		s.fail(w, http.StatusUnauthorized, "INVALID_AUTHENTICATION",
			"Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more "+
				"details at https://developers.hubspot.com/docs/methods/auth/oauth-overview", nil)
		return
	}
	if f := s.faults.Take(r); f != nil {
		s.applyFault(w, r, f, n)
		return
	}
	s.route(w, r, body, n)
}

func (s *Server) authorized(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Bearer ")
	return ok && tok == s.opts.Token
}

// route serves an authorized request without faults.
func (s *Server) route(w http.ResponseWriter, r *http.Request, body []byte, n int64) {
	p := strings.TrimSuffix(r.URL.Path, "/")
	type endpoint struct {
		method, path string
		scopes       []string // any one grants access
		serve        func()
	}
	routes := []endpoint{
		{http.MethodGet, "/crm/v3/objects/companies", []string{ScopeCompanies}, func() { s.list(w, r, n) }},
		{http.MethodPost, "/crm/v3/objects/companies/search", []string{ScopeCompanies}, func() { s.search(w, body) }},
		{http.MethodGet, "/crm/v3/properties/companies", []string{ScopeCompanySchemas, ScopeCompanies},
			func() { s.writeJSON(w, n, map[string]any{"results": propertyDefs()}) }},
		{http.MethodGet, "/crm/v3/pipelines/deals", []string{ScopeDeals},
			func() { s.writeJSON(w, n, map[string]any{"results": pipelines()}) }},
		{http.MethodGet, "/account-info/v3/details", nil, func() { s.writeJSON(w, n, s.accountInfo()) }},
	}
	for _, e := range routes {
		if e.path != p {
			continue
		}
		if r.Method != e.method {
			s.fail(w, http.StatusMethodNotAllowed, "VALIDATION_ERROR", "Method not allowed.", nil)
			return
		}
		if !s.granted(e.scopes) {
			s.fail(w, http.StatusForbidden, "MISSING_SCOPES", "This app hasn't been granted all required scopes to "+
				"make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
				[]any{map[string]any{"message": "One or more of the following scopes are required.",
					"context": map[string]any{"requiredGranularScopes": e.scopes}}})
			return
		}
		e.serve()
		return
	}
	s.fail(w, http.StatusNotFound, "OBJECT_NOT_FOUND", "Resource not found.", nil)
}

func (s *Server) granted(any []string) bool {
	if s.opts.Scopes == nil || len(any) == 0 {
		return true
	}
	for _, sc := range any {
		if slices.Contains(s.opts.Scopes, sc) {
			return true
		}
	}
	return false
}

// rateHeaders sets HubSpot's rate-limit headers for request n, or the
// exhausted ones when left is false.
func (s *Server) rateHeaders(w http.ResponseWriter, n int64, left bool, daily bool) {
	h := w.Header()
	dailyLeft, burstLeft, secondLeft := max(DailyLimit-n, 0), max(BurstLimit-1-n%BurstLimit, 0), int64(9)
	if !left {
		burstLeft, secondLeft = 0, 0
	}
	if daily {
		dailyLeft = 0
	}
	h.Set("X-HubSpot-RateLimit-Daily", strconv.Itoa(DailyLimit))
	h.Set("X-HubSpot-RateLimit-Daily-Remaining", strconv.FormatInt(dailyLeft, 10))
	h.Set("X-HubSpot-RateLimit-Interval-Milliseconds", strconv.Itoa(BurstIntervalMillis))
	h.Set("X-HubSpot-RateLimit-Max", strconv.Itoa(BurstLimit))
	h.Set("X-HubSpot-RateLimit-Remaining", strconv.FormatInt(burstLeft, 10))
	h.Set("X-HubSpot-RateLimit-Secondly", "10")
	h.Set("X-HubSpot-RateLimit-Secondly-Remaining", strconv.FormatInt(secondLeft, 10))
}

// writeJSON answers 200 with v and the rate-limit headers of request n.
func (s *Server) writeJSON(w http.ResponseWriter, n int64, v any) {
	s.rateHeaders(w, n, true, false)
	s.write(w, http.StatusOK, v)
}

func (s *Server) write(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// fail answers status with HubSpot's error body.
func (s *Server) fail(w http.ResponseWriter, status int, category, msg string, errs []any) {
	body := map[string]any{"status": "error", "message": msg, "correlationId": s.correlationID(),
		"category": category}
	if errs != nil {
		body["errors"] = errs
		body["links"] = map[string]string{"scopes": "https://developers.hubspot.com/scopes"}
	}
	s.write(w, status, body)
}

func (s *Server) correlationID() string {
	return fmt.Sprintf("0c0ffee0-0000-4000-8000-%012d", s.reqs.Load())
}

func (s *Server) accountInfo() map[string]any {
	m := map[string]any{"portalId": s.opts.PortalID, "accountType": s.opts.AccountType, "timeZone": "US/Eastern",
		"companyCurrency": "USD", "additionalCurrencies": []string{}, "utcOffset": "-05:00",
		"utcOffsetMilliseconds": -18000000, "uiDomain": "app.hubspot.com", "dataHostingLocation": "na1"}
	if s.opts.PortalName != "" {
		m["portalName"] = s.opts.PortalName
	}
	return m
}
