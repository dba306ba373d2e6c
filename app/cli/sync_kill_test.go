package cli

import (
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"successdesk/backend/connector/stripe/stripefake"
	"successdesk/backend/store"
)

// killBook is the size of the book the kill test syncs: about 27 pages of
// customers, 30 of subscriptions and 75 of invoices.
const killBook = 3000

// killAtPage is the subscriptions page whose request kills the sync: by
// then every customer page and several subscription pages are committed.
const killAtPage = 10

// TestSyncKilledMidRunResumesToTheSameStore: a `success-desk sync stripe`
// process killed with SIGKILL in the middle of a full pass keeps what it
// committed; run again, it resumes from its cursor (it does not start over)
// and ends with a live book whose content is the same as that of a sync
// of the same Stripe book that was never interrupted, and as the book's
// truth: nothing lost, nothing twice.
func TestSyncKilledMidRunResumesToTheSameStore(t *testing.T) {
	if testing.Short() {
		t.Skip("syncs a large book three times")
	}
	// The fake and the desks read one fixed clock, so every run sees the
	// same book and scores it the same way.
	at := now
	opts := stripefake.Options{Subscriptions: killBook, Seed: 7, Key: liveKey, Now: func() time.Time { return at }}

	// The uninterrupted sync: the same book on its own server, synced
	// into its own data directory while the other one is killed.
	cleanFake, cleanURL := serveFake(t, opts)
	cleanDir := dataDir(t)
	runChild(t, cleanURL, "", at, liveKey+"\n", 0, "connect", "stripe", "--data-dir", cleanDir)

	// The killed sync: the request for subscriptions page killAtPage
	// kills the process and is answered only once it is gone, so the
	// process never sees that page.
	var armed atomic.Bool
	var subsPages atomic.Int32
	victim := make(chan *child, 1)
	killOpts := opts
	killOpts.OnRequest = func(_ int, r *http.Request) {
		if !armed.Load() || r.URL.Path != "/v1/subscriptions" || subsPages.Add(1) != killAtPage {
			return
		}
		c := <-victim
		if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Errorf("kill: %v", err)
		}
		<-c.exited
	}
	fake, url := serveFake(t, killOpts)
	dir := dataDir(t)
	runChild(t, url, "", at, liveKey+"\n", 0, "connect", "stripe", "--data-dir", dir)

	clean := startChild(t, cleanURL, liveKey, at, "", "sync", "stripe", "--data-dir", cleanDir)
	armed.Store(true)
	killed := startChild(t, url, liveKey, at, "", "sync", "stripe", "--data-dir", dir)
	victim <- killed
	killed.wait()
	armed.Store(false)
	ws, ok := killed.cmd.ProcessState.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("the sync was not killed: %v\nstdout: %s\nstderr: %s", killed.cmd.ProcessState,
			killed.stdout.String(), killed.stderr.String())
	}
	if strings.Contains(killed.stdout.String(), "synced") {
		t.Fatalf("the killed sync reported an end: %s", killed.stdout.String())
	}

	// Killed mid-pass: the customers are in, some subscriptions are, no
	// invoice is, the state says a run was under way, and the cursor
	// points into the subscriptions.
	truth := fake.Truth()
	st := openBook(t, dir)
	mid := stripeSyncRow(t, st)
	got := storedCounts(t, st)
	want := truthCounts(truth)
	if mid.Status != string(store.SyncRunning) || !mid.FullPassOpen || mid.ItemsSynced == 0 ||
		!strings.HasPrefix(mid.Cursor, "subscriptions:sub_") {
		t.Fatalf("state after the kill: %+v", mid)
	}
	if got[0] != want[0] || got[1] != want[1] || got[2] == 0 || got[2] >= want[2] || got[3] != 0 {
		t.Fatalf("after the kill the book holds %v (accounts, keys, subscriptions, invoices, failures); "+
			"want all accounts, some subscriptions and no invoice of %v", got, want)
	}
	if n := count(t, st, "health_snapshots", ""); n != 0 {
		t.Fatalf("the killed sync got as far as scoring (%d snapshots)", n)
	}
	st.Close()

	// Run again: it resumes after the last committed page and finishes.
	before := len(fake.Requests())
	resumed := runChild(t, url, liveKey, at, "", 0, "sync", "stripe", "--data-dir", dir)
	if !strings.Contains(resumed.stdout.String(), "Stripe: synced, ") {
		t.Errorf("the resumed sync printed %q", resumed.stdout.String())
	}
	after, _, _ := strings.Cut(strings.TrimPrefix(mid.Cursor, "subscriptions:"), ";")
	reqs := fake.Requests()[before:]
	if len(reqs) == 0 || !strings.HasPrefix(reqs[0], "GET /v1/subscriptions?") ||
		!strings.Contains(reqs[0], "starting_after="+after) {
		t.Fatalf("the resumed sync did not start after %s: %.3q", after, reqs)
	}
	for _, r := range reqs {
		if strings.HasPrefix(r, "GET /v1/customers") {
			t.Fatalf("the resumed sync started over: %s", r)
		}
	}

	if code := clean.wait(); code != 0 {
		t.Fatalf("the uninterrupted sync: exit %d\n%s", code, clean.stderr.String())
	}
	cleanBook := openBook(t, cleanDir)
	if cs := stripeSyncRow(t, cleanBook); cs.Status != string(store.SyncIdle) || cs.FullPassOpen || cs.ErrorCount != 0 {
		t.Fatalf("state after the uninterrupted sync: %+v", cs)
	}
	if got := storedCounts(t, cleanBook); got != truthCounts(cleanFake.Truth()) {
		t.Fatalf("the uninterrupted sync holds %v; the book's truth is %v", got, truthCounts(cleanFake.Truth()))
	}
	if truthCounts(cleanFake.Truth()) != want {
		t.Fatalf("the two servers serve different books")
	}

	book := openBook(t, dir)
	if got := storedCounts(t, book); got != want {
		t.Errorf("the resumed sync holds %v; the book's truth is %v", got, want)
	}
	sameContent(t, readContent(t, book), readContent(t, cleanBook))
}

