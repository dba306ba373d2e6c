package domain

import (
	"reflect"
	"testing"
	"time"
)

// TestAccountFactsClone: a clone equals its original, and writing into the
// original's slices afterwards (as a reader reusing them does) leaves the
// clone as it was.
func TestAccountFactsClone(t *testing.T) {
	at := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	f := AccountFacts{Account: Account{ID: 7, Name: "Acme"}, Revenue: []RevenueSource{{ExternalID: "sub_1"}},
		Invoices: []Invoice{{ExternalID: "in_1"}}, Invoiced: true, Usage: []UsageWeek{{WeekStart: at, ActiveUsers: 3}},
		Signals: []Activity{{ExternalID: "sig_1"}}, LastActivityAt: at}
	c := f.Clone()
	if !reflect.DeepEqual(c, f) {
		t.Fatalf("clone %+v differs from %+v", c, f)
	}
	f.Revenue[0].ExternalID, f.Invoices[0].ExternalID = "x", "x"
	f.Usage[0].ActiveUsers, f.Signals[0].ExternalID = 99, "x"
	if c.Revenue[0].ExternalID != "sub_1" || c.Invoices[0].ExternalID != "in_1" || c.Usage[0].ActiveUsers != 3 ||
		c.Signals[0].ExternalID != "sig_1" {
		t.Errorf("the clone shares a slice with its original: %+v", c)
	}
}
