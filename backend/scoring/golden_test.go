package scoring

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"successdesk/backend/domain"
	"successdesk/backend/golden"
)

// render is the human-readable explanation of a score that the golden files
// hold: the score, each factor with its evidence, what is missing, and the
// facts shown beside the score.
func render(h domain.HealthScore, fx domain.FXRates, now time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "score %d %s\n", h.Score, h.Level)
	for _, f := range h.Factors {
		fmt.Fprintf(&b, "%+d", f.Points)
		if f.Base != f.Points {
			fmt.Fprintf(&b, " (base %+d)", f.Base)
		}
		fmt.Fprintf(&b, " %s %s: %s — %s", f.Category, f.Code, f.Label, f.Detail)
		for _, e := range f.Evidence {
			fmt.Fprintf(&b, " [%s:%s %q", e.Kind, e.Ref, e.Label)
			if !e.At.IsZero() {
				fmt.Fprintf(&b, " @%s", e.At.Format(time.DateOnly))
			}
			b.WriteString("]")
		}
		b.WriteString("\n")
	}
	for _, m := range h.Missing {
		fmt.Fprintf(&b, "missing %s: %s\n", m.Category, m.Reason)
	}
	active, trend := "unknown", "unknown"
	if h.ActiveUsers != nil {
		active = fmt.Sprint(*h.ActiveUsers)
	}
	if h.TrendPct != nil {
		trend = fmt.Sprintf("%+.1f%%", *h.TrendPct)
	}
	fmt.Fprintf(&b, "users %s of %d licensed, trend %s\n", active, h.LicensedUsers, trend)
	fmt.Fprintf(&b, "ARR %s (%s in %s), MRR %s\n", h.ARR.Display(),
		(domain.Money{AmountMinor: h.ARRBaseMinor, Currency: fx.Base}).Display(), fx.Base,
		(domain.Money{AmountMinor: h.MRRMinor, Currency: h.ARR.Currency}).Display())
	renewal := "unknown"
	if !h.RenewalAt.IsZero() {
		renewal = fmt.Sprintf("%s (%d days)", h.RenewalAt.Format(time.DateOnly), daysUntil(h.RenewalAt, now))
	}
	last := "never"
	if !h.LastActivityAt.IsZero() {
		last = h.LastActivityAt.Format(time.DateOnly)
	}
	fmt.Fprintf(&b, "renewal %s, payment %s, last activity %s\n", renewal, h.PaymentStatus, last)
	return b.String()
}

// checkGolden compares got with testdata/<name>.golden (see golden.File;
// -update rewrites it).
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.File(t, "testdata/"+name+".golden", []byte(got))
}
