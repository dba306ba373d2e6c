package bbfake

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"successdesk/backend/connector/fakepeer"
)

// DefaultKey is the API key a Server accepts when Options.Key is empty.
const DefaultKey = "bb_test_fake_key_7c1e"

// Options configure a Server. Every field may be left zero.
type Options struct {
	// Book is the data served (copied); nil serves Generate(Gen{}).
	Book *Book
	// Key is the API key accepted in X-BuildBetter-Api-Key; "" means
	// DefaultKey.
	Key string
	// MaxRows caps the rows of every list, as a server's row fetch limit
	// does, whatever limit the query asks for; 0 means no cap.
	MaxRows int
	// AuthInBody refuses a missing or wrong key with 200 and a GraphQL
	// access-denied error, as a GraphQL gateway may, instead of 401.
	AuthInBody bool
	// DenyOrganization leaves the organization table out of the key's
	// schema, as for a key scoped to one shared object.
	DenyOrganization bool
}

// Server is the fake BuildBetter GraphQL API. It is safe for concurrent
// use: requests, mutations, faults and Truth may interleave.
type Server struct {
	opts Options

	faults fakepeer.Faults[Fault] // injected faults (locked on their own)

	mu        sync.Mutex // guards everything below
	book      *Book
	people    map[int64]*Person
	companies map[int64]*Company
	calls     map[int64]*Call
	reqs      []string
}

// New returns a Server for o.
func New(o Options) *Server {
	if o.Key == "" {
		o.Key = DefaultKey
	}
	b := o.Book
	if b == nil {
		b = Generate(Gen{})
	}
	s := &Server{opts: o, book: b.clone()}
	s.reindex()
	return s
}

// reindex rebuilds the lookups and keeps calls and signals in list order,
// (created_at, id) ascending, with times cut to Postgres's microseconds.
func (s *Server) reindex() {
	b := s.book
	s.people, s.companies, s.calls = map[int64]*Person{}, map[int64]*Company{}, map[int64]*Call{}
	for i := range b.People {
		s.people[b.People[i].ID] = &b.People[i]
	}
	for i := range b.Companies {
		s.companies[b.Companies[i].ID] = &b.Companies[i]
	}
	for i := range b.Calls {
		c := &b.Calls[i]
		c.StartedAt, c.CompletedAt, c.CreatedAt = micro(c.StartedAt), micro(c.CompletedAt), micro(c.CreatedAt)
	}
	for i := range b.Signals {
		x := &b.Signals[i]
		x.DisplayTS, x.CreatedAt = micro(x.DisplayTS), micro(x.CreatedAt)
	}
	slices.SortStableFunc(b.Calls, func(a, c Call) int { return order(a.CreatedAt, a.ID, c.CreatedAt, c.ID) })
	slices.SortStableFunc(b.Signals, func(a, c Signal) int { return order(a.CreatedAt, a.ID, c.CreatedAt, c.ID) })
	for i := range b.Calls {
		s.calls[b.Calls[i].ID] = &b.Calls[i]
	}
}

func micro(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(time.Microsecond)
}

// order sorts by time, then id; a zero time sorts last (Postgres puts
// NULLs last in ascending order).
func order(t1 time.Time, id1 int64, t2 time.Time, id2 int64) int {
	switch {
	case t1.IsZero() != t2.IsZero():
		if t1.IsZero() {
			return 1
		}
		return -1
	case !t1.Equal(t2):
		return t1.Compare(t2)
	}
	return int(min(max(id1-id2, -1), 1))
}

// AddCompany, AddPerson, AddCall and AddSignal change the book between
// syncs. Records keep their ids; give each a new one.
func (s *Server) AddCompany(c Company) {
	s.mutate(func(b *Book) { b.Companies = append(b.Companies, c) })
}

// AddPerson adds p; see AddCompany.
func (s *Server) AddPerson(p Person) { s.mutate(func(b *Book) { b.People = append(b.People, p) }) }

// AddCall adds c; see AddCompany.
func (s *Server) AddCall(c Call) { s.mutate(func(b *Book) { b.Calls = append(b.Calls, c) }) }

