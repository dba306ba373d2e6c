package cli

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"successdesk/app"
	"successdesk/backend/appdirs"
	"successdesk/backend/connector/stripe/stripefake"
	"successdesk/backend/domain"
	"successdesk/backend/httpx"
	"successdesk/backend/secrets"
	"successdesk/backend/sources"
	"successdesk/backend/store"
	"successdesk/backend/store/storetest"
)

// The environment of a child process: the test binary run again as the
// success-desk command (see TestMain and childMain).
const (
	// envChild set to "1" makes the test binary run the CLI on its
	// arguments and exit with its code instead of running tests.
	envChild = "SUCCESS_DESK_CLI_CHILD"
	// envChildKey is the Stripe key the child's keyring holds at start.
	// The child keeps its keyring in memory, so it is seeded on every start.
	envChildKey = "SUCCESS_DESK_CLI_CHILD_STRIPE_KEY"
	// envChildNow fixes the desk's clock (RFC 3339), so that two runs
	// score the same book the same way.
	envChildNow = "SUCCESS_DESK_CLI_CHILD_NOW"
)

// liveKey is the key the fake Stripe accepts in these tests.
const liveKey = "sk_test_51CliLiveKey0Q7w"

// deskOpener builds desks with the production opener: the live book in
// --data-dir, base URLs read with getenv, tokens in sec. Unlike main it
// refuses to fall back to the OS config directory.
func deskOpener(sec secrets.Store, getenv func(string) string, now func() time.Time, log *slog.Logger, opts ...httpx.Option) Opener {
	open := NewOpener(DeskConfig{Secrets: sec, Factory: sources.NewFactory(getenv, log, opts...), Log: log, Now: now,
		Version: "test", Started: time.Now()})
	return func(o Options) (*app.Desk, func(), error) {
		if o.DataDir == "" {
			return nil, nil, errors.New("pass --data-dir")
		}
		return open(o)
	}
}

// childMain is the success-desk command inside a child process: main's
// wiring, with an in-memory keyring seeded from envChildKey and the clock
// from envChildNow.
func childMain(args []string) int {
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	sec := secrets.NewMemory()
	if key := os.Getenv(envChildKey); key != "" {
		if err := sec.Set(context.Background(), domain.SourceStripe, key); err != nil {
			fmt.Fprintln(os.Stderr, "success-desk:", domain.ErrorMessage(err))
			return 1
		}
	}
	var now func() time.Time
	if s := os.Getenv(envChildNow); s != "" {
		at, err := time.Parse(time.RFC3339, s)
		if err != nil {
			fmt.Fprintln(os.Stderr, "success-desk: bad", envChildNow)
			return 1
		}
		now = func() time.Time { return at }
	}
	c := &CLI{Open: deskOpener(sec, os.Getenv, now, log), Version: "test",
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	return c.Run(args)
}

// child is one run of the success-desk command in its own process.
type child struct {
	cmd    *exec.Cmd
	stdout bytes.Buffer
	stderr bytes.Buffer
	exited chan struct{} // closed once the process has been waited for
}

// startChild starts success-desk args against the Stripe at url, with key
// in its keyring ("" for none), its clock at now and stdin as its input.
func startChild(t *testing.T, url, key string, now time.Time, stdin string, args ...string) *child {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	c := &child{exited: make(chan struct{})}
	c.cmd = exec.Command(exe, args...)
	c.cmd.Env = append(os.Environ(), envChild+"=1", envChildKey+"="+key, envChildNow+"="+now.Format(time.RFC3339),
		sources.BaseURLEnv(domain.SourceStripe)+"="+url)
	c.cmd.Stdin = strings.NewReader(stdin)
	c.cmd.Stdout, c.cmd.Stderr = &c.stdout, &c.stderr
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		_ = c.cmd.Wait() // the outcome is in c.cmd.ProcessState
		close(c.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-c.exited:
		default:
			_ = c.cmd.Process.Kill()
			<-c.exited
		}
	})
	return c
}

