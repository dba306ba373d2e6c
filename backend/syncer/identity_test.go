package syncer_test

import (
	"context"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/store"
	"successdesk/backend/syncer"
)

// idRec is one source's customer record in an identity book.
type idRec struct {
	src     domain.Source
	key     string
	domain  string
	name    string
	aliases []connector.KeyRef
}

// commitAccounts commits recs as one full pass per source, in order of
// first appearance, each record with one revenue row so that row
// ownership can be checked.
func commitAccounts(t *testing.T, st *store.Store, recs []idRec) {
	t.Helper()
	var order []domain.Source
	pages := map[domain.Source]*connector.Page{}
	for _, r := range recs {
		p := pages[r.src]
		if p == nil {
			p = &connector.Page{Done: true, StartsFullPass: true, EndsFullPass: true}
			pages[r.src] = p
			order = append(order, r.src)
		}
		p.Accounts = append(p.Accounts, connector.AccountRecord{Key: r.key, Domain: r.domain, Name: r.name, Aliases: r.aliases})
		if r.src == domain.SourceStripe || r.src == domain.SourceSalesbricks {
			p.Revenue = append(p.Revenue, connector.RevenueRecord{AccountKey: r.key, RevenueSource: domain.RevenueSource{
				ExternalID: "rev_" + r.key, Product: "Pro", Status: domain.StatusActive, Interval: domain.IntervalMonthly,
				Amount: domain.Money{AmountMinor: 1000, Currency: "USD"}, MRRMinor: 1000, ARRMinor: 12000, TermStart: t0}})
		}
	}
	sink := syncer.NewStoreSink(st, func() time.Time { return t0 })
	for _, src := range order {
		if _, err := sink.Commit(context.Background(), src, *pages[src]); err != nil {
			t.Fatalf("commit %s: %v", src, err)
		}
	}
}

