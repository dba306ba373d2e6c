package app

import (
	"context"
	"sync"

	"successdesk/backend/connector/posthog"
	"successdesk/backend/domain"
	"successdesk/backend/sources"
)

// Touches records what a CSM does to an account (routing it, drafting a
// follow-up) as PostHog group events, beside the account's product usage,
// so the product team sees customer-success work where they look. It is
// opt in: it runs only when PostHog is connected with a project API key
// (phc_) and an actor in its settings, only for the live book, and it
// never blocks a page: events are batched by posthog-go and dropped, not
// queued without bound, when PostHog is away. posthog-go only sends; the
// usage PostHog gives the app is read by the posthog connector over HTTP.
type Touches struct {
	mu  sync.Mutex
	rec *posthog.Recorder
	as  string
}

// Configure replaces the recorder from PostHog's options (host for the
// ingest endpoint unless baseURL overrides it); options without a project
// key or actor turn recording off. The old recorder is flushed and closed.
func (t *Touches) Configure(opts sources.Options, baseURL string) error {
	var rec *posthog.Recorder
	key, as := opts.Get(sources.OptionCaptureKey), opts.Get(sources.OptionCaptureAs)
	if key != "" && as != "" {
		host := baseURL
		if host == "" {
			host = opts.Get(sources.OptionHost)
		}
		var err error
		if rec, err = posthog.NewRecorder(key, host); err != nil {
			return domain.Errorf(domain.EInvalid, "CS touches cannot be recorded: %s", err.Error())
		}
	}
	t.mu.Lock()
	old := t.rec
	t.rec, t.as = rec, as
	t.mu.Unlock()
	return old.Close()
}

// Record sends one touch on acc; accounts without a domain (their PostHog
// group key) are not recorded. It reports whether the touch was queued.
func (t *Touches) Record(_ context.Context, event string, acc domain.Account, props map[string]any) bool {
	if t == nil {
		return false
	}
	t.mu.Lock()
	rec, as := t.rec, t.as
	t.mu.Unlock()
	return rec.Record(posthog.Touch{Event: event, DistinctID: as, GroupKey: acc.Domain, Properties: props})
}

// Close flushes and stops recording.
func (t *Touches) Close() error {
	if t == nil {
		return nil
	}
	t.mu.Lock()
	rec := t.rec
	t.rec = nil
	t.mu.Unlock()
	return rec.Close()
}
