package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// checkpointEvery is the shortest time between two checkpoints: the commits
// of a burst (a sync's pages, a recompute) share one. After a checkpoint
// that found frames in the log, busyEvery replaces it: while commits keep
// coming, the log is folded back often enough to restart (see restart)
// well below journal_size_limit, so that commits overwrite the log file
// rather than grow it.
const (
	checkpointEvery = 500 * time.Millisecond
	busyEvery       = 100 * time.Millisecond
)

// restartFrames is the log length (in pages) from which a checkpoint makes
// sure the log restarts. catchUpRounds bounds the extra checkpoints it then
// runs to copy what commits appended meanwhile; a round that finds no more
// than gateFrames new frames ends them.
const (
	restartFrames = 2048
	catchUpRounds = 4
	gateFrames    = 256
)

// checkpointer copies the write-ahead log back into the database file off
// the writers' path. The write connection runs with wal_autocheckpoint(0),
// so a commit never waits for a checkpoint (SQLite's default makes the
// commit that crosses 1,000 log pages copy them all, fsyncs included).
// After each commit Write calls notify; the checkpointer then runs a
// PASSIVE checkpoint on its own connection, which blocks neither readers
// nor the writer, at most once per checkpointEvery (busyEvery during a
// burst).
//
// SQLite restarts the log (the next commit writes at its start again,
// overwriting the file instead of appending to it, which costs about half
// as much per page) only when a write transaction begins while every
// frame is copied and no reader holds an older snapshot. Under a steady
// stream of commits a checkpoint never catches up on its own, so after
// one that found restartFrames or more, the checkpointer catches up and
// copies the last few frames while it holds the write connection (see
// restart): the writer waits for that short copy, never for the long one.
//
// Durability is unchanged: a committed transaction is in the log, and
// SQLite replays the log on the next open after a crash. Closing the store
// checkpoints the whole log and removes it.
type checkpointer struct {
	db      *sql.DB
	writer  *sql.DB // the store's write pool (one connection); nil: never hold it
	poke    chan struct{}
	stop    context.CancelFunc
	done    chan struct{}
	ran     chan struct{} // receives after each checkpoint when a test listens
	gating  func()        // tests: called before restart takes the write connection
	mu      sync.Mutex
	lastErr error
}

// newCheckpointer opens the checkpointer's connection to path and starts
// it; writer is the store's write pool, which restart holds briefly.
func newCheckpointer(path string, writer *sql.DB) (*checkpointer, error) {
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	ctx, stop := context.WithCancel(context.Background())
	c := &checkpointer{db: db, writer: writer, poke: make(chan struct{}, 1), stop: stop, done: make(chan struct{}),
		ran: make(chan struct{}, 1)}
	go c.loop(ctx)
	return c, nil
}

// notify asks for a checkpoint soon; it never blocks.
func (c *checkpointer) notify() {
	select {
	case c.poke <- struct{}{}:
	default:
	}
}

func (c *checkpointer) loop(ctx context.Context) {
	defer close(c.done)
	for {
		select {
		case <-ctx.Done():
			return
		case <-c.poke:
		}
		log, err := c.restart(ctx)
		c.mu.Lock()
		c.lastErr = err
		c.mu.Unlock()
		select {
		case c.ran <- struct{}{}:
		default:
		}
		every := checkpointEvery
		if log > 0 {
			every = busyEvery
		}
		wait := time.NewTimer(every)
		select {
		case <-ctx.Done():
			wait.Stop()
			return
		case <-wait.C:
		}
	}
}

// passive runs one PASSIVE checkpoint: it returns the log's length and
// how many of its frames are now copied into the file (busy: SQLite could
// not take the checkpoint lock).
func (c *checkpointer) passive(ctx context.Context) (log, copied int, busy bool, err error) {
	var b int
	err = c.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&b, &log, &copied)
	return log, copied, b != 0, err
}

// restart runs a PASSIVE checkpoint and returns the log's length. When
// the log had restartFrames or more frames, it sees to it that the next
// write transaction restarts the log: it repeats the checkpoint for the
// frames commits appended meanwhile, until a round finds no more than
// gateFrames new ones (at most catchUpRounds more rounds), then holds the
// write connection, so that no commit can append more, while it copies
// the rest. A reader's old snapshot can still keep frames from being
// copied; the log then restarts after a later checkpoint.
func (c *checkpointer) restart(ctx context.Context) (int, error) {
	log, _, busy, err := c.passive(ctx)
	if err != nil || busy || log < restartFrames || c.writer == nil {
		return log, err
	}
	first := log
	for i, prev := 0, 0; i < catchUpRounds && log-prev > gateFrames; i++ {
		prev = log
		if log, _, busy, err = c.passive(ctx); err != nil || busy {
			return first, err
		}
		if log < prev { // the log restarted meanwhile
			return first, nil
		}
	}
	if c.gating != nil {
		c.gating()
	}
	w, err := c.writer.Conn(ctx) // waits for the write transaction running now
	if err != nil {
		return first, err
	}
	defer w.Close()
	_, _, _, err = c.passive(ctx)
	return first, err
}

// err is the outcome of the last checkpoint (nil before the first).
func (c *checkpointer) err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lastErr
}

// close stops the checkpointer and closes its connection.
func (c *checkpointer) close() error {
	c.stop()
	<-c.done
	return c.db.Close()
}

// Checkpoint copies the whole write-ahead log into the database file now,
// waiting for readers and the writer as needed (a TRUNCATE checkpoint), and
// reports SQLite's refusal, if any, as an error. Benchmarks call it to start
// each measured run from a quiet file; the app never needs to.
func (s *Store) Checkpoint(ctx context.Context) error {
	var busy, log, done int
	if err := s.ckpt.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &log, &done); err != nil {
		return err
	}
	if busy != 0 {
		return fmt.Errorf("checkpoint: the log is in use (%d of %d pages copied)", done, log)
	}
	return nil
}
