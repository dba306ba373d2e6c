package store

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
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
