package sources

import (
	"context"
	"sync"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
	"successdesk/backend/secrets"
)

// Lazy is a connector whose token is read from the secrets store when it is
// first needed, not when the app starts: a source connected while the app
// runs syncs without a restart, and a locked keyring only delays the sync
// that needs it. The built connector is kept until Reset.
type Lazy struct {
	src     domain.Source
	secrets secrets.Store
	build   func(domain.Source, string) (connector.Connector, error) // reads the source's options itself

	mu    sync.Mutex
	inner connector.Connector
}

// NewLazy returns a Lazy for src reading its token from sec and building
// the connector with build (normally Factory.Build).
func NewLazy(src domain.Source, sec secrets.Store, build func(domain.Source, string) (connector.Connector, error)) *Lazy {
	return &Lazy{src: src, secrets: sec, build: build}
}

// Source is the source this connector syncs.
func (l *Lazy) Source() domain.Source { return l.src }

// Fetch implements connector.Connector. Without a saved token it returns
// ENotConnected, so the state row says "reconnect".
func (l *Lazy) Fetch(ctx context.Context, cursor connector.Cursor) (connector.Page, error) {
	c, err := l.connector(ctx)
	if err != nil {
		return connector.Page{}, err
	}
	return c.Fetch(ctx, cursor)
}

// Reset drops the built connector so the next Fetch reads the token again
// (after a connect, a replace or a disconnect).
func (l *Lazy) Reset() {
	l.mu.Lock()
	l.inner = nil
	l.mu.Unlock()
}

func (l *Lazy) connector(ctx context.Context) (connector.Connector, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.inner != nil {
		return l.inner, nil
	}
	token, err := l.secrets.Get(ctx, l.src)
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return nil, cerr
		}
		if domain.ErrorCode(err) == domain.ENotFound {
			return nil, domain.Errorf(domain.ENotConnected, "%s is not connected: add its key in Settings → Integrations.", l.src.Label())
		}
		return nil, err
	}
	c, err := l.build(l.src, token)
	if err != nil {
		return nil, err
	}
	l.inner = c
	return c, nil
}

var _ connector.Connector = (*Lazy)(nil)
