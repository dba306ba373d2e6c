package sbfake

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"successdesk/backend/connector/fakebook"
	"successdesk/backend/connector/fakepeer"
)

// DefaultKey is the key a Server accepts when Options.Key is empty. It is
// built so that it cannot pass for a real token.
const DefaultKey = "sbfake-" + "test-key-not-a-real-token"

// DefaultCompany is the seller's name the GraphQL company query returns.
const DefaultCompany = "Pied Piper"

// Options configure a Server. Every field may be left zero.
type Options struct {
	// Subscriptions and Customers size the book. With both zero the book has
	// 50 subscriptions; Customers 0 means about one per subscription plus a
	// few prospects without any. One holder in ten holds two subscriptions.
	Subscriptions int
	Customers     int
	// Seed picks the book; the same seed, sizes and Now give the same book.
	Seed uint64
	// Universe, when set, replaces the generated customers with the
	// companies of a shared universe that Salesbricks knows (see
	// fakebook.Company.Sources): one customer each, with the company's
	// name, domain and seats, its Stripe alias, and a contract whose
	// lifecycle follows its health tier. Subscriptions and Customers are
	// then ignored.
	Universe []fakebook.Company
	// Key is the token the server accepts; "" means DefaultKey.
	Key string
	// Now is the server's clock; the book is generated as of its first
	// reading, truncated to the day. nil means time.Now.
	Now func() time.Time
	// Company is the seller's name; "" means DefaultCompany.
	Company string
	// TrailingEmpty makes the customers list claim a next page after its
	// last customer and serve one more page with no results that still
	// claims more.
	TrailingEmpty bool
	// PlainGraphQL makes the GraphQL schema lack the fields no public page
	// documents (an order's currency and lostReason): queries naming them
	// get a validation error. NoOffset makes companyOrders lack its offset
	// argument; NoCompany makes the schema lack the company query.
	PlainGraphQL, NoOffset, NoCompany bool
	// OnRequest, if set, runs before each request is served, with its number
	// (1 for the first). It may block.
	OnRequest func(n int, r *http.Request)
}

// Server is the fake Salesbricks API. It is safe for concurrent use.
type Server struct {
	opts  Options
	today time.Time

	mu      sync.RWMutex // guards b and removed
	b       *book
	removed map[string]bool // customer and subscription ids answered as gone
	reqs    atomic.Int64

	faults fakepeer.Faults[Fault] // injected faults (locked on their own)

	fmu   sync.Mutex // guards the fields below
	calls []string
}

// New generates the book o describes and returns its server.
func New(o Options) *Server {
	if o.Subscriptions == 0 && o.Customers == 0 {
		o.Subscriptions = 50
	}
	if o.Customers == 0 {
		o.Customers = o.Subscriptions - o.Subscriptions/10 + o.Subscriptions/20
	}
	if o.Key == "" {
		o.Key = DefaultKey
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Company == "" {
		o.Company = DefaultCompany
	}
	today := o.Now().UTC().Truncate(day)
	var b *book
	if o.Universe != nil {
		b = generateUniverse(fakebook.Only(o.Universe, fakebook.Salesbricks), o.Seed, today)
	} else {
		b = generate(o.Customers, o.Subscriptions, o.Seed, today)
	}
	return &Server{opts: o, today: today, b: b, removed: map[string]bool{}}
}

// Today is the day the book was generated for (UTC midnight).
func (s *Server) Today() time.Time { return s.today }

// Requests returns "METHOD /path?query" for every request received, in
// order (refused and faulted ones included).
func (s *Server) Requests() []string {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	return append([]string(nil), s.calls...)
}

// RemoveCustomer drops a customer and its subscriptions from the book, as
// if it was deleted: lists leave it out and its subscriptions answer 404.
func (s *Server) RemoveCustomer(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.removed[id] = true
	for _, c := range s.b.customers {
		if c.ID == id {
			for _, sub := range c.Subs {
				s.removed[sub.ID] = true
			}
		}
	}
}

// RemoveSubscription makes a subscription answer 404 while the customers
// list still names it (deleted after the list was read).
func (s *Server) RemoveSubscription(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.removed[id] = true
}

// Customers returns the book's customers in list order (removed ones
// included). The values are the server's own: do not change them.
func (s *Server) Customers() []*Customer {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]*Customer(nil), s.b.customers...)
}

// ServeHTTP implements http.Handler: the key check, injected faults, then
// the REST API under /api/v2 and GraphQL at POST /api/v1/graphql.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := s.reqs.Add(1)
	s.fmu.Lock()
	s.calls = append(s.calls, r.Method+" "+r.URL.RequestURI())
	s.fmu.Unlock()
	if s.opts.OnRequest != nil {
		s.opts.OnRequest(int(n), r)
	}
	if r.Header.Get("X-SALESBRICKS-KEY") != s.opts.Key {
		fail(w, http.StatusUnauthorized, "ERR_UNAUTHORIZED", "Authentication credentials were not provided or are invalid.")
		return
	}
	if f := s.faults.Take(r); f != nil {
		s.applyFault(w, r, f)
		return
	}
	s.route(w, r)
}

// route serves r without the key check or faults.
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/api/v1/graphql" {
		s.graphQL(w, r)
		return
	}
	path, ok := strings.CutPrefix(r.URL.Path, "/api/v2")
	if !ok || r.Method != http.MethodGet {
		fail(w, http.StatusNotFound, "ERR_NOT_FOUND", "Not found.")
		return
	}
	if path == "/customers" {
		s.customers(w, r)
		return
	}
	rest, ok := strings.CutPrefix(path, "/subscriptions/")
	id, what, _ := strings.Cut(rest, "/")
	if !ok || id == "" {
		fail(w, http.StatusNotFound, "ERR_NOT_FOUND", "Not found.")
		return
	}
	s.subscription(w, r, id, what)
}

// fail answers with Salesbricks' documented error shape.
func fail(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(obj{"error": obj{"code": code, "message": msg}})
}

func reply(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		fail(w, http.StatusInternalServerError, "ERR_INTERNAL", "Internal error.")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
}
