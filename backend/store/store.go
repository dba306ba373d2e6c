package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"successdesk/backend/domain"
)

// Store is an open workspace file. It is safe for concurrent use.
type Store struct {
	path  string
	write *sql.DB // one connection: SQLite allows one writer at a time
	read  *sql.DB
	gen   atomic.Int64 // bumped after every committed write; keys read caches
	// dataGen is bumped after a committed write of data (see DataGeneration).
	dataGen atomic.Int64
	cache   genCache[HealthSummary]
	counts  genCache[int]
	// trigramMax is how many trigram matches a book-wide search may have and
	// still be filtered through them (trigramMaxMatches; tests lower it).
	trigramMax int
	shared     sharedStmts // write statements kept prepared across transactions
	driverSt   driverStmts // bulk write statements, prepared on the driver connection (see execDriver)
	ckpt       *checkpointer
}

// dsn builds the connection string in one place. busy_timeout comes first so
// that the pragmas after it wait for a lock instead of failing.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(ON)")
	// Statement journals and sorts stay in memory: on disk, each multi-row
	// upsert's statement journal cost a write syscall per page.
	q.Add("_pragma", "temp_store(MEMORY)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
		q.Add("_pragma", "cache_size(-32768)")   // 32 MiB per reader
		q.Add("_pragma", "mmap_size(268435456)") // map up to 256 MiB of the file
	} else {
		// 8 MiB: the b-trees' inner pages and a write's working set. A
		// larger cache made bulk writes slower: SQLite grows it with fresh
		// page buffers (64 KiB each, see bookPageSize), which the allocator
		// zeroes and hands back, and a 64 MiB cache took a 100,000-account
		// recompute ~15% longer than this one (`make bench`).
		q.Add("_pragma", "cache_size(-8192)")
		// Commits never checkpoint; the checkpointer does, off their path.
		// A log grown by a large write is cut back to 64 MiB once reused.
		q.Add("_pragma", "wal_autocheckpoint(0)")
		q.Add("_pragma", "journal_size_limit(67108864)")
		q.Set("_txlock", "immediate")
	}
	return "file:" + filepath.ToSlash(path) + "?" + q.Encode()
}

// Open opens (creating when missing) the SQLite file at path and migrates it
// to the current schema. The parent directory is created with mode 0700. A
// new book is a copy of the empty-book template when there is one (see
// template.go and WithTemplateDir).
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	w, err := openWriter(ctx, path, optionsOf(opts))
	if err != nil {
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	c, err := newCheckpointer(path)
	if err != nil {
		r.Close()
		w.Close()
		return nil, err
	}
	return &Store{path: path, write: w, read: r, ckpt: c, trigramMax: trigramMaxMatches}, nil
}

// Path is the file the store was opened on.
func (s *Store) Path() string { return s.path }

// Close stops the checkpointer and closes the pools; closing the last
// connection checkpoints the whole log into the file and removes it.
func (s *Store) Close() error {
	s.shared.close()
	// The driver statements are closed on their connection, as database/sql
	// would: once no write holds it.
	if c, err := s.write.Conn(context.Background()); err == nil {
		_ = c.Raw(func(dc any) error { s.driverSt.close(dc); return nil })
		c.Close()
	}
	return errors.Join(s.ckpt.close(), s.read.Close(), s.write.Close())
}

// DB exposes the read pool for benchmarks that compare against raw SQL.
func (s *Store) DB() *sql.DB { return s.read }

// Generation changes after every committed write (and ResetCaches), so a
// cache built from reads stays valid while it is unchanged.
func (s *Store) Generation() int64 { return s.gen.Load() }

// DataGeneration changes after every committed write of synced or account
// data, but not after one that only saved settings or routed accounts, so
// a cache of the book's records (the Contracts ledger, the Convert facts)
// survives a settings change or a route.
func (s *Store) DataGeneration() int64 { return s.dataGen.Load() }

// Write runs fn in one immediate write transaction, committing when fn
// returns nil and rolling back otherwise. A failure of the file itself (a
// full disk, a damaged or read-only book) comes back in plain words as an
// EUnavailable error (see writeError); fn's own errors come back as they are.
func (s *Store) Write(ctx context.Context, fn func(tx *Tx) error) error {
	fresh, data, err := s.writeTx(ctx, fn)
	if err != nil {
		return writeError(s.path, err)
	}
	s.gen.Add(1)
	if data {
		s.dataGen.Add(1)
	}
	s.shared.add(context.WithoutCancel(ctx), s.write, fresh)
	s.ckpt.notify()
	return nil
}

