package sources

import (
	"context"
	"log/slog"
	"strings"

	"successdesk/backend/connector"
	"successdesk/backend/connector/buildbetter"
	"successdesk/backend/connector/hubspot"
	"successdesk/backend/connector/posthog"
	"successdesk/backend/connector/salesbricks"
	"successdesk/backend/connector/stripe"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
)

// BaseURLEnv is the environment variable that points src at another host
// (a test peer, a self-hosted or regional service):
// SUCCESS_DESK_<SOURCE>_BASE_URL, for example SUCCESS_DESK_STRIPE_BASE_URL.
func BaseURLEnv(src domain.Source) string {
	return "SUCCESS_DESK_" + strings.ToUpper(string(src)) + "_BASE_URL"
}

// Factory builds connectors from tokens. Construct it with NewFactory.
type Factory struct {
	getenv func(string) string
	log    *slog.Logger
	opts   []httpx.Option
}

// NewFactory returns a Factory that reads base URLs with getenv (nil:
// none) and gives every HTTP client log and the extra options (tests pass a
// short timeout or a fake sleeper this way).
func NewFactory(getenv func(string) string, log *slog.Logger, opts ...httpx.Option) *Factory {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	return &Factory{getenv: getenv, log: log, opts: opts}
}

// BaseURL is src's base URL override, "" for the provider's own host.
func (f *Factory) BaseURL(src domain.Source) string {
	return strings.TrimSpace(f.getenv(BaseURLEnv(src)))
}

// client returns an HTTP client with policy, the factory's options and its
// logger.
func (f *Factory) client(p httpx.Policy) *httpx.Client {
	opts := f.opts
	if f.log != nil {
		opts = append(append([]httpx.Option{}, opts...), httpx.WithLogger(f.log))
	}
	return httpx.New(p, opts...)
}

// Build returns src's connector authenticating with token and configured
// by opts (see Fields). Sources this build cannot sync give EInvalid.
func (f *Factory) Build(src domain.Source, token string, opts Options) (connector.Connector, error) {
	switch src {
	case domain.SourceStripe:
		return stripe.New(token, f.client(stripe.Policy(token)), stripe.WithBaseURL(f.BaseURL(src))), nil
	case domain.SourceSalesbricks:
		return salesbricks.New(token, f.client(salesbricks.Policy()), salesbricks.WithBaseURL(f.BaseURL(src))), nil
	case domain.SourcePostHog:
		host := f.BaseURL(src)
		if host == "" {
			host = opts.Get(OptionHost)
		}
		po := []posthog.Option{posthog.WithHost(host), posthog.WithProject(opts.Get(OptionProject))}
		if g := opts.Get(OptionGroupType); g != "" {
			po = append(po, posthog.WithGroupType(g, posthog.LookUpIndex))
		}
		return posthog.New(token, f.client(posthog.Policy()), po...), nil
	case domain.SourceHubSpot:
		return hubspot.New(token, f.client(hubspot.Policy()), hubspot.WithBaseURL(f.BaseURL(src)),
			hubspot.WithCustomProperties(opts.List(OptionProperties))), nil
	case domain.SourceBuildBetter:
		return buildbetter.New(token, f.client(buildbetter.Policy()), buildbetter.WithBaseURL(f.BaseURL(src))), nil
	}
	return nil, domain.Errorf(domain.EInvalid, "%s cannot be connected in this version yet.", src.Label())
}

// Verify checks token against src with one cheap authenticated call and
// says whose account it opens. Errors are *domain.Error in plain words:
// EUnauthorized when the source refused the token, EUnavailable when it
// could not be reached.
func (f *Factory) Verify(ctx context.Context, src domain.Source, token string, opts Options) (connector.Identity, error) {
	c, err := f.Build(src, token, opts)
	if err != nil {
		return connector.Identity{}, err
	}
	v, ok := c.(connector.Verifier)
	if !ok {
		return connector.Identity{}, domain.Errorf(domain.EInvalid, "%s cannot check a key yet.", src.Label())
	}
	return v.Verify(ctx)
}
