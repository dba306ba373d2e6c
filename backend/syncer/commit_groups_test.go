package syncer_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/store"
	"successdesk/backend/store/storetest"
	"successdesk/backend/syncer"
)

// crossPageSequence is an incremental page, then a full pass whose pages
// depend on each other across page boundaries (customers over two pages,
// subscriptions and invoices after them, an invoice before its
// subscription's page, a revenue record before its customer's page, a
// customer moving to another domain, a deletion and the record coming
// back, usage, deals, enrichments, an empty page), then an incremental
// page and a second pass that sweeps most of it.
func crossPageSequence() []connector.Page {
	acct := func(key, dom string) connector.AccountRecord {
		return connector.AccountRecord{Key: key, Domain: dom, Name: "Co " + key}
	}
	rev := func(key, sub string, amount int64) connector.RevenueRecord {
		return connector.RevenueRecord{AccountKey: key, RevenueSource: domain.RevenueSource{ExternalID: sub, Product: "Pro",
			Status: domain.StatusActive, Interval: domain.IntervalMonthly, Amount: domain.Money{AmountMinor: amount, Currency: "USD"},
			MRRMinor: amount, ARRMinor: 12 * amount, TermStart: t0.AddDate(0, -1, 0)}}
	}
	inv := func(key, sub, id string) connector.InvoiceRecord {
		return connector.InvoiceRecord{AccountKey: key, RevenueKey: sub, Invoice: domain.Invoice{ExternalID: id,
			Status: domain.InvoicePaid, AmountDue: domain.Money{AmountMinor: 100, Currency: "USD"}, AmountPaidMinor: 100,
			IssuedAt: t0.AddDate(0, 0, -3)}}
	}
	act := func(key, id string) connector.ActivityRecord {
		return connector.ActivityRecord{AccountKey: key, Activity: domain.Activity{ExternalID: id, Kind: domain.ActivityPayment,
			OccurredAt: t0, Title: "Invoice paid " + id}}
	}
	// The pass's first and third pages' customers share one array, as
	// pages cut from one slice do.
	shared := []connector.AccountRecord{acct("c1", "one.example"), acct("c2", ""), acct("c4", "four.example")}
	return []connector.Page{
		{Accounts: []connector.AccountRecord{acct("c0", "zero.example")}, Next: "0"}, // before the pass: swept
		{StartsFullPass: true, Accounts: shared[:2], Next: "1"},
		{Accounts: []connector.AccountRecord{acct("c3", "three.example")}, Revenue: []connector.RevenueRecord{
			rev("c4", "s4", 400)}, Next: "2"}, // c4 arrives only on the next page: skipped
		{Accounts: shared[2:], Next: "3"},
		{Revenue: []connector.RevenueRecord{rev("c1", "s1", 100), rev("c2", "s2", 200)}, Next: "4"},
		{Next: "5"},
		{Invoices: []connector.InvoiceRecord{inv("c1", "s1", "i1"), inv("c3", "s3", "i3")}, Next: "6"}, // s3 comes next
		{Revenue: []connector.RevenueRecord{rev("c3", "s3", 300), rev("c1", "s1", 150)}, Next: "7"},
		{Invoices: []connector.InvoiceRecord{inv("c3", "s3", "i3b"), inv("c2", "s2", "i2")},
			Activities: []connector.ActivityRecord{act("c2", "e2")}, Next: "8"},
		{Accounts: []connector.AccountRecord{acct("c1", "moved.example")}, Activities: []connector.ActivityRecord{act("c1", "e1")},
			Next: "9"},
		{Deleted: []connector.Ref{{Kind: connector.RefInvoice, Key: "i2"}}, Next: "10"},
		{Invoices: []connector.InvoiceRecord{inv("c2", "s2", "i2")}, // back after its deletion
			Usage: []connector.UsageRecord{{AccountKey: "c3", UsageWeek: domain.UsageWeek{WeekStart: domain.WeekStart(t0),
				ActiveUsers: 7}}}, Deals: []connector.DealRecord{{AccountKey: "c3", Deal: domain.Deal{ExternalID: "d3", Name: "Expansion",
				Stage: "Proposal", Status: domain.DealOpen, Value: domain.Money{AmountMinor: 5000, Currency: "USD"}}}}, Next: "11"},
		{Enrichments: []connector.EnrichmentRecord{{AccountKey: "c1", Enrichment: domain.Enrichment{Industry: "Storage"}}},
			Activities: []connector.ActivityRecord{act("c3", "e3")}, Next: "12"}, // activities after enrichments
		{Accounts: []connector.AccountRecord{acct("c5", "five.example")}, Next: "13", Done: true, EndsFullPass: true},
		{Accounts: []connector.AccountRecord{acct("c6", "six.example")}, Next: "13b"}, // between the passes
		{StartsFullPass: true, Accounts: []connector.AccountRecord{acct("c0", "zero.example"), acct("c1", "one.example"),
			acct("c3", "")}, Next: "14"}, // c0 comes back as a new account
		{Revenue: []connector.RevenueRecord{rev("c3", "s3", 300)}, Invoices: []connector.InvoiceRecord{inv("c3", "s3", "i3b")},
			Next: "15", Done: true, EndsFullPass: true},
	}
}

