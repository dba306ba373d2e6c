package secrets

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"successdesk/backend/domain"
)

func TestMemory(t *testing.T) {
	t.Parallel()
	testStore(t, func(*testing.T) Store { return NewMemory() })
}

func TestMemoryZeroValue(t *testing.T) {
	t.Parallel()
	testStore(t, func(*testing.T) Store { return &Memory{} })
}

func TestMemoryConcurrent(t *testing.T) {
	t.Parallel()
	m := NewMemory()
	ctx := context.Background()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			src := domain.AllSources[i%len(domain.AllSources)]
			for j := range 50 {
				if err := m.Set(ctx, src, fmt.Sprintf("tok-%d-%d", i, j)); err != nil {
					t.Error(err)
					return
				}
				if _, err := m.Get(ctx, src); err != nil {
					t.Error(err)
					return
				}
				if _, err := m.Has(ctx, src); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}