// groups returns the book's accounts as sorted groups of "source:key",
// each group sorted: which records ended up as one company.
func groups(t *testing.T, st *store.Store) [][]string {
	t.Helper()
	rows, err := st.DB().QueryContext(context.Background(), `SELECT account_id, source || ':' || key FROM sync_account_keys ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	by := map[int64][]string{}
	for rows.Next() {
		var id int64
		var k string
		if err := rows.Scan(&id, &k); err != nil {
			t.Fatal(err)
		}
		by[id] = append(by[id], k)
	}
	var out [][]string
	for _, g := range by {
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

func sb(key, dom, name string, aliases ...string) idRec {
	r := idRec{src: domain.SourceSalesbricks, key: key, domain: dom, name: name}
	for _, a := range aliases {
		r.aliases = append(r.aliases, connector.KeyRef{Source: domain.SourceStripe, Key: a})
	}
	return r
}

func st(key, dom, name string) idRec {
	return idRec{src: domain.SourceStripe, key: key, domain: dom, name: name}
}

func TestIdentityTrickyBooks(t *testing.T) {
	for _, tc := range []struct {
		name string
		recs []idRec
		want [][]string
	}{{
		name: "one domain in two sources is one company",
		recs: []idRec{sb("sb_1", "acme.io", "Acme"), st("cus_1", "acme.io", "Acme Inc")},
		want: [][]string{{"salesbricks:sb_1", "stripe:cus_1"}},
	}, {
		name: "a Stripe id on the Salesbricks customer joins two domains, Stripe first",
		recs: []idRec{st("cus_1", "acme.com", "Acme"), sb("sb_1", "acme.io", "Acme", "cus_1")},
		want: [][]string{{"salesbricks:sb_1", "stripe:cus_1"}},
	}, {
		name: "a Stripe id on the Salesbricks customer joins two domains, Salesbricks first",
		recs: []idRec{sb("sb_1", "acme.io", "Acme", "cus_1"), st("cus_1", "acme.com", "Acme")},
		want: [][]string{{"salesbricks:sb_1", "stripe:cus_1"}},
	}, {
		name: "a Stripe customer with no e-mail joins through the Salesbricks Stripe id",
		recs: []idRec{sb("sb_1", "", "Globex", "cus_9"), st("cus_9", "", "")},
		want: [][]string{{"salesbricks:sb_1", "stripe:cus_9"}},
	}, {
		name: "a Stripe id that does not exist joins nothing and is gone after Stripe's full pass",
		recs: []idRec{sb("sb_1", "acme.io", "Acme", "cus_missing"), st("cus_2", "other.io", "Other")},
		want: [][]string{{"salesbricks:sb_1"}, {"stripe:cus_2"}},
	}, {
		name: "a Stripe customer billed from free mail takes its company's domain through the alias",
		recs: []idRec{st("cus_1", "", "Jane at gmail"), sb("sb_1", "acme.io", "Acme", "cus_1"),
			{src: domain.SourcePostHog, key: "acme.io", domain: "acme.io"}}, // usage arrives later, by domain
		want: [][]string{{"posthog:acme.io", "salesbricks:sb_1", "stripe:cus_1"}},
	}, {
		name: "an account the sync made for a free-mail payer joins the company that holds the domain",
		recs: []idRec{st("cus_1", "", "Jane at gmail"), st("cus_2", "acme.io", "Acme"), sb("sb_1", "acme.io", "Acme", "cus_1")},
		want: [][]string{{"salesbricks:sb_1", "stripe:cus_1", "stripe:cus_2"}},
	}, {
		name: "subsidiaries on their own domains stay apart",
		recs: []idRec{st("cus_1", "initech.com", "Initech"), st("cus_2", "eu.initech.com", "Initech Europe"),
			sb("sb_1", "initech.com", "Initech")},
		want: [][]string{{"salesbricks:sb_1", "stripe:cus_1"}, {"stripe:cus_2"}},
	}, {
		name: "records without a domain (free-mail contacts) never join by name",
		recs: []idRec{st("cus_1", "", "Hooli"), st("cus_2", "", "Hooli"), sb("sb_1", "", "Hooli")},
		want: [][]string{{"salesbricks:sb_1"}, {"stripe:cus_1"}, {"stripe:cus_2"}},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			s := openStore(t)
			commitAccounts(t, s, tc.recs)
			if got := groups(t, s); !slices.EqualFunc(got, tc.want, slices.Equal) {
				t.Fatalf("companies = %v, want %v", got, tc.want)
			}
			// Every revenue row sits on its record's company.
			var stray int
			if err := s.DB().QueryRow(`SELECT count(*) FROM revenue_sources r JOIN sync_account_keys k
				ON k.source = r.source AND k.key = r.sync_key WHERE k.account_id <> r.account_id`).Scan(&stray); err != nil || stray != 0 {
				t.Fatalf("%d revenue rows on another account (%v)", stray, err)
			}
		})
	}
}

func TestNeedsMatchingListsRecordsWithoutACompany(t *testing.T) {
	s := openStore(t)
	commitAccounts(t, s, []idRec{st("cus_1", "acme.io", "Acme"), st("cus_2", "", "Jane at gmail"), sb("sb_7", "", "Hooli")})
	got, err := s.NeedsMatching(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, u := range got {
		keys = append(keys, string(u.Source)+":"+u.Key)
		if u.Source == domain.SourceStripe && u.Revenue != 1 {
			t.Errorf("%s brought %d revenue rows, want 1", u.Key, u.Revenue)
		}
	}
	if want := []string{"salesbricks:sb_7", "stripe:cus_2"}; !slices.Equal(keys, want) {
		t.Fatalf("needs matching = %v, want %v (sorted by name)", keys, want)
	}
}

// accountOf returns the account source's key links to.
func accountOf(t *testing.T, s *store.Store, src domain.Source, key string) int64 {
	t.Helper()
	var id int64
	if err := s.DB().QueryRow(`SELECT account_id FROM sync_account_keys WHERE source = ? AND key = ?`, string(src), key).Scan(&id); err != nil {
		t.Fatalf("%s %s: %v", src, key, err)
	}
	return id
}

func TestHandMadeIdentitySurvivesAFullResync(t *testing.T) {
	ctx := context.Background()
	book := []idRec{
		st("cus_1", "acme.io", "Acme"), st("cus_2", "acme-corp.com", "Acme Corp"), // the same company, two domains
		st("cus_3", "", "Acme billing"),                                         // a free-mail payer of Acme
		sb("sb_1", "globex.com", "Globex"), st("cus_4", "globex.com", "Globex"), // two companies behind one domain
	}
	s := openStore(t)
	commitAccounts(t, s, book)
	acme := accountOf(t, s, domain.SourceStripe, "cus_1")
	err := s.Write(ctx, func(tx *store.Tx) error {
		if err := tx.MergeAccounts(ctx, acme, accountOf(t, s, domain.SourceStripe, "cus_2")); err != nil {
			return err
		}
		if err := tx.AttachKey(ctx, domain.SourceStripe, "cus_3", acme); err != nil {
			return err
		}
		_, err := tx.SplitKey(ctx, domain.SourceStripe, "cus_4")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"salesbricks:sb_1"}, {"stripe:cus_1", "stripe:cus_2", "stripe:cus_3"}, {"stripe:cus_4"}}
	if got := groups(t, s); !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("after the hand-made choices: %v, want %v", got, want)
	}
	if u, err := s.NeedsMatching(ctx); err != nil || len(u) != 0 {
		t.Fatalf("needs matching after attaching = %+v, %v", u, err)
	}

	// A full re-sync of every source, and a new record under the merged
	// domain: every choice holds, and the new record joins the merged company.
	commitAccounts(t, s, append(book, st("cus_5", "acme-corp.com", "Acme Corp EMEA")))
	want = [][]string{{"salesbricks:sb_1"}, {"stripe:cus_1", "stripe:cus_2", "stripe:cus_3", "stripe:cus_5"}, {"stripe:cus_4"}}
	if got := groups(t, s); !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("after a full re-sync: %v, want %v", got, want)
	}
	var n int
	if err := s.DB().QueryRow(`SELECT count(*) FROM revenue_sources WHERE account_id = ?`, acme).Scan(&n); err != nil || n != 4 {
		t.Fatalf("the merged company holds %d revenue rows (%v), want 4", n, err)
	}
	var accounts int
	if err := s.DB().QueryRow(`SELECT count(*) FROM accounts`).Scan(&accounts); err != nil || accounts != 3 {
		t.Fatalf("%d accounts (%v), want 3: none left behind by the merge, attach or split", accounts, err)
	}
	var name string
	if err := s.DB().QueryRow(`SELECT name FROM accounts WHERE id = ?`, accountOf(t, s, domain.SourceStripe, "cus_4")).Scan(&name); err != nil ||
		!strings.Contains(name, "Globex") {
		t.Fatalf("the split account is named %q (%v)", name, err)
	}
}
