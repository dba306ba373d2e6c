package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// checkpointEvery is the shortest time between two checkpoints: the commits
// of a burst (a sync's pages, a recompute) share one.
const checkpointEvery = 500 * time.Millisecond

// checkpointer copies the write-ahead log back into the database file off
// the writers' path. The write connection runs with wal_autocheckpoint(0),
// so a commit never waits for a checkpoint (SQLite's default makes the
// commit that crosses 1,000 log pages copy them all, fsyncs included).
// After each commit Write calls notify; the checkpointer then runs a
// PASSIVE checkpoint on its own connection, which blocks neither readers
// nor the writer, at most once per checkpointEvery.
//
// Durability is unchanged: a committed transaction is in the log, and
// SQLite replays the log on the next open after a crash. Closing the store
// checkpoints the whole log and removes it.
type checkpointer struct {
	db      *sql.DB
	poke    chan struct{}
	stop    context.CancelFunc
	done    chan struct{}
	ran     chan struct{} // receives after each checkpoint when a test listens
	mu      sync.Mutex
	lastErr error
}

// newCheckpointer opens the checkpointer's connection to path and starts it.
func newCheckpointer(path string) (*checkpointer, error) {
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	ctx, stop := context.WithCancel(context.Background())
	c := &checkpointer{db: db, poke: make(chan struct{}, 1), stop: stop, done: make(chan struct{}), ran: make(chan struct{}, 1)}
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
		_, err := c.db.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`)
		c.mu.Lock()
		c.lastErr = err
		c.mu.Unlock()
		select {
		case c.ran <- struct{}{}:
		default:
		}
		wait := time.NewTimer(checkpointEvery)
		select {
		case <-ctx.Done():
			wait.Stop()
			return
		case <-wait.C:
		}
	}
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