// AddSignal adds x; see AddCompany.
func (s *Server) AddSignal(x Signal) { s.mutate(func(b *Book) { b.Signals = append(b.Signals, x) }) }

// DeleteCall removes the call with id (its signals stay, without a call).
func (s *Server) DeleteCall(id int64) {
	s.mutate(func(b *Book) {
		b.Calls = slices.DeleteFunc(b.Calls, func(c Call) bool { return c.ID == id })
	})
}

func (s *Server) mutate(f func(*Book)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s.book)
	s.reindex()
}

// Requests returns one line per request received, in order: the lists it
// read as "table[offset:limit]" joined by "+", "organization", or
// "refused" / "fault" for a request answered without data.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.reqs)
}

func (s *Server) log(line string) {
	s.mu.Lock()
	s.reqs = append(s.reqs, line)
	s.mu.Unlock()
}

// ServeHTTP implements http.Handler: POST /v1/graphql (or /graphql) with a
// JSON body {query, variables}, answered {data} or {errors}.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if r.URL.Path != "/v1/graphql" && r.URL.Path != "/graphql" {
		s.log("not found")
		writeErrors(w, http.StatusNotFound, "not-found", "resource does not exist")
		return
	}
	if r.Method != http.MethodPost {
		s.log("bad method")
		writeErrors(w, http.StatusMethodNotAllowed, "invalid-method", "only POST requests are supported")
		return
	}
	if r.Header.Get("X-BuildBetter-Api-Key") != s.opts.Key {
		s.log("refused")
		status := http.StatusUnauthorized
		if s.opts.AuthInBody {
			status = http.StatusOK
		}
		writeErrors(w, status, "access-denied", "invalid or missing API key")
		return
	}
	if f := s.faults.Take(r); f != nil {
		s.log("fault")
		s.applyFault(w, r, f)
		return
	}
	var body struct {
		Query     string         `json:"query"`
		Variables map[string]any `json:"variables"`
	}
	raw, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err := json.Unmarshal(raw, &body); err != nil {
		s.log("bad body")
		writeErrors(w, http.StatusBadRequest, "invalid-json", "the request body is not JSON")
		return
	}
	roots, err := parseQuery(body.Query)
	if err != nil {
		s.log("bad query")
		writeErrors(w, http.StatusOK, "parse-failed", err.Error())
		return
	}
	data, line, err := s.resolve(roots, body.Variables)
	s.log(line)
	if err != nil {
		writeErrors(w, http.StatusOK, "validation-failed", err.Error())
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"data": data})
}

// resolve answers every root field of a query.
func (s *Server) resolve(roots []*field, vars map[string]any) (map[string]any, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	data := map[string]any{}
	var lines []string
	for _, f := range roots {
		if f.sel == nil {
			return nil, strings.Join(lines, "+"), fmt.Errorf("field '%s' must have a selection of subfields", f.name)
		}
		var rows []map[string]any
		switch {
		case f.name == "organization" && !s.opts.DenyOrganization:
			lines = append(lines, "organization")
			rows = []map[string]any{{"id": 1, "name": s.book.Organization}}
		case f.name == "interview" || f.name == "extraction":
			w, off, lim, err := listArgs(f, vars)
			if err != nil {
				return nil, strings.Join(lines, "+"), err
			}
			if s.opts.MaxRows > 0 && (lim < 0 || lim > s.opts.MaxRows) {
				lim = s.opts.MaxRows
			}
			lines = append(lines, fmt.Sprintf("%s[%d:%d]", f.name, off, lim))
			if rows, err = s.list(f.name, w, off, lim); err != nil {
				return nil, strings.Join(lines, "+"), err
			}
		default:
			return nil, strings.Join(lines, "+"), fmt.Errorf("field '%s' not found in type: 'query_root'", f.name)
		}
		out := make([]any, 0, len(rows))
		for _, row := range rows {
			pr, err := prune(row, f.sel, f.name)
			if err != nil {
				return nil, strings.Join(lines, "+"), err
			}
			out = append(out, pr)
		}
		data[f.alias] = out
	}
	return data, strings.Join(lines, "+"), nil
}

