package demo

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// testNow is a Wednesday afternoon, so "today" and the current week differ.
var testNow = time.Date(2026, time.March, 11, 14, 5, 9, 0, time.UTC)

// writeFresh writes b into a new store file and returns the open store.
func writeFresh(t testing.TB, b *Book) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := Write(ctx, st, b); err != nil {
		t.Fatal(err)
	}
	return st
}

// dumpTables lists every table Write fills with a stable order.
var dumpTables = []struct{ name, order string }{
	{"settings", "key"}, {"accounts", "id"}, {"contacts", "id"}, {"revenue_sources", "id"}, {"invoices", "id"},
	{"usage_weeks", "account_id, week_start"}, {"activities", "id"}, {"deals", "id"}, {"releases", "id"},
	{"enrichments", "account_id, source"}, {"routes", "id"},
}

// dump renders every row of every table the book touches as text.
func dump(t testing.TB, st *store.Store) string {
	t.Helper()
	var b strings.Builder
	for _, tb := range dumpTables {
		rows, err := st.DB().Query(`SELECT * FROM ` + tb.name + ` ORDER BY ` + tb.order)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			b.WriteString(tb.name)
			for _, v := range vals {
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, "\t%#v", v)
			}
			b.WriteByte('\n')
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

func TestGenerateIsDeterministic(t *testing.T) {
	o := Options{Seed: 42, Now: testNow, Size: 250}
	a, b := Generate(o), Generate(o)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two books from the same options differ")
	}
	if c := Generate(Options{Seed: 43, Now: testNow, Size: 250}); reflect.DeepEqual(a.Accounts, c.Accounts) {
		t.Fatal("a different seed gave the same accounts")
	}
	// Nanoseconds and zones are normalized away.
	if d := Generate(Options{Seed: 42, Now: testNow.Add(300 * time.Millisecond).In(time.FixedZone("X", 3600)), Size: 250}); !reflect.DeepEqual(a, d) {
		t.Fatal("Now's sub-second part or zone changed the book")
	}

	da, db := dump(t, writeFresh(t, a)), dump(t, writeFresh(t, b))
	if da != db {
		la, lb := strings.Split(da, "\n"), strings.Split(db, "\n")
		for i := range min(len(la), len(lb)) {
			if la[i] != lb[i] {
				t.Fatalf("dumps differ at line %d:\n%s\n%s", i, la[i], lb[i])
			}
		}
		t.Fatalf("dumps differ in length: %d vs %d lines", len(la), len(lb))
	}
	if !reflect.DeepEqual(a, Generate(o)) {
		t.Fatal("Write modified the book")
	}
}

func TestPrefixIsStable(t *testing.T) {
	small, large := Generate(Options{Seed: 9, Now: testNow, Size: 40}), Generate(Options{Seed: 9, Now: testNow, Size: 400})
	if !reflect.DeepEqual(small.Accounts, large.Accounts[:40]) || !reflect.DeepEqual(small.Releases, large.Releases) {
		t.Fatal("the first accounts of a larger book differ from a smaller book")
	}
}

func TestOptionsDefaults(t *testing.T) {
	b := Generate(Options{})
	if len(b.Accounts) != DefaultSize || !b.Options.Now.Equal(DefaultNow) {
		t.Fatalf("got %d accounts as of %v", len(b.Accounts), b.Options.Now)
	}
}

func TestWriteCountsAndMeta(t *testing.T) {
	ctx := context.Background()
	b := Generate(Options{Seed: 3, Now: testNow, Size: 60})
	st := writeFresh(t, b)
	got, err := st.CountRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"accounts": len(b.Accounts), "releases": len(b.Releases), "routes": 0, "health_snapshots": 0}
	for _, a := range b.Accounts {
		want["contacts"] += len(a.Contacts)
		want["revenue_sources"] += len(a.Revenue)
		for _, r := range a.Revenue {
			want["invoices"] += len(r.Invoices)
		}
		want["usage_weeks"] += len(a.Usage)
		want["activities"] += len(a.Activities)
		want["deals"] += len(a.Deals)
		if a.Enrichment != nil {
			want["enrichments"]++
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("row counts\n got %v\nwant %v", got, want)
	}
	var m Meta
	if found, err := st.GetSetting(ctx, MetaKey, &m); err != nil || !found {
		t.Fatalf("meta: found=%v err=%v", found, err)
	}
	if m != b.Meta() || m.Now != "2026-03-11T14:05:09Z" || m.Size != 60 || m.Seed != 3 {
		t.Fatalf("meta %+v", m)
	}
	// Invoices point at their own revenue source and account.
	var bad int
	if err := st.DB().QueryRow(`SELECT count(*) FROM invoices i JOIN revenue_sources r ON r.id = i.revenue_source_id
		WHERE r.account_id != i.account_id`).Scan(&bad); err != nil || bad != 0 {
		t.Fatalf("%d invoices linked across accounts (err %v)", bad, err)
	}
	if err := Write(ctx, st, b); domain.ErrorCode(err) != domain.EConflict {
		t.Fatalf("writing into a non-empty store: %v", err)
	}
}

