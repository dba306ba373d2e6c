package connectortest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"successdesk/backend/connector"
	"successdesk/backend/connector/connectortest"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

// exampleConnector is the smallest real connector: bearer auth, ?cursor=
// paging, customers mapped to AccountRecords. It proves the suite; real
// connectors (Stripe, ...) follow the same shape in their own packages.
type exampleConnector struct {
	base   string
	token  string
	client *httpx.Client
}

func (c *exampleConnector) Source() domain.Source { return domain.SourceStripe }

func (c *exampleConnector) Fetch(ctx context.Context, cursor connector.Cursor) (connector.Page, error) {
	if err := ctx.Err(); err != nil {
		return connector.Page{}, err
	}
	q := url.Values{"limit": {"2"}}
	if cursor != "" {
		q.Set("cursor", cursor)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/v1/customers?"+q.Encode(), nil)
	if err != nil {
		return connector.Page{}, domain.Errorf(domain.EInternal, "Could not build the request.")
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.client.Do(req)
	if err != nil {
		return connector.Page{}, connector.FetchError(ctx, err, c.Source())
	}
	defer resp.Body.Close()
	var body struct {
		Data []struct {
			ID, Email, Name string
		} `json:"data"`
		HasMore    bool   `json:"has_more"`
		NextCursor string `json:"next_cursor"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return connector.Page{}, domain.Errorf(domain.EUnavailable, "Stripe sent a response that could not be read.")
	}
	p := connector.Page{Phase: connector.PhaseSubscriptions}
	for _, d := range body.Data {
		p.Accounts = append(p.Accounts, connector.AccountRecord{Key: d.ID, Name: d.Name, PrimaryEmail: d.Email,
			Domain: connector.DomainFromEmail(d.Email)})
	}
	p.Done = !body.HasMore || len(body.Data) == 0
	if !p.Done {
		p.Next = body.NextCursor
	}
	return p, nil
}

// serveExample is the example API: pages*2 customers, two per page, paged
// by an offset cursor "o<n>".
func serveExample(t *testing.T, token string, pages int, trailingEmpty bool) http.Handler {
	total := pages * 2
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+token {
			http.Error(w, `{"error":"unauthorized"}`, http.StatusUnauthorized)
			return
		}
		if r.Method != http.MethodGet || r.URL.Path != "/v1/customers" || r.URL.Query().Get("limit") != "2" {
			t.Errorf("unexpected request %s %s", r.Method, r.URL)
		}
		off := 0
		if c := r.URL.Query().Get("cursor"); c != "" {
			n, err := strconv.Atoi(strings.TrimPrefix(c, "o"))
			if err != nil {
				http.Error(w, `{"error":"bad cursor"}`, http.StatusBadRequest)
				return
			}
			off = n
		}
		type cust struct {
			ID    string `json:"id"`
			Email string `json:"email"`
			Name  string `json:"name"`
		}
		data := []cust{}
		for i := off; i < off+2 && i < total; i++ {
			data = append(data, cust{ID: fmt.Sprintf("cus_%d", i), Email: fmt.Sprintf("ops@co%d.example", i),
				Name: fmt.Sprintf("Co %d", i)})
		}
		end := off + len(data)
		more := end < total || (trailingEmpty && len(data) > 0)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"data": data, "has_more": more || (trailingEmpty && len(data) == 0),
			"next_cursor": fmt.Sprintf("o%d", end)})
	})
}

func TestExampleConnectorConformance(t *testing.T) {
	connectortest.Run(t, connectortest.Fixture{
		Serve: serveExample,
		Connect: func(t *testing.T, baseURL, token string, client *httpx.Client) connector.Connector {
			return &exampleConnector{base: baseURL, token: token, client: client}
		},
	})
}
