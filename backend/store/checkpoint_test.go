package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCheckpointerTakesCheckpointsOffCommits: the write connection never
// checkpoints on commit, the checkpointer copies a committed write's log
// pages into the file on its own connection, and closing the store folds
// the log in and removes it.
func TestCheckpointerTakesCheckpointsOffCommits(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "book.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var auto int
	if err := st.write.QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&auto); err != nil || auto != 0 {
		t.Fatalf("writer wal_autocheckpoint = %d (err %v), want 0", auto, err)
	}
	select { // drain a run caused by Open's migrations, if any
	case <-st.ckpt.ran:
	default:
	}
	if err := st.Write(ctx, func(tx *Tx) error { return tx.PutSetting(ctx, "checkpoint.test", "value") }); err != nil {
		t.Fatal(err)
	}
	select {
	case <-st.ckpt.ran:
	case <-time.After(10 * time.Second):
		t.Fatal("no checkpoint ran after a commit")
	}
	if err := st.ckpt.err(); err != nil {
		t.Fatalf("checkpoint: %v", err)
	}
	var busy, log, copied int
	if err := st.ckpt.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &log, &copied); err != nil {
		t.Fatal(err)
	}
	if busy != 0 || copied != log {
		t.Errorf("after the background checkpoint: busy %d, %d of %d log pages copied", busy, copied, log)
	}
	if err := st.Checkpoint(ctx); err != nil {
		t.Errorf("Checkpoint: %v", err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the log outlived Close: %v", err)
	}
	st, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var v string
	if err := st.read.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'checkpoint.test'`).Scan(&v); err != nil {
		t.Errorf("the committed setting is gone after reopening: %v", err)
	}
}

// TestCheckpointerRestartsTheLogUnderCommits: after a long log, a commit
// that lands while the checkpoint runs no longer keeps the log growing:
// the checkpointer copies it too, holding the write connection, and the
// next transaction writes the log from its start.
func TestCheckpointerRestartsTheLogUnderCommits(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "book.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	big := strings.Repeat("x", 3000) // about a page a row
	if err := st.Write(ctx, func(tx *Tx) error {
		for i := 0; i < restartFrames+100; i++ {
			if _, err := tx.exec(ctx, `INSERT INTO settings(key, value) VALUES (?, ?)`, fmt.Sprint("big.", i), big); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// A write transaction is open while the checkpoint runs; it commits
	// only once the checkpointer is about to take the write connection.
	inTx, release, wrote := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		wrote <- st.Write(ctx, func(tx *Tx) error {
			close(inTx)
			<-release
			return tx.PutSetting(ctx, "during", big)
		})
	}()
	<-inTx
	c := &checkpointer{db: st.ckpt.db, writer: st.write, gating: func() { close(release) }}
	log, err := c.restart(ctx)
	if err != nil || log < restartFrames {
		t.Fatalf("restart: log %d, err %v", log, err)
	}
	if err := <-wrote; err != nil {
		t.Fatal(err)
	}
	if err := st.Write(ctx, func(tx *Tx) error { return tx.PutSetting(ctx, "after", "v") }); err != nil {
		t.Fatal(err)
	}
	var busy, frames, copied int
	if err := st.ckpt.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &frames, &copied); err != nil {
		t.Fatal(err)
	}
	if frames >= restartFrames {
		t.Errorf("the log holds %d frames after the restart: it kept growing", frames)
	}
	var n int
	if err := st.read.QueryRowContext(ctx, `SELECT count(*) FROM settings WHERE key IN ('during', 'after')`).Scan(&n); err != nil || n != 2 {
		t.Errorf("%d of the 2 commits around the restart are kept (err %v)", n, err)
	}
}
