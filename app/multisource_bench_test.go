package app_test

import (
	"context"
	"testing"
	"time"
)

// BenchmarkMultiSourceSync measures one full sync of all five sources
// (Salesbricks, Stripe, PostHog, HubSpot and BuildBetter fakes on
// loopback) into an empty live book of the 5,000-company universe, health
// recompute included, through the real Desk. Generating the fakes and
// connecting the sources are not timed.
//
//	go test -run '^$' -bench MultiSourceSync -benchtime 1x ./app/
func BenchmarkMultiSourceSync(b *testing.B) {
	clock := now
	m := newMultiBook(multiBookSize, &clock)
	var took time.Duration
	accounts := 0
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		d := connectedDesk(b, &clock, m.peers())
		b.StartTimer()
		start := time.Now()
		syncAll(b, d)
		took += time.Since(start)
		b.StopTimer()
		n, err := d.Live().Store.CountAccounts(context.Background())
		if err != nil || n == 0 {
			b.Fatalf("%d accounts after the sync (%v)", n, err)
		}
		accounts += n
	}
	b.ReportMetric(float64(accounts)/took.Seconds(), "accounts/s")
	b.ReportMetric(took.Seconds()/float64(b.N), "s/sync")
}
