package buildbetter

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/connector/buildbetter/bbfake"
	"successdesk/backend/connector/connectortest"
	"successdesk/backend/httpx"
)

// conformanceBook has n companies, each with one person, two calls with a
// team member and two feature requests: with two rows a request, the calls
// and the signals each span n pages, after the accounts page.
func conformanceBook(n int) *bbfake.Book {
	b := &bbfake.Book{Organization: "Conformance Org",
		People: []bbfake.Person{{ID: 1, FirstName: "Tess", Email: "tess@team.example", UserID: 9}}}
	at := fixedNow.Add(-30 * 24 * time.Hour)
	for i := range n {
		co, per := int64(100+i), int64(200+i)
		b.Companies = append(b.Companies, bbfake.Company{ID: co, Name: fmt.Sprintf("Co %d", i),
			Domain: fmt.Sprintf("co%d.example", i)})
		b.People = append(b.People, bbfake.Person{ID: per, FirstName: "Ana", Email: fmt.Sprintf("ana@co%d.example", i),
			CompanyID: co})
		for j := range 2 {
			at = at.Add(time.Hour)
			id := int64(1000 + 2*i + j)
			b.Calls = append(b.Calls, bbfake.Call{ID: id, Name: "Sync", StartedAt: at, CompletedAt: at.Add(30 * time.Minute),
				CreatedAt: at.Add(31 * time.Minute), Attendees: []int64{1, per}})
			b.Signals = append(b.Signals, bbfake.Signal{ID: 5000 + id, Summary: "Wants CSV export",
				Types: []string{"Feature Request"}, CreatedAt: at.Add(40 * time.Minute), SpeakerID: per, CallID: id})
		}
	}
	return b
}

// serveConformance serves conformanceBook(pages). GraphQL lists carry no
// paging fields that could claim more, and the connector ends each list on
// the count its scan took, so trailingEmpty serves the same book.
func serveConformance(t *testing.T, token string, pages int, trailingEmpty bool) http.Handler {
	return bbfake.New(bbfake.Options{Book: conformanceBook(pages), Key: token})
}

func TestConformance(t *testing.T) {
	connectortest.Run(t, connectortest.Fixture{
		Token: testKey,
		Serve: serveConformance,
		Connect: func(t *testing.T, baseURL, token string, client *httpx.Client) connector.Connector {
			return New(token, client, WithBaseURL(baseURL), WithPageSize(2),
				WithClock(func() time.Time { return fixedNow }))
		},
	})
}
