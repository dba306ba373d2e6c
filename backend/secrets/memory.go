package secrets

import (
	"context"
	"sync"

	"successdesk/backend/domain"
)

// Memory is a Store held in process memory, for tests and demo mode. It keeps
// the same validation and error codes as Keyring. The zero value is ready to
// use; it is safe for concurrent use.
type Memory struct {
	mu     sync.Mutex
	tokens map[domain.Source]string
}

// NewMemory returns an empty Memory store.
func NewMemory() *Memory { return &Memory{} }

// Get implements Store.
func (m *Memory) Get(ctx context.Context, source domain.Source) (string, error) {
	if err := precheck(ctx, source); err != nil {
		return "", err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	token, ok := m.tokens[source]
	if !ok {
		return "", notFound(source, nil)
	}
	return token, nil
}

// Set implements Store.
func (m *Memory) Set(ctx context.Context, source domain.Source, token string) error {
	if err := precheck(ctx, source); err != nil {
		return err
	}
	if err := validToken(token); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.tokens == nil {
		m.tokens = make(map[domain.Source]string)
	}
	m.tokens[source] = token
	return nil
}

// Delete implements Store.
func (m *Memory) Delete(ctx context.Context, source domain.Source) error {
	if err := precheck(ctx, source); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.tokens, source)
	return nil
}

// Has implements Store.
func (m *Memory) Has(ctx context.Context, source domain.Source) (bool, error) {
	if err := precheck(ctx, source); err != nil {
		return false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.tokens[source]
	return ok, nil
}

// precheck validates source, then fails if ctx is already done.
func precheck(ctx context.Context, source domain.Source) error {
	if err := validSource(source); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return ctxDone(err)
	}
	return nil
}

var _ Store = (*Memory)(nil)