// wait waits for the child to end and returns its exit code (-1 when a
// signal ended it).
func (c *child) wait() int {
	<-c.exited
	return c.cmd.ProcessState.ExitCode()
}

// runChild runs success-desk args to the end and fails t unless it exits
// with want.
func runChild(t *testing.T, url, key string, now time.Time, stdin string, want int, args ...string) *child {
	t.Helper()
	c := startChild(t, url, key, now, stdin, args...)
	if code := c.wait(); code != want {
		t.Fatalf("success-desk %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, want,
			c.stdout.String(), c.stderr.String())
	}
	return c
}

// serveFake serves a generated Stripe book on loopback.
func serveFake(t *testing.T, o stripefake.Options) (*stripefake.Server, string) {
	t.Helper()
	f := stripefake.New(o)
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv.URL
}

// liveDesk runs the CLI in this process on a live book in dir, with an
// in-memory keyring that outlives each command, against the Stripe at url.
// Backoff waits between retries are skipped.
type liveDesk struct {
	t   *testing.T
	dir string
	sec *secrets.Memory
	url string
}

func newLiveDesk(t *testing.T, url string) *liveDesk {
	return &liveDesk{t: t, dir: t.TempDir(), sec: secrets.NewMemory(), url: url}
}

// run executes success-desk args --data-dir dir with stdin as its input.
func (d *liveDesk) run(stdin string, args ...string) (code int, stdout, stderr string) {
	getenv := func(name string) string {
		if name == sources.BaseURLEnv(domain.SourceStripe) {
			return d.url
		}
		return ""
	}
	noWait := httpx.WithSleep(func(ctx context.Context, _ time.Duration) error { return ctx.Err() })
	var out, errb bytes.Buffer
	c := &CLI{Open: deskOpener(d.sec, getenv, nil, nil, noWait), Version: "test",
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb}
	code = c.Run(append(args, "--data-dir", d.dir))
	return code, out.String(), errb.String()
}

// openBook opens the live book in dir for reading; it is closed with t.
func openBook(t *testing.T, dir string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), appdirs.Dirs{Data: dir}.LiveBook())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// syncRow is the Stripe row of sync_state, migration 3's columns included.
type syncRow struct {
	Cursor       string
	Status       string
	LastError    string
	ErrorCount   int
	ItemsSynced  int
	FullPass     int
	FullPassOpen bool
}

