package posthog

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	ph "github.com/posthog/posthog-go"
)

// Events a Recorder sends for customer-success touches.
const (
	EventAccountRouted    = "account routed"
	EventFollowUpDrafted  = "follow-up drafted"
	DefaultTouchGroupType = "company"
)

// Touch is one customer-success action on an account, recorded in the
// customer's PostHog project as an event of the account's group.
type Touch struct {
	Event      string         // EventAccountRouted, EventFollowUpDrafted, ...
	DistinctID string         // who acted: the CSM's id in that project (an e-mail works)
	GroupKey   string         // the account's group key (its domain when groups are keyed by domain)
	Properties map[string]any // extra event properties; may be nil
	At         time.Time      // when; zero means now
}

// RecorderOption configures a Recorder.
type RecorderOption func(*recorderConfig)

type recorderConfig struct {
	groupType string
	interval  time.Duration
	transport http.RoundTripper
	log       *slog.Logger
	buffer    int
	closeWait time.Duration
}

// WithTouchGroupType names the group type touches belong to (default
// DefaultTouchGroupType): the one the usage connector counts.
func WithTouchGroupType(name string) RecorderOption {
	return func(c *recorderConfig) {
		if name = strings.TrimSpace(name); name != "" {
			c.groupType = name
		}
	}
}

// WithFlushInterval sets how long touches wait to be sent as a batch
// (posthog-go's default is 5 s).
func WithFlushInterval(d time.Duration) RecorderOption {
	return func(c *recorderConfig) { c.interval = d }
}

// WithTransport sends the batches through rt (tests, proxies).
func WithTransport(rt http.RoundTripper) RecorderOption {
	return func(c *recorderConfig) { c.transport = rt }
}

// WithRecorderLogger logs posthog-go's messages (never the key) to l;
// without it they are discarded.
func WithRecorderLogger(l *slog.Logger) RecorderOption {
	return func(c *recorderConfig) { c.log = l }
}

// Recorder sends customer-success touches to PostHog with posthog-go, the
// capture library: only once a person has opted in (hold a nil *Recorder
// otherwise: its methods do nothing). Record never blocks: touches go to a
// bounded buffer that one goroutine hands to posthog-go, which batches
// them to /batch/; when the buffer is full a touch is dropped and counted.
// Close flushes what is queued, waiting a few seconds at most. It is safe
// for concurrent use.
type Recorder struct {
	client    ph.Client
	groupType string
	queue     chan ph.Capture
	done      chan struct{}
	dropped   atomic.Int64
	closeWait time.Duration

	mu     sync.RWMutex // guards closed against Record's send
	closed bool
}

// closeWait bounds how long Close waits for the last batch.
const closeWait = 5 * time.Second

// withCloseWait overrides closeWait (tests).
func withCloseWait(d time.Duration) RecorderOption {
	return func(c *recorderConfig) { c.closeWait = d }
}

// NewRecorder returns a Recorder for the project whose project API key
// (phc_…, the public capture token, not a personal API key) is projectKey,
// sending to host (an API or ingestion host, or a self-hosted address: see
// IngestHost).
func NewRecorder(projectKey, host string, opts ...RecorderOption) (*Recorder, error) {
	projectKey = strings.TrimSpace(projectKey)
	if projectKey == "" || strings.HasPrefix(projectKey, "phx_") {
		return nil, errors.New("posthog: recording touches needs the project API key (phc_), not a personal API key")
	}
	cfg := recorderConfig{groupType: DefaultTouchGroupType, buffer: 256, closeWait: closeWait}
	for _, o := range opts {
		o(&cfg)
	}
	client, err := ph.NewWithConfig(projectKey, ph.Config{
		Endpoint:  IngestHost(host),
		Interval:  cfg.interval,
		Transport: cfg.transport,
		Logger:    quietLogger{log: cfg.log, key: projectKey},
	})
	if err != nil {
		return nil, fmt.Errorf("posthog: %w", err)
	}
	r := &Recorder{client: client, groupType: cfg.groupType, queue: make(chan ph.Capture, cfg.buffer),
		done: make(chan struct{}), closeWait: cfg.closeWait}
	go r.forward()
	return r, nil
}

// Record queues t and reports whether it was taken: false for a nil or
// closed Recorder, a touch without event, person or account, or a full
// buffer (then counted in Dropped). It never blocks.
func (r *Recorder) Record(t Touch) bool {
	if r == nil || strings.TrimSpace(t.Event) == "" || strings.TrimSpace(t.DistinctID) == "" ||
		strings.TrimSpace(t.GroupKey) == "" {
		return false
	}
	props := ph.NewProperties()
	for k, v := range t.Properties {
		props.Set(k, v)
	}
	props.Set("source", "Success Desk")
	c := ph.Capture{DistinctId: t.DistinctID, Event: t.Event, Timestamp: t.At, Properties: props,
		Groups: ph.NewGroups().Set(r.groupType, t.GroupKey)}
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.closed {
		return false
	}
	select {
	case r.queue <- c:
		return true
	default:
		r.dropped.Add(1)
		return false
	}
}

// Dropped is the number of touches Record refused for a full buffer.
func (r *Recorder) Dropped() int64 {
	if r == nil {
		return 0
	}
	return r.dropped.Load()
}

// Close stops taking touches, sends what is queued and waits for the last
// batch for a few seconds at most (it keeps going in the background after
// that). Closing twice, or a nil Recorder, is a no-op.
func (r *Recorder) Close() error {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil
	}
	r.closed = true
	close(r.queue)
	r.mu.Unlock()

	flushed := make(chan error, 1)
	go func() {
		<-r.done
		flushed <- r.client.Close()
	}()
	t := time.NewTimer(r.closeWait)
	defer t.Stop()
	select {
	case err := <-flushed:
		if err != nil {
			return fmt.Errorf("posthog: closing the recorder: %w", err)
		}
		return nil
	case <-t.C:
		return errors.New("posthog: the last touches are still being sent")
	}
}

// forward hands queued touches to posthog-go, which may block briefly when
// its own queue is full: only this goroutine waits then.
func (r *Recorder) forward() {
	defer close(r.done)
	for c := range r.queue {
		if err := r.client.Enqueue(c); err != nil {
			r.dropped.Add(1)
		}
	}
}

// quietLogger routes posthog-go's messages to slog (or nowhere) with the
// project key removed.
type quietLogger struct {
	log *slog.Logger
	key string
}

func (l quietLogger) Logf(format string, args ...any) { l.emit(slog.LevelDebug, format, args...) }

func (l quietLogger) Errorf(format string, args ...any) { l.emit(slog.LevelWarn, format, args...) }

func (l quietLogger) emit(level slog.Level, format string, args ...any) {
	if l.log == nil {
		return
	}
	msg := strings.ReplaceAll(fmt.Sprintf(format, args...), l.key, "[redacted]")
	l.log.Log(context.Background(), level, "posthog capture", slog.String("detail", msg))
}