// TestSyncInterruptedExits130AndResumes: SIGINT stops a `success-desk sync`
// process with exit code 130 and a message; the source is left idle (not
// failed) with its cursor mid-pass and no scores computed, and the next
// run resumes there and ends with the book's truth.
func TestSyncInterruptedExits130AndResumes(t *testing.T) {
	at := now
	var armed atomic.Bool
	var subsPages atomic.Int32
	victim := make(chan *child, 1)
	fake, url := serveFake(t, stripefake.Options{Subscriptions: 600, Seed: 11, Key: liveKey,
		Now: func() time.Time { return at },
		OnRequest: func(_ int, r *http.Request) {
			if armed.Load() && r.URL.Path == "/v1/subscriptions" && subsPages.Add(1) == 3 {
				if err := (<-victim).cmd.Process.Signal(os.Interrupt); err != nil {
					t.Errorf("interrupt: %v", err)
				}
			}
		}})
	dir := dataDir(t)
	runChild(t, url, "", at, liveKey+"\n", 0, "connect", "stripe", "--data-dir", dir)

	armed.Store(true)
	c := startChild(t, url, liveKey, at, "", "sync", "stripe", "--data-dir", dir)
	victim <- c
	if code := c.wait(); code != ExitInterrupted {
		t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, ExitInterrupted, c.stdout.String(), c.stderr.String())
	}
	armed.Store(false)
	if !strings.HasSuffix(c.stderr.String(), "success-desk: interrupted; the next sync resumes where this one stopped\n") ||
		strings.Contains(c.stderr.String(), "Tallying") || c.stdout.Len() != 0 {
		t.Fatalf("stdout: %q\nstderr: %q", c.stdout.String(), c.stderr.String())
	}
	st := openBook(t, dir)
	mid := stripeSyncRow(t, st)
	if mid.Status != string(store.SyncIdle) || mid.ErrorCount != 0 || mid.LastError != "" || !mid.FullPassOpen ||
		!strings.HasPrefix(mid.Cursor, "subscriptions:sub_") {
		t.Fatalf("state after the interrupt: %+v", mid)
	}
	truth := truthCounts(fake.Truth())
	if got := storedCounts(t, st); got[2] == 0 || got[2] >= truth[2] || got[3] != 0 ||
		count(t, st, "health_snapshots", "") != 0 {
		t.Fatalf("after the interrupt the book holds %v, the truth is %v", got, truth)
	}

	before := len(fake.Requests())
	runChild(t, url, liveKey, at, "", 0, "sync", "--data-dir", dir)
	for _, r := range fake.Requests()[before:] {
		if strings.HasPrefix(r, "GET /v1/customers") {
			t.Fatalf("the sync after the interrupt started over: %s", r)
		}
	}
	if got := storedCounts(t, st); got != truth {
		t.Errorf("after resuming the book holds %v, the truth is %v", got, truth)
	}
	if row := stripeSyncRow(t, st); row.Status != string(store.SyncIdle) || row.FullPassOpen {
		t.Errorf("state after resuming: %+v", row)
	}
}