func stripeSyncRow(t *testing.T, st *store.Store) syncRow {
	t.Helper()
	var r syncRow
	err := st.DB().QueryRow(`SELECT cursor, status, last_error, error_count, items_synced, full_pass, full_pass_open
		FROM sync_state WHERE source = 'stripe'`).Scan(&r.Cursor, &r.Status, &r.LastError, &r.ErrorCount,
		&r.ItemsSynced, &r.FullPass, &r.FullPassOpen)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// count returns SELECT count(*) FROM table [WHERE where].
func count(t *testing.T, st *store.Store, table, where string) int {
	t.Helper()
	q := `SELECT count(*) FROM ` + table
	if where != "" {
		q += ` WHERE ` + where
	}
	var n int
	if err := st.DB().QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// truthCounts are the sizes a correct Stripe sync of the fake's book
// leaves: accounts, customer keys, revenue sources, invoices and
// payment activities.
func truthCounts(tr stripefake.Truth) [5]int {
	return [5]int{len(tr.Accounts), len(tr.Keys), len(tr.Revenue), len(tr.Invoices), len(tr.Payments)}
}

func storedCounts(t *testing.T, st *store.Store) [5]int {
	t.Helper()
	return [5]int{count(t, st, "accounts", ""), count(t, st, "sync_account_keys", "source = 'stripe'"),
		count(t, st, "revenue_sources", "source = 'stripe'"), count(t, st, "invoices", "source = 'stripe'"),
		count(t, st, "activities", "source = 'stripe' AND kind = 'payment'")}
}

// bookContent is what a live book holds, table by table, as sorted text
// rows. Row ids are replaced by what they point at (an account by its
// domain, name and Stripe customer keys; a revenue source by its external
// id), and the times a run stamps with the wall clock (sync_state's run
// times, the full pass's start in the cursor, snapshot times) are left
// out: two books with equal content hold the same records, none missing
// and none twice.
type bookContent map[string][]string

// contentTables are the tables bookContent reads; ignoredTables are
// every other table of the schema, named so that a new table cannot slip
// past the comparison unnoticed.
var (
	contentTables = []string{"settings", "accounts", "contacts", "revenue_sources", "invoices", "usage_series",
		"activities", "deals", "releases", "enrichments", "routes", "health_current", "health_scores",
		"health_snapshots", "sync_state", "sync_account_keys", "account_domains", "search_deferred"}
	ignoredTables = []string{"schema_migrations", "accounts_fts", "accounts_fts_config", "accounts_fts_data",
		"accounts_fts_docsize", "accounts_fts_idx"}
)

// fullPassStart is the cursor field dating the current full pass by the
// desk's wall clock.
var fullPassStart = regexp.MustCompile(`;f=\d+`)

func readContent(t *testing.T, st *store.Store) bookContent {
	t.Helper()
	db := st.DB()
	var tables []string
	query(t, db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`, func(v []any) {
		tables = append(tables, v[0].(string))
	})
	for _, name := range tables {
		if !slices.Contains(contentTables, name) && !slices.Contains(ignoredTables, name) {
			t.Fatalf("table %s is neither compared nor known to be left out: add it to the comparison", name)
		}
	}

	// Accounts are named by their content and their Stripe customer keys.
	keys := map[int64][]string{}
	query(t, db, `SELECT account_id, key FROM sync_account_keys ORDER BY key`, func(v []any) {
		id := v[0].(int64)
		keys[id] = append(keys[id], v[1].(string))
	})
	acct := map[int64]string{}
	query(t, db, `SELECT id, COALESCE(domain, '<none>'), name FROM accounts`, func(v []any) {
		id := v[0].(int64)
		acct[id] = fmt.Sprintf("%s|%s|%s", v[1], v[2], strings.Join(keys[id], ","))
	})
	named := func(v any) string {
		id, ok := v.(int64)
		if !ok {
			return fmt.Sprintf("<%v>", v)
		}
		if a, ok := acct[id]; ok {
			return a
		}
		return fmt.Sprintf("<account %d missing>", id)
	}

	out := bookContent{}
	// read reads table with q; with byAccount, q's first column is an
	// account id, replaced by the account's name.
	read := func(table string, byAccount bool, q string) {
		out[table] = []string{}
		query(t, db, q, func(v []any) {
			cells := make([]string, len(v))
			for i, c := range v {
				cells[i] = fmt.Sprint(c)
			}
			if byAccount {
				cells[0] = named(v[0])
			}
			out[table] = append(out[table], strings.Join(cells, " | "))
		})
		slices.Sort(out[table])
	}
	read("accounts", true, `SELECT id, primary_email, owner, tracked, search_text, created_by FROM accounts`)
	read("contacts", true, `SELECT account_id, source, external_id, name, email, title FROM contacts`)
	read("revenue_sources", true, `SELECT account_id, source, external_id, product, status, interval, amount_minor,
		currency, mrr_minor, arr_minor, seats, term_start, term_end, trial_end, cancel_at_period_end, sync_key,
		sync_pass FROM revenue_sources`)
	read("invoices", true, `SELECT i.account_id, i.source, i.external_id, COALESCE(r.external_id, '<none>'), i.status,
		i.amount_due_minor, i.amount_paid_minor, i.currency, i.issued_at, i.due_at, i.paid_at, i.attempts,
		i.last_failure_at, i.next_attempt_at, i.failure_reason, i.sync_key, i.sync_pass
		FROM invoices i LEFT JOIN revenue_sources r ON r.id = i.revenue_source_id`)
	// A series is compared week by week (through the usage_weeks view), so
	// the order of its weeks in the stored object does not matter.
	read("usage_series", true, `SELECT account_id, week_start, active_users FROM usage_weeks`)
	read("activities", true, `SELECT account_id, source, external_id, kind, signal, occurred_at, title, body, actor,
		COALESCE(score, '<none>'), sync_key FROM activities`)
	read("deals", true, `SELECT account_id, source, external_id, name, stage, status, value_minor, currency, owner,
		close_date, lost_at, lost_reason, created_at FROM deals`)
	read("enrichments", true, `SELECT account_id, source, industry, employees, location, custom_json FROM enrichments`)
	read("routes", true, `SELECT account_id, from_section, to_section, reason, active FROM routes`)
	read("sync_account_keys", true, `SELECT account_id, source, key, sync_pass, name, domain, email, matched_by FROM sync_account_keys`)
	read("account_domains", true, `SELECT account_id, domain FROM account_domains`)
	read("health_current", true, `SELECT account_id, tracked, score, level, arr_base_minor, COALESCE(active_users, '<none>'),
		renewal_at, factor_count, name, search_text FROM health_current`)
	read("health_scores", true, `SELECT s.account_id, s.score, s.level, s.factors_json, s.missing_json,
		COALESCE(s.active_users, '<none>'), s.licensed_users, COALESCE(s.trend_pct, '<none>'), s.arr_minor,
		s.arr_currency, s.arr_base_minor, s.mrr_minor, s.renewal_at, s.payment_status, s.last_activity_at
		FROM health_scores s JOIN health_current c ON c.account_id = s.account_id AND c.snapshot_id = s.snapshot_id`)
	read("releases", false, `SELECT source, external_id, title, body, url, shipped_at FROM releases`)
	read("settings", false, `SELECT key, value FROM settings`)
	read("search_deferred", false, `SELECT after_id FROM search_deferred`) // empty outside a transaction
	read("health_snapshots", false, `SELECT settings_json, accounts FROM health_snapshots`)
	read("sync_state", false, `SELECT source, cursor, status, last_error, error_count, items_synced, full_pass,
		full_pass_open FROM sync_state`)
	for i, r := range out["sync_state"] {
		out["sync_state"][i] = fullPassStart.ReplaceAllString(r, ";f=<start>")
	}
	return out
}

// query runs q and hands each row's values to row (see storetest.Query).
func query(t *testing.T, db *sql.DB, q string, row func([]any)) { storetest.Query(t, db, q, row) }

// sameContent fails t where got and want differ, naming the first rows
// that differ in each table.
func sameContent(t *testing.T, got, want bookContent) {
	t.Helper()
	for _, table := range contentTables {
		g, w := got[table], want[table]
		if slices.Equal(g, w) {
			continue
		}
		missing, extra := diff(w, g), diff(g, w)
		t.Errorf("%s: %d rows, want %d; %d missing, %d extra\n missing: %s\n extra:   %s", table, len(g), len(w),
			len(missing), len(extra), head(missing), head(extra))
	}
}

// diff returns the rows of a not in b, counting repeats (a multiset
// difference of two sorted lists).
func diff(a, b []string) []string {
	var out []string
	i, j := 0, 0
	for i < len(a) {
		switch {
		case j >= len(b) || a[i] < b[j]:
			out = append(out, a[i])
			i++
		case a[i] > b[j]:
			j++
		default:
			i++
			j++
		}
	}
	return out
}

func head(rows []string) string {
	if len(rows) > 3 {
		return strings.Join(rows[:3], "\n          ") + fmt.Sprintf("\n          … and %d more", len(rows)-3)
	}
	return strings.Join(rows, "\n          ")
}

// dataDir returns a data directory that does not exist yet (the command
// creates it, as on a first run).
func dataDir(t *testing.T) string { return filepath.Join(t.TempDir(), "data") }