// listArgs reads where (a variable), offset and limit (variables or
// literals; limit -1 when absent). Other arguments are ignored except
// order_by, which the fake always applies as (created_at, id).
func listArgs(f *field, vars map[string]any) (where map[string]any, off, lim int, err error) {
	lim = -1
	for k, a := range f.args {
		switch k {
		case "where":
			v, ok := vars[a.variable].(map[string]any)
			if a.variable == "" || !ok {
				return nil, 0, 0, fmt.Errorf("where must be a variable holding an object")
			}
			where = v
		case "offset", "limit":
			n := a.num
			if a.variable != "" {
				fv, ok := vars[a.variable].(float64)
				if !ok || fv != float64(int64(fv)) {
					return nil, 0, 0, fmt.Errorf("expected an Int for %s", k)
				}
				n = int64(fv)
			} else if !a.isNum {
				return nil, 0, 0, fmt.Errorf("expected an Int for %s", k)
			}
			if n < 0 || n > 1<<30 {
				return nil, 0, 0, fmt.Errorf("%s must be between 0 and 2^30", k)
			}
			if k == "offset" {
				off = int(n)
			} else {
				lim = int(n)
			}
		case "order_by", "distinct_on":
		default:
			return nil, 0, 0, fmt.Errorf("'%s' has no argument named '%s'", f.name, k)
		}
	}
	return where, off, lim, nil
}

// list returns rows offset..offset+limit of table matching where.
func (s *Server) list(table string, where map[string]any, off, lim int) ([]map[string]any, error) {
	var out []map[string]any
	n := 0
	keep := func(created time.Time) (bool, error) {
		ok, err := match(where, created)
		if !ok || err != nil {
			return false, err
		}
		n++
		return n > off && (lim < 0 || len(out) < lim), nil
	}
	if table == "interview" {
		for i := range s.book.Calls {
			c := &s.book.Calls[i]
			if ok, err := keep(c.CreatedAt); err != nil || !ok {
				if err != nil {
					return nil, err
				}
				continue
			}
			out = append(out, s.callJSON(c))
		}
		return out, nil
	}
	for i := range s.book.Signals {
		x := &s.book.Signals[i]
		if ok, err := keep(x.CreatedAt); err != nil || !ok {
			if err != nil {
				return nil, err
			}
			continue
		}
		out = append(out, s.signalJSON(x))
	}
	return out, nil
}

// match evaluates the part of a Hasura bool_exp the app sends: _and, and
// created_at with _gt, _gte, _lt, _lte and _eq on timestamptz text. A
// null created_at matches no comparison.
func match(where map[string]any, created time.Time) (bool, error) {
	for k, v := range where {
		switch k {
		case "_and":
			list, ok := v.([]any)
			if !ok {
				return false, fmt.Errorf("_and expects a list")
			}
			for _, e := range list {
				m, ok := e.(map[string]any)
				if !ok {
					return false, fmt.Errorf("_and expects objects")
				}
				if ok, err := match(m, created); !ok || err != nil {
					return false, err
				}
			}
		case "created_at":
			ops, ok := v.(map[string]any)
			if !ok {
				return false, fmt.Errorf("created_at expects comparison operators")
			}
			for op, raw := range ops {
				str, _ := raw.(string)
				t, err := time.Parse(time.RFC3339Nano, str)
				if err != nil {
					return false, fmt.Errorf("invalid timestamptz %q for %s", str, op)
				}
				if created.IsZero() {
					return false, nil
				}
				var hit bool
				switch op {
				case "_gt":
					hit = created.After(t)
				case "_gte":
					hit = !created.Before(t)
				case "_lt":
					hit = created.Before(t)
				case "_lte":
					hit = !created.After(t)
				case "_eq":
					hit = created.Equal(t)
				default:
					return false, fmt.Errorf("operator %s is not supported by this fake", op)
				}
				if !hit {
					return false, nil
				}
			}
		default:
			return false, fmt.Errorf("field '%s' not supported in where by this fake", k)
		}
	}
	return true, nil
}

// writeErrors answers a GraphQL error response.
func writeErrors(w http.ResponseWriter, status int, code, msg string) {
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []any{map[string]any{
		"message": msg, "extensions": map[string]any{"code": code, "path": "$"}}}})
}
