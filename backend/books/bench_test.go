package books

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"successdesk/backend/domain"
)

// BenchmarkBuildDemo is the build of the default 120-account demo book that
// the first start of each day waits for: accounts written, then thirteen
// weekly snapshots. Each run writes a new file in one folder, so after the
// first the empty-book template is there, as it is on a desktop.
func BenchmarkBuildDemo(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	i := 0
	for b.Loop() {
		i++
		if err := BuildDemo(ctx, filepath.Join(dir, fmt.Sprintf("demo-%d.db", i)), 120, now, domain.DefaultFXRates()); err != nil {
			b.Fatal(err)
		}
	}
}
