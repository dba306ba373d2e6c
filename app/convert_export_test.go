package app_test

import (
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"successdesk/app"
	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// TestConvertExportDefusesFormulas routes a candidate with a reason a
// spreadsheet would run as a formula: the CSV cell is quoted, the JSON
// value is kept verbatim.
func TestConvertExportDefusesFormulas(t *testing.T) {
	ctx := context.Background()
	ws, _ := newWorkspace(t)
	svc := app.NewConvertService(ws)
	first := allConvert(t, svc, app.ConvertQuery{}).Rows[0]
	const reason = `=HYPERLINK("http://example.com","Upgrade")`
	r := domain.Route{AccountID: first.AccountID, From: domain.SectionHealth, To: domain.SectionConvert, Reason: reason, CreatedAt: now}
	if err := ws.Store.Write(ctx, func(tx *store.Tx) error { return tx.InsertRoute(ctx, &r) }); err != nil {
		t.Fatal(err)
	}
	content, n, err := app.ConvertExportContent(svc, app.ConvertExportRequest{Format: "csv", Query: app.ConvertQuery{Search: first.Domain}})
	if err != nil || n == 0 {
		t.Fatalf("%d rows (%v)", n, err)
	}
	recs, err := csv.NewReader(strings.NewReader(string(content))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[1][13] != "Health" || recs[1][14] != "'"+reason {
		t.Fatalf("routed columns %q, %q", recs[1][13], recs[1][14])
	}
	js, _, err := app.ConvertExportContent(svc, app.ConvertExportRequest{Format: "json", Query: app.ConvertQuery{Search: first.Domain}})
	if err != nil || !strings.Contains(string(js), `"routedReason": "=HYPERLINK(`) {
		t.Fatalf("JSON keeps the reason verbatim: %s (%v)", js, err)
	}
}
