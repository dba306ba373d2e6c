package syncer

import (
	"sync"
	"time"

	"successdesk/backend/connector"
	"successdesk/backend/domain"
)

// Event names; the frontend listens for these.
const (
	EventProgress = "sync:progress"
	EventFinished = "sync:finished"
)

// MinProgressGap is the least time between two progress events of the same
// phase: at most 10 a second reach the window.
const MinProgressGap = 100 * time.Millisecond

// Progress is the payload of EventProgress. Source is "" for the run-wide
// phases (checking sources, tallying). Done counts the records written in
// the source's current pass; Total is the connector's estimate (0 unknown).
type Progress struct {
	Source string `json:"source"`
	Phase  string `json:"phase"`
	Done   int    `json:"done"`
	Total  int    `json:"total"`
	Seq    int64  `json:"seq"` // see Finished.Seq
}

// Finished is the payload of EventFinished.
type Finished struct {
	Sources    []FinishedSource `json:"sources"`
	FinishedAt string           `json:"finishedAt"` // RFC 3339 UTC
	// Seq numbers the progress and finished events of one Syncer in the
	// order they are sent, from 1. The window may receive them in another
	// order (Wails' development server sends each message on its own
	// goroutine), so it drops a progress numbered below the last finished
	// run's rather than show that run as still going.
	Seq int64 `json:"seq"`
}

// FinishedSource is one source's outcome in a Finished event.
type FinishedSource struct {
	Source  string `json:"source"`
	Status  string `json:"status"` // idle | failed | reconnect | canceled | not_connected
	Items   int    `json:"items"`
	Code    string `json:"code,omitempty"`
	Message string `json:"message,omitempty"`
}

// throttle drops progress events that arrive within MinProgressGap of the
// last one sent with the same phase. A phase change, and a forced event (a
// source's final count), always go through.
type throttle struct {
	emit func(name string, data any)
	now  func() time.Time

	mu        sync.Mutex
	last      time.Time
	lastPhase string
	seq       int64 // the last event's Seq
}

func (t *throttle) progress(p Progress, force bool) {
	if t.emit == nil {
		return
	}
	t.mu.Lock()
	now := t.now()
	if !force && p.Phase == t.lastPhase && !t.last.IsZero() && now.Sub(t.last) < MinProgressGap {
		t.mu.Unlock()
		return
	}
	t.last, t.lastPhase = now, p.Phase
	t.seq++
	p.Seq = t.seq
	t.emit(EventProgress, p) // under the lock, so events go out in Seq order
	t.mu.Unlock()
}

func (t *throttle) finished(f Finished) {
	if t.emit == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.seq++
	f.Seq = t.seq
	t.emit(EventFinished, f)
}

// defaultPhase is the label shown while a source's pages carry none.
func defaultPhase(src domain.Source) string {
	switch src {
	case domain.SourceStripe:
		return connector.PhaseSubscriptions
	case domain.SourceSalesbricks:
		return connector.PhaseOrders
	}
	return "Fetching " + src.Label() + "…"
}
