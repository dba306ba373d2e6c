package stripefake

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"successdesk/backend/connector/fakebook"
	"successdesk/backend/connector/fakepeer"
)

// DefaultKey is the key a Server accepts when Options.Key is empty.
const DefaultKey = "sk_test_stripefake_4242"

// Options configure a Server. Every field may be left zero.
type Options struct {
	// Subscriptions is the size of the generated book (0 means 100).
	// Customers number about 90 % of it: one in ten holds two subscriptions.
	Subscriptions int
	// Seed picks the book; the same seed, size and Now give the same book.
	Seed uint64
	// Universe, when set, replaces the generated customers with the
	// companies of a shared universe that Stripe knows (see
	// fakebook.Company.Sources): one customer each, with the company's
	// Stripe customer id, name and seats, billing to the company domain
	// unless StripeFreeMail, and a subscription whose state follows its
	// health tier. Subscriptions is then ignored.
	Universe []fakebook.Company
	// Key is the secret (sk_…) or restricted (rk_…) key the server accepts;
	// "" means DefaultKey. More keys may be given in Keys.
	Key  string
	Keys []string
	// Now is the server's clock: the book is generated to end at its first
	// reading, and it stamps events, the Date header and the 30-day event
	// window. nil means time.Now.
	Now func() time.Time
	// Livemode marks the book's objects as live-mode ones.
	Livemode bool
	// Deny lists paths ("/v1/account", "/v1/events") answered with 403 and
	// Stripe's permission error, as for a restricted key without access.
	Deny []string
	// Delay is waited before every answer (or until the client gives up).
	Delay time.Duration
	// OnRequest, if set, runs before each request is served, with the
	// request's number (1 for the first). It may block, for example to let a
	// test stop the client mid-sync.
	OnRequest func(n int, r *http.Request)
}

// Server is the fake Stripe API. It is safe for concurrent use: requests,
// mutations, faults and Truth may interleave freely.
type Server struct {
	opts Options
	keys map[string]bool
	now  func() time.Time
	acct []byte

	mu   sync.RWMutex // guards b
	b    *book
	reqs atomic.Int64

	faults fakepeer.Faults[Fault] // injected faults (locked on their own)

	fmu     sync.Mutex // guards the fields below
	revoke  int64      // refuse every key from this request number on; 0 never
	calls   []string
	objects atomic.Int64 // objects served in list pages

	pages sync.Pool // *bytes.Buffer: the buffers list pages are assembled in
}

