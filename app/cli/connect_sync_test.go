package cli

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"successdesk/backend/connector"
	"successdesk/backend/connector/stripe"
	"successdesk/backend/connector/stripe/stripefake"
	"successdesk/backend/domain"
	"successdesk/backend/store"
)

// leaks returns the first of key, Stripe's masked echo of it and Stripe's
// own error wording found in any of texts, "" when none is.
func leaks(key string, texts ...string) string {
	for _, s := range texts {
		for _, secret := range []string{key, stripefake.Mask(key), "Invalid API Key", `"error"`, "api_error"} {
			if strings.Contains(s, secret) {
				return secret
			}
		}
	}
	return ""
}

// connected reports whether the live book in dir records a Stripe
// connection.
func connected(t *testing.T, dir string) bool {
	t.Helper()
	return count(t, openBook(t, dir), "settings", "key = 'connection.stripe'") == 1
}

// TestConnectChecksTheKeyBeforeSavingIt: connect reads the key from
// standard input and saves it only once Stripe accepted it; a refused key
// exits 1 in plain words that do not repeat it; an unknown source is bad
// usage.
func TestConnectChecksTheKeyBeforeSavingIt(t *testing.T) {
	fake, url := serveFake(t, stripefake.Options{Subscriptions: 20, Seed: 7, Key: liveKey})
	d := newLiveDesk(t, url)
	ctx := context.Background()

	wrong := "sk_test_51CliWrongKey9Zx3"
	code, out, errb := d.run(wrong+"\n", "connect", "stripe")
	if code != 1 || out != "" || !strings.HasPrefix(errb, "success-desk: ") || !strings.Contains(errb, "Stripe refused the key") {
		t.Fatalf("wrong key: exit %d\nstdout: %q\nstderr: %q", code, out, errb)
	}
	if s := leaks(wrong, errb); s != "" {
		t.Errorf("the refusal shows %q: %q", s, errb)
	}
	if has, _ := d.sec.Has(ctx, domain.SourceStripe); has || connected(t, d.dir) {
		t.Fatalf("a refused key was saved (in the keyring: %v)", has)
	}
	if len(fake.Requests()) == 0 {
		t.Fatal("the key was refused without asking Stripe")
	}

	// Nothing to check: no request is made and nothing is saved.
	asked := len(fake.Requests())
	if code, _, errb := d.run("\n", "connect", "stripe"); code != 1 || !strings.Contains(errb, "Paste the Stripe") {
		t.Errorf("empty key: exit %d, %q", code, errb)
	}
	if len(fake.Requests()) != asked || connected(t, d.dir) {
		t.Errorf("an empty key reached Stripe or was saved")
	}

	// The right key, as pasted with spaces and a line break around it.
	code, out, errb = d.run("  "+liveKey+"  \n", "connect", "stripe")
	if code != 0 || !strings.HasPrefix(out, "Connected Stripe (") || !strings.Contains(out, "test mode") ||
		!strings.Contains(out, "success-desk sync") {
		t.Fatalf("right key: exit %d\nstdout: %q\nstderr: %q", code, out, errb)
	}
	if s := leaks(liveKey, out, errb); s != "" {
		t.Errorf("connect shows %q: %q %q", s, out, errb)
	}
	if got, err := d.sec.Get(ctx, domain.SourceStripe); err != nil || got != liveKey {
		t.Fatalf("the keyring holds %q (%v), want the key without its spaces", got, err)
	}
	if !connected(t, d.dir) {
		t.Fatal("the connection was not recorded in the live book")
	}
	if count(t, openBook(t, d.dir), "revenue_sources", "") != 0 {
		t.Error("connect synced; it must only check and save the key")
	}

	for _, args := range [][]string{{"connect", "nosuch"}, {"connect"}, {"connect", "stripe", "extra"}} {
		code, out, errb := d.run(liveKey+"\n", args...)
		if code != 2 || out != "" || !strings.Contains(errb, "Usage:") {
			t.Errorf("%v: exit %d, %q", args, code, errb)
		}
	}
	if _, _, errb := d.run("", "connect", "nosuch"); !strings.Contains(errb, `unknown source "nosuch"`) {
		t.Errorf("connect nosuch: %q", errb)
	}
}