func TestWriteHonoursCancel(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Write(ctx, st, Generate(Options{Seed: 1, Now: testNow, Size: 30})); err == nil {
		t.Fatal("Write with a canceled context succeeded")
	}
	var meta Meta
	if found, _ := st.GetSetting(context.Background(), MetaKey, &meta); found {
		t.Fatal("a canceled write recorded demo.meta")
	}
}

func TestWriteReportsAsItGoes(t *testing.T) {
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	b := Generate(Options{Seed: 1, Now: testNow, Size: 1200})
	var told []int
	if err := WriteReporting(context.Background(), st, b, func(n int) { told = append(told, n) }); err != nil {
		t.Fatal(err)
	}
	// One batch of 1,200: reports within it every reportEvery accounts,
	// then the committed total.
	if want := []int{500, 1000, 1200}; !reflect.DeepEqual(told, want) {
		t.Errorf("reports %v, want %v", told, want)
	}
}

func TestHardCasesPresent(t *testing.T) {
	ctx := context.Background()
	b := Generate(Options{Seed: 5, Now: testNow, Size: 20})
	st := writeFresh(t, b)
	today := time.Date(2026, time.March, 11, 0, 0, 0, 0, time.UTC)

	for _, h := range HardCases() {
		ab, ok := b.HardCase(h.Kind)
		if !ok || ab != &b.Accounts[h.Index] || ab.Account.Name != h.Name || ab.Intended != h.Intended {
			t.Fatalf("%s: not at index %d of the book", h.Kind, h.Index)
		}
		// Find the stored account by its exact name.
		var id int64
		var dom sql.NullString
		var email string
		err := st.DB().QueryRow(`SELECT id, domain, primary_email FROM accounts WHERE name = ?`, h.Name).Scan(&id, &dom, &email)
		if err != nil {
			t.Fatalf("%s: stored account %q: %v", h.Kind, h.Name, err)
		}
		if dom.String != h.Domain || dom.Valid != (h.Domain != "") || email != h.PrimaryEmail {
			t.Fatalf("%s: stored domain %v, email %q", h.Kind, dom, email)
		}
		revs, err := st.RevenueSources(ctx, id)
		if err != nil || len(revs) == 0 {
			t.Fatalf("%s: revenue %v %v", h.Kind, revs, err)
		}
		contacts, _ := st.Contacts(ctx, id)
		switch h.Kind {
		case HardMarkupName:
			if h.Name != MarkupName || contacts[0].Name != MarkupContactName {
				t.Fatalf("markup stored as %q / %q", h.Name, contacts[0].Name)
			}
		case HardFreeMail:
			if !strings.HasSuffix(email, "@gmail.com") {
				t.Fatalf("free-mail account has e-mail %q", email)
			}
		case HardNoDomain:
			usage, _ := st.Usage(ctx, id)
			if len(usage) != 0 || email != "" {
				t.Fatalf("no-domain account has usage %v / e-mail %q", usage, email)
			}
		case HardUnicodeLatin, HardUnicodeCJK, HardUnicodeAccents:
			if contacts[0].Name == "" || strings.ToValidUTF8(h.Name, "?") != h.Name {
				t.Fatal("bad unicode case")
			}
		case HardZeroSeats:
			if r := revs[0]; r.Status != domain.StatusActive || r.Seats != 0 || r.ARRMinor == 0 {
				t.Fatalf("zero-seat contract %+v", r)
			}
		case HardRenewalToday:
			if r := revs[0]; r.Status != domain.StatusActive || !r.TermEnd.Equal(today) {
				t.Fatalf("renewal-today contract %+v", r)
			}
		case HardRenewalPassed:
			for _, r := range revs {
				if r.Status != domain.StatusExpired || !r.TermEnd.Before(today) || len(revs) != 1 {
					t.Fatalf("renewal-passed account has %+v", revs)
				}
			}
		}
	}
	if _, ok := Generate(Options{Seed: 5, Now: testNow, Size: 10}).HardCase(HardRenewalPassed); ok {
		t.Fatal("a book of 10 cannot hold the case at index 17")
	}
}