// New generates the book described by o and returns the server for it.
func New(o Options) *Server {
	if o.Subscriptions <= 0 {
		o.Subscriptions = 100
	}
	if o.Key == "" {
		o.Key = DefaultKey
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	s := &Server{opts: o, keys: map[string]bool{o.Key: true}, now: o.Now, acct: accountJSON()}
	for _, k := range o.Keys {
		s.keys[k] = true
	}
	if o.Universe != nil {
		s.b = generateUniverse(fakebook.Only(o.Universe, fakebook.Stripe), o.Seed, o.Now().UTC().Truncate(time.Second), o.Livemode)
	} else {
		s.b = generate(o.Subscriptions, o.Seed, o.Now().UTC().Truncate(time.Second), o.Livemode)
	}
	return s
}

// Requests returns "METHOD /path?query" for every request received, in
// order (faulted ones included).
func (s *Server) Requests() []string {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	return append([]string(nil), s.calls...)
}

// Served is the number of objects sent in list pages so far.
func (s *Server) Served() int64 { return s.objects.Load() }

// RevokeAfter makes the server refuse every key with a 401 from the
// (n+1)th request on, counting from the server's start; n < 0 undoes it.
func (s *Server) RevokeAfter(n int) {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	if n < 0 {
		s.revoke = 0
		return
	}
	s.revoke = int64(n) + 1
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := s.reqs.Add(1)
	s.fmu.Lock()
	s.calls = append(s.calls, r.Method+" "+r.URL.RequestURI())
	revoked := s.revoke > 0 && n >= s.revoke
	s.fmu.Unlock()
	if s.opts.OnRequest != nil {
		s.opts.OnRequest(int(n), r)
	}
	if d := s.opts.Delay; d > 0 {
		t := time.NewTimer(d)
		select {
		case <-r.Context().Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Date", s.now().UTC().Format(http.TimeFormat))
	h.Set("Request-Id", "req_"+strconv.FormatInt(n, 10))
	h.Set("Stripe-Version", "2023-10-16")
	if key, ok := s.key(r); !ok || revoked {
		s.unauthorized(w, key)
		return
	}
	if f := s.faults.Take(r); f != nil {
		s.applyFault(w, r, f)
		return
	}
	if r.Method != http.MethodGet {
		s.fail(w, http.StatusMethodNotAllowed, "invalid_request_error", "", "stripefake serves GET requests only.", "")
		return
	}
	s.route(w, r)
}

// key reads the API key from a Bearer or Basic Authorization header.
func (s *Server) key(r *http.Request) (string, bool) {
	auth := r.Header.Get("Authorization")
	key, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok {
		if u, _, basic := r.BasicAuth(); basic {
			key, ok = u, true
		}
	}
	key = strings.TrimSpace(key)
	return key, ok && s.keys[key]
}

func (s *Server) unauthorized(w http.ResponseWriter, key string) {
	msg := "You did not provide an API key. You need to provide your API key in the Authorization header, " +
		"using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."
	if key != "" {
		msg = "Invalid API Key provided: " + Mask(key)
	}
	s.fail(w, http.StatusUnauthorized, "invalid_request_error", "", msg, "")
}

// Mask renders a key the way Stripe echoes it in a 401 body: its
// "sk_test_"-style prefix, stars, and its last four characters.
func Mask(key string) string {
	prefix := ""
	if i := strings.IndexByte(key, '_'); i >= 0 {
		if j := strings.IndexByte(key[i+1:], '_'); j >= 0 {
			prefix = key[:i+j+2]
		}
	}
	if len(key)-len(prefix) <= 4 {
		return prefix + "****"
	}
	return prefix + "****" + key[len(key)-4:]
}

func (s *Server) fail(w http.ResponseWriter, status int, typ, code, msg, param string) {
	w.WriteHeader(status)
	_, _ = w.Write(errorJSON(typ, code, msg, param))
}

func (s *Server) notFound(w http.ResponseWriter, kind, id string) {
	s.fail(w, http.StatusNotFound, "invalid_request_error", "resource_missing",
		"No such "+kind+": '"+id+"'", "id")
}

func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimSuffix(r.URL.Path, "/")
	q, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		s.fail(w, http.StatusBadRequest, "invalid_request_error", "parameter_invalid", err.Error(), "")
		return
	}
	for _, d := range s.opts.Deny {
		if path == d || strings.HasPrefix(path, d+"/") {
			s.denied(w, "rak_"+strings.TrimPrefix(strings.ReplaceAll(d, "/", "_"), "_v1_")+"_read")
			return
		}
	}
	switch path {
	case "/v1/account":
		_, _ = w.Write(s.acct)
		return
	case "/v1/customers", "/v1/subscriptions", "/v1/invoices", "/v1/events":
		s.list(w, path, q)
		return
	}
	for _, kind := range []string{"customers", "subscriptions", "invoices"} {
		if id, ok := strings.CutPrefix(path, "/v1/"+kind+"/"); ok && id != "" && !strings.Contains(id, "/") {
			s.object(w, kind, id, q)
			return
		}
	}
	s.fail(w, http.StatusNotFound, "invalid_request_error", "", "Unrecognized request URL (GET: "+path+").", "")
}

func (s *Server) denied(w http.ResponseWriter, perm string) {
	s.fail(w, http.StatusForbidden, "invalid_request_error", "",
		"The provided key does not have the required permissions for this endpoint on account "+
			"'acct_1SuccessDeskFake'. Having the '"+perm+"' permission would allow this request to continue.", "")
}

// object serves GET /v1/{kind}/{id}.
func (s *Server) object(w http.ResponseWriter, kind, id string, q query) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var body []byte
	switch kind {
	case "customers":
		c, ok := s.b.customers.get(id)
		if !ok {
			s.notFound(w, "customer", id)
			return
		}
		body = c.enc
		if c.v.Deleted {
			body = encode(obj{{"id", id}, {"object", "customer"}, {"deleted", true}})
		}
	case "subscriptions":
		sub, ok := s.b.subs.get(id)
		if !ok || sub.v.Removed {
			s.notFound(w, "subscription", id)
			return
		}
		body = sub.enc
	default:
		in, ok := s.b.invoices.get(id)
		if !ok || in.v.Removed {
			s.notFound(w, "invoice", id)
			return
		}
		body = in.enc
		if q.expands("charge") {
			body = in.encX
		}
	}
	_, _ = w.Write(body)
}

// list serves one page of a list endpoint.
func (s *Server) list(w http.ResponseWriter, path string, q query) {
	lq, msg := parseList(path, q, s.now().Unix())
	if msg != "" {
		s.fail(w, http.StatusBadRequest, "invalid_request_error", "parameter_unknown", msg, "")
		return
	}
	s.mu.RLock()
	page, more, missing := s.page(lq)
	s.mu.RUnlock()
	if missing {
		kind := map[string]string{"/v1/customers": "customer", "/v1/subscriptions": "subscription",
			"/v1/invoices": "invoice", "/v1/events": "event"}[path]
		s.fail(w, http.StatusBadRequest, "invalid_request_error", "resource_missing",
			"No such "+kind+": '"+lq.after+"'", "starting_after")
		return
	}
	s.objects.Add(int64(len(page)))
	// Pages are assembled in pooled buffers, sized to the page: a fresh
	// buffer per page was most of the bytes a sync allocated, and the
	// collections it caused slowed the client under measurement too.
	buf, _ := s.pages.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer s.pages.Put(buf)
	buf.Reset()
	n := 128 + len(path)
	for _, b := range page {
		n += len(b) + 1
	}
	buf.Grow(n)
	buf.WriteString(`{"object":"list","data":[`)
	for i, b := range page {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.Write(b)
	}
	buf.WriteString(`],"has_more":`)
	buf.WriteString(strconv.FormatBool(more))
	buf.WriteString(`,"url":"` + path + `"}`)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	_, _ = w.Write(buf.Bytes())
}
