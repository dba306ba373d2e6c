package phfake

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"successdesk/backend/connector/fakebook"
	"successdesk/backend/connector/fakepeer"
)

// DefaultKey is the personal API key a Server accepts when Options.Key is
// empty.
const DefaultKey = "phx_phfake_0123456789abcdef"

// DefaultProject is the project id a Server serves when Options.Project
// is 0.
const DefaultProject = 4242

// Options configure a Server. Every field may be left zero.
type Options struct {
	// Companies is the size of the generated book (0 means 20).
	Companies int
	// Seed picks the book; the same seed, size and Now give the same book.
	Seed uint64
	// Universe, when set, replaces the generated companies with the
	// companies of a shared universe that PostHog knows (see
	// fakebook.Company.Sources): groups keyed by their domain, with as many
	// people as the company has users and a usage profile that follows its
	// health tier. Companies is then ignored.
	Universe []fakebook.Company
	// Key is the personal API key the server accepts ("" means DefaultKey).
	Key string
	// Project is the project's id (0 means DefaultProject); ProjectName its
	// name ("" means "Success Desk (fake)").
	Project     int64
	ProjectName string
	// GroupIndex is the group type index the book's events carry their
	// company under ($group_N); queries of another index find no groups.
	// GroupType is that group type's name ("" means "company"); the project
	// also has a "workspace" group type at the next index, with no events.
	GroupIndex int
	GroupType  string
	// Now is the server's clock: the book's events end at its first
	// reading. nil means time.Now.
	Now func() time.Time
	// TimeZone is the project's time zone, in which DateTimes are sent (nil
	// means UTC).
	TimeZone *time.Location
	// DenyProject answers the project endpoint with 403, as for a key
	// without the project:read scope; DenyQuery does so for queries and
	// DenyGroupTypes for the group types (group:read).
	DenyProject    bool
	DenyQuery      bool
	DenyGroupTypes bool
	// MaxRows caps the rows of one answer below the query's LIMIT (0 means
	// no cap); a capped answer says hasMore: true.
	MaxRows int
	// TrailingEmpty makes every answer claim hasMore: true, so that after
	// the last row a client that follows it gets an empty answer that still
	// claims more.
	TrailingEmpty bool
}

// Server is the fake PostHog API. It is safe for concurrent use.
type Server struct {
	opts Options
	now  func() time.Time
	b    *Book // never changed after New

	faults fakepeer.Faults[Fault] // injected faults (locked on their own)

	mu      sync.Mutex // guards the fields below
	calls   []string
	queries []string
}

// New generates the book described by o and returns the server for it.
func New(o Options) *Server {
	if o.Companies <= 0 {
		o.Companies = 20
	}
	if o.Key == "" {
		o.Key = DefaultKey
	}
	if o.Project == 0 {
		o.Project = DefaultProject
	}
	if o.ProjectName == "" {
		o.ProjectName = "Success Desk (fake)"
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.TimeZone == nil {
		o.TimeZone = time.UTC
	}
	if o.GroupType == "" {
		o.GroupType = "company"
	}
	var b *Book
	if o.Universe != nil {
		b = generateUniverse(fakebook.Only(o.Universe, fakebook.PostHog), o.Seed, o.Now().UTC().Truncate(time.Second))
	} else {
		b = generate(o.Companies, o.Seed, o.Now().UTC().Truncate(time.Second))
	}
	return &Server{opts: o, now: o.Now, b: b}
}

// Book returns the generated book (shared: do not change it).
func (s *Server) Book() *Book { return s.b }

// Requests returns "METHOD /path" for every request received, in order.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.calls...)
}

// Queries returns the HogQL text of every query received, in order.
func (s *Server) Queries() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.queries...)
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.calls = append(s.calls, r.Method+" "+r.URL.Path)
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch auth := r.Header.Get("Authorization"); {
	case auth == "":
		s.fail(w, http.StatusUnauthorized, "authentication_error", "not_authenticated",
			"Authentication credentials were not provided.")
		return
	case auth != "Bearer "+s.opts.Key:
		s.fail(w, http.StatusUnauthorized, "authentication_error", "authentication_failed",
			"Personal API key found in request Authorization header is invalid.")
		return
	}
	if f := s.faults.Take(r); f != nil {
		s.applyFault(w, r, f)
		return
	}
	s.route(w, r)
}

// route answers an authenticated request without faults.
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/api/projects/")
	if !ok {
		s.notFound(w)
		return
	}
	ref, tail, _ := strings.Cut(rest, "/")
	if ref != "@current" && ref != strconv.FormatInt(s.opts.Project, 10) {
		s.notFound(w)
		return
	}
	switch {
	case tail == "" && r.Method == http.MethodGet:
		if s.opts.DenyProject {
			s.denied(w, "project:read")
			return
		}
		s.json(w, http.StatusOK, map[string]any{
			"id": s.opts.Project, "uuid": "0190f7a2-5b1c-7000-8000-00000000a11c", "name": s.opts.ProjectName,
			"organization": "0190f7a2-5b1c-7000-8000-0000000000c5", "timezone": s.opts.TimeZone.String(),
			"api_token": "phc_fake_project_token",
		})
	case tail == "groups_types/" && r.Method == http.MethodGet:
		if s.opts.DenyGroupTypes {
			s.denied(w, "group:read")
			return
		}
		singular := strings.ToUpper(s.opts.GroupType[:1]) + s.opts.GroupType[1:]
		s.json(w, http.StatusOK, []map[string]any{
			{"group_type": s.opts.GroupType, "group_type_index": s.opts.GroupIndex, "name_singular": singular,
				"name_plural": nil, "detail_dashboard": nil, "default_columns": nil},
			{"group_type": "workspace", "group_type_index": (s.opts.GroupIndex + 1) % 5, "name_singular": nil,
				"name_plural": nil, "detail_dashboard": nil, "default_columns": nil},
		})
	case tail == "query/" && r.Method == http.MethodPost:
		if s.opts.DenyQuery {
			s.denied(w, "query:read")
			return
		}
		s.serveQuery(w, r)
	default:
		s.notFound(w)
	}
}

// fail writes PostHog's error body.
func (s *Server) fail(w http.ResponseWriter, status int, typ, code, detail string) {
	s.json(w, status, map[string]any{"type": typ, "code": code, "detail": detail, "attr": nil})
}

func (s *Server) notFound(w http.ResponseWriter) {
	s.fail(w, http.StatusNotFound, "invalid_request", "not_found", "Not found.")
}

func (s *Server) denied(w http.ResponseWriter, scope string) {
	s.fail(w, http.StatusForbidden, "authentication_error", "permission_denied",
		"API key missing required scope '"+scope+"'")
}

func (s *Server) json(w http.ResponseWriter, status int, v any) {
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
