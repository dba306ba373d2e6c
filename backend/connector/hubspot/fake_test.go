package hubspot

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"successdesk/backend/connector/hubspot/hsfake"
)

var allCustom = []string{"customer_tier", "success_region", "products_in_use", "renewal_notes"}

// TestFullPassMatchesTruth syncs a generated book and compares every
// company with what the generator says a correct sync holds.
func TestFullPassMatchesTruth(t *testing.T) {
	r := newRig(t, hsfake.Options{Companies: 180, Seed: 11, MaxPageSize: 40}, 1, WithCustomProperties(allCustom))
	pages := r.pass(t, "")
	if len(pages) != 5 || !pages[0].StartsFullPass || !pages[4].EndsFullPass || !pages[4].Done {
		t.Fatalf("%d pages; want 5 marked as one full pass", len(pages))
	}
	accts, enrs := records(pages)
	truth := r.fake.Truth(allCustom...)
	if len(accts) != len(truth) || len(enrs) != len(truth) {
		t.Fatalf("%d accounts, %d enrichments; want %d each", len(accts), len(enrs), len(truth))
	}
	var noDomain, custom int
	for _, w := range truth {
		a, e := accts[w.ID], enrs[w.ID]
		if a.Domain != w.Domain || a.Name != w.Name {
			t.Errorf("%s: account %+v, want domain %q name %q", w.ID, a, w.Domain, w.Name)
		}
		if e.Industry != w.Industry || e.Employees != w.Employees || e.Location != w.Location {
			t.Errorf("%s: enrichment %q %d %q, want %q %d %q", w.ID, e.Industry, e.Employees, e.Location,
				w.Industry, w.Employees, w.Location)
		}
		if !reflect.DeepEqual(e.Custom, w.Custom) {
			t.Errorf("%s: custom %v, want %v", w.ID, e.Custom, w.Custom)
		}
		if e.UpdatedAt.IsZero() {
			t.Errorf("%s: no UpdatedAt", w.ID)
		}
		if w.Domain == "" {
			noDomain++
		}
		if len(w.Custom) > 1 {
			custom++
		}
	}
	if noDomain == 0 || custom == 0 {
		t.Errorf("the book lacks cases: %d without a domain, %d with custom values", noDomain, custom)
	}
}

// TestCustomPropertyDefinitionsRead checks when the definitions behind
// Custom's labels are read: at the start of every full pass, not by
// incremental runs, and never without custom properties.
func TestCustomPropertyDefinitionsRead(t *testing.T) {
	r := newRig(t, hsfake.Options{Companies: 6, MaxPageSize: 4}, 1, WithCustomProperties([]string{"customer_tier"}))
	last := r.pass(t, "")
	r.clock.add(FullPassEvery / 2)
	r.pass(t, last[len(last)-1].Next) // incremental
	r.pass(t, "")                     // full again
	var got []string
	for _, q := range r.fake.Requests() {
		path, _, _ := strings.Cut(q, "?")
		got = append(got, path)
	}
	want := []string{
		"GET /crm/v3/objects/companies", "GET /crm/v3/properties/companies", "GET /crm/v3/objects/companies",
		"POST /crm/v3/objects/companies/search",
		"GET /crm/v3/objects/companies", "GET /crm/v3/properties/companies", "GET /crm/v3/objects/companies",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	plain := newRig(t, hsfake.Options{Companies: 3}, 1)
	plain.pass(t, "")
	for _, q := range plain.fake.Requests() {
		if strings.Contains(q, "properties/companies") {
			t.Errorf("read definitions without custom properties: %s", q)
		}
	}
}

// TestCustomKeyedByNameWithoutDefinitions: a token that may not read
// property definitions still syncs, with Custom keyed by internal name.
func TestCustomKeyedByNameWithoutDefinitions(t *testing.T) {
	r := newRig(t, hsfake.Options{Companies: 30, Seed: 3}, 1, WithCustomProperties([]string{"customer_tier"}))
	r.fake.Inject(hsfake.Fault{Status: 403, Path: "/crm/v3/properties"})
	_, enrs := records(r.pass(t, ""))
	n := 0
	for _, e := range enrs {
		for k, v := range e.Custom {
			if k != "customer_tier" || v != "gold" && v != "silver" && v != "bronze" {
				t.Errorf("custom %q = %q; want raw values under the name", k, v)
			}
			n++
		}
	}
	if n == 0 {
		t.Error("no custom values")
	}
}

func TestProperties(t *testing.T) {
	r := newRig(t, hsfake.Options{Companies: 1}, 1)
	props, err := r.c.Properties(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Property{}
	for i, p := range props {
		byName[p.Name] = p
		if i > 0 && strings.ToLower(props[i-1].Label) > strings.ToLower(p.Label) {
			t.Errorf("not sorted by label: %q before %q", props[i-1].Label, p.Label)
		}
	}
	tier := byName["customer_tier"]
	if !tier.Custom || tier.Label != "Customer tier" || tier.Type != "enumeration" || tier.FieldType != "select" ||
		len(tier.Options) != 3 || tier.Options[0] != (PropertyOption{Label: "Gold", Value: "gold"}) {
		t.Errorf("customer_tier = %+v", tier)
	}
	if d := byName["domain"]; d.Custom || d.Label != "Company domain name" || d.Type != "string" {
		t.Errorf("domain = %+v", d)
	}
	if id := byName["hs_object_id"]; !id.Hidden {
		t.Errorf("hs_object_id = %+v, want hidden", id)
	}
	if len(byName["industry"].Options) == 0 {
		t.Error("industry has no options")
	}
}