// storeDump renders every row of every table (full-text shadow tables
// aside), sorted, for comparing two stores.
func storeDump(t *testing.T, st *store.Store) string {
	t.Helper()
	var tables []string
	storetest.Query(t, st.DB(), `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
		AND name NOT LIKE '%fts%' AND name <> 'schema_migrations' ORDER BY name`, func(v []any) { tables = append(tables, v[0].(string)) })
	var out []string
	for _, tb := range tables {
		for _, r := range storetest.Rows(t, st.DB(), `SELECT * FROM `+tb) {
			out = append(out, tb+": "+r)
		}
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}

// commitGroups commits pages to a fresh store in commits of the given
// sizes, cycled (the sync commits every page that waited for the store
// at once), and returns the summed counts and the store's rows.
func commitGroups(t *testing.T, pages []connector.Page, sizes []int) string {
	t.Helper()
	st := openStore(t)
	sink := syncer.NewStoreSink(st, func() time.Time { return t0 })
	total := connector.CommitResult{}
	for start, i := 0, 0; start < len(pages); i++ {
		end := min(len(pages), start+sizes[i%len(sizes)])
		res, err := sink.Commit(context.Background(), domain.SourceStripe, pages[start:end]...)
		if err != nil {
			t.Fatalf("commit pages %d-%d: %v", start, end-1, err)
		}
		total.Written, total.Skipped, total.Deleted = total.Written+res.Written, total.Skipped+res.Skipped,
			total.Deleted+res.Deleted
		start = end
	}
	return fmt.Sprintf("%+v\n", total) + storeDump(t, st)
}

// TestCommitGroupingDoesNotMatter: however the pages of a pass are
// grouped into commits, the store ends the same, row for row (ids
// included), with the same counts, as when each page commits alone; and
// the pages handed in are left as they were.
func TestCommitGroupingDoesNotMatter(t *testing.T) {
	all := crossPageSequence()
	pass := slices.IndexFunc(all, func(p connector.Page) bool { return p.EndsFullPass }) + 1
	// The first pass alone, then everything: the second pass sweeps most
	// of what the first one wrote, so its end would hide slips in the first.
	for _, pages := range [][]connector.Page{all[:pass], all} {
		want := commitGroups(t, pages, []int{1})
		for _, line := range []string{"revenue_sources: ", "invoices: ", "activities: ", "usage_series: ", "deals: ", "enrichments: "} {
			if !strings.Contains(want, "\n"+line) {
				t.Fatalf("the sequence writes no %s row:\n%s", strings.TrimSuffix(line, ": "), want)
			}
		}
		if !strings.Contains(want, "Skipped:1 ") {
			t.Fatalf("want the revenue record ahead of its customer skipped: %s", strings.SplitN(want, "\n", 2)[0])
		}
		before := fmt.Sprintf("%#v", pages)
		groupings := [][]int{{len(pages)}, {2}, {3}, {4, 1}, {5, 2}}
		rng := rand.New(rand.NewPCG(1, 2))
		for range 6 {
			var g []int
			for n := 0; n < len(pages); {
				k := 1 + rng.IntN(5)
				g, n = append(g, k), n+k
			}
			groupings = append(groupings, g)
		}
		for _, g := range groupings {
			if got := commitGroups(t, pages, g); got != want {
				t.Errorf("%d pages in commits of %v differ from one page per commit:\n got %s\nwant %s", len(pages), g, got, want)
			}
		}
		if after := fmt.Sprintf("%#v", pages); after != before {
			t.Error("committing changed the pages handed in")
		}
	}
}
