package sbfake

import (
	"net/http"
	"net/url"
	"strconv"
)

// paging reads limit (default 100, 1–1000) and offset (default 0, >= 0);
// ok is false, with a 400 already sent, for anything else.
func paging(w http.ResponseWriter, r *http.Request) (limit, offset int, ok bool) {
	limit, offset = 100, 0
	q := r.URL.Query()
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			fail(w, http.StatusBadRequest, "ERR_BAD_REQUEST", "limit must be a positive integer.")
			return 0, 0, false
		}
		limit = min(n, 1000)
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			fail(w, http.StatusBadRequest, "ERR_BAD_REQUEST", "offset must be a non-negative integer.")
			return 0, 0, false
		}
		offset = n
	}
	return limit, offset, true
}

// link is the absolute URL of the same list at another offset.
func link(r *http.Request, limit, offset int) string {
	q := r.URL.Query()
	q.Set("limit", strconv.Itoa(limit))
	q.Set("offset", strconv.Itoa(offset))
	u := url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path, RawQuery: q.Encode()}
	return u.String()
}

// list answers one DRF-style page of items: {count, next, previous,
// results}. claimMore makes the page claim a next one even past the end.
func list[T any](w http.ResponseWriter, r *http.Request, items []T, enc func(T) obj, claimMore bool) {
	limit, offset, ok := paging(w, r)
	if !ok {
		return
	}
	results := []obj{}
	for i := offset; i < len(items) && i < offset+limit; i++ {
		results = append(results, enc(items[i]))
	}
	var next, prev any
	if offset+limit < len(items) || claimMore {
		next = link(r, limit, offset+limit)
	}
	if offset > 0 {
		prev = link(r, limit, max(0, offset-limit))
	}
	reply(w, obj{"count": len(items), "next": next, "previous": prev, "results": results})
}

func (s *Server) customers(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var live []*Customer
	for _, c := range s.b.customers {
		if !s.removed[c.ID] {
			live = append(live, c)
		}
	}
	// A removed subscription of a live customer stays named here: it was
	// deleted after the list was read.
	list(w, r, live, customerJSON, s.opts.TrailingEmpty)
}

// subscription serves /subscriptions/{id}/current, /orders and /invoices.
func (s *Server) subscription(w http.ResponseWriter, r *http.Request, id, what string) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sub := s.b.subs[id]
	if sub == nil || s.removed[id] {
		fail(w, http.StatusNotFound, "ERR_NOT_FOUND", "No subscription matches the given query.")
		return
	}
	switch what {
	case "current":
		reply(w, currentJSON(sub))
	case "orders":
		list(w, r, sub.Orders, func(o *Order) obj { return orderJSON(sub, o) }, false)
	case "invoices":
		list(w, r, sub.Invoices, func(in *Invoice) obj { return invoiceJSON(sub, in) }, false)
	default:
		fail(w, http.StatusNotFound, "ERR_NOT_FOUND", "Not found.")
	}
}