// writeTx is Write's transaction. It runs on a Conn taken from the pool (of
// one), so bulk writes can also reach the driver itself (see execDriver),
// and gives the Conn back before returning (sharing the statements
// prepared, which Write does next, needs the pool). It returns those
// statements' queries and whether the commit changed data (Tx.data).
func (s *Store) writeTx(ctx context.Context, fn func(tx *Tx) error) (fresh []string, data bool, err error) {
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("begin write: %w", err)
	}
	defer conn.Close()
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, false, fmt.Errorf("begin write: %w", err)
	}
	tx := &Tx{tx: sqlTx, conn: conn, stmts: map[string]*sql.Stmt{}, shared: &s.shared, driverSt: &s.driverSt}
	defer tx.closeStmts() // before the Conn goes back: it closes the driver's statements on it
	committed := false
	defer func() {
		if !committed { // an error, or fn panicked
			_ = sqlTx.Rollback()
		}
	}()
	err = fn(tx)
	if err == nil {
		err = tx.flushSearch(ctx)
	}
	if err == nil && tx.snapshot != 0 {
		err = tx.finishSnapshot(ctx)
	}
	if err != nil {
		return nil, false, err
	}
	committed = true
	if err := sqlTx.Commit(); err != nil {
		return nil, false, fmt.Errorf("commit: %w", err)
	}
	return tx.fresh, tx.data, nil
}

// Tx is a write transaction. Its methods prepare each statement once per
// transaction, so bulk writes stay fast; statements of committed
// transactions stay prepared for the next ones (see sharedStmts).
type Tx struct {
	tx         *sql.Tx
	conn       *sql.Conn // the connection tx runs on
	stmts      map[string]*sql.Stmt
	driverSt   *driverStmts // statements of execDriver
	shared     *sharedStmts
	fresh      []string // queries prepared by this transaction alone
	snapshot   int64    // a snapshot begun in this transaction
	snapshotAt time.Time
	changed    int // score rows the snapshot changed
	accounts   int // accounts the snapshot scored, when set by SetSnapshotAccounts
	// batchArgs is AddEncodedBatch's argument list, kept from batch to
	// batch, and valueArgs execValues'.
	batchArgs, valueArgs []driver.NamedValue
	// Score rows above rowid currentFrom are not yet their accounts'
	// current scores (see ApplyCurrent): currentUpdates is set when some of
	// their accounts have one, currentInserts when some do not.
	currentUpdates, currentInserts bool
	currentFrom                    int64
	// data is set by any statement outside bookkeeping (see bookkeeping):
	// the commit then changes the store's DataGeneration.
	data, inBookkeeping bool
	// searchDeferred is set while new accounts wait for the search index
	// (deferSearch); the transaction indexes them before it commits.
	searchDeferred bool
	// freshRuns holds the synced tables whose last chunk in this
	// transaction went in whole as new rows (upsertJoined).
	freshRuns map[string]bool
}

// bookkeeping runs fn with its statements counted as bookkeeping (settings
// and routes), which leaves DataGeneration as it is.
func (t *Tx) bookkeeping(fn func() error) error {
	prev := t.inBookkeeping
	t.inBookkeeping = true
	defer func() { t.inBookkeeping = prev }()
	return fn()
}

// stmt returns the transaction's prepared statement for query, preparing it once.
func (t *Tx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if !t.inBookkeeping {
		t.data = true
	}
	st, ok := t.stmts[query]
	if !ok {
		if kept := t.shared.get(query); kept != nil {
			st = t.tx.StmtContext(ctx, kept)
		} else {
			var err error
			st, err = t.tx.PrepareContext(ctx, query)
			if err != nil {
				return nil, fmt.Errorf("prepare: %w", err)
			}
			t.fresh = append(t.fresh, query)
		}
		t.stmts[query] = st
	}
	return st, nil
}

// maxSharedStmts bounds the statements kept across transactions.
const maxSharedStmts = 512

// sharedStmts keeps statements prepared on the one write connection, so a
// transaction uses them (tx.StmtContext finds them already prepared on its
// connection) instead of compiling its statements again. A statement is
// added after the transaction that first used it commits, while the
// connection is free; the mutex is never held while waiting for it.
type sharedStmts struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

func (c *sharedStmts) get(query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[query]
}

// add prepares queries on db and keeps them; failures only mean no reuse.
func (c *sharedStmts) add(ctx context.Context, db *sql.DB, queries []string) {
	for _, q := range queries {
		c.mu.Lock()
		_, have := c.m[q]
		full := len(c.m) >= maxSharedStmts
		c.mu.Unlock()
		if have || full {
			continue
		}
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		c.mu.Lock()
		if c.m == nil {
			c.m = map[string]*sql.Stmt{}
		}
		if _, have := c.m[q]; have {
			st.Close()
		} else {
			c.m[q] = st
		}
		c.mu.Unlock()
	}
}

func (c *sharedStmts) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	c.m = nil
}

func (t *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// queryRowID runs a statement that returns one id (an upsert's RETURNING id).
func (t *Tx) queryRowID(ctx context.Context, query string, args ...any) (int64, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return 0, err
	}
	var id int64
	err = st.QueryRowContext(ctx, args...).Scan(&id)
	return id, err
}

func (t *Tx) closeStmts() {
	for _, st := range t.stmts {
		st.Close()
	}
}

// ts formats t as RFC 3339 UTC text, or "" for the zero time.
func ts(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// parseTS parses text written by ts; "" and malformed text give the zero time.
func parseTS(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

func notFound(what string) error {
	return domain.Errorf(domain.ENotFound, "%s was not found.", what)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
