package stripefake

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
)

// query is a parsed query string. Stripe's array parameters arrive as
// name[0]=a&name[1]=b (stripe-go) or name[]=a (curl); both are gathered
// under "name[]".
type query map[string][]string

func parseQuery(raw string) (query, error) {
	v, err := url.ParseQuery(raw)
	if err != nil {
		return nil, errors.New("The query string could not be parsed.")
	}
	q := query{}
	for k, vs := range v {
		if i := strings.IndexByte(k, '['); i > 0 && strings.HasSuffix(k, "]") {
			inner := k[i+1 : len(k)-1]
			if inner == "" || isDigits(inner) {
				q[k[:i]+"[]"] = append(q[k[:i]+"[]"], vs...)
				continue
			}
		}
		q[k] = append(q[k], vs...)
	}
	return q, nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func (q query) get(k string) string {
	if vs := q[k]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// expands reports whether expand[] names field.
func (q query) expands(field string) bool {
	for _, f := range q["expand[]"] {
		if f == field {
			return true
		}
	}
	return false
}

// listQuery is a validated list request.
type listQuery struct {
	path          string
	limit         int
	after         string
	gt, gte       int64 // created bounds; 0 means none
	lt, lte       int64
	eq            int64
	status        string // subscriptions: "" (not canceled), "all" or one status; invoices: one status
	customer      string
	subscription  string
	email         string
	types         []string // events: exact types or prefixes ending in "*"
	expandCharge  bool
	windowStartAt int64 // events: the oldest retained
}

// allowed lists, per list endpoint, the parameters besides the common ones.
var allowed = map[string][]string{
	"/v1/customers":     {"email"},
	"/v1/subscriptions": {"status", "customer", "price"},
	"/v1/invoices":      {"status", "customer", "subscription"},
	"/v1/events":        {"type", "types[]", "delivery_success"},
}

// parseList validates q for the list at path; msg is Stripe-style text
// for a 400 when it is not valid.
func parseList(path string, q query, now int64) (lq listQuery, msg string) {
	lq = listQuery{path: path, limit: 10, windowStartAt: now - int64(window.Seconds())}
	for k := range q {
		switch {
		case k == "limit", k == "starting_after", k == "ending_before", k == "expand[]",
			strings.HasPrefix(k, "created"):
		case contains(allowed[path], k):
		default:
			return lq, "Received unknown parameter: " + k
		}
	}
	if l := q.get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 100 {
			return lq, "Invalid integer: " + l + " (limit must be between 1 and 100)"
		}
		lq.limit = n
	}
	if q.get("ending_before") != "" {
		return lq, "stripefake does not page with ending_before; use starting_after."
	}
	lq.after = q.get("starting_after")
	for k, dst := range map[string]*int64{"created": &lq.eq, "created[gt]": &lq.gt, "created[gte]": &lq.gte,
		"created[lt]": &lq.lt, "created[lte]": &lq.lte} {
		if v := q.get(k); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return lq, "Invalid integer: " + v
			}
			*dst = n
		}
	}
	for k := range q {
		if strings.HasPrefix(k, "created[") && !contains([]string{"created[gt]", "created[gte]", "created[lt]", "created[lte]"}, k) {
			return lq, "Received unknown parameter: " + k
		}
	}
	lq.status, lq.customer, lq.subscription, lq.email = q.get("status"), q.get("customer"), q.get("subscription"), q.get("email")
	for _, f := range q["expand[]"] {
		if path != "/v1/invoices" || f != "data.charge" {
			return lq, "This property cannot be expanded (" + f + ")."
		}
		lq.expandCharge = true
	}
	lq.types = q["types[]"]
	if t := q.get("type"); t != "" {
		if len(lq.types) > 0 {
			return lq, "You may pass either type or types, but not both."
		}
		lq.types = []string{t}
	}
	if len(lq.types) > 20 {
		return lq, "types may hold at most 20 event types."
	}
	return lq, ""
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// createdOK applies the created filters.
func (lq *listQuery) createdOK(c int64) bool {
	return (lq.eq == 0 || c == lq.eq) && (lq.gt == 0 || c > lq.gt) && (lq.gte == 0 || c >= lq.gte) &&
		(lq.lt == 0 || c < lq.lt) && (lq.lte == 0 || c <= lq.lte)
}

func (lq *listQuery) typeOK(t string) bool {
	if len(lq.types) == 0 {
		return true
	}
	for _, x := range lq.types {
		if x == t || strings.HasSuffix(x, "*") && strings.HasPrefix(t, strings.TrimSuffix(x, "*")) {
			return true
		}
	}
	return false
}

// page returns the encoded objects of one page, newest first, whether more
// follow, and missing when starting_after names no object of the list.
func (s *Server) page(lq listQuery) (page [][]byte, more, missing bool) {
	b := s.b
	switch lq.path {
	case "/v1/customers":
		return walk(b.customers, lq, func(r *stored[Customer]) ([]byte, bool) {
			c := r.v
			return r.enc, !c.Deleted && (lq.email == "" || strings.EqualFold(lq.email, c.Email))
		})
	case "/v1/subscriptions":
		return walk(b.subs, lq, func(r *stored[Subscription]) ([]byte, bool) {
			v := r.v
			st := lq.status == "all" || lq.status == v.Status || lq.status == "" && v.Status != "canceled"
			return r.enc, !v.Removed && st && (lq.customer == "" || lq.customer == v.Customer)
		})
	case "/v1/invoices":
		return walk(b.invoices, lq, func(r *stored[Invoice]) ([]byte, bool) {
			v := r.v
			enc := r.enc
			if lq.expandCharge {
				enc = r.encX
			}
			return enc, !v.Removed && (lq.status == "" || lq.status == v.Status) &&
				(lq.customer == "" || lq.customer == v.Customer) &&
				(lq.subscription == "" || lq.subscription == v.Subscription)
		})
	default:
		return walk(b.events, lq, func(r *stored[Event]) ([]byte, bool) {
			return r.enc, r.created >= lq.windowStartAt && lq.typeOK(r.v.Type)
		})
	}
}

// walk serves t newest first from after starting_after, keeping objects
// keep accepts and the created filters pass.
func walk[T any](t *table[T], lq listQuery, keep func(*stored[T]) ([]byte, bool)) (page [][]byte, more, missing bool) {
	i := len(t.rows) - 1
	if lq.after != "" {
		at, ok := t.index[lq.after]
		if !ok {
			return nil, false, true
		}
		i = at - 1
	}
	for ; i >= 0; i-- {
		r := t.rows[i]
		if lq.gte != 0 && r.created < lq.gte || lq.gt != 0 && r.created <= lq.gt {
			break // rows are in created order: every older one fails too
		}
		if !lq.createdOK(r.created) {
			continue
		}
		enc, ok := keep(r)
		if !ok {
			continue
		}
		if len(page) == lq.limit {
			return page, true, false
		}
		page = append(page, enc)
	}
	return page, false, false
}
