package sbfake

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
)

// graphQL answers the two queries the connector sends, in the style of a
// graphene server: companyOrders (limit, offset, orderBy; orders oldest
// first) and company { name }. It does not parse GraphQL: it looks at the
// query text for the operation and for names the configured schema lacks,
// which get a 400 with a validation error, as a real server sends.
func (s *Server) graphQL(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		gqlErrors(w, http.StatusMethodNotAllowed, "GraphQL only supports POST requests.")
		return
	}
	var req struct {
		Query     string         `json:"query"`
		Variables map[string]any `json:"variables"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&req); err != nil || req.Query == "" {
		gqlErrors(w, http.StatusBadRequest, "Must provide query string.")
		return
	}
	q := req.Query
	switch {
	case strings.Contains(q, "companyOrders"):
		if s.opts.NoOffset && strings.Contains(q, "offset") {
			gqlErrors(w, http.StatusBadRequest, `Unknown argument "offset" on field "companyOrders" of type "Query".`)
			return
		}
		if s.opts.PlainGraphQL {
			for _, f := range []string{"lostReason", "currency"} {
				if hasField(q, f) {
					gqlErrors(w, http.StatusBadRequest, `Cannot query field "`+f+`" on type "OrderType".`)
					return
				}
			}
		}
		s.companyOrders(w, req.Variables, hasField(q, "currency") || hasField(q, "lostReason"))
	case hasField(q, "company"):
		if s.opts.NoCompany {
			gqlErrors(w, http.StatusBadRequest, `Cannot query field "company" on type "Query".`)
			return
		}
		reply(w, obj{"data": obj{"company": obj{"name": s.opts.Company}}})
	default:
		gqlErrors(w, http.StatusBadRequest, `Cannot query field on type "Query".`)
	}
}

// fieldRE matches each field name the fake looks for as a whole word.
var fieldRE = map[string]*regexp.Regexp{
	"lostReason": regexp.MustCompile(`\blostReason\b`),
	"currency":   regexp.MustCompile(`\bcurrency\b`),
	"company":    regexp.MustCompile(`\bcompany\b`),
}

// hasField reports whether the query text selects field name (one of
// fieldRE's).
func hasField(q, name string) bool { return fieldRE[name].MatchString(q) }

func (s *Server) companyOrders(w http.ResponseWriter, vars map[string]any, rich bool) {
	limit, offset := 100, 0
	if v, ok := vars["limit"].(float64); ok && v >= 1 {
		limit = int(v)
	}
	if v, ok := vars["offset"].(float64); ok && v >= 0 {
		offset = int(v)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	orders := []obj{}
	for i := offset; i < len(s.b.deals) && len(orders) < limit; i++ {
		d := s.b.deals[i]
		if s.removed[d.Buyer.ID] {
			continue
		}
		orders = append(orders, dealJSON(d, rich))
	}
	reply(w, obj{"data": obj{"companyOrders": obj{"orders": orders}}})
}

func gqlErrors(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(obj{"errors": []obj{{"message": msg}}})
}