// syncedLine is the line sync prints on standard output for a source that
// synced.
var syncedLine = regexp.MustCompile(`(?m)^Stripe: synced, (\d+) records written$`)

// progressLine is a source's progress line on standard error.
var progressLine = regexp.MustCompile(`^Stripe: (.+…) (\d+)(?: of \d+)?$`)

// syncedData is the part of a book's content that syncs write, without
// the bookkeeping and the scores every run updates.
func syncedData(c bookContent) bookContent {
	out := bookContent{}
	for _, table := range []string{"accounts", "sync_account_keys", "revenue_sources", "invoices", "activities"} {
		out[table] = c[table]
	}
	return out
}

// TestSyncExitCodes: sync exits 3 while nothing is connected, 0 with
// progress on standard error once Stripe synced, 1 when Stripe keeps
// failing and 3 when it refuses the key, in plain words; a failed sync
// keeps everything synced before it, and a new key makes it sync again.
func TestSyncExitCodes(t *testing.T) {
	fake, url := serveFake(t, stripefake.Options{Subscriptions: 150, Seed: 7, Key: liveKey})
	d := newLiveDesk(t, url)

	// Nothing connected: the person must connect a source first.
	for _, args := range [][]string{{"sync"}, {"sync", "stripe"}} {
		code, out, errb := d.run("", args...)
		if code != ExitReconnect || out != "" || !strings.Contains(errb, "Settings → Integrations") ||
			!strings.Contains(errb, "run: success-desk connect ") {
			t.Errorf("%v before connecting: exit %d\nstdout: %q\nstderr: %q", args, code, out, errb)
		}
	}
	// A named source that is not connected is refused before anything
	// runs: no progress lines, the source named.
	if _, _, errb := d.run("", "sync", "stripe"); strings.Contains(errb, connector.PhaseChecking) ||
		!strings.HasPrefix(errb, "success-desk: Stripe is not connected") {
		t.Errorf("sync stripe before connecting says %q", errb)
	}
	if n := len(fake.Requests()); n != 0 {
		t.Fatalf("a sync without a key sent %d requests", n)
	}
	// A source this build has no connector for is a bad argument, not a missing key.
	if code, _, errb := d.run("", "sync", "attio"); code != 2 || !strings.Contains(errb, "Attio cannot be synced yet") ||
		strings.Contains(errb, "connect attio") {
		t.Errorf("sync attio: exit %d, %q", code, errb)
	}
	for _, args := range [][]string{{"sync", "nosuch"}, {"sync", "--no-such-flag"}} {
		if code, _, errb := d.run("", args...); code != 2 || !strings.Contains(errb, "Usage:") {
			t.Errorf("%v: exit %d, %q", args, code, errb)
		}
	}

	if code, _, errb := d.run(liveKey+"\n", "connect", "stripe"); code != 0 {
		t.Fatalf("connect: exit %d, %q", code, errb)
	}
	code, out, errb := d.run("", "sync", "stripe")
	if code != 0 {
		t.Fatalf("sync: exit %d\nstdout: %q\nstderr: %q", code, out, errb)
	}
	m := syncedLine.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("sync printed %q", out)
	}
	written, _ := strconv.Atoi(m[1])
	st := openBook(t, d.dir)
	truth := truthCounts(fake.Truth())
	if got := storedCounts(t, st); got != truth {
		t.Fatalf("the book holds %v (accounts, keys, subscriptions, invoices, failures), the truth is %v", got, truth)
	}
	if row := stripeSyncRow(t, st); row.Status != string(store.SyncIdle) || row.ItemsSynced != written || written == 0 {
		t.Fatalf("sync said %d records written; state %+v", written, row)
	}

	// Progress: the run-wide phases around Stripe's, each of Stripe's
	// phases in order, and a last count that is the number written.
	lines := strings.Split(strings.TrimSpace(errb), "\n")
	if lines[0] != connector.PhaseChecking || lines[len(lines)-1] != connector.PhaseTallying {
		t.Errorf("progress starts %q and ends %q", lines[0], lines[len(lines)-1])
	}
	var phases []string
	last := -1
	for _, l := range lines[1 : len(lines)-1] {
		p := progressLine.FindStringSubmatch(l)
		if p == nil {
			t.Errorf("progress line %q", l)
			continue
		}
		if len(phases) == 0 || phases[len(phases)-1] != p[1] {
			phases = append(phases, p[1])
		}
		last, _ = strconv.Atoi(p[2])
	}
	want := []string{stripe.PhaseCustomers, stripe.PhaseSubscriptions, stripe.PhaseInvoices}
	if !strings.Contains(strings.Join(phases, "|"), strings.Join(want, "|")) {
		t.Errorf("progress phases %q, want %q in this order", phases, want)
	}
	if last != written {
		t.Errorf("the last progress count is %d, the sync wrote %d", last, written)
	}
	kept := syncedData(readContent(t, st))

	// Stripe keeps answering 500: exit 1, a plain message, nothing lost.
	fake.Inject(stripefake.Fault{Kind: stripefake.FaultStatus, Status: 500, Times: -1})
	code, out, errb = d.run("", "sync", "stripe")
	failed := stripeSyncRow(t, st)
	if code != 1 || syncedLine.MatchString(out) || failed.Status != string(store.SyncFailed) || failed.ErrorCount != 1 ||
		!strings.HasSuffix(errb, "success-desk: Stripe: "+failed.LastError+"\n") || !strings.Contains(failed.LastError, "unavailable") {
		t.Fatalf("sync against a failing Stripe: exit %d, state %+v\nstdout: %q\nstderr: %q", code, failed, out, errb)
	}
	if s := leaks(liveKey, out, errb); s != "" {
		t.Errorf("the failure shows %q: %q", s, errb)
	}
	if fake.Faulted() < 2 {
		t.Errorf("the sync gave up after %d failed request(s) without retrying", fake.Faulted())
	}
	sameContent(t, syncedData(readContent(t, st)), kept)

	// Stripe refuses the key: exit 3, a plain message, nothing lost.
	fake.ClearFaults()
	fake.RevokeAfter(len(fake.Requests()))
	code, out, errb = d.run("", "sync")
	refused := stripeSyncRow(t, st)
	if code != ExitReconnect || refused.Status != string(store.SyncReconnect) || refused.ErrorCount != 2 ||
		!strings.Contains(errb, "success-desk: Stripe: "+refused.LastError+"\n") || !strings.Contains(refused.LastError, "credentials") ||
		!strings.Contains(errb, "run: success-desk connect stripe") {
		t.Fatalf("sync with a refused key: exit %d, state %+v\nstdout: %q\nstderr: %q", code, refused, out, errb)
	}
	if s := leaks(liveKey, out, errb); s != "" {
		t.Errorf("the refusal shows %q: %q", s, errb)
	}
	sameContent(t, syncedData(readContent(t, st)), kept)

	// A key Stripe accepts again: connect, and every connected source
	// syncs.
	fake.RevokeAfter(-1)
	if code, _, errb := d.run(liveKey+"\n", "connect", "stripe"); code != 0 {
		t.Fatalf("connect again: exit %d, %q", code, errb)
	}
	if code, out, errb := d.run("", "sync"); code != 0 || !syncedLine.MatchString(out) {
		t.Fatalf("sync after connecting again: exit %d\nstdout: %q\nstderr: %q", code, out, errb)
	}
	if row := stripeSyncRow(t, st); row.Status != string(store.SyncIdle) || row.ErrorCount != 0 || row.LastError != "" {
		t.Errorf("state after syncing again: %+v", row)
	}
	if got := storedCounts(t, st); got != truth {
		t.Errorf("the book holds %v after syncing again, the truth is %v", got, truth)
	}
}
